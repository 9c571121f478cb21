package rules

import "github.com/sfcheck/sfcheck/metadata"

var calloutTargetDisabled = register(&Rule{
	Code:     "SF603",
	Name:     "callout-target-disabled",
	Severity: Warning,
	Kinds:    metadata.ReferenceKinds(),
	Related:  []metadata.Kind{metadata.KindNamedCredential},
	Summary:  "a callout reference names a Named Credential whose callouts are disabled",
	Doc: `A Named Credential with calloutStatus Disabled makes every callout through it
fail. SF307 reports the credential; this rule points at the code and
configuration that call out through it, which will fail at run time.
References are found and names matched as SF601 says (ignoring case;
comments, prose, queries and test classes skipped).`,
	Fix:     "Set calloutStatus to Enabled on the Named Credential, or stop calling out through it.",
	Runtime: "System.CalloutException (the Named Credential's callouts are disabled)",
	Bad: `-- flows/Sync_Orders.flow-meta.xml --
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <formulas>
        <name>OrdersEndpoint</name>
        <dataType>String</dataType>
        <expression>"callout:Orders_API/v1/orders"</expression>
    </formulas>
</Flow>
-- namedCredentials/Orders_API.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <calloutStatus>Disabled</calloutStatus>
    <label>Orders API</label>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
`,
	Good: `-- flows/Sync_Orders.flow-meta.xml --
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <formulas>
        <name>OrdersEndpoint</name>
        <dataType>String</dataType>
        <expression>"callout:Orders_API/v1/orders"</expression>
    </formulas>
</Flow>
-- namedCredentials/Orders_API.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <calloutStatus>Enabled</calloutStatus>
    <label>Orders API</label>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
`,
	Run: runCalloutTargetDisabled,
})

func runCalloutTargetDisabled(p *Pass) error {
	for _, rf := range p.Index.References {
		for _, c := range rf.Callouts {
			if nc := p.Index.CalledNamedCredential(c.Name); nc != nil && nc.CalloutStatus.Is("Disabled") {
				p.Report(c.Node, "%s goes through Named Credential %q, whose callouts are disabled", c.Text, nc.Name).
					Also(nc.CalloutStatus, "calloutStatus of Named Credential %q", nc.Name)
			}
		}
	}
	return nil
}
