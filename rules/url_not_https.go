package rules

import (
	"strings"

	"github.com/sfcheck/sfcheck/metadata"
)

var urlNotHTTPS = register(&Rule{
	Code:     "SF204",
	Name:     "url-not-https",
	Severity: Error,
	Security: true,
	Kinds: []metadata.Kind{metadata.KindExternalCredential, metadata.KindExternalAuthIdentityProvider,
		metadata.KindAuthProvider, metadata.KindNamedCredential, metadata.KindECAGlobalOauth, metadata.KindConnectedApp},
	Summary: "an OAuth or callout endpoint uses plain http",
	Doc: `Tokens, client secrets, authorization codes and callout payloads travel over
these URLs. Over plain http anyone on the path can read or change them, and
Salesforce refuses http for most of them anyway. Loopback hosts (localhost,
127.0.0.0/8, [::1]) are allowed because traffic to them never leaves the
machine.

Checked: External Credential AuthProviderUrl; identity provider TokenUrl,
AuthorizeUrl and UserInfoUrl; AuthProvider tokenUrl, authorizeUrl and
userInfoUrl; Named Credential Url parameter, legacy endpoint and
authTokenEndpointUrl; ECA and Connected App callback URLs (each line).`,
	Fix: "Use https:// for the URL.",
	Bad: `-- namedCredentials/Api.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Api</label>
    <namedCredentialParameters>
        <parameterName>Url</parameterName>
        <parameterType>Url</parameterType>
        <parameterValue>http://api.acme.example.org</parameterValue>
    </namedCredentialParameters>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
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
	Run: runURLNotHTTPS,
})

func runURLNotHTTPS(p *Pass) error {
	for _, ec := range p.Index.ExternalCredentials {
		for _, prm := range ec.Params("AuthProviderUrl") {
			checkHTTPS(p, prm.ParameterValue, "token URL of external credential", ec.Name)
		}
	}
	for _, idp := range p.Index.IdentityProviders {
		for _, prm := range idp.Parameters {
			switch t := prm.ParameterType.Text; t {
			case "TokenUrl", "AuthorizeUrl", "UserInfoUrl":
				checkHTTPS(p, prm.ParameterValue, t+" of identity provider", idp.Name)
			}
		}
	}
	for _, ap := range p.Index.AuthProviders {
		checkHTTPS(p, ap.TokenURL, "tokenUrl of auth provider", ap.Name)
		checkHTTPS(p, ap.AuthorizeURL, "authorizeUrl of auth provider", ap.Name)
		checkHTTPS(p, ap.UserInfoURL, "userInfoUrl of auth provider", ap.Name)
	}
	for _, nc := range p.Index.NamedCredentials {
		for _, prm := range nc.Params("Url") {
			checkHTTPS(p, prm.ParameterValue, "URL of named credential", nc.Name)
		}
		checkHTTPS(p, nc.Endpoint, "endpoint of named credential", nc.Name)
		checkHTTPS(p, nc.AuthTokenEndpointURL, "authTokenEndpointUrl of named credential", nc.Name)
	}
	for _, a := range p.Index.ECAs {
		if a.GlobalOauth != nil {
			checkHTTPS(p, a.GlobalOauth.CallbackURL, "callback URL of app", a.Name)
		}
	}
	for _, ca := range p.Index.ConnectedApps {
		if ca.OauthConfig != nil {
			checkHTTPS(p, ca.OauthConfig.CallbackURL, "callback URL of app", ca.Name)
		}
	}
	return nil
}

// checkHTTPS reports each http URL of v on a host other than loopback.
func checkHTTPS(p *Pass, v metadata.Value, what, name string) {
	if !strings.Contains(v.Text, ":") {
		return
	}
	for _, raw := range callbackURLs(v) {
		u, ok := parseURL(raw)
		if !ok || !strings.EqualFold(u.Scheme, "http") || isLoopbackHost(normalizeHost(u.Hostname())) {
			continue
		}
		p.Report(v, "%s %q uses http (%s://%s): use https", what, name, u.Scheme, u.Host)
	}
}
