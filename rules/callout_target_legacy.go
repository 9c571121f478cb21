package rules

import "github.com/sfcheck/sfcheck/metadata"

var calloutTargetLegacy = register(&Rule{
	Code:     "SF602",
	Name:     "callout-target-legacy",
	Severity: Note,
	Kinds:    metadata.ReferenceKinds(),
	Related:  []metadata.Kind{metadata.KindNamedCredential},
	Summary:  "a callout reference names a legacy Named Credential",
	Doc: `SF306 reports a legacy Named Credential once, where it is defined. This
rule points at every place that calls out through it (Apex, Flows, custom
metadata, labels, registrations), so the reach of its migration to an
External Credential is visible before the change is made. References are
found and names matched as SF601 says (ignoring case; comments, prose,
queries and test classes skipped).`,
	Fix: "Move the Named Credential to an External Credential (SF306); the callers keep their callout:NAME when the new Named Credential keeps the name.",
	Bad: `-- classes/OrdersClient.cls --
public with sharing class OrdersClient {
    public static HttpRequest request() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Orders_API/v1/orders');
        return req;
    }
}
-- namedCredentials/Orders_API.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <endpoint>https://orders.acme.example</endpoint>
    <label>Orders API</label>
    <principalType>NamedUser</principalType>
    <protocol>NoAuthentication</protocol>
</NamedCredential>
`,
	Good: `-- classes/OrdersClient.cls --
public with sharing class OrdersClient {
    public static HttpRequest request() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Orders_API/v1/orders');
        return req;
    }
}
-- namedCredentials/Orders_API.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Orders API</label>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
`,
	Run: runCalloutTargetLegacy,
})

func runCalloutTargetLegacy(p *Pass) error {
	for _, rf := range p.Index.References {
		for _, c := range rf.Callouts {
			if nc := p.Index.CalledNamedCredential(c.Name); nc != nil && nc.IsLegacy() {
				p.Report(c.Node, "%s goes through legacy Named Credential %q, which Salesforce has deprecated", c.Text, nc.Name).
					Also(nc.Root(), "legacy Named Credential %q", nc.Name)
			}
		}
	}
	return nil
}
