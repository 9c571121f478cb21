package rules

var _ = register(&Rule{
	Code:     "SF009",
	Name:     "unused-suppression",
	Severity: Warning,
	Kinds:    schemaKinds(),
	Summary:  "an sfcheck-ignore comment suppresses nothing, names an unknown rule, or gives no reason",
	Doc: `Suppressions are XML comments:

    <!-- sfcheck-ignore SF104 reason: callback kept for a later web flow -->

silences the named rules (codes or names, separated by commas or spaces) on
the next element and everything inside it; before the root element, or
written sfcheck-ignore-file, on the whole file. A reason is required so the
next reader knows why. A suppression that no longer suppresses anything hides
nothing but misleads, so it is reported too, as is one naming an unknown rule
or giving no reason (a suppression without a reason still suppresses). A
comment naming a rule that is switched off is not reported. Suppressed
findings are hidden from text output and kept, marked suppressed, in JSON.`,
	Fix: "Remove the comment, fix the rule name, or add reason: followed by why.",
	Bad: `-- namedCredentials/Api.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Api</label>
    <!-- sfcheck-ignore nc-legacy -->
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
`,
	Good: `-- namedCredentials/Api.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Api</label>
    <!-- sfcheck-ignore nc-legacy reason: retired with the Q3 release, not worth moving -->
    <namedCredentialType>Legacy</namedCredentialType>
</NamedCredential>
`,
	Builtin: true, // the driver reports it
})
