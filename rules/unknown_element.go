package rules

import "github.com/sfcheck/sfcheck/metadata"

var unknownElement = register(&Rule{
	Code:     "SF003",
	Name:     "unknown-element",
	Severity: Error,
	Kinds:    schemaKinds(),
	Summary:  "an element is not part of its parent's metadata type",
	Doc: `The Metadata API rejects a file with an element its type does not have, and
a misspelled element is worse: where deploy ignores it (or it sits in a
package nobody deploys yet), the setting silently keeps its default.
isClientCredentialEnabled in an External Client App, or <principals> in an
External Credential, are typical: both are names from other types or from
generated examples.

Known elements are those of the Metadata API WSDL (v63) plus those the v66
documentation adds; element order is not checked. The message names the
closest known element. An unknown element is reported once and nothing
inside it is checked. For permission sets only externalCredentialPrincipalAccesses
and objectPermissions are checked; their other parts are left alone.

Elements are checked at the project's API version (sourceApiVersion of
sfdx-project.json, else the <version> of package.xml, else apiVersion in
.sfcheck.yaml, else the newest sfcheck knows): an element that arrived after
it is reported with the version that added it. For a project newer than the
newest Metadata API sfcheck knows, unknown elements and values are warnings:
the newer release may have added them.`,
	Fix: "Rename the element to the one the message suggests, or remove it. `sfcheck explain SF003` and metadata-reference.md list the elements of each type.",
	Bad: `-- extlClntAppPolicies/Api_plcy.ecaPlcy-meta.xml --
<ExtlClntAppConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Api</externalClientApplication>
    <isEnabled>true</isEnabled>
    <isOAuthPluginEnabled>true</isOAuthPluginEnabled>
</ExtlClntAppConfigurablePolicies>
`,
	Good: `-- extlClntAppPolicies/Api_plcy.ecaPlcy-meta.xml --
<ExtlClntAppConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Api</externalClientApplication>
    <isEnabled>true</isEnabled>
    <isOauthPluginEnabled>true</isOauthPluginEnabled>
</ExtlClntAppConfigurablePolicies>
`,
	PerFile: reportProblems(metadata.UnknownElement),
})

// schemaKinds are the kinds with a schema: every kind sfcheck reads except
// the ECA OAuth security settings, whose elements are not documented yet.
func schemaKinds() []metadata.Kind {
	var out []metadata.Kind
	for _, k := range metadata.AllKinds() {
		if metadata.Schema(k) != nil {
			out = append(out, k)
		}
	}
	return out
}
