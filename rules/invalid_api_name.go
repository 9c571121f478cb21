package rules

import (
	"strings"
)

var invalidAPIName = register(&Rule{
	Code:     "SF007",
	Name:     "invalid-api-name",
	Severity: Error,
	Kinds:    schemaKinds(),
	Summary:  "the file's API name breaks the naming rule",
	Doc: `The file name is the component's API name (DeveloperName), and Salesforce
only accepts names that use letters, digits and underscores, begin with a
letter, do not end with an underscore, have no two underscores in a row and
are at most 80 characters long. A name copied from a label ("Orders API") or
with a hyphen fails the deploy.

A leading namespace prefix (copado__Name, sfdcInternalInt__Name) is how an
installed package names its components, and an org retrieve writes such
files: one prefix (letters, digits and underscores, starting with a letter,
at most 15 characters) is accepted, and the part after it follows the rule.
namespaces in .sfcheck.yaml, when set, lists the only prefixes allowed
(strict mode). The documentation states the rule for Named Credentials;
sfcheck applies the same rule to every type it reads.`,
	Fix: "Rename the file (and references to it) to a valid API name, for example Orders_API.",
	Bad: `-- namedCredentials/Orders-API.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Orders API</label>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
`,
	Good: `-- namedCredentials/Orders_API.namedCredential-meta.xml --
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Orders API</label>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
`,
	PerFile: runInvalidAPIName,
})

func runInvalidAPIName(p *FilePass) {
	if msg := apiNameProblem(p.Name, p.Settings); msg != "" {
		p.Report(p.Root(), "API name %q %s", p.Name, msg)
	}
}

// apiNameProblem says what is wrong with an API name, or "".
func apiNameProblem(name string, cfg *Settings) string {
	local := name
	if ns, rest, ok := strings.Cut(name, "__"); ok && ns != "" && rest != "" {
		// an installed package's component, as an org retrieve writes it
		// (copado__X): valid, unless namespaces lists the only ones allowed
		if cfg != nil && len(cfg.Namespaces) > 0 && !cfg.hasNamespace(ns) {
			return "has the namespace prefix " + quote(ns+"__") + ", which is not listed under namespaces in .sfcheck.yaml"
		}
		if msg := namespaceProblem(ns); msg != "" {
			return msg
		}
		local = rest
	}
	switch {
	case local == "":
		return "is empty"
	case len(local) > 80:
		return "is longer than 80 characters"
	case !(local[0] >= 'a' && local[0] <= 'z' || local[0] >= 'A' && local[0] <= 'Z'):
		return "must begin with a letter"
	case strings.HasSuffix(local, "_"):
		return "must not end with an underscore"
	case strings.Contains(local, "__"):
		return "must not contain two underscores in a row"
	}
	for _, c := range local {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return "contains " + quote(string(c)) + ": use only letters, digits and underscores"
		}
	}
	return ""
}

// namespaceProblem says what is wrong with a namespace prefix: letters,
// digits and single underscores, starting with a letter, at most 15
// characters.
func namespaceProblem(ns string) string {
	switch {
	case len(ns) > 15:
		return "has a namespace prefix " + quote(ns+"__") + " longer than 15 characters"
	case !(ns[0] >= 'a' && ns[0] <= 'z' || ns[0] >= 'A' && ns[0] <= 'Z'):
		return "has a namespace prefix " + quote(ns+"__") + " that does not begin with a letter"
	}
	for _, c := range ns {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return "has a namespace prefix " + quote(ns+"__") + " with " + quote(string(c)) + " in it"
		}
	}
	return ""
}
