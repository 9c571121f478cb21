package rules

import "github.com/sfcheck/sfcheck/metadata"

var connectedAppDeprecated = register(&Rule{
	Code:     "SF114",
	Name:     "connected-app-deprecated",
	Severity: Note,
	Kinds:    []metadata.Kind{metadata.KindConnectedApp},
	Summary:  "a Connected App is in source, which new orgs can no longer create",
	Doc: `Since Spring '26, new Connected Apps cannot be created through the Setup UI
or the Metadata API, only installed with a package. A Connected App in source
still deploys to an org that already has it, but a deploy to an org that
lacks it (a new sandbox or scratch org) fails. External Client Apps are the
replacement; the client credentials flow works the same way there.`,
	Fix: "Move the integration to an External Client App (an .eca with its OAuth settings, global OAuth settings and policies), or keep the Connected App only for orgs that already have it.",
	Bad: `-- connectedApps/Billing.connectedApp-meta.xml --
<ConnectedApp xmlns="http://soap.sforce.com/2006/04/metadata">
    <contactEmail>integration-admin@acme.example</contactEmail>
    <label>Billing</label>
</ConnectedApp>
`,
	Good: `-- externalClientApps/Billing.eca-meta.xml --
<ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
    <contactEmail>integration-admin@acme.example</contactEmail>
    <distributionState>Local</distributionState>
    <label>Billing</label>
</ExternalClientApplication>
`,
	Run: runConnectedAppDeprecated,
})

func runConnectedAppDeprecated(p *Pass) error {
	for _, ca := range p.Index.ConnectedApps {
		p.Report(ca.Root(), "Connected App %q: since Spring '26 an org that lacks it cannot create it by deploy; move the integration to an External Client App", ca.Name)
	}
	return nil
}
