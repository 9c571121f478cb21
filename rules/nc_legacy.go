package rules

import "github.com/sfcheck/sfcheck/metadata"

var ncLegacy = register(&Rule{
	Code:     "SF306",
	Name:     "nc-legacy",
	Severity: Warning,
	Kinds:    []metadata.Kind{metadata.KindNamedCredential},
	Summary:  "a Named Credential uses the deprecated legacy format",
	Doc: `Legacy Named Credentials keep the endpoint, the protocol and the credentials
in one component. Salesforce has deprecated them and says they will be
discontinued; they cannot use the client credentials flow with an External
Client App, and they cannot grant access per permission set. A Named
Credential is legacy when namedCredentialType is Legacy, or absent (retrieved
legacy files leave it out).`,
	Fix: "Recreate it as an External Credential plus a Named Credential of type SecuredEndpoint, and grant the principal through a permission set.",
	Bad: `-- namedCredentials/Api.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <endpoint>https://api.acme.example.org</endpoint>
    <label>Api</label>
    <principalType>Anonymous</principalType>
    <protocol>NoAuthentication</protocol>
</NamedCredential>
`,
	Good: `-- namedCredentials/Api.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Api</label>
    <namedCredentialParameters>
        <parameterName>Url</parameterName>
        <parameterType>Url</parameterType>
        <parameterValue>https://api.acme.example.org</parameterValue>
    </namedCredentialParameters>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
`,
	Run: runNCLegacy,
})

func runNCLegacy(p *Pass) error {
	for _, nc := range p.Index.NamedCredentials {
		if !nc.IsLegacy() {
			continue
		}
		if nc.NamedCredentialType.Set {
			p.Report(nc.NamedCredentialType, "named credential %q is a legacy named credential, which Salesforce has deprecated: move it to an external credential", nc.Name)
		} else {
			p.Report(nc.Root(), "named credential %q is a legacy named credential (no namedCredentialType), which Salesforce has deprecated: move it to an external credential", nc.Name)
		}
	}
	return nil
}
