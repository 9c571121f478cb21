package rules

import "github.com/sfcheck/sfcheck/metadata"

var removedElement = register(&Rule{
	Code:     "SF008",
	Name:     "removed-element",
	Severity: Warning,
	Kinds:    kindsWithRemovedElements(),
	Summary:  "an element the current Metadata API no longer has",
	Doc: `Some elements existed in earlier API versions and were removed. The
External Credential parameter's <principal> (the permission set that got a
principal) existed in API 56.0 and 57.0 and was removed in 58.0: principal
access moved to permission sets (externalCredentialPrincipalAccesses).
Files retrieved at the old version still carry it, and deploying them at a
current API version fails. The ECA OAuth policies' isNamedUserJwtEnabled was
removed in 64.0 (the global OAuth settings keep theirs).

The check is made at the project's API version (sourceApiVersion of
sfdx-project.json, else the <version> of package.xml, else apiVersion in
.sfcheck.yaml, else the newest version sfcheck knows): an element removed
after that version is still valid there.`,
	Fix: "Remove the element; for <principal>, grant the principal in the permission set with externalCredentialPrincipalAccesses instead.",
	Bad: `-- externalCredentials/Api.externalCredential-meta.xml --
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Custom</authenticationProtocol>
    <externalCredentialParameters>
        <parameterName>Integration</parameterName>
        <parameterType>NamedPrincipal</parameterType>
        <principal>Integration_Users</principal>
    </externalCredentialParameters>
    <label>Api</label>
</ExternalCredential>
`,
	Good: `-- externalCredentials/Api.externalCredential-meta.xml --
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Custom</authenticationProtocol>
    <externalCredentialParameters>
        <parameterName>Integration</parameterName>
        <parameterType>NamedPrincipal</parameterType>
    </externalCredentialParameters>
    <label>Api</label>
</ExternalCredential>
`,
	PerFile: reportProblems(metadata.RemovedElement),
})

// kindsWithRemovedElements are the kinds whose schema has an element the
// API removed: the only files SF008 can report on.
func kindsWithRemovedElements() []metadata.Kind {
	var out []metadata.Kind
	for _, k := range schemaKinds() {
		if metadata.Schema(k).HasRemoved() {
			out = append(out, k)
		}
	}
	return out
}
