package rules

import (
	"strings"

	"github.com/sfcheck/sfcheck/metadata"
)

var ncAuthorizationHeaderOff = register(&Rule{
	Code:     "SF302",
	Name:     "nc-authorization-header-off",
	Severity: Warning,
	Kinds:    []metadata.Kind{metadata.KindNamedCredential, metadata.KindExternalCredential},
	Summary:  "a Named Credential on an OAuth credential does not send the Authorization header",
	Doc: `With generateAuthorizationHeader false, Salesforce fetches the OAuth token
but does not put it on the callout. Unless the Named Credential adds an
Authorization header itself (an HttpHeader parameter named Authorization,
usually a formula), every request goes out unauthenticated and the target
answers 401. Only an explicit false is reported: an absent element is left to
Salesforce's default.`,
	Fix:     "Set generateAuthorizationHeader to true, or add an HttpHeader parameter named Authorization.",
	Runtime: "401 Unauthorized from the target API",
	Bad: `-- namedCredentials/Api.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <generateAuthorizationHeader>false</generateAuthorizationHeader>
    <label>Api</label>
    <namedCredentialParameters>
        <externalCredential>Api_Credential</externalCredential>
        <parameterName>ExternalCredential</parameterName>
        <parameterType>Authentication</parameterType>
    </namedCredentialParameters>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
-- externalCredentials/Api_Credential.externalCredential-meta.xml --
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Oauth</authenticationProtocol>
    <label>Api Credential</label>
</ExternalCredential>
`,
	Good: `-- namedCredentials/Api.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <generateAuthorizationHeader>true</generateAuthorizationHeader>
    <label>Api</label>
    <namedCredentialParameters>
        <externalCredential>Api_Credential</externalCredential>
        <parameterName>ExternalCredential</parameterName>
        <parameterType>Authentication</parameterType>
    </namedCredentialParameters>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
-- externalCredentials/Api_Credential.externalCredential-meta.xml --
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Oauth</authenticationProtocol>
    <label>Api Credential</label>
</ExternalCredential>
`,
	Run: runNCAuthorizationHeaderOff,
})

func runNCAuthorizationHeaderOff(p *Pass) error {
	for _, nc := range p.Index.NamedCredentials {
		if !nc.GenerateAuthorizationHeader.False() {
			continue
		}
		ref, ok := nc.ExternalCredentialRef()
		if !ok {
			continue
		}
		ec := p.Index.ExternalCredential(ref.Text)
		if ec == nil || !ec.AuthenticationProtocol.Is("Oauth") || hasAuthorizationHeader(nc) {
			continue
		}
		p.Report(nc.GenerateAuthorizationHeader, "named credential %q uses OAuth credential %q but does not send the token: set generateAuthorizationHeader to true", nc.Name, ec.Name)
	}
	return nil
}

func hasAuthorizationHeader(nc *metadata.NamedCredential) bool {
	for _, h := range nc.Params("HttpHeader") {
		if strings.EqualFold(h.ParameterName.Text, "Authorization") {
			return true
		}
	}
	return false
}
