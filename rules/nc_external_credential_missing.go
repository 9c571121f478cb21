package rules

import "github.com/sfcheck/sfcheck/metadata"

var ncExternalCredentialMissing = register(&Rule{
	Code:     "SF301",
	Name:     "nc-external-credential-missing",
	Severity: Error,
	Kinds:    []metadata.Kind{metadata.KindNamedCredential, metadata.KindExternalCredential},
	Summary:  "a Named Credential links an External Credential that is not in the project",
	Doc: `A Named Credential gets its authentication from the External Credential named
in its Authentication parameter (<externalCredential>). If that credential is
not deployed with it, the deploy fails, or, if it exists only in some orgs,
the callout fails there. Names with a namespace prefix (ns__Name) belong to an
installed package and are not expected in the project.`,
	Fix: "Add the External Credential to the project, or correct the name in <externalCredential> (API names are case-sensitive).",
	Bad: `-- namedCredentials/Api.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Api</label>
    <namedCredentialParameters>
        <externalCredential>Api_Credential</externalCredential>
        <parameterName>ExternalCredential</parameterName>
        <parameterType>Authentication</parameterType>
    </namedCredentialParameters>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
`,
	Good: `-- namedCredentials/Api.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Api</label>
    <namedCredentialParameters>
        <externalCredential>Api_Credential</externalCredential>
        <parameterName>ExternalCredential</parameterName>
        <parameterType>Authentication</parameterType>
    </namedCredentialParameters>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
-- externalCredentials/Api_Credential.externalCredential-meta.xml --
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Custom</authenticationProtocol>
    <label>Api Credential</label>
</ExternalCredential>
`,
	Run: runNCExternalCredentialMissing,
})

func runNCExternalCredentialMissing(p *Pass) error {
	for _, nc := range p.Index.NamedCredentials {
		ref, ok := nc.ExternalCredentialRef()
		if !ok || ref.Empty() || isNamespaced(ref.Text) || p.Index.ExternalCredential(ref.Text) != nil {
			continue
		}
		p.Report(ref, "named credential %q links external credential %q, which is not in the project", nc.Name, ref.Text).
			About(metadata.KindExternalCredential, ref.Text)
	}
	return nil
}
