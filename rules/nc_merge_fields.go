package rules

import (
	"github.com/sfcheck/sfcheck/metadata"
)

var ncMergeFields = register(&Rule{
	Code:     "SF305",
	Name:     "nc-merge-fields",
	Severity: Warning,
	Security: true,
	Kinds:    []metadata.Kind{metadata.KindNamedCredential},
	Summary:  "a Named Credential with authentication allows credential merge fields where they can leak",
	Doc: `With allowMergeFieldsInBody, Apex can put {!$Credential...} merge fields in
a callout's body, and Salesforce fills in the credential's secrets: any code
that can build a request body can then send a secret anywhere the endpoint
echoes it. allowMergeFieldsInHeader is needed only when the Named Credential
builds a header from a formula itself; otherwise it only widens what Apex
can do. Checked on Named Credentials that authenticate (they link an
External Credential, or a legacy protocol other than NoAuthentication).`,
	Fix: "Set allowMergeFieldsInBody to false, and allowMergeFieldsInHeader to false unless an HttpHeader parameter uses a formula.",
	Bad: `-- namedCredentials/Api.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <allowMergeFieldsInBody>true</allowMergeFieldsInBody>
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
    <allowMergeFieldsInBody>false</allowMergeFieldsInBody>
    <label>Api</label>
    <namedCredentialParameters>
        <externalCredential>Api_Credential</externalCredential>
        <parameterName>ExternalCredential</parameterName>
        <parameterType>Authentication</parameterType>
    </namedCredentialParameters>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
`,
	Run: runNCMergeFields,
})

func runNCMergeFields(p *Pass) error {
	for _, nc := range p.Index.NamedCredentials {
		_, linked := nc.ExternalCredentialRef()
		legacyAuth := nc.IsLegacy() && nc.Protocol.Set && !nc.Protocol.Is("NoAuthentication")
		if !linked && !legacyAuth {
			continue
		}
		if nc.AllowMergeFieldsInBody.True() {
			p.Report(nc.AllowMergeFieldsInBody, "named credential %q lets Apex put credential merge fields in request bodies: set allowMergeFieldsInBody to false", nc.Name)
		}
		if nc.AllowMergeFieldsInHeader.True() && !headerUsesFormula(nc) {
			p.Report(nc.AllowMergeFieldsInHeader, "named credential %q allows credential merge fields in headers but none of its HttpHeader parameters uses a formula: set allowMergeFieldsInHeader to false", nc.Name)
		}
	}
	return nil
}

func headerUsesFormula(nc *metadata.NamedCredential) bool {
	for _, h := range nc.Params("HttpHeader") {
		if isFormula(h.ParameterValue.Text) {
			return true
		}
	}
	return false
}
