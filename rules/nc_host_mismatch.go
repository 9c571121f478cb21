package rules

import "github.com/sfcheck/sfcheck/metadata"

var ncHostMismatch = register(&Rule{
	Code:     "SF304",
	Name:     "nc-host-mismatch",
	Severity: Warning,
	Kinds:    []metadata.Kind{metadata.KindNamedCredential, metadata.KindExternalCredential, metadata.KindExternalAuthIdentityProvider},
	Summary:  "a Named Credential calls one Salesforce org with a token from another",
	Doc: `A token is valid only in the org that issued it. When a Named Credential's
URL and its credential's token URL are both My Domain hosts but differ, the
token is sent to an org that rejects it (INVALID_SESSION_ID). The token host
is the linked External Credential's AuthProviderUrl, else its identity
provider's TokenUrl; for a legacy Named Credential, its authTokenEndpointUrl.

sfcheck compares only My Domain hosts: a generic login host says nothing
about the org (SF202 reports it), and other Salesforce hosts such as
*.lightning.force.com are other names of the same org. When .sfcheck.yaml
sets myDomain, a Named Credential URL on a My Domain host of another name is
reported too.`,
	Fix:     "Point the Named Credential URL and the token URL at the same org's My Domain.",
	Runtime: "INVALID_SESSION_ID: Session expired or invalid",
	Bad: `-- namedCredentials/Api.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Api</label>
    <namedCredentialParameters>
        <parameterName>Url</parameterName>
        <parameterType>Url</parameterType>
        <parameterValue>https://acme--uat.sandbox.my.salesforce.com</parameterValue>
    </namedCredentialParameters>
    <namedCredentialParameters>
        <externalCredential>Api_Credential</externalCredential>
        <parameterName>ExternalCredential</parameterName>
        <parameterType>Authentication</parameterType>
    </namedCredentialParameters>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
-- externalCredentials/Api_Credential.externalCredential-meta.xml --
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Oauth</authenticationProtocol>
    <externalCredentialParameters>
        <parameterName>AuthProviderUrl</parameterName>
        <parameterType>AuthProviderUrl</parameterType>
        <parameterValue>https://acme.my.salesforce.com/services/oauth2/token</parameterValue>
    </externalCredentialParameters>
    <label>Api Credential</label>
</ExternalCredential>
`,
	Good: `-- namedCredentials/Api.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Api</label>
    <namedCredentialParameters>
        <parameterName>Url</parameterName>
        <parameterType>Url</parameterType>
        <parameterValue>https://acme.my.salesforce.com</parameterValue>
    </namedCredentialParameters>
    <namedCredentialParameters>
        <externalCredential>Api_Credential</externalCredential>
        <parameterName>ExternalCredential</parameterName>
        <parameterType>Authentication</parameterType>
    </namedCredentialParameters>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
-- externalCredentials/Api_Credential.externalCredential-meta.xml --
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Oauth</authenticationProtocol>
    <externalCredentialParameters>
        <parameterName>AuthProviderUrl</parameterName>
        <parameterType>AuthProviderUrl</parameterType>
        <parameterValue>https://acme.my.salesforce.com/services/oauth2/token</parameterValue>
    </externalCredentialParameters>
    <label>Api Credential</label>
</ExternalCredential>
`,
	Run: runNCHostMismatch,
})

func runNCHostMismatch(p *Pass) error {
	for _, nc := range p.Index.NamedCredentials {
		u, ok := nc.URL()
		if !ok {
			continue
		}
		host := hostOf(u.Text)
		if !isMyDomainHost(host) {
			continue
		}
		if md := p.Settings.myDomain(); md != "" && myDomainName(host) != md {
			p.Report(u, "named credential %q calls My Domain %q, but this project's My Domain is %q (myDomain in .sfcheck.yaml)", nc.Name, myDomainName(host), md)
			continue
		}
		var token metadata.Value
		if ref, ok := nc.ExternalCredentialRef(); ok {
			if ec := p.Index.ExternalCredential(ref.Text); ec != nil {
				token, _ = credentialTokenURL(ec, p.Index)
			}
		} else if nc.IsLegacy() {
			token = nc.AuthTokenEndpointURL
		}
		if tokenHost := hostOf(token.Text); isMyDomainHost(tokenHost) && tokenHost != host {
			p.Report(u, "named credential %q calls %s with a token from %s: a token works only in the org that issued it", nc.Name, host, tokenHost).
				Also(token, "where the token comes from")
		}
	}
	return nil
}
