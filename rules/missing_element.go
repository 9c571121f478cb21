package rules

import "github.com/sfcheck/sfcheck/metadata"

var missingElement = register(&Rule{
	Code:     "SF005",
	Name:     "missing-element",
	Severity: Error,
	Kinds:    schemaKinds(),
	Summary:  "a required element is absent or empty",
	Doc: `Elements the Metadata API requires (minOccurs 1 in its WSDL) must be present
and hold a value, or the deploy fails: externalClientApplication in every
part of an External Client App, which is also how sfcheck joins the parts;
label and authenticationProtocol in an External Credential; parameterName
and parameterType in every parameter; enabled and externalCredentialPrincipal
in a permission set's principal access; callbackUrl in a Connected App's
oauthConfig. The finding points at the parent that should hold the element.`,
	Fix: "Add the element with a value.",
	Bad: `-- extlClntAppOauthSettings/Api_oauth.ecaOauth-meta.xml --
<ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>
    <label>Api_oauth</label>
</ExtlClntAppOauthSettings>
`,
	Good: `-- extlClntAppOauthSettings/Api_oauth.ecaOauth-meta.xml --
<ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>
    <externalClientApplication>Api</externalClientApplication>
    <label>Api_oauth</label>
</ExtlClntAppOauthSettings>
`,
	PerFile: reportProblems(metadata.MissingElement),
})
