package rules

import "github.com/sfcheck/sfcheck/metadata"

var ccConsumerSecretOptional = register(&Rule{
	Code:     "SF111",
	Name:     "cc-consumer-secret-optional",
	Severity: Warning,
	Security: true,
	Kinds:    []metadata.Kind{metadata.KindECAGlobalOauth, metadata.KindConnectedApp},
	Summary:  "a client-credentials app does not require its consumer secret",
	Doc: `isConsumerSecretOptional true turns off "Require secret for Web Server
Flow": the authorization-code flow then accepts a client that presents only
the consumer key, which is not a secret (it appears in URLs and logs). A
server-to-server app has a secret and nothing to gain from making it
optional; the guides keep the setting on.`,
	Fix: "Set isConsumerSecretOptional to false (or remove it: false is the default).",
	Bad: `-- extlClntAppGlobalOauthSets/Api_glbloauth.ecaGlblOauth-meta.xml --
<ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Api</externalClientApplication>
    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
    <isConsumerSecretOptional>true</isConsumerSecretOptional>
</ExtlClntAppGlobalOauthSettings>
`,
	Good: `-- extlClntAppGlobalOauthSets/Api_glbloauth.ecaGlblOauth-meta.xml --
<ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Api</externalClientApplication>
    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
    <isConsumerSecretOptional>false</isConsumerSecretOptional>
</ExtlClntAppGlobalOauthSettings>
`,
	Run: runCCConsumerSecretOptional,
})

func runCCConsumerSecretOptional(p *Pass) error {
	for _, a := range p.Index.ECAs {
		if g := a.GlobalOauth; g != nil && g.IsConsumerSecretOptional.True() && isCCECA(a, p.Settings) {
			p.Report(g.IsConsumerSecretOptional, "client credentials app %q does not require its consumer secret: set isConsumerSecretOptional to false", a.Name)
		}
	}
	for _, ca := range p.Index.ConnectedApps {
		if oc := ca.OauthConfig; oc != nil && oc.IsConsumerSecretOptional.True() && isCCConnectedApp(ca, p.Settings) {
			p.Report(oc.IsConsumerSecretOptional, "client credentials app %q does not require its consumer secret: set isConsumerSecretOptional to false", ca.Name)
		}
	}
	return nil
}
