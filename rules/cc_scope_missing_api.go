package rules

import "github.com/sfcheck/sfcheck/metadata"

var ccScopeMissingAPI = register(&Rule{
	Code:     "SF207",
	Name:     "cc-scope-missing-api",
	Severity: Warning,
	Kinds:    []metadata.Kind{metadata.KindExternalCredential},
	Summary:  "a client-credentials credential for a Salesforce org does not ask for the api scope",
	Doc: `When an External Credential gets its token from a Salesforce org, the token
needs the api scope to call that org's REST API. Without a Scope parameter the
token gets the app's default scopes, which may not include it, and callouts
fail with an insufficient-scope error. Only credentials whose token host is a
Salesforce host are checked: other servers name their scopes differently.`,
	Fix: "Add an AuthParameter named Scope whose value includes api (for example: api).",
	Bad: `-- externalCredentials/Api.externalCredential-meta.xml --
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Oauth</authenticationProtocol>
    <externalCredentialParameters>
        <parameterName>Oauth</parameterName>
        <parameterType>AuthProtocolVariant</parameterType>
        <parameterValue>ClientCredentialsClientSecretBasic</parameterValue>
    </externalCredentialParameters>
    <externalCredentialParameters>
        <parameterName>AuthProviderUrl</parameterName>
        <parameterType>AuthProviderUrl</parameterType>
        <parameterValue>https://acme.my.salesforce.com/services/oauth2/token</parameterValue>
    </externalCredentialParameters>
    <label>Api</label>
</ExternalCredential>
`,
	Good: `-- externalCredentials/Api.externalCredential-meta.xml --
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Oauth</authenticationProtocol>
    <externalCredentialParameters>
        <parameterName>Oauth</parameterName>
        <parameterType>AuthProtocolVariant</parameterType>
        <parameterValue>ClientCredentialsClientSecretBasic</parameterValue>
    </externalCredentialParameters>
    <externalCredentialParameters>
        <parameterName>AuthProviderUrl</parameterName>
        <parameterType>AuthProviderUrl</parameterType>
        <parameterValue>https://acme.my.salesforce.com/services/oauth2/token</parameterValue>
    </externalCredentialParameters>
    <externalCredentialParameters>
        <parameterName>Scope</parameterName>
        <parameterType>AuthParameter</parameterType>
        <parameterValue>api</parameterValue>
    </externalCredentialParameters>
    <label>Api</label>
</ExternalCredential>
`,
	Run: runCCScopeMissingAPI,
})

func runCCScopeMissingAPI(p *Pass) error {
	for _, ec := range p.Index.ExternalCredentials {
		if !isCCCredential(ec, p.Index) || !isSalesforceHost(credentialTokenHost(ec, p.Index)) {
			continue
		}
		var scope *metadata.ExternalCredentialParameter
		for _, prm := range ec.Params("AuthParameter") {
			if prm.ParameterName.Is("Scope") {
				scope = prm
				break
			}
		}
		switch {
		case scope == nil:
			p.Report(ec.Root(), "client credentials external credential %q for a Salesforce org has no Scope parameter: add one with api", ec.Name)
		case !hasToken(scope.ParameterValue.Text, "api"):
			p.Report(scope.ParameterValue, "Scope of external credential %q does not include api, so the token cannot call the org's API", ec.Name)
		}
	}
	return nil
}
