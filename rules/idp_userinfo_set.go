package rules

import "github.com/sfcheck/sfcheck/metadata"

var idpUserinfoSet = register(&Rule{
	Code:     "SF210",
	Name:     "idp-userinfo-set",
	Severity: Warning,
	Kinds:    []metadata.Kind{metadata.KindExternalAuthIdentityProvider},
	Summary:  "a client-credentials identity provider sets a user-info URL",
	Doc: `The user-info endpoint returns the user a token belongs to. In the client
credentials flow the token belongs to the app (acting as its run-as user),
so there is no user to look up: the guides leave the field blank. A URL
there is at best unused and at worst a sign the provider was copied from a
browser-flow setup.`,
	Fix: "Remove the UserInfoUrl parameter from the identity provider.",
	Bad: `-- externalAuthIdentityProviders/Same_Org.externalAuthIdentityProvider-meta.xml --
<ExternalAuthIdentityProvider xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationFlow>ClientCredentials</authenticationFlow>
    <authenticationProtocol>OAuth</authenticationProtocol>
    <externalAuthIdentityProviderParameters>
        <parameterName>UserInfoUrl</parameterName>
        <parameterType>UserInfoUrl</parameterType>
        <parameterValue>https://acme.my.salesforce.com/services/oauth2/userinfo</parameterValue>
    </externalAuthIdentityProviderParameters>
    <label>Same Org</label>
</ExternalAuthIdentityProvider>
`,
	Good: `-- externalAuthIdentityProviders/Same_Org.externalAuthIdentityProvider-meta.xml --
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
	Run: runIdpUserinfoSet,
})

func runIdpUserinfoSet(p *Pass) error {
	for _, idp := range p.Index.IdentityProviders {
		if u, ok := idpURL(idp, "UserInfoUrl"); ok && isCCIdentityProvider(idp) {
			p.Report(u, "client credentials identity provider %q sets a UserInfoUrl, but the flow has no user: remove it", idp.Name)
		}
	}
	return nil
}
