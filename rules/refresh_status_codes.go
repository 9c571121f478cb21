package rules

import (
	"strings"

	"github.com/sfcheck/sfcheck/metadata"
)

var refreshStatusCodes = register(&Rule{
	Code:     "SF206",
	Name:     "refresh-status-codes",
	Severity: Warning,
	Kinds:    []metadata.Kind{metadata.KindExternalCredential},
	Summary:  "a client-credentials credential does not refresh its token on 401 and 403",
	Doc: `The client credentials flow has no refresh token: when the access token
expires or is revoked, Salesforce must fetch a new one, and it does so when a
callout answers with one of the credential's refresh status codes. 401 is one
by default; many APIs (Salesforce among them, for a revoked session or a
changed run-as user) answer 403 instead, and without 403 in the list the
callout fails until the cached token expires on its own. The guides list both
as AdditionalRefreshStatusCode parameters (one code per parameter).

A missing 403 is a warning; a missing 401 alone is a note, since Salesforce
refreshes on 401 anyway. The finding points at the first
AdditionalRefreshStatusCode parameter, or at the credential's root when there
is none.`,
	Fix:     "Add AdditionalRefreshStatusCode parameters with the values 401 and 403.",
	Runtime: "callouts fail with 401/403 until the cached token expires (silent token-refresh failure)",
	Bad: `-- externalCredentials/Api.externalCredential-meta.xml --
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Oauth</authenticationProtocol>
    <externalCredentialParameters>
        <parameterName>Oauth</parameterName>
        <parameterType>AuthProtocolVariant</parameterType>
        <parameterValue>ClientCredentialsClientSecretBasic</parameterValue>
    </externalCredentialParameters>
    <externalCredentialParameters>
        <parameterName>AdditionalRefreshStatusCode</parameterName>
        <parameterType>AdditionalRefreshStatusCode</parameterType>
        <parameterValue>401</parameterValue>
    </externalCredentialParameters>
    <label>Api</label>
</ExternalCredential>
`,
	Good: `-- externalCredentials/Api.externalCredential-meta.xml --
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Oauth</authenticationProtocol>
    <externalCredentialParameters>
        <parameterName>Oauth</parameterName>
        <parameterType>AuthProtocolVariant</parameterType>
        <parameterValue>ClientCredentialsClientSecretBasic</parameterValue>
    </externalCredentialParameters>
    <externalCredentialParameters>
        <parameterName>AdditionalRefreshStatusCode</parameterName>
        <parameterType>AdditionalRefreshStatusCode</parameterType>
        <parameterValue>401</parameterValue>
    </externalCredentialParameters>
    <externalCredentialParameters>
        <parameterName>AdditionalRefreshStatusCode</parameterName>
        <parameterType>AdditionalRefreshStatusCode</parameterType>
        <parameterValue>403</parameterValue>
    </externalCredentialParameters>
    <label>Api</label>
</ExternalCredential>
`,
	Run: runRefreshStatusCodes,
})

func runRefreshStatusCodes(p *Pass) error {
	for _, ec := range p.Index.ExternalCredentials {
		if !isCCCredential(ec, p.Index) {
			continue
		}
		params := ec.Params("AdditionalRefreshStatusCode")
		codes := map[string]bool{}
		for _, prm := range params {
			// one code per parameter; a list in one value is a schema error
			// reported elsewhere, but its codes still count here
			for _, c := range strings.FieldsFunc(prm.ParameterValue.Text, func(r rune) bool { return r == ',' || r == ' ' }) {
				codes[c] = true
			}
		}
		at := ec.Root()
		if len(params) > 0 {
			at = params[0].Node()
		}
		switch {
		case !codes["403"] && !codes["401"]:
			p.Report(at, "client credentials external credential %q does not refresh its token on 401 or 403: add AdditionalRefreshStatusCode parameters 401 and 403", ec.Name)
		case !codes["403"]:
			p.Report(at, "client credentials external credential %q does not refresh its token on 403: add an AdditionalRefreshStatusCode parameter 403", ec.Name)
		case !codes["401"]:
			p.ReportSeverity(Note, at, "client credentials external credential %q lists 403 but not 401 in AdditionalRefreshStatusCode: add 401 as the guides do (Salesforce refreshes on 401 by default)", ec.Name)
		}
	}
	return nil
}
