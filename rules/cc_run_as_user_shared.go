package rules

import (
	"sort"
	"strings"

	"github.com/sfcheck/sfcheck/metadata"
)

var ccRunAsUserShared = register(&Rule{
	Code:     "SF112",
	Name:     "cc-run-as-user-shared",
	Severity: Note,
	Kinds:    []metadata.Kind{metadata.KindECAOauthPolicies, metadata.KindConnectedApp},
	Summary:  "two or more client-credentials apps run as the same user",
	Doc: `Every token of a client-credentials app acts as its run-as user. When several
integrations share one user, the audit trail (login history, field history,
"last modified by") cannot tell them apart, and the user must hold the union
of their permissions, so each integration can do what any of them may.
Give each integration its own app and its own API-only user. Usernames are
compared without case, as Salesforce does.`,
	Fix: "Create a dedicated integration user per app and set it as the app's run-as user.",
	Bad: `-- extlClntAppOauthPolicies/Billing_oauthPlcy.ecaOauthPlcy-meta.xml --
<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
    <clientCredentialsFlowUser>integration@acme.example</clientCredentialsFlowUser>
    <externalClientApplication>Billing</externalClientApplication>
    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
</ExtlClntAppOauthConfigurablePolicies>
-- extlClntAppOauthPolicies/Orders_oauthPlcy.ecaOauthPlcy-meta.xml --
<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
    <clientCredentialsFlowUser>Integration@acme.example</clientCredentialsFlowUser>
    <externalClientApplication>Orders</externalClientApplication>
    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
</ExtlClntAppOauthConfigurablePolicies>
`,
	Good: `-- extlClntAppOauthPolicies/Billing_oauthPlcy.ecaOauthPlcy-meta.xml --
<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
    <clientCredentialsFlowUser>billing.integration@acme.example</clientCredentialsFlowUser>
    <externalClientApplication>Billing</externalClientApplication>
    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
</ExtlClntAppOauthConfigurablePolicies>
-- extlClntAppOauthPolicies/Orders_oauthPlcy.ecaOauthPlcy-meta.xml --
<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
    <clientCredentialsFlowUser>orders.integration@acme.example</clientCredentialsFlowUser>
    <externalClientApplication>Orders</externalClientApplication>
    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
</ExtlClntAppOauthConfigurablePolicies>
`,
	Run: runCCRunAsUserShared,
})

func runCCRunAsUserShared(p *Pass) error {
	type runAs struct {
		app  string
		user metadata.Value
	}
	byUser := map[string][]runAs{}
	for _, a := range p.Index.ECAs {
		if pol := a.OauthPolicies; pol != nil && !pol.ClientCredentialsFlowUser.Empty() && isCCECA(a, p.Settings) {
			u := strings.ToLower(pol.ClientCredentialsFlowUser.Text)
			byUser[u] = append(byUser[u], runAs{a.Name, pol.ClientCredentialsFlowUser})
		}
	}
	for _, ca := range p.Index.ConnectedApps {
		if oc := ca.OauthConfig; oc != nil && !oc.OauthClientCredentialUser.Empty() && isCCConnectedApp(ca, p.Settings) {
			u := strings.ToLower(oc.OauthClientCredentialUser.Text)
			byUser[u] = append(byUser[u], runAs{ca.Name, oc.OauthClientCredentialUser})
		}
	}
	for _, apps := range byUser {
		if len(apps) < 2 {
			continue
		}
		var names []string
		for _, a := range apps {
			names = append(names, a.app)
		}
		sort.Strings(names)
		for _, a := range apps {
			var others []string
			for _, n := range names {
				if n != a.app {
					others = append(others, n)
				}
			}
			f := p.Report(a.user, "app %q runs as %s, as %s does: give each integration its own run-as user", a.app, a.user.Text, quoteList(others))
			for _, o := range apps {
				if o.app != a.app {
					f.Also(o.user, "run-as user of app %q", o.app)
				}
			}
		}
	}
	return nil
}
