package rules

import (
	"unicode/utf8"

	"github.com/sfcheck/sfcheck/metadata"
)

var consumerKeyInSource = register(&Rule{
	Code:        "SF402",
	HidesSource: true,
	Name:        "consumer-key-in-source",
	Severity:    Warning,
	Security:    true,
	Kinds:       []metadata.Kind{metadata.KindECAGlobalOauth},
	Summary:     "an External Client App's global OAuth settings, with its consumer key, are in source control",
	Doc: `The global OAuth settings file (.ecaGlblOauth) holds the app's consumer
credentials. Salesforce's documentation says it cannot be packaged and must
not be added to source control: the consumer key identifies the client to
every token endpoint, and the same file is where a consumer secret would be
retrieved. Retrieving it needs special permissions, so a committed copy
usually means a retrieve of everything was committed without review.
sfcheck reports where the key is and its length, never the key.`,
	Fix: "Remove the .ecaGlblOauth file from the repository (and add it to .forceignore); deploy the app's settings from a secure pipeline step instead.",
	Bad: `-- extlClntAppGlobalOauthSets/Api_glbloauth.ecaGlblOauth-meta.xml --
<ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <consumerKey>3MVG9exampleexampleexampleKey</consumerKey>
    <externalClientApplication>Api</externalClientApplication>
</ExtlClntAppGlobalOauthSettings>
`,
	Good: `-- extlClntAppGlobalOauthSets/Api_glbloauth.ecaGlblOauth-meta.xml --
<ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Api</externalClientApplication>
</ExtlClntAppGlobalOauthSettings>
`,
	Run: runConsumerKeyInSource,
})

func runConsumerKeyInSource(p *Pass) error {
	for _, a := range p.Index.ECAs {
		if g := a.GlobalOauth; g != nil && !g.ConsumerKey.Empty() {
			p.Report(g.ConsumerKey, "the global OAuth settings of app %q carry its consumer key (%d characters): keep this file out of source control",
				a.Name, utf8.RuneCountInString(g.ConsumerKey.Text))
		}
	}
	return nil
}
