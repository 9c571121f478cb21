package rules

import "github.com/sfcheck/sfcheck/metadata"

var ccCallbackNotBlank = register(&Rule{
	Code:     "SF104",
	Name:     "cc-callback-not-blank",
	Severity: Warning,
	Security: true,
	Kinds:    []metadata.Kind{metadata.KindECAGlobalOauth, metadata.KindECAOauthPolicies, metadata.KindConnectedApp},
	Summary:  "a client-credentials app with no interactive flow has a live callback URL",
	Doc: `The client credentials flow never redirects a browser, so it never uses the
callback URL. On an app that enables no interactive flow (authorization code
and credentials, device, guest), a real callback URL is only an extra
redirect target that an attacker could try to abuse if another flow were
switched on later. Leave it blank where the type allows it, or use a
placeholder.

Placeholders: an empty value; the hosts localhost, 127.0.0.1 and [::1];
example.com and hosts under .example, .example.com, .test and .invalid; the
org's own My Domain /services/oauth2/callback (the guides' suggested dummy);
and any host listed under placeholderHosts in .sfcheck.yaml. A Connected App
may list several callback URLs, one per line: each is checked.`,
	Fix: "Clear callbackUrl in the .ecaGlblOauth file, or set it to a placeholder such as https://localhost/callback.",
	Bad: `-- extlClntAppGlobalOauthSets/Api_glbloauth.ecaGlblOauth-meta.xml --
<ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <callbackUrl>https://portal.acme-apps.net/oauth/callback</callbackUrl>
    <externalClientApplication>Api</externalClientApplication>
    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
    <label>Api_glbloauth</label>
</ExtlClntAppGlobalOauthSettings>
`,
	Good: `-- extlClntAppGlobalOauthSets/Api_glbloauth.ecaGlblOauth-meta.xml --
<ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <callbackUrl>https://localhost/callback</callbackUrl>
    <externalClientApplication>Api</externalClientApplication>
    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
    <label>Api_glbloauth</label>
</ExtlClntAppGlobalOauthSettings>
`,
	Run: runCCCallbackNotBlank,
})

func runCCCallbackNotBlank(p *Pass) error {
	for _, a := range p.Index.ECAs {
		if a.GlobalOauth == nil || !isCCECA(a, p.Settings) || ecaInteractive(a) {
			continue
		}
		reportLiveCallbacks(p, a.Name, a.GlobalOauth.CallbackURL)
	}
	for _, ca := range p.Index.ConnectedApps {
		if ca.OauthConfig == nil || !isCCConnectedApp(ca, p.Settings) || connectedAppInteractive(ca) {
			continue
		}
		reportLiveCallbacks(p, ca.Name, ca.OauthConfig.CallbackURL)
	}
	return nil
}

func reportLiveCallbacks(p *Pass, app string, v metadata.Value) {
	for _, u := range callbackURLs(v) {
		if !isPlaceholderURL(u, p.Settings) {
			p.Report(v, "client credentials app %q enables no interactive flow but has callback URL %q: clear it or use a placeholder such as https://localhost/callback", app, shownURL(u))
		}
	}
}
