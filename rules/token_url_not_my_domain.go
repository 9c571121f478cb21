package rules

import (
	"github.com/sfcheck/sfcheck/metadata"
	"strings"
)

var tokenURLNotMyDomain = register(&Rule{
	Code:     "SF202",
	Name:     "token-url-not-my-domain",
	Severity: Error,
	Security: true,
	Kinds: []metadata.Kind{metadata.KindExternalCredential, metadata.KindExternalAuthIdentityProvider,
		metadata.KindAuthProvider, metadata.KindNamedCredential},
	Summary: "a Salesforce token or authorize URL uses a generic login or instance host instead of My Domain",
	Doc: `Salesforce serves the client credentials flow only on the org's My Domain
(https://MyDomainName.my.salesforce.com/services/oauth2/token). The generic
login hosts (login.salesforce.com, test.salesforce.com,
welcome.salesforce.com) do not know which org the client belongs to and answer
the grant with an error, and instance hosts (na123.salesforce.com) tie the
integration to a pod that changes on org migration.

Errors: the AuthProviderUrl of a client-credentials External Credential, and
the TokenUrl and AuthorizeUrl of a client-credentials External Auth Identity
Provider. Notes: the same hosts in an AuthProvider of providerType Salesforce
(tokenUrl, authorizeUrl) and a legacy Named Credential's
authTokenEndpointUrl, where other flows may still work but My Domain is the
recommended host. When .sfcheck.yaml sets myDomain, a My Domain host with
another name is also reported (a token from another org).`,
	Fix:     "Use https://YourMyDomain.my.salesforce.com/services/oauth2/token (sandbox: YourMyDomain--Sandbox.sandbox.my.salesforce.com).",
	Runtime: "unsupported_grant_type / request not supported on this domain",
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
        <parameterValue>https://login.salesforce.com/services/oauth2/token</parameterValue>
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
	Run: runTokenURLNotMyDomain,
})

func runTokenURLNotMyDomain(p *Pass) error {
	for _, ec := range p.Index.ExternalCredentials {
		if u, ok := tokenURL(ec); ok && isCCCredential(ec, p.Index) {
			checkMyDomainURL(p, Error, u, "token URL of client credentials external credential", ec.Name)
		}
	}
	for _, idp := range p.Index.IdentityProviders {
		if !isCCIdentityProvider(idp) {
			continue
		}
		for _, typ := range []string{"TokenUrl", "AuthorizeUrl"} {
			if u, ok := idpURL(idp, typ); ok {
				checkMyDomainURL(p, Error, u, typ+" of client credentials identity provider", idp.Name)
			}
		}
	}
	for _, ap := range p.Index.AuthProviders {
		if !ap.ProviderType.Is("Salesforce") {
			continue
		}
		checkMyDomainURL(p, Note, ap.TokenURL, "tokenUrl of auth provider", ap.Name)
		checkMyDomainURL(p, Note, ap.AuthorizeURL, "authorizeUrl of auth provider", ap.Name)
	}
	for _, nc := range p.Index.NamedCredentials {
		checkMyDomainURL(p, Note, nc.AuthTokenEndpointURL, "authTokenEndpointUrl of named credential", nc.Name)
		// a Named Credential to the generic login host's OAuth path means
		// code calls the token endpoint through it
		if u, ok := nc.URL(); ok {
			if pu, ok := parseURL(u.Text); ok && isGenericLoginHost(normalizeHost(pu.Hostname())) && strings.HasPrefix(strings.ToLower(pu.Path), "/services/oauth2") {
				p.ReportSeverity(Warning, u, "named credential %q calls the generic login host's OAuth endpoint %s: code gets tokens through it; call out to your My Domain's API through an External Credential instead", nc.Name, shownURL(u.Text))
			}
		}
	}
	return nil
}

// checkMyDomainURL reports a Salesforce URL that is not on My Domain; what
// and name say whose URL it is.
func checkMyDomainURL(p *Pass, sev Severity, v metadata.Value, what, name string) {
	h := hostOf(v.Text)
	switch {
	case h == "" || !isSalesforceHost(h):
	case isGenericLoginHost(h):
		p.ReportSeverity(sev, v, "%s %q uses the generic login host %s: use your My Domain host (MyDomainName.my.salesforce.com)", what, name, h)
	case isInstanceHost(h):
		p.ReportSeverity(sev, v, "%s %q uses the instance host %s: use your My Domain host (MyDomainName.my.salesforce.com)", what, name, h)
	case isMyDomainHost(h) && p.Settings.myDomain() != "" && myDomainName(h) != p.Settings.myDomain():
		p.ReportSeverity(sev, v, "%s %q uses My Domain %q, but this project's My Domain is %q (myDomain in .sfcheck.yaml)", what, name, myDomainName(h), p.Settings.myDomain())
	}
}
