package rules

import (
	"strings"

	"github.com/sfcheck/sfcheck/metadata"
)

var tokenURLPath = register(&Rule{
	Code:     "SF203",
	Name:     "token-url-path",
	Severity: Error,
	Kinds: []metadata.Kind{metadata.KindExternalCredential, metadata.KindExternalAuthIdentityProvider,
		metadata.KindAuthProvider, metadata.KindNamedCredential},
	Summary: "a token URL on a Salesforce host does not end in /services/oauth2/token",
	Doc: `Salesforce's OAuth token endpoint is /services/oauth2/token on the org's
host. A token URL on a Salesforce host with another path (the authorize
endpoint, /services/oauth2/callback, a bare host, /services/data) returns an
HTML page or 404 instead of a token, and the callout fails when the token is
fetched.

Checked: External Credential AuthProviderUrl, identity provider TokenUrl,
AuthProvider tokenUrl and legacy Named Credential authTokenEndpointUrl.
Experience Cloud site hosts are not checked: sites serve OAuth under their own
path prefix.`,
	Fix: "Set the path to /services/oauth2/token, for example https://acme.my.salesforce.com/services/oauth2/token.",
	Bad: `-- externalCredentials/Api.externalCredential-meta.xml --
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Oauth</authenticationProtocol>
    <externalCredentialParameters>
        <parameterName>AuthProviderUrl</parameterName>
        <parameterType>AuthProviderUrl</parameterType>
        <parameterValue>https://acme.my.salesforce.com/services/oauth2/authorize</parameterValue>
    </externalCredentialParameters>
    <label>Api</label>
</ExternalCredential>
`,
	Good: `-- externalCredentials/Api.externalCredential-meta.xml --
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Oauth</authenticationProtocol>
    <externalCredentialParameters>
        <parameterName>AuthProviderUrl</parameterName>
        <parameterType>AuthProviderUrl</parameterType>
        <parameterValue>https://acme.my.salesforce.com/services/oauth2/token</parameterValue>
    </externalCredentialParameters>
    <label>Api</label>
</ExternalCredential>
`,
	Run: runTokenURLPath,
})

const tokenPath = "/services/oauth2/token"

func runTokenURLPath(p *Pass) error {
	for _, ec := range p.Index.ExternalCredentials {
		if u, ok := tokenURL(ec); ok {
			checkTokenPath(p, u, "token URL (AuthProviderUrl) of external credential", ec.Name)
		}
	}
	for _, idp := range p.Index.IdentityProviders {
		if u, ok := idpURL(idp, "TokenUrl"); ok {
			checkTokenPath(p, u, "TokenUrl of identity provider", idp.Name)
		}
	}
	for _, ap := range p.Index.AuthProviders {
		checkTokenPath(p, ap.TokenURL, "tokenUrl of auth provider", ap.Name)
	}
	for _, nc := range p.Index.NamedCredentials {
		checkTokenPath(p, nc.AuthTokenEndpointURL, "authTokenEndpointUrl of named credential", nc.Name)
	}
	return nil
}

// checkTokenPath reports a token URL on a Salesforce host with another path.
func checkTokenPath(p *Pass, v metadata.Value, what, name string) {
	u, ok := parseURL(v.Text)
	if !ok || !isSalesforceHost(normalizeHost(u.Hostname())) {
		return
	}
	if path := strings.TrimSuffix(u.Path, "/"); path != tokenPath {
		if path == "" {
			path = "/"
		}
		p.Report(v, "%s %q has path %q: the Salesforce token endpoint is %s", what, name, path, tokenPath)
	}
}
