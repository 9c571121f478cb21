package rules

import "github.com/sfcheck/sfcheck/metadata"

var ecaPartOrphaned = register(&Rule{
	Code:     "SF108",
	Name:     "eca-part-orphaned",
	Severity: Warning,
	Kinds:    ecaKinds(),
	Summary:  "an External Client App part names an app whose header file is not in the project",
	Doc: `Every part of an External Client App (.ecaOauth, .ecaGlblOauth,
.ecaOauthPlcy, .ecaPlcy) names its app in <externalClientApplication>, and the
app itself is the header file, <Name>.eca. A part whose app is not in the
project fails to deploy unless the app already exists in the target org, and
usually means a typo in the name or a header left out of the commit. Parts
are joined to apps by that element only: file names do not matter.`,
	Fix: "Add the app's .eca header to the project, or correct <externalClientApplication> to the app's API name.",
	Bad: `-- extlClntAppOauthPolicies/Api_oauthPlcy.ecaOauthPlcy-meta.xml --
<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Api</externalClientApplication>
</ExtlClntAppOauthConfigurablePolicies>
`,
	Good: `-- extlClntAppOauthPolicies/Api_oauthPlcy.ecaOauthPlcy-meta.xml --
<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Api</externalClientApplication>
</ExtlClntAppOauthConfigurablePolicies>
-- externalClientApps/Api.eca-meta.xml --
<ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
    <contactEmail>admin@acme.example</contactEmail>
    <label>Api</label>
</ExternalClientApplication>
`,
	Run: runECAPartOrphaned,
})

// ecaRef returns the <externalClientApplication> of a part, and false for a header.
func ecaRef(m metadata.Model) (metadata.Value, bool) {
	switch m := m.(type) {
	case *metadata.ECAOauthSettings:
		return m.ExternalClientApplication, true
	case *metadata.ECAGlobalOauth:
		return m.ExternalClientApplication, true
	case *metadata.ECAOauthPolicies:
		return m.ExternalClientApplication, true
	case *metadata.ECAPolicies:
		return m.ExternalClientApplication, true
	case *metadata.ECAOtherPart:
		return m.ExternalClientApplication, true
	}
	return metadata.Value{}, false
}

func runECAPartOrphaned(p *Pass) error {
	for _, a := range p.Index.ECAs {
		if a.Header != nil || a.Name == "" || isNamespaced(a.Name) {
			continue // an empty name is SF005's; a namespaced app is in a package
		}
		for _, part := range append(a.Parts(), a.Duplicates...) {
			if ref, ok := ecaRef(part); ok {
				p.Report(ref, "%s names app %q, whose header (%s.eca) is not in the project", part.Base().Kind, a.Name, a.Name).
					About(metadata.KindECA, a.Name)
			}
		}
	}
	return nil
}
