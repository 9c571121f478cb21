package report

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/sfcheck/sfcheck/rules"
	"golang.org/x/tools/txtar"
)

// A rule's documentation is written once, in its fields, and laid out
// once, here: docSections orders it, and two renderers print it, as text
// (sfcheck explain, SARIF help.text) and as Markdown (docs/rules.md, SARIF
// help.markdown). RulesTable is the one table of rules (README, docs).

// docSection is one part of a rule's documentation.
type docSection struct {
	title string       // "" for the lead paragraphs
	text  string       // prose
	code  string       // a literal, such as the runtime error
	files []txtar.File // example files
}

func docSections(r *rules.Rule) []docSection {
	var kinds []string
	for _, k := range r.Kinds {
		if n := k.TypeName(); !slices.Contains(kinds, n) { // a permission set's parts are PermissionSet too
			kinds = append(kinds, n)
		}
	}
	facts := fmt.Sprintf("Default severity: %s.", r.Severity)
	if r.Security {
		facts += " Security rule."
	}
	facts += " Reports on: " + strings.Join(kinds, ", ") + "."
	out := []docSection{{text: facts}, {text: capitalize(r.Summary) + ".\n\n" + r.Doc}}
	if r.Runtime != "" {
		out = append(out, docSection{title: "What Salesforce answers when this is wrong", code: r.Runtime})
	}
	out = append(out,
		docSection{title: "How to fix", text: r.Fix},
		docSection{title: "Bad", files: txtar.Parse([]byte(r.Bad)).Files},
		docSection{title: "Good", files: txtar.Parse([]byte(r.Good)).Files})
	return out
}

// RuleText renders a rule's documentation as plain text.
func RuleText(r *rules.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s\n", r.Code, r.Name)
	for _, s := range docSections(r) {
		b.WriteString("\n")
		if s.title != "" {
			b.WriteString(s.title + ":\n")
		}
		switch {
		case s.files != nil:
			for _, f := range s.files {
				b.WriteString(indent("-- " + f.Name + " --\n" + string(f.Data)))
			}
		case s.code != "":
			b.WriteString(indent(s.code + "\n"))
		case s.title != "":
			b.WriteString(indent(s.text + "\n"))
		default:
			b.WriteString(s.text + "\n")
		}
	}
	return b.String()
}

// RuleMarkdown renders a rule's documentation as a Markdown section whose
// heading gives the anchor SARIF helpUri points to.
func RuleMarkdown(r *rules.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s %s\n", r.Code, r.Name)
	for _, s := range docSections(r) {
		b.WriteString("\n")
		switch {
		case s.files != nil:
			fmt.Fprintf(&b, "%s:\n", s.title)
			for _, f := range s.files {
				fmt.Fprintf(&b, "\n`%s`\n\n```xml\n%s```\n", f.Name, f.Data)
			}
		case s.code != "":
			fmt.Fprintf(&b, "%s: `%s`\n", s.title, s.code)
		case s.title != "":
			fmt.Fprintf(&b, "**%s:** %s\n", s.title, s.text)
		default:
			b.WriteString(s.text + "\n")
		}
	}
	return b.String()
}

// RulesTable renders the table of every rule in Markdown; each code links
// to its section of docs/rules.md (link is the path to that file, "" for
// the same file).
func RulesTable(link string) string {
	var b strings.Builder
	b.WriteString("| code | name | severity | what it finds |\n|---|---|---|---|\n")
	for _, r := range rules.All() {
		fmt.Fprintf(&b, "| [%s](%s#%s) | `%s` | %s | %s |\n", r.Code, link, RuleAnchor(r), r.Name, r.Severity, strings.ReplaceAll(r.Summary, "|", "\\|"))
	}
	return b.String()
}

// WriteRulesList writes the table of every rule as aligned text (sfcheck rules).
func WriteRulesList(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CODE\tNAME\tSEVERITY\tSUMMARY")
	for _, r := range rules.All() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Code, r.Name, r.Severity, r.Summary)
	}
	return tw.Flush()
}

// RulesMarkdown renders docs/rules.md from the registry.
func RulesMarkdown() string {
	var b strings.Builder
	b.WriteString("# sfcheck rules\n\n")
	b.WriteString("Generated from the rule registry by `go test ./cmd/... -update`; do not edit by hand.\n")
	b.WriteString("`sfcheck explain CODE` prints the same text. Codes and names are stable; either works in\n")
	b.WriteString("configuration, suppressions and `explain`.\n\n")
	b.WriteString(RulesTable(""))
	for _, r := range rules.All() {
		b.WriteString("\n" + RuleMarkdown(r))
	}
	return b.String()
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func indent(s string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		if strings.TrimSpace(line) != "" {
			b.WriteString("    ")
		}
		b.WriteString(line)
	}
	return b.String()
}
