package rules

import "github.com/sfcheck/sfcheck/metadata"

var ccPkceRequired = register(&Rule{
	Code:     "SF103",
	Name:     "cc-pkce-required",
	Severity: Error,
	Security: true,
	Kinds:    []metadata.Kind{metadata.KindECAGlobalOauth, metadata.KindConnectedApp, metadata.KindExternalAuthIdentityProvider},
	Summary:  "a client-credentials app or identity provider requires PKCE",
	Doc: `PKCE (Proof Key for Code Exchange) protects the authorization-code flow,
where a browser carries a code back to the client. The client credentials flow
has no code and no browser, so requiring PKCE on a server-to-server app only
adds a requirement the integration cannot meet, and on an identity provider it
makes the token request carry parameters the flow does not define.

For an External Client App, isPkceRequired in the global OAuth settings
defaults to true, so an absent element counts as required: write false
explicitly. A Connected App's isPkceRequired defaults to false. For an
External Auth Identity Provider, sfcheck reads PKCE from the
IdentityProviderOptions parameter named PkceEnabled (the Connect API's name;
its metadata form is not documented yet).`,
	Fix: "Set isPkceRequired to false in the app's .ecaGlblOauth file (Connected App: oauthConfig/isPkceRequired; identity provider: drop the PkceEnabled option).",
	Bad: `-- extlClntAppGlobalOauthSets/Api_glbloauth.ecaGlblOauth-meta.xml --
<ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Api</externalClientApplication>
    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
    <isPkceRequired>true</isPkceRequired>
    <label>Api_glbloauth</label>
</ExtlClntAppGlobalOauthSettings>
`,
	Good: `-- extlClntAppGlobalOauthSets/Api_glbloauth.ecaGlblOauth-meta.xml --
<ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Api</externalClientApplication>
    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
    <isPkceRequired>false</isPkceRequired>
    <label>Api_glbloauth</label>
</ExtlClntAppGlobalOauthSettings>
`,
	Run: runCCPkceRequired,
})

func runCCPkceRequired(p *Pass) error {
	for _, a := range p.Index.ECAs {
		g := a.GlobalOauth
		if g == nil || !isCCECA(a, p.Settings) {
			continue
		}
		switch v := g.IsPkceRequired; {
		case !v.Set:
			p.Report(v, "client credentials app %q leaves isPkceRequired out, and it defaults to true: set it to false", a.Name)
		case v.True():
			p.Report(v, "client credentials app %q requires PKCE, which only the authorization-code flow uses: set isPkceRequired to false", a.Name)
		}
	}
	for _, ca := range p.Index.ConnectedApps {
		if oc := ca.OauthConfig; oc != nil && isCCConnectedApp(ca, p.Settings) && oc.IsPkceRequired.True() {
			p.Report(oc.IsPkceRequired, "client credentials app %q requires PKCE, which only the authorization-code flow uses: set isPkceRequired to false", ca.Name)
		}
	}
	for _, idp := range p.Index.IdentityProviders {
		if opt := idp.Option("PkceEnabled"); opt != nil && isCCIdentityProvider(idp) && opt.ParameterValue.True() {
			p.Report(opt.ParameterValue, "client credentials identity provider %q enables PKCE, which only the authorization-code flow uses: remove the PkceEnabled option", idp.Name)
		}
	}
	return nil
}
