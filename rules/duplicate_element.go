package rules

import "github.com/sfcheck/sfcheck/metadata"

var duplicateElement = register(&Rule{
	Code:     "SF006",
	Name:     "duplicate-element",
	Severity: Error,
	Kinds:    schemaKinds(),
	Summary:  "a single-valued element appears twice in the same parent",
	Doc: `An element that holds one value must appear once. Two of them usually come
from a merge that kept both sides; which one Salesforce takes is not
documented, and sfcheck reads the first, so the file may not mean what either
side meant.`,
	Fix: "Keep one of the elements, with the value you mean.",
	Bad: `-- extlClntAppOauthPolicies/Api_oauthPlcy.ecaOauthPlcy-meta.xml --
<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Api</externalClientApplication>
    <isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>
    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
</ExtlClntAppOauthConfigurablePolicies>
`,
	Good: `-- extlClntAppOauthPolicies/Api_oauthPlcy.ecaOauthPlcy-meta.xml --
<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Api</externalClientApplication>
    <isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>
</ExtlClntAppOauthConfigurablePolicies>
`,
	PerFile: reportProblems(metadata.DuplicateElement),
})
