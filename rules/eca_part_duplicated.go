package rules

import "github.com/sfcheck/sfcheck/metadata"

var ecaPartDuplicated = register(&Rule{
	Code:     "SF109",
	Name:     "eca-part-duplicated",
	Severity: Error,
	Kinds:    ecaKinds(),
	Summary:  "two parts of the same kind belong to the same External Client App",
	Doc: `An External Client App has at most one file of each kind: one global OAuth
settings file, one OAuth settings file, one OAuth policies file, one plugin
policies file. Two of a kind (often a UI-retrieved Postman_oauthPlcy next to
a deploy-generated _defaultPolicy, or a copied app whose
<externalClientApplication> was not changed) conflict on deploy, and which
one wins is not defined. sfcheck reads the first by file name; the finding is
on each later one and names the first.`,
	Fix: "Delete the extra file, or point its <externalClientApplication> at the app it belongs to.",
	Bad: `-- extlClntAppOauthPolicies/Api_oauthPlcy.ecaOauthPlcy-meta.xml --
<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Api</externalClientApplication>
</ExtlClntAppOauthConfigurablePolicies>
-- extlClntAppOauthPolicies/Api_defaultPolicy.ecaOauthPlcy-meta.xml --
<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Api</externalClientApplication>
</ExtlClntAppOauthConfigurablePolicies>
`,
	Good: `-- extlClntAppOauthPolicies/Api_oauthPlcy.ecaOauthPlcy-meta.xml --
<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Api</externalClientApplication>
</ExtlClntAppOauthConfigurablePolicies>
-- extlClntAppOauthPolicies/Billing_oauthPlcy.ecaOauthPlcy-meta.xml --
<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Billing</externalClientApplication>
</ExtlClntAppOauthConfigurablePolicies>
`,
	Run: runECAPartDuplicated,
})

func runECAPartDuplicated(p *Pass) error {
	for _, a := range p.Index.ECAs {
		for _, dup := range a.Duplicates {
			var first metadata.Model
			for _, part := range a.Parts() {
				if part.Base().Kind == dup.Base().Kind {
					first = part
				}
			}
			at := dup.Base().Root()
			if ref, ok := ecaRef(dup); ok {
				at = ref.Node()
			}
			if first == nil {
				continue
			}
			p.Report(at, "app %q has a second %s file: an app has one file of each kind", a.Name, dup.Base().Kind).
				Also(first.Base().Root(), "the first %s file of app %q", dup.Base().Kind, a.Name)
		}
	}
	return nil
}
