package rules

import "github.com/sfcheck/sfcheck/metadata"

var ecaContactEmailMissing = register(&Rule{
	Code:     "SF110",
	Name:     "eca-contact-email-missing",
	Severity: Warning,
	Kinds:    []metadata.Kind{metadata.KindECA},
	Summary:  "an External Client App header has no contact email",
	Doc: `Setup requires a contact email when an External Client App is created, and it
is who Salesforce and other admins reach about the app (for example when its
consumer secret must be rotated). The Metadata API marks the element
optional, so a hand-written header without it may deploy, but the app then
has no owner on record.`,
	Fix: "Add <contactEmail> with a monitored address of the team that owns the integration.",
	Bad: `-- externalClientApps/Api.eca-meta.xml --
<ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
    <distributionState>Local</distributionState>
    <label>Api</label>
</ExternalClientApplication>
`,
	Good: `-- externalClientApps/Api.eca-meta.xml --
<ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
    <contactEmail>integrations@acme.example</contactEmail>
    <distributionState>Local</distributionState>
    <label>Api</label>
</ExternalClientApplication>
`,
	Run: runECAContactEmailMissing,
})

func runECAContactEmailMissing(p *Pass) error {
	for _, a := range p.Index.ECAs {
		if h := a.Header; h != nil && h.ContactEmail.Empty() {
			p.Report(h.ContactEmail, "app %q has no contactEmail: add the address of the team that owns it", a.Name)
		}
	}
	return nil
}
