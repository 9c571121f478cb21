package rules

import "github.com/sfcheck/sfcheck/metadata"

var ncCalloutDisabled = register(&Rule{
	Code:     "SF307",
	Name:     "nc-callout-disabled",
	Severity: Note,
	Kinds:    []metadata.Kind{metadata.KindNamedCredential},
	Summary:  "a Named Credential has callouts disabled",
	Doc: `calloutStatus Disabled makes every callout through the Named Credential
fail. That is right for a credential being retired, and surprising anywhere
else, often a leftover from troubleshooting that got retrieved and committed.`,
	Fix: "Set calloutStatus to Enabled, or delete the Named Credential if it is retired.",
	Bad: `-- namedCredentials/Api.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <calloutStatus>Disabled</calloutStatus>
    <label>Api</label>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
`,
	Good: `-- namedCredentials/Api.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <calloutStatus>Enabled</calloutStatus>
    <label>Api</label>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
`,
	Run: runNCCalloutDisabled,
})

func runNCCalloutDisabled(p *Pass) error {
	for _, nc := range p.Index.NamedCredentials {
		if nc.CalloutStatus.Is("Disabled") {
			p.Report(nc.CalloutStatus, "callouts through named credential %q are disabled", nc.Name)
		}
	}
	return nil
}
