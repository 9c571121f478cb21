package rules

import "github.com/sfcheck/sfcheck/metadata"

var ccRunAsUserMissing = register(&Rule{
	Code:     "SF102",
	Name:     "cc-run-as-user-missing",
	Severity: Error,
	Kinds:    []metadata.Kind{metadata.KindECA, metadata.KindECAGlobalOauth, metadata.KindECAOauthPolicies, metadata.KindConnectedApp},
	Summary:  "a client-credentials app has no run-as user",
	Doc: `The client credentials flow has no user in the request: Salesforce issues
the token on behalf of the app's execution ("run-as") user, who should be a
dedicated integration user with the API Only permission. An External Client
App names that user in clientCredentialsFlowUser of its OAuth policies
(.ecaOauthPlcy). If the policies file is not in the project, deploy creates
one without a user, so that counts as missing too.

A Connected App names the user in oauthConfig/oauthClientCredentialUser. A
retrieve may leave that field out even when it is set in the org, so for a
Connected App this is a warning that asks you to set it or confirm it.`,
	Fix:     "Add <clientCredentialsFlowUser>integration.user@yourcompany.com</clientCredentialsFlowUser> to the app's .ecaOauthPlcy file (Connected App: oauthClientCredentialUser in oauthConfig).",
	Runtime: "no client credentials user enabled",
	Bad: `-- extlClntAppGlobalOauthSets/Api_glbloauth.ecaGlblOauth-meta.xml --
<ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Api</externalClientApplication>
    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
    <label>Api_glbloauth</label>
</ExtlClntAppGlobalOauthSettings>
-- extlClntAppOauthPolicies/Api_oauthPlcy.ecaOauthPlcy-meta.xml --
<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Api</externalClientApplication>
    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
    <label>Api_oauthPlcy</label>
</ExtlClntAppOauthConfigurablePolicies>
`,
	Good: `-- extlClntAppGlobalOauthSets/Api_glbloauth.ecaGlblOauth-meta.xml --
<ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Api</externalClientApplication>
    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
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
	Run: runCCRunAsUserMissing,
})

func runCCRunAsUserMissing(p *Pass) error {
	for _, a := range p.Index.ECAs {
		if !isCCECA(a, p.Settings) {
			continue
		}
		switch pol := a.OauthPolicies; {
		case pol == nil:
			p.Report(a.Anchor(), "client credentials app %q has no OAuth policies file (.ecaOauthPlcy), so no run-as user: add one with clientCredentialsFlowUser", a.Name)
		case pol.ClientCredentialsFlowUser.Empty():
			p.Report(pol.ClientCredentialsFlowUser, "client credentials flow is enabled but no run-as user is set: add clientCredentialsFlowUser")
		}
	}
	for _, ca := range p.Index.ConnectedApps {
		if !isCCConnectedApp(ca, p.Settings) {
			continue
		}
		at := ca.Root()
		if ca.OauthConfig != nil {
			if !ca.OauthConfig.OauthClientCredentialUser.Empty() {
				continue
			}
			at = ca.OauthConfig.OauthClientCredentialUser.Node()
		}
		p.ReportSeverity(Warning, at, "client credentials flow is enabled but oauthClientCredentialUser is not in the file: set it, or confirm it is set in the org")
	}
	return nil
}
