package rules

import (
	"fmt"
	"strings"

	"github.com/sfcheck/sfcheck/metadata"
)

// Severity is how bad a finding is. The order matters: Error > Warning > Note.
type Severity int

// Severities, lowest first. Off is only used by configuration.
const (
	Off Severity = iota
	Note
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Note:
		return "note"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "off"
}

// ParseSeverity reads "off", "note", "warning" or "error".
func ParseSeverity(s string) (Severity, error) {
	switch s {
	case "off":
		return Off, nil
	case "note":
		return Note, nil
	case "warning":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return Off, fmt.Errorf("unknown severity %q (want off, note, warning or error)", s)
}

// Rule is one check. Its text fields are its documentation.
type Rule struct {
	Code     string // stable code, SF102
	Name     string // stable name, cc-run-as-user-missing
	Severity Severity
	Kinds    []metadata.Kind // the metadata kinds it reads
	Summary  string          // one line, lower case, no final period
	Doc      string          // why it matters, what exactly fires, readings of unclear points
	Fix      string          // how to fix it
	Runtime  string          // the error Salesforce answers when the rule is broken, if any
	Security bool            // the rule guards a security property (SARIF security-severity)
	Bad      string          // txtar mini-project that fires the rule
	Good     string          // txtar mini-project that does not
	// Run checks the project through its index; PerFile checks one file
	// while its parsed tree is alive (schema rules). A rule has one of them
	// (SF001 and SF002 have neither: the engine reports them as it parses).
	Run     func(p *Pass) error
	PerFile func(p *FilePass)
}

// Component names the metadata component a finding is in.
type Component struct {
	Type string `json:"type"`
	Name string `json:"name"`
}

// Finding is one problem at one place.
type Finding struct {
	Rule     *Rule
	Severity Severity
	metadata.Node
	Message    string
	Component  Component
	Suppressed bool
	Reason     string
}

// Identity is what identifies a finding whatever the line numbers: rule,
// metadata type, component and element path. Baselines record it and SARIF
// fingerprints hash it, so both survive edits elsewhere in a file. It never
// holds a value, so it never holds a secret.
type Identity struct {
	Rule      string `json:"rule"`
	Type      string `json:"type"`
	Component string `json:"component"`
	Element   string `json:"element"`
}

// Identity returns the finding's identity.
func (f *Finding) Identity() Identity {
	return Identity{Rule: f.Rule.Code, Type: f.Component.Type, Component: f.Component.Name, Element: f.Path()}
}

func (f Finding) String() string {
	return fmt.Sprintf("%s: %s %s %s: %s", f.Pos, f.Severity, f.Rule.Code, f.Rule.Name, f.Message)
}

// Pass is what a rule's Run gets: the project and a way to report.
type Pass struct {
	Index  *metadata.Index
	Config *Config
	rule   *Rule
	out    []Finding
}

// Report records a finding of the rule's default severity at n.
func (p *Pass) Report(n metadata.Node, format string, args ...any) {
	p.ReportSeverity(p.rule.Severity, n, format, args...)
}

// ReportSeverity records a finding whose severity depends on the case (the
// configuration can still override it).
func (p *Pass) ReportSeverity(sev Severity, n metadata.Node, format string, args ...any) {
	if n.File == "" {
		panic(fmt.Sprintf("rule %s reported a finding with no file: %q", p.rule.Code, fmt.Sprintf(format, args...)))
	}
	p.out = append(p.out, Finding{Rule: p.rule, Severity: sev, Node: n, Message: fmt.Sprintf(format, args...)})
}

// quoteList renders names for messages: "a", "b" and "c".
func quoteList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	switch len(q) {
	case 0:
		return ""
	case 1:
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

func quote(s string) string { return fmt.Sprintf("%q", s) }
