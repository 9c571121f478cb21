package rules

import "github.com/sfcheck/sfcheck/metadata"

var ccCredentialsInBody = register(&Rule{
	Code:     "SF205",
	Name:     "cc-credentials-in-body",
	Severity: Warning,
	Security: true,
	Kinds:    []metadata.Kind{metadata.KindExternalCredential, metadata.KindExternalAuthIdentityProvider},
	Summary:  "a client-credentials credential sends the client secret in the request body",
	Doc: `OAuth 2.0 (RFC 6749 section 2.3.1) prefers client authentication with HTTP
Basic in the Authorization header; sending client_id and client_secret as form
fields in the body is only for servers that cannot read the header. Bodies are
more often logged and echoed by proxies than headers, and Salesforce's own
token endpoint expects the header. The guides keep "Pass client credentials in
request body" unchecked unless the target requires it.

For an External Credential the body variant is the AuthProtocolVariant value
ClientCredentialsClientSecret (ClientCredentialsClientSecretBasic uses the
header). For an External Auth Identity Provider it is a ClientAuthentication
parameter of ClientSecretPost (the Connect API's value; its metadata form is
not documented yet). When the token host is known and is not a Salesforce
host, the finding is a note: that server may require the body.`,
	Fix: "Use ClientCredentialsClientSecretBasic (identity provider: ClientSecretBasic) unless the token server requires the body.",
	Bad: `-- externalCredentials/Api.externalCredential-meta.xml --
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Oauth</authenticationProtocol>
    <externalCredentialParameters>
        <parameterName>Oauth</parameterName>
        <parameterType>AuthProtocolVariant</parameterType>
        <parameterValue>ClientCredentialsClientSecret</parameterValue>
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
    <label>Api</label>
</ExternalCredential>
`,
	Run: runCCCredentialsInBody,
})

// bodySeverity is a warning unless the token host is known to be someone
// else's server, which may require the body.
func bodySeverity(host string) Severity {
	if host != "" && !isSalesforceHost(host) {
		return Note
	}
	return Warning
}

func runCCCredentialsInBody(p *Pass) error {
	for _, ec := range p.Index.ExternalCredentials {
		v := variant(ec)
		if v == nil || !v.ParameterValue.Is("ClientCredentialsClientSecret") || !isCCCredential(ec, p.Index) {
			continue
		}
		p.ReportSeverity(bodySeverity(credentialTokenHost(ec, p.Index)), v.ParameterValue.Node(),
			"external credential %q sends the client secret in the request body: use ClientCredentialsClientSecretBasic to send it in the Authorization header", ec.Name)
	}
	for _, idp := range p.Index.IdentityProviders {
		ca := idp.Param("ClientAuthentication")
		if ca == nil || !ca.ParameterValue.Is("ClientSecretPost") || !isCCIdentityProvider(idp) {
			continue
		}
		host := ""
		if u, ok := idpURL(idp, "TokenUrl"); ok {
			host = hostOf(u.Text)
		}
		p.ReportSeverity(bodySeverity(host), ca.ParameterValue.Node(),
			"identity provider %q sends the client secret in the request body: use ClientSecretBasic to send it in the Authorization header", idp.Name)
	}
	return nil
}
