package rules

import (
	"github.com/sfcheck/sfcheck/metadata"
)

var ccAPIScopeMissing = register(&Rule{
	Code:     "SF106",
	Name:     "cc-api-scope-missing",
	Severity: Error,
	Kinds:    []metadata.Kind{metadata.KindECA, metadata.KindECAOauthSettings, metadata.KindConnectedApp},
	Summary:  "a client-credentials app's OAuth scopes include neither Api nor Full",
	Doc: `A token can only do what its scopes allow. Without the Api scope ("Manage
user data via APIs") a client-credentials token cannot call the REST or SOAP
API, which is the whole point of a server-to-server app. Full also includes
API access, but see SF107.

An External Client App lists its scopes in commaSeparatedOauthScopes of its
OAuth settings (.ecaOauth); a missing .ecaOauth file means no scopes. A
Connected App lists them as <scopes> elements in oauthConfig. Scope names are
compared exactly: Api, not api (a wrong case is a schema error).`,
	Fix:     "Add Api to commaSeparatedOauthScopes in the .ecaOauth file (Connected App: <scopes>Api</scopes> in oauthConfig).",
	Runtime: "API calls with the token fail with 403 insufficient access / invalid scope",
	Bad: `-- extlClntAppGlobalOauthSets/Api_glbloauth.ecaGlblOauth-meta.xml --
<ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Api</externalClientApplication>
    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
    <label>Api_glbloauth</label>
</ExtlClntAppGlobalOauthSettings>
-- extlClntAppOauthSettings/Api_oauth.ecaOauth-meta.xml --
<ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <commaSeparatedOauthScopes>Web, OpenID</commaSeparatedOauthScopes>
    <externalClientApplication>Api</externalClientApplication>
    <label>Api_oauth</label>
</ExtlClntAppOauthSettings>
`,
	Good: `-- extlClntAppGlobalOauthSets/Api_glbloauth.ecaGlblOauth-meta.xml --
<ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Api</externalClientApplication>
    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
    <label>Api_glbloauth</label>
</ExtlClntAppGlobalOauthSettings>
-- extlClntAppOauthSettings/Api_oauth.ecaOauth-meta.xml --
<ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>
    <externalClientApplication>Api</externalClientApplication>
    <label>Api_oauth</label>
</ExtlClntAppOauthSettings>
`,
	Run: runCCAPIScopeMissing,
})

func hasAPIScope(scopes []string) bool {
	for _, s := range scopes {
		if s == "Api" || s == "Full" {
			return true
		}
	}
	return false
}

func runCCAPIScopeMissing(p *Pass) error {
	for _, a := range p.Index.ECAs {
		if !isCCECA(a, p.Settings) {
			continue
		}
		switch s := a.OauthSettings; {
		case s == nil:
			p.Report(a.Anchor(), "client credentials app %q has no OAuth settings file (.ecaOauth), so its tokens have no scopes: add one with Api in commaSeparatedOauthScopes", a.Name)
		case !hasAPIScope(s.Scopes()):
			p.Report(s.CommaSeparatedOauthScopes, "client credentials app %q has no Api scope, so its tokens cannot call the API: add Api to commaSeparatedOauthScopes", a.Name)
		}
	}
	for _, ca := range p.Index.ConnectedApps {
		if !isCCConnectedApp(ca, p.Settings) {
			continue
		}
		at := ca.Root()
		if oc := ca.OauthConfig; oc != nil {
			var scopes []string
			for _, s := range oc.Scopes {
				scopes = append(scopes, s.Text)
			}
			if hasAPIScope(scopes) {
				continue
			}
			at = oc.Node()
		}
		p.Report(at, "client credentials app %q has no Api scope, so its tokens cannot call the API: add <scopes>Api</scopes> to oauthConfig", ca.Name)
	}
	return nil
}
