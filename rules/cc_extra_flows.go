package rules

import "github.com/sfcheck/sfcheck/metadata"

var ccExtraFlows = register(&Rule{
	Code:     "SF105",
	Name:     "cc-extra-flows",
	Severity: Warning,
	Kinds:    []metadata.Kind{metadata.KindECAGlobalOauth, metadata.KindECAOauthPolicies, metadata.KindConnectedApp},
	Summary:  "a client-credentials app also enables flows a server-to-server app does not need",
	Doc: `A server-to-server integration needs the client credentials flow and nothing
else. Every other flow left on (authorization code and credentials, device,
token exchange, JWT bearer through a certificate, named-user JWT tokens,
refresh token rotation, guest access) is another way to obtain a token from
the same consumer key, with its own risks, for no benefit. The guides' setup
leaves them all off.

Checked: ECA global settings isCodeCredFlowEnabled, isDeviceFlowEnabled,
isTokenExchangeEnabled, isNamedUserJwtEnabled, isRefreshTokenRotationEnabled
and certificate; ECA policies isTokenExchangeFlowEnabled and
isGuestCodeCredFlowEnabled; Connected App oauthConfig
isCodeCredentialEnabled, isTokenExchangeEnabled, isNamedUserJwtEnabled,
isRefreshTokenRotationEnabled and certificate, and oauthPolicy
isTokenExchangeFlowEnabled.`,
	Fix: "Set the extra flow to false (or remove the certificate), or move that use case to an app of its own.",
	Bad: `-- extlClntAppGlobalOauthSets/Api_glbloauth.ecaGlblOauth-meta.xml --
<ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Api</externalClientApplication>
    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
    <isDeviceFlowEnabled>true</isDeviceFlowEnabled>
    <label>Api_glbloauth</label>
</ExtlClntAppGlobalOauthSettings>
`,
	Good: `-- extlClntAppGlobalOauthSets/Api_glbloauth.ecaGlblOauth-meta.xml --
<ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Api</externalClientApplication>
    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
    <isDeviceFlowEnabled>false</isDeviceFlowEnabled>
    <label>Api_glbloauth</label>
</ExtlClntAppGlobalOauthSettings>
`,
	Run: runCCExtraFlows,
})

type namedValue struct {
	name string
	v    metadata.Value
}

func runCCExtraFlows(p *Pass) error {
	for _, a := range p.Index.ECAs {
		if !isCCECA(a, p.Settings) {
			continue
		}
		var buf [8]namedValue // on the stack: a slice per app was 10 MB on 10,000 apps
		on := buf[:0]
		if g := a.GlobalOauth; g != nil {
			on = append(on,
				namedValue{"isCodeCredFlowEnabled", g.IsCodeCredFlowEnabled},
				namedValue{"isDeviceFlowEnabled", g.IsDeviceFlowEnabled},
				namedValue{"isTokenExchangeEnabled", g.IsTokenExchangeEnabled},
				namedValue{"isNamedUserJwtEnabled", g.IsNamedUserJwtEnabled},
				namedValue{"isRefreshTokenRotationEnabled", g.IsRefreshTokenRotationEnabled},
				namedValue{"certificate", g.Certificate})
		}
		if pol := a.OauthPolicies; pol != nil {
			on = append(on,
				namedValue{"isTokenExchangeFlowEnabled", pol.IsTokenExchangeFlowEnabled},
				namedValue{"isGuestCodeCredFlowEnabled", pol.IsGuestCodeCredFlowEnabled})
		}
		reportExtraFlows(p, a.Name, on)
	}
	for _, ca := range p.Index.ConnectedApps {
		if !isCCConnectedApp(ca, p.Settings) {
			continue
		}
		var buf [8]namedValue // on the stack: a slice per app was 10 MB on 10,000 apps
		on := buf[:0]
		if oc := ca.OauthConfig; oc != nil {
			on = append(on,
				namedValue{"isCodeCredentialEnabled", oc.IsCodeCredentialEnabled},
				namedValue{"isTokenExchangeEnabled", oc.IsTokenExchangeEnabled},
				namedValue{"isNamedUserJwtEnabled", oc.IsNamedUserJwtEnabled},
				namedValue{"isRefreshTokenRotationEnabled", oc.IsRefreshTokenRotationEnabled},
				namedValue{"certificate", oc.Certificate})
		}
		if op := ca.OauthPolicy; op != nil {
			on = append(on, namedValue{"isTokenExchangeFlowEnabled", op.IsTokenExchangeFlowEnabled})
		}
		reportExtraFlows(p, ca.Name, on)
	}
	return nil
}

func reportExtraFlows(p *Pass, app string, vals []namedValue) {
	for _, nv := range vals {
		switch {
		case nv.name == "certificate" && !nv.v.Empty():
			p.Report(nv.v, "client credentials app %q carries a certificate, which enables the JWT bearer flow: remove it unless the app needs that flow", app)
		case nv.v.True():
			p.Report(nv.v, "client credentials app %q also enables %s: set it to false unless a server-to-server integration needs it", app, nv.name)
		}
	}
}
