package rules

import (
	"strings"

	"github.com/sfcheck/sfcheck/metadata"
)

var ecIdpMismatch = register(&Rule{
	Code:     "SF209",
	Name:     "ec-idp-mismatch",
	Severity: Error,
	Kinds:    []metadata.Kind{metadata.KindExternalCredential, metadata.KindExternalAuthIdentityProvider, metadata.KindAuthProvider},
	Summary:  "an External Credential and the identity provider it links disagree, or the provider is missing",
	Doc: `An External Credential that links an External Auth Identity Provider (or an
AuthProvider) gets its endpoints and client authentication from it, and the
two must describe the same flow. Reported:

- the linked provider is not in the project (a warning: it may exist in the
  org; names with a namespace prefix belong to a package and are skipped);
- both set a token URL and they differ (the guides: the credential's URL
  "must match" the provider's token endpoint);
- the credential uses a client-credentials variant but the provider runs
  another flow (an AuthProvider always runs a browser flow), or the other
  way round;
- the provider sends the secret in the body (ClientSecretPost) while the
  credential's variant sends it in the header (...ClientSecretBasic), or the
  other way round.`,
	Fix: "Make the credential and the provider agree (same token URL, same flow, same client authentication), or add the provider to the project.",
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
    <externalCredentialParameters>
        <externalAuthIdentityProvider>Same_Org</externalAuthIdentityProvider>
        <parameterName>ExternalAuthIdentityProvider</parameterName>
        <parameterType>ExternalAuthIdentityProvider</parameterType>
    </externalCredentialParameters>
    <label>Api</label>
</ExternalCredential>
-- externalAuthIdentityProviders/Same_Org.externalAuthIdentityProvider-meta.xml --
<ExternalAuthIdentityProvider xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationFlow>ClientCredentials</authenticationFlow>
    <authenticationProtocol>OAuth</authenticationProtocol>
    <externalAuthIdentityProviderParameters>
        <parameterName>TokenUrl</parameterName>
        <parameterType>TokenUrl</parameterType>
        <parameterValue>https://acme--uat.sandbox.my.salesforce.com/services/oauth2/token</parameterValue>
    </externalAuthIdentityProviderParameters>
    <label>Same Org</label>
</ExternalAuthIdentityProvider>
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
        <externalAuthIdentityProvider>Same_Org</externalAuthIdentityProvider>
        <parameterName>ExternalAuthIdentityProvider</parameterName>
        <parameterType>ExternalAuthIdentityProvider</parameterType>
    </externalCredentialParameters>
    <label>Api</label>
</ExternalCredential>
-- externalAuthIdentityProviders/Same_Org.externalAuthIdentityProvider-meta.xml --
<ExternalAuthIdentityProvider xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationFlow>ClientCredentials</authenticationFlow>
    <authenticationProtocol>OAuth</authenticationProtocol>
    <externalAuthIdentityProviderParameters>
        <parameterName>TokenUrl</parameterName>
        <parameterType>TokenUrl</parameterType>
        <parameterValue>https://acme.my.salesforce.com/services/oauth2/token</parameterValue>
    </externalAuthIdentityProviderParameters>
    <label>Same Org</label>
</ExternalAuthIdentityProvider>
`,
	Run: runECIdpMismatch,
})

// sameURL compares URLs the way a server would: scheme and host without
// case, a trailing slash ignored.
func sameURL(a, b string) bool {
	ua, oka := parseURL(a)
	ub, okb := parseURL(b)
	if !oka || !okb {
		return strings.TrimSpace(a) == strings.TrimSpace(b)
	}
	return strings.EqualFold(ua.Scheme, ub.Scheme) && normalizeHost(ua.Hostname()) == normalizeHost(ub.Hostname()) &&
		ua.Port() == ub.Port() && strings.TrimSuffix(ua.Path, "/") == strings.TrimSuffix(ub.Path, "/")
}

func runECIdpMismatch(p *Pass) error {
	for _, ec := range p.Index.ExternalCredentials {
		v := variant(ec)
		ccVariant := v != nil && metadata.IsClientCredentialsVariant(v.ParameterValue.Text)
		url, hasURL := tokenURL(ec)
		if ref, ok := linkedIdentityProvider(ec); ok && !isNamespaced(ref.Text) {
			idp := p.Index.IdentityProvider(ref.Text)
			if idp == nil {
				p.ReportSeverity(Warning, ref, "external credential %q links identity provider %q, which is not in the project", ec.Name, ref.Text).
					About(metadata.KindExternalAuthIdentityProvider, ref.Text)
				continue
			}
			if u, ok := idpURL(idp, "TokenUrl"); ok && hasURL && !sameURL(u.Text, url.Text) {
				p.Report(url, "token URL of external credential %q differs from the TokenUrl of its identity provider %q: they must match", ec.Name, idp.Name).
					Also(u, "TokenUrl of identity provider %q", idp.Name)
			}
			switch {
			case ccVariant && !isCCIdentityProvider(idp):
				p.Report(ref, "external credential %q uses %s, but its identity provider %q runs the %s flow", ec.Name, v.ParameterValue.Text, idp.Name, idp.AuthenticationFlow.Text).
					Also(idp.AuthenticationFlow, "flow of identity provider %q", idp.Name)
			case v != nil && !ccVariant && isCCIdentityProvider(idp):
				p.Report(ref, "external credential %q uses %s, but its identity provider %q runs the client credentials flow", ec.Name, v.ParameterValue.Text, idp.Name).
					Also(idp.AuthenticationFlow, "flow of identity provider %q", idp.Name)
			}
			if ca := idp.Param("ClientAuthentication"); ca != nil && v != nil {
				switch {
				case ca.ParameterValue.Is("ClientSecretPost") && v.ParameterValue.Is("ClientCredentialsClientSecretBasic"),
					ca.ParameterValue.Is("ClientSecretBasic") && v.ParameterValue.Is("ClientCredentialsClientSecret"):
					p.Report(v.ParameterValue, "external credential %q uses %s, but its identity provider %q authenticates with %s: use the same client authentication",
						ec.Name, v.ParameterValue.Text, idp.Name, ca.ParameterValue.Text).
						Also(ca.ParameterValue, "client authentication of identity provider %q", idp.Name)
				}
			}
		}
		for _, prm := range ec.Params("AuthProvider") {
			ref := prm.AuthProvider
			if ref.Empty() || isNamespaced(ref.Text) {
				continue
			}
			ap := p.Index.AuthProvider(ref.Text)
			switch {
			case ap == nil:
				p.ReportSeverity(Warning, ref, "external credential %q links auth provider %q, which is not in the project", ec.Name, ref.Text).
					About(metadata.KindAuthProvider, ref.Text)
			case ccVariant:
				p.Report(ref, "external credential %q uses %s, but auth provider %q runs a browser flow: client credentials need an External Auth Identity Provider or only AuthProviderUrl", ec.Name, v.ParameterValue.Text, ap.Name).
					Also(ap.Root(), "auth provider %q", ap.Name)
			case hasURL && !ap.TokenURL.Empty() && !sameURL(ap.TokenURL.Text, url.Text):
				p.Report(url, "token URL of external credential %q differs from the tokenUrl of its auth provider %q: they must match", ec.Name, ap.Name).
					Also(ap.TokenURL, "tokenUrl of auth provider %q", ap.Name)
			}
		}
	}
	return nil
}
