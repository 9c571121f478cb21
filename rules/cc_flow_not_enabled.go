package rules

import (
	"strings"

	"github.com/sfcheck/sfcheck/metadata"
)

var ccFlowNotEnabled = register(&Rule{
	Code:     "SF101",
	Name:     "cc-flow-not-enabled",
	Severity: Error,
	Kinds:    []metadata.Kind{metadata.KindECA, metadata.KindECAGlobalOauth, metadata.KindECAOauthPolicies, metadata.KindConnectedApp},
	Summary:  "a client-credentials app does not enable the client credentials flow everywhere it must",
	Doc: `An External Client App switches the client credentials flow on in two
files: the developer's global OAuth settings (.ecaGlblOauth) and the admin's
OAuth policies (.ecaOauthPlcy), each with isClientCredentialsFlowEnabled. The
Metadata API documents each field on its own and does not say in one place
that both are needed; sfcheck reads them that way because each one is
described as enabling the flow for its side, and a token request fails if
either side has it off. A policies file that is not in the project is created
by Salesforce on deploy with the flow off, so it counts as off.

A Connected App needs oauthConfig/isClientCredentialEnabled true.

An app is a client-credentials app when any of its files enables the flow or
names a run-as user, or when .sfcheck.yaml lists it under
clientCredentialsApps. The finding is reported once per app, at the first
place that has the flow off, and names every place.`,
	Fix:     "Set isClientCredentialsFlowEnabled to true in both the .ecaGlblOauth and the .ecaOauthPlcy file of the app (Connected App: isClientCredentialEnabled in oauthConfig).",
	Runtime: "invalid_grant / unsupported_grant_type: client credentials flow is not enabled for this app",
	Bad: `-- externalClientApps/Api.eca-meta.xml --
<ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
    <contactEmail>admin@acme.example</contactEmail>
    <distributionState>Local</distributionState>
    <label>Api</label>
</ExternalClientApplication>
-- extlClntAppGlobalOauthSets/Api_glbloauth.ecaGlblOauth-meta.xml --
<ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Api</externalClientApplication>
    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
    <isPkceRequired>false</isPkceRequired>
    <label>Api_glbloauth</label>
</ExtlClntAppGlobalOauthSettings>
-- extlClntAppOauthPolicies/Api_oauthPlcy.ecaOauthPlcy-meta.xml --
<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
    <clientCredentialsFlowUser>integration@acme.example</clientCredentialsFlowUser>
    <externalClientApplication>Api</externalClientApplication>
    <isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>
    <label>Api_oauthPlcy</label>
</ExtlClntAppOauthConfigurablePolicies>
`,
	Good: `-- externalClientApps/Api.eca-meta.xml --
<ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
    <contactEmail>admin@acme.example</contactEmail>
    <distributionState>Local</distributionState>
    <label>Api</label>
</ExternalClientApplication>
-- extlClntAppGlobalOauthSets/Api_glbloauth.ecaGlblOauth-meta.xml --
<ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Api</externalClientApplication>
    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
    <isPkceRequired>false</isPkceRequired>
    <label>Api_glbloauth</label>
</ExtlClntAppGlobalOauthSettings>
-- extlClntAppOauthPolicies/Api_oauthPlcy.ecaOauthPlcy-meta.xml --
<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
    <clientCredentialsFlowUser>integration@acme.example</clientCredentialsFlowUser>
    <externalClientApplication>Api</externalClientApplication>
    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
    <label>Api_oauthPlcy</label>
</ExtlClntAppOauthConfigurablePolicies>
`,
	Run: runCCFlowNotEnabled,
})

// flowGap is one place where an app has the flow off.
type flowGap struct {
	at   metadata.Node
	what string
}

func runCCFlowNotEnabled(p *Pass) error {
	for _, a := range p.Index.ECAs {
		if !isCCECA(a, p.Settings) {
			continue
		}
		var gaps []flowGap
		switch g := a.GlobalOauth; {
		case g == nil:
			gaps = append(gaps, flowGap{a.Anchor(), "the app has no global OAuth settings file (.ecaGlblOauth)"})
		case !g.IsClientCredentialsFlowEnabled.Set:
			gaps = append(gaps, flowGap{g.IsClientCredentialsFlowEnabled.Node(), "the global OAuth settings do not set isClientCredentialsFlowEnabled"})
		case !g.IsClientCredentialsFlowEnabled.True():
			gaps = append(gaps, flowGap{g.IsClientCredentialsFlowEnabled.Node(), "isClientCredentialsFlowEnabled is " + g.IsClientCredentialsFlowEnabled.Text + " in the global OAuth settings"})
		}
		switch pol := a.OauthPolicies; {
		case pol == nil:
			gaps = append(gaps, flowGap{a.Anchor(), "the app has no OAuth policies file (.ecaOauthPlcy), and the one deploy creates has the flow off"})
		case !pol.IsClientCredentialsFlowEnabled.Set:
			gaps = append(gaps, flowGap{pol.IsClientCredentialsFlowEnabled.Node(), "the OAuth policies do not set isClientCredentialsFlowEnabled (the default is false)"})
		case !pol.IsClientCredentialsFlowEnabled.True():
			gaps = append(gaps, flowGap{pol.IsClientCredentialsFlowEnabled.Node(), "isClientCredentialsFlowEnabled is " + pol.IsClientCredentialsFlowEnabled.Text + " in the OAuth policies"})
		}
		if len(gaps) == 0 {
			continue
		}
		var parts []string
		for _, g := range gaps {
			parts = append(parts, g.what)
		}
		f := p.Report(gaps[0].at, "client credentials app %q does not enable the flow everywhere: %s; set isClientCredentialsFlowEnabled to true in both files",
			a.Name, strings.Join(parts, "; "))
		for _, g := range gaps[1:] {
			if g.at.File != gaps[0].at.File {
				f.Also(g.at, "%s", g.what)
			}
		}
	}
	for _, ca := range p.Index.ConnectedApps {
		if !isCCConnectedApp(ca, p.Settings) {
			continue
		}
		switch oc := ca.OauthConfig; {
		case oc == nil:
			p.Report(ca.Root(), "client credentials app %q has no oauthConfig: add one with isClientCredentialEnabled true", ca.Name)
		case !oc.IsClientCredentialEnabled.True():
			p.Report(oc.IsClientCredentialEnabled, "client credentials app %q does not enable the flow: set oauthConfig/isClientCredentialEnabled to true", ca.Name)
		}
	}
	return nil
}
