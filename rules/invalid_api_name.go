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

A leading namespace prefix (acmepkg__Name) is how an installed package names
its components; it is accepted only for namespaces listed under namespaces
in .sfcheck.yaml. The documentation states the rule for Named Credentials;
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
		if !cfg.hasNamespace(ns) {
			return "has the namespace prefix " + quote(ns+"__") + ", which is not listed under namespaces in .sfcheck.yaml (and __ is not allowed in a name)"
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
