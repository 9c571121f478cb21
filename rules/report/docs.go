package report

import (
	"fmt"
	"strings"

	"github.com/sfcheck/sfcheck/rules"
)

// RulesMarkdown renders docs/rules.md from the registry: one section per
// rule, whose heading gives the anchor SARIF helpUri points to.
func RulesMarkdown() string {
	var b strings.Builder
	b.WriteString("# sfcheck rules\n\n")
	b.WriteString("Generated from the rule registry by `go test ./cmd/... -update`; do not edit by hand.\n")
	b.WriteString("`sfcheck explain CODE` prints the same text. Codes and names are stable; either works in\n")
	b.WriteString("configuration, suppressions and `explain`.\n\n")
	b.WriteString("| code | name | severity | summary |\n|---|---|---|---|\n")
	for _, r := range rules.All() {
		fmt.Fprintf(&b, "| [%s](#%s) | `%s` | %s | %s |\n", r.Code, RuleAnchor(r), r.Name, r.Severity, r.Summary)
	}
	for _, r := range rules.All() {
		fmt.Fprintf(&b, "\n## %s %s\n\n", r.Code, r.Name)
		fmt.Fprintf(&b, "Default severity: **%s**.", r.Severity)
		if r.Security {
			b.WriteString(" Security rule.")
		}
		var kinds []string
		for _, k := range r.Kinds {
			kinds = append(kinds, k.TypeName())
		}
		fmt.Fprintf(&b, " Reads: %s.\n\n", strings.Join(kinds, ", "))
		fmt.Fprintf(&b, "%s%s.\n\n%s\n\n", strings.ToUpper(r.Summary[:1]), r.Summary[1:], r.Doc)
		if r.Runtime != "" {
			fmt.Fprintf(&b, "What Salesforce answers when this is wrong: `%s`\n\n", r.Runtime)
		}
		fmt.Fprintf(&b, "**How to fix:** %s\n\n", r.Fix)
		for _, ex := range []struct{ title, archive string }{{"Bad", r.Bad}, {"Good", r.Good}} {
			fmt.Fprintf(&b, "%s:\n\n", ex.title)
			for _, f := range rules.ExampleFiles(ex.archive) {
				fmt.Fprintf(&b, "`%s`\n\n```xml\n%s```\n\n", f.Name, f.Data)
			}
		}
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}
