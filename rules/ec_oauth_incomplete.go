package rules

import "github.com/sfcheck/sfcheck/metadata"

var ecOauthIncomplete = register(&Rule{
	Code:     "SF201",
	Name:     "ec-oauth-incomplete",
	Severity: Error,
	Kinds:    []metadata.Kind{metadata.KindExternalCredential},
	Summary:  "an Oauth External Credential has no usable flow or no token URL",
	Doc: `An External Credential with authenticationProtocol Oauth must say how it gets
tokens: either it links an AuthProvider or External Auth Identity Provider
(browser flow, or a provider that holds the endpoints), or it names a flow in
an AuthProtocolVariant parameter. The client-credentials variants
(ClientCredentialsClientSecret, ClientCredentialsClientSecretBasic,
ClientCredentialsJwtAssertion) and JwtBearer also need the token endpoint in an
AuthProviderUrl parameter. Deploy is reported to refuse such a credential with
a message that the protocol "requires the following external credential
parameter types: AuthProtocolVariant, AuthProviderUrl" (wording not confirmed
by Salesforce documentation).`,
	Fix:     "Add an AuthProtocolVariant parameter (for example ClientCredentialsClientSecretBasic) and an AuthProviderUrl parameter with the token endpoint.",
	Runtime: `requires the following external credential parameter types: AuthProtocolVariant, AuthProviderUrl`,
	Bad: `-- externalCredentials/Api.externalCredential-meta.xml --
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Oauth</authenticationProtocol>
    <externalCredentialParameters>
        <parameterName>Oauth</parameterName>
        <parameterType>AuthProtocolVariant</parameterType>
        <parameterValue>ClientCredentialsClientSecretBasic</parameterValue>
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
    <label>Api</label>
</ExternalCredential>
`,
	Run: runECOauthIncomplete,
})

func runECOauthIncomplete(p *Pass) error {
	for _, ec := range p.Index.ExternalCredentials {
		if !ec.AuthenticationProtocol.Is("Oauth") {
			continue
		}
		v := variant(ec)
		_, idpLinked := linkedIdentityProvider(ec)
		idpLinked = idpLinked || standardIdentityProvider(ec) != ""
		apLinked := false
		for _, prm := range ec.Params("AuthProvider") {
			apLinked = apLinked || !prm.AuthProvider.Empty()
		}
		switch {
		case v == nil && !idpLinked && !apLinked:
			p.Report(ec.Root(), "Oauth external credential %q has no flow: add an AuthProtocolVariant parameter, or link an AuthProvider or External Auth Identity Provider", ec.Name)
		case v != nil && (metadata.IsClientCredentialsVariant(v.ParameterValue.Text) || v.ParameterValue.Is("JwtBearer")):
			if _, ok := tokenURL(ec); !ok {
				p.Report(v.ParameterValue, "external credential %q uses flow %s but has no AuthProviderUrl parameter with the token endpoint", ec.Name, v.ParameterValue.Text)
			}
		}
	}
	return nil
}
