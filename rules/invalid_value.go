package rules

import "github.com/sfcheck/sfcheck/metadata"

var invalidValue = register(&Rule{
	Code:     "SF004",
	Name:     "invalid-value",
	Severity: Error,
	Kinds:    schemaKinds(),
	Summary:  "a value is not allowed for its element",
	Doc: `Enum values, booleans and numbers are checked exactly as the Metadata API
reads them. Enum values are case-sensitive and the casing differs between
types: an External Credential's protocol is Oauth while an identity
provider's is OAuth, and a wrong case either fails the deploy or, worse,
makes sfcheck and Salesforce see a different setup than you meant. The
message suggests the right value when one is close.

Also checked: booleans are true or false; numbers are whole; each scope in
an External Client App's commaSeparatedOauthScopes is a known scope; an
AdditionalRefreshStatusCode parameter holds one three-digit HTTP status code;
an AuthProtocolVariant differs from a known variant only in case; a
Connected App's refreshTokenPolicy has the documented form.

Known values are those of the v66 Metadata API WSDL plus those the
documentation adds. OAuth scope names and AuthProvider providerType grow with
every release: a value sfcheck does not know there is a warning, since it may
be newer than sfcheck (one that differs from a known value only in case
stays an error). DataCloudUserClaims, which retrieved External Client Apps
carry but no list has yet, is known.

Values are checked at the project's API version too, as the WSDLs of every
version from 56.0 to 66.0 list them: a value that arrived later (Basic
authentication before 60.0) or was removed (an External Credential's
AuthProviderHttpHeader parameter from 61.0 on) is an error that names the
version.`,
	Fix: "Use the value the message suggests (values are case-sensitive).",
	Bad: `-- externalCredentials/Api.externalCredential-meta.xml --
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>OAuth</authenticationProtocol>
    <label>Api</label>
</ExternalCredential>
`,
	Good: `-- externalCredentials/Api.externalCredential-meta.xml --
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Custom</authenticationProtocol>
    <label>Api</label>
</ExternalCredential>
`,
	PerFile: reportProblems(metadata.InvalidValue),
})
