package rules

import "github.com/sfcheck/sfcheck/metadata"

var ecaOrgSpecificLink = register(&Rule{
	Code:     "SF113",
	Name:     "eca-org-specific-link",
	Severity: Warning,
	Kinds:    []metadata.Kind{metadata.KindECA, metadata.KindECAOauthSettings},
	Summary:  "an External Client App file carries values that tie it to the org it was retrieved from",
	Doc: `A retrieve writes two org-specific values into an External Client App: the
OAuth settings' oauthLink (OrgId:ConsumerId of the org's consumer) and the
header's orgScopedExternalApp. Deployed to any other org (a sandbox, a
scratch org, production from a sandbox), the link names a consumer that does
not exist there and the deploy fails. Salesforce's help says to remove the
OAuth link before deploying elsewhere; a file kept for one org only can
suppress this with a reason.`,
	Fix: "Remove <oauthLink> from the .ecaOauth file and <orgScopedExternalApp> from the .eca file before committing them for other orgs.",
	Bad: `-- extlClntAppOauthSettings/Api_oauth.ecaOauth-meta.xml --
<ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>
    <externalClientApplication>Api</externalClientApplication>
    <label>Api_oauth</label>
    <oauthLink>00D5g000004ABCD:0H4Hs000000ABCDEF</oauthLink>
</ExtlClntAppOauthSettings>
`,
	Good: `-- extlClntAppOauthSettings/Api_oauth.ecaOauth-meta.xml --
<ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>
    <externalClientApplication>Api</externalClientApplication>
    <label>Api_oauth</label>
</ExtlClntAppOauthSettings>
`,
	Run: runECAOrgSpecificLink,
})

func runECAOrgSpecificLink(p *Pass) error {
	for _, a := range p.Index.ECAs {
		if s := a.OauthSettings; s != nil && !s.OauthLink.Empty() {
			p.Report(s.OauthLink, "the OAuth settings of app %q carry oauthLink, which names the org they were retrieved from: a deploy to another org fails; remove it", a.Name)
		}
		if h := a.Header; h != nil && !h.OrgScopedExternalApp.Empty() {
			p.Report(h.OrgScopedExternalApp, "app %q carries orgScopedExternalApp, which names the org it was retrieved from: a deploy to another org fails; remove it", a.Name)
		}
	}
	return nil
}
