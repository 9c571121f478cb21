package rules

import "github.com/sfcheck/sfcheck/metadata"

var fullScope = register(&Rule{
	Code:     "SF107",
	Name:     "full-scope",
	Severity: Warning,
	Security: true,
	Kinds: []metadata.Kind{metadata.KindECAOauthSettings, metadata.KindConnectedApp, metadata.KindExternalCredential,
		metadata.KindNamedCredential, metadata.KindAuthProvider},
	Summary: "an app or credential asks for the Full OAuth scope",
	Doc: `The Full scope grants everything the user can do, including what a later
release adds. An integration should ask only for what it uses (least
privilege): usually Api, sometimes RefreshToken. One of the guides mentions
Full as an option; sfcheck follows the more secure reading and flags it.

Checked: ECA commaSeparatedOauthScopes and Connected App <scopes> (the value
Full), and the OAuth wire scope full in an External Credential Scope
parameter, a legacy Named Credential oauthScope and an AuthProvider
defaultScopes (space-separated lists, compared without case).`,
	Fix: "Replace Full with the scopes the integration needs (Api, and RefreshToken if it refreshes).",
	Bad: `-- extlClntAppOauthSettings/Api_oauth.ecaOauth-meta.xml --
<ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <commaSeparatedOauthScopes>Api, Full</commaSeparatedOauthScopes>
    <externalClientApplication>Api</externalClientApplication>
    <label>Api_oauth</label>
</ExtlClntAppOauthSettings>
`,
	Good: `-- extlClntAppOauthSettings/Api_oauth.ecaOauth-meta.xml --
<ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>
    <externalClientApplication>Api</externalClientApplication>
    <label>Api_oauth</label>
</ExtlClntAppOauthSettings>
`,
	Run: runFullScope,
})

func runFullScope(p *Pass) error {
	for _, a := range p.Index.ECAs {
		if s := a.OauthSettings; s != nil {
			for _, sc := range s.Scopes() {
				if sc == "Full" {
					p.Report(s.CommaSeparatedOauthScopes, "app %q asks for the Full scope: list only the scopes it needs, such as Api", a.Name)
				}
			}
		}
	}
	for _, ca := range p.Index.ConnectedApps {
		if oc := ca.OauthConfig; oc != nil {
			for _, sc := range oc.Scopes {
				if sc.Is("Full") {
					p.Report(sc, "app %q asks for the Full scope: list only the scopes it needs, such as Api", ca.Name)
				}
			}
		}
	}
	for _, ec := range p.Index.ExternalCredentials {
		for _, prm := range ec.Params("AuthParameter") {
			if prm.ParameterName.Is("Scope") && hasToken(prm.ParameterValue.Text, "full") {
				p.Report(prm.ParameterValue, "external credential %q asks for the full scope: list only the scopes it needs, such as api", ec.Name)
			}
		}
	}
	for _, nc := range p.Index.NamedCredentials {
		if hasToken(nc.OauthScope.Text, "full") {
			p.Report(nc.OauthScope, "named credential %q asks for the full scope: list only the scopes it needs, such as api", nc.Name)
		}
	}
	for _, ap := range p.Index.AuthProviders {
		if hasToken(ap.DefaultScopes.Text, "full") {
			p.Report(ap.DefaultScopes, "auth provider %q asks for the full scope by default: list only the scopes it needs, such as api", ap.Name)
		}
	}
	return nil
}
