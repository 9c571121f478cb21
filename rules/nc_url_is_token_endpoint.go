package rules

import (
	"strings"

	"github.com/sfcheck/sfcheck/metadata"
)

var ncURLIsTokenEndpoint = register(&Rule{
	Code:     "SF303",
	Name:     "nc-url-is-token-endpoint",
	Severity: Error,
	Kinds:    []metadata.Kind{metadata.KindNamedCredential},
	Summary:  "a Named Credential's URL is the OAuth token endpoint",
	Doc: `The Named Credential URL is the base of the API the callouts go to
(https://acme.my.salesforce.com); the token endpoint belongs on the External
Credential (AuthProviderUrl) or identity provider. With the token path in the
URL, every callout path is appended to /services/oauth2/token and fails.`,
	Fix: "Set the Named Credential URL to the API host (https://acme.my.salesforce.com) and keep the token URL on the External Credential.",
	Bad: `-- namedCredentials/Api.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Api</label>
    <namedCredentialParameters>
        <parameterName>Url</parameterName>
        <parameterType>Url</parameterType>
        <parameterValue>https://acme.my.salesforce.com/services/oauth2/token</parameterValue>
    </namedCredentialParameters>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
`,
	Good: `-- namedCredentials/Api.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Api</label>
    <namedCredentialParameters>
        <parameterName>Url</parameterName>
        <parameterType>Url</parameterType>
        <parameterValue>https://acme.my.salesforce.com</parameterValue>
    </namedCredentialParameters>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
`,
	Run: runNCURLIsTokenEndpoint,
})

func runNCURLIsTokenEndpoint(p *Pass) error {
	for _, nc := range p.Index.NamedCredentials {
		u, ok := nc.URL()
		if ok && strings.Contains(strings.ToLower(u.Text), tokenPath) {
			p.Report(u, "URL of named credential %q is the token endpoint: use the API's base URL and keep the token URL on the external credential", nc.Name)
		}
	}
	return nil
}
