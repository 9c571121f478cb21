package rules

import (
	"fmt"
	"strings"

	"github.com/sfcheck/sfcheck/metadata"
)

var calloutTargetMissing = register(&Rule{
	Code:     "SF601",
	Name:     "callout-target-missing",
	Severity: Error,
	Kinds:    metadata.ReferenceKinds(),
	Related:  []metadata.Kind{metadata.KindNamedCredential},
	Summary:  "a callout reference names a Named Credential that is not in the project",
	Doc: `Apex, Flows, custom metadata records and custom labels call out through a
Named Credential by name ('callout:Orders_API/v1/orders'), and an External
Service Registration or External Data Source names one too. Salesforce
resolves the name only when the code runs: a Named Credential that was
renamed, deleted, or never deployed fails every callout at run time.

References are found without parsing: string literals in Apex, and the
values of XML files that are a reference, bare or quoted as a Flow
formula's string ("callout:..." or 'callout:...'). Not taken, since they
are not calls or cannot be checked:

- comments, where old names live on;
- a name built at run time: 'callout:' + name, 'callout:Orders' + suffix
  (the name may go on), a name that ends with '_' ('callout:Orders' +
  '/v1' is checked, in Apex and in a formula alike);
- a name with a namespace prefix (an installed package's credential);
- a reference inside a longer formula or text (as often a comparison or a
  sentence as a call), in a prose element (descriptions, labels, help,
  screen text), or written as CDATA;
- in Apex, a literal passed to a String comparison method (startsWith,
  equals, contains, ...; one compared with == is still taken) or written
  in a SOQL or SOSL query, and test classes (code that carries @isTest:
  their callouts are mocked).

Names are compared ignoring case: Salesforce keeps API names unique
regardless of case, so a reference that differs from a Named Credential
only in case is not reported missing. When a Named Credential's name is a
letter or two from the missing one (a typo, or a rename by a letter), the
message suggests it. A Named Credential that exists only in the org, not
in source, is listed under externalNamedCredentials in .sfcheck.yaml; an
sfcheck-ignore comment in a Flow or another XML file suppresses a
reference there.`,
	Fix:     "Correct the name, add the Named Credential to the project, or list it under externalNamedCredentials in .sfcheck.yaml if it is created in the org.",
	Runtime: "System.CalloutException: Unable to find a named credential",
	Bad: `-- classes/OrdersClient.cls --
public with sharing class OrdersClient {
    public static HttpResponse fetch() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Order_API/v1/orders');
        req.setMethod('GET');
        return new Http().send(req);
    }
}
-- namedCredentials/Orders_API.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Orders API</label>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
`,
	Good: `-- classes/OrdersClient.cls --
public with sharing class OrdersClient {
    public static HttpResponse fetch() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Orders_API/v1/orders');
        req.setMethod('GET');
        return new Http().send(req);
    }
}
-- namedCredentials/Orders_API.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Orders API</label>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
`,
	Run: runCalloutTargetMissing,
})

// suggestBudget bounds the work of the did-you-mean suggestions of a run
// (byte comparisons): tens of milliseconds.
const suggestBudget = 50_000_000

func runCalloutTargetMissing(p *Pass) error {
	external := map[string]bool{} // by lower case
	if p.Settings != nil {
		for _, n := range p.Settings.ExternalNamedCredentials {
			external[strings.ToLower(n)] = true
		}
	}
	near := map[string]*metadata.NamedCredential{} // per missing name
	budget := suggestBudget
	for _, rf := range p.Index.References {
		for _, c := range rf.Callouts {
			if p.Index.CalledNamedCredential(c.Name) != nil || external[strings.ToLower(c.Name)] {
				continue
			}
			nc, seen := near[c.Name]
			if !seen && budget > 0 {
				var spent int
				nc, spent = p.Index.NearNamedCredential(c.Name, budget)
				budget -= spent
				near[c.Name] = nc
			}
			// the suggestion is named, not related: a change to that
			// credential must not bring this finding into a diff run
			hint := ""
			if nc != nil {
				hint = fmt.Sprintf(": did you mean %q?", nc.Name)
			}
			p.Report(c.Node, "%s names Named Credential %q, which is not in the project%s", c.Text, c.Name, hint).
				About(metadata.KindNamedCredential, c.Name)
		}
	}
	return nil
}
