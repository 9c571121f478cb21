package rules

import (
	"strings"

	"github.com/sfcheck/sfcheck/metadata"
)

var calloutHardcodedEndpoint = register(&Rule{
	Code:     "SF604",
	Name:     "callout-hardcoded-endpoint",
	Severity: Warning,
	Kinds:    []metadata.Kind{metadata.KindApexClass, metadata.KindApexTrigger},
	Related:  []metadata.Kind{metadata.KindNamedCredential},
	Summary:  "an Apex class or trigger calls a Salesforce token endpoint, or a host a Named Credential covers, by a literal URL",
	Doc: `Apex that posts to https://MyDomain.my.salesforce.com/services/oauth2/token
itself handles the client secret and the token, which is what External and
Named Credentials exist to do: the secret ends up in code or custom settings,
and nothing refreshes the token. A literal URL whose host a Named Credential
in the project already covers bypasses that credential's authentication the
same way. Both should be callout:NAME.

Only string literals of Apex count (comments are skipped, and test classes).
A token endpoint URL counts wherever it is written (a constant given to
setEndpoint later is as much a call); a URL on a host a Named Credential
covers counts as the argument of setEndpoint or the value of a variable or
field named like an endpoint (endpoint_x in a WSDL2Apex stub), since the
same host in a link to a record is no callout. Queries are skipped. The URL is not printed beyond its host and
path.`,
	Fix: "Call out through the Named Credential: req.setEndpoint('callout:NAME/path'), with an External Credential that holds the client credentials.",
	Bad: `-- classes/TokenClient.cls --
public with sharing class TokenClient {
    public static HttpRequest tokenRequest() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('https://acme.my.salesforce.com/services/oauth2/token');
        req.setMethod('POST');
        return req;
    }
}
`,
	Good: `-- classes/TokenClient.cls --
public with sharing class TokenClient {
    public static HttpRequest accountsRequest() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Same_Org_API/services/data/v64.0/sobjects/Account');
        req.setMethod('GET');
        return req;
    }
}
-- namedCredentials/Same_Org_API.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Same Org API</label>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
`,
	Run: runCalloutHardcodedEndpoint,
})

func runCalloutHardcodedEndpoint(p *Pass) error {
	covered := map[string]*metadata.NamedCredential{} // host -> a Named Credential calling it
	for _, nc := range p.Index.NamedCredentials {
		if u, ok := nc.URL(); ok {
			if h := hostOf(u.Text); h != "" && covered[h] == nil {
				covered[h] = nc
			}
		}
	}
	for _, rf := range p.Index.References {
		if !rf.Kind.ReferenceSource() || (rf.Kind != metadata.KindApexClass && rf.Kind != metadata.KindApexTrigger) {
			continue
		}
		for _, e := range rf.Endpoints {
			u, ok := parseURL(e.URL)
			if !ok {
				continue
			}
			host := normalizeHost(u.Hostname())
			switch {
			case isSalesforceHost(host) && strings.TrimSuffix(u.Path, "/") == tokenPath:
				p.Report(e.Node, "Apex calls the Salesforce token endpoint %s directly: call out through a Named Credential with an External Credential instead", shownURL(e.URL))
			case covered[host] != nil && e.AsEndpoint:
				nc := covered[host]
				u, _ := nc.URL()
				p.Report(e.Node, "Apex calls %s by a literal URL, which Named Credential %q covers: use callout:%s", shownURL(e.URL), nc.Name, nc.Name).
					Also(u, "URL of Named Credential %q", nc.Name)
			}
		}
	}
	return nil
}
