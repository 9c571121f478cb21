package rules

import (
	"fmt"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

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
	// Kinds are the metadata kinds whose files the rule reports on; a
	// per-file rule runs on files of these kinds only.
	Kinds []metadata.Kind
	// Related are the other kinds its findings' related locations and
	// subjects may be in (the Named Credential a callout names). With
	// Kinds, they tell which files a run on named files must read; the
	// fixture harness fails a finding that points outside both.
	Related []metadata.Kind
	// Needs are the kinds it reads every file of to judge any one case,
	// without reporting on them (SF501 counts the grants of all permission
	// sets). A run on named files reads every file of these kinds; of the
	// other costly kinds it may read only the named components.
	Needs    []metadata.Kind
	Summary  string // one line, lower case, no final period
	Doc      string // why it matters, what exactly fires, readings of unclear points
	Fix      string // how to fix it
	Runtime  string // the error Salesforce answers when the rule is broken, if any
	Security bool   // the rule guards a security property (SARIF security-severity)
	// HidesSource keeps the text report from printing a finding's source
	// line: the line may hold a secret, or bytes that were never checked.
	HidesSource bool
	Bad         string // txtar mini-project that fires the rule
	Good        string // txtar mini-project that does not
	// A rule has exactly one way to run. Run checks the project through
	// its index; PerFile checks one file while its parsed tree is alive
	// (schema rules). Builtin rules have neither: the driver reports them
	// itself (a file that does not parse, a wrong root element, a useless
	// suppression).
	Run     func(p *Pass) error
	PerFile func(p *FilePass)
	Builtin bool
}

// Location is another place a finding concerns: the identity provider an
// External Credential disagrees with, the first of two duplicate files.
type Location struct {
	metadata.Pos
	Message string
}

// Finding is one problem at one place.
type Finding struct {
	Rule     *Rule
	Severity Severity
	metadata.Node
	Message    string
	Related    []Location
	Subjects   []Subject // components the finding concerns that may have no file (a missing Named Credential)
	Component  Component
	Suppressed bool
	Reason     string
}

// Component names the metadata component a finding is in.
type Component struct {
	Type string `json:"type"`
	Name string `json:"name"`
}

// Locator is what a finding can point at: a model value (an absent one
// points at the parent that should hold it), an element's anchor, or a
// node. Rules pass whichever they have.
type Locator interface {
	Node() metadata.Node
}

// Subject is a component by kind and name.
type Subject struct {
	Kind metadata.Kind
	Name string
}

// About records a component the finding concerns besides its own file's,
// which may have no file at all: a callout names a Named Credential that
// is missing because its file was just deleted or renamed. Diff mode and
// pre-commit report the finding when that component's file changed.
func (f *Finding) About(k metadata.Kind, name string) *Finding {
	f.Subjects = append(f.Subjects, Subject{k, name})
	return f
}

// Also adds another place the finding concerns, with a short message.
func (f *Finding) Also(at Locator, format string, args ...any) *Finding {
	if len(f.Related) == MaxRelated {
		return f // the places past it are of the same kind: the finding says enough
	}
	f.Related = append(f.Related, Location{Pos: at.Node().Pos, Message: fmt.Sprintf(format, args...)})
	return f
}

// MaxRelated bounds a finding's related places: a finding about one of
// thousands of apps sharing a run-as user pointed at all the others, and
// the report grew as the square of their number.
const MaxRelated = 50

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
	// as valid UTF-8: a baseline is JSON, which writes a file name's
	// invalid bytes as U+FFFD, and the identity read back must be equal
	valid := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
	return Identity{Rule: f.Rule.Code, Type: f.Component.Type, Component: valid(f.Component.Name), Element: valid(f.Path())}
}

func (f Finding) String() string {
	return fmt.Sprintf("%s: %s %s %s: %s", f.Pos, f.Severity, f.Rule.Code, f.Rule.Name, f.Message)
}

// MaxFileFindings is how many findings a file can have reported, and as
// many suppressed ones: past it, the rest are counted, not kept (a hostile
// file of a million unknown elements would otherwise cost gigabytes of
// findings).
const MaxFileFindings = 1000

// reporter collects one rule's findings (a file's, for per-file rules).
type reporter struct {
	rule    *Rule
	out     []*Finding
	limit   int // 0: no limit
	dropped int
	// quiet, when set, tells the findings a suppression covers: they have
	// a limit of their own, so a thousand suppressed ones cannot push out
	// one that is not
	quiet           func(*Finding) bool
	kept, keptQuiet int
}

func (r *reporter) report(sev Severity, at Locator, format string, args ...any) *Finding {
	n := at.Node()
	if n.File == "" {
		panic(fmt.Sprintf("rule %s reported a finding with no file: %q", r.rule.Code, fmt.Sprintf(format, args...)))
	}
	f := &Finding{Rule: r.rule, Severity: sev, Node: n}
	if r.limit > 0 {
		count := &r.kept
		if r.quiet != nil && r.quiet(f) {
			count = &r.keptQuiet
		}
		if *count >= r.limit {
			r.dropped++
			return f // counted, not kept
		}
		*count++
	}
	f.Message = fmt.Sprintf(format, args...)
	r.out = append(r.out, f)
	return f
}

func (r *reporter) findings() []Finding {
	out := make([]Finding, len(r.out))
	for i, f := range r.out {
		out[i] = *f
	}
	return out
}

// Pass is what a rule's Run gets: the project and a way to report.
type Pass struct {
	Index    *metadata.Index
	Settings *Settings
	reporter
}

// Report records a finding of the rule's default severity at at.
func (p *Pass) Report(at Locator, format string, args ...any) *Finding {
	return p.report(p.rule.Severity, at, format, args...)
}

// ReportSeverity records a finding whose severity depends on the case (the
// configuration can still override it).
func (p *Pass) ReportSeverity(sev Severity, at Locator, format string, args ...any) *Finding {
	return p.report(sev, at, format, args...)
}

// Check runs a project rule over the index. Its error means the rule broke
// (it returned an error or panicked), never that it found a problem.
func (r *Rule) Check(ix *metadata.Index, s *Settings) (out []Finding, err error) {
	if r.Run == nil {
		return nil, fmt.Errorf("rule %s (%s) is not a project rule", r.Code, r.Name)
	}
	p := &Pass{Index: ix, Settings: s, reporter: reporter{rule: r}}
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("rule %s (%s) crashed: %v\n%s", r.Code, r.Name, v, debug.Stack())
		}
	}()
	if err := r.Run(p); err != nil {
		return nil, fmt.Errorf("rule %s (%s): %w", r.Code, r.Name, err)
	}
	return p.findings(), nil
}

// FilePass is what a per-file rule gets: one parsed file, before its tree
// is dropped. The file's schema problems are computed once and shared by
// the rules that report them. A FilePass is valid only during the call that
// gets it: CheckFile reuses it for the next file, so a rule must not keep
// it.
type FilePass struct {
	Doc      *metadata.Document
	Kind     metadata.Kind
	Name     string // API name, from the file name
	Settings *Settings
	reporter
	problems  []metadata.Problem
	more      int // problems past metadata.MaxProblems of their kind
	validated bool
}

// Problems returns the file's schema problems.
func (p *FilePass) Problems() []metadata.Problem {
	if !p.validated {
		p.problems, p.more = metadata.Validate(p.Doc, p.Kind, p.Settings.apiVersion())
		p.validated = true
	}
	return p.problems
}

// Root locates the file's root element.
func (p *FilePass) Root() metadata.Node { return p.Doc.RootNode() }

// ReportSeverity records a finding whose severity depends on the case.
func (p *FilePass) ReportSeverity(sev Severity, at Locator, format string, args ...any) *Finding {
	return p.report(sev, at, format, args...)
}

// Report records a finding of the rule's default severity at at.
func (p *FilePass) Report(at Locator, format string, args ...any) *Finding {
	return p.report(p.rule.Severity, at, format, args...)
}

// filePasses are reused: a FilePass a file was a twentieth of what a run
// over many small files allocated. A rule must not keep its FilePass.
var filePasses = sync.Pool{New: func() any { return new(FilePass) }}

// CheckFile runs the given per-file rules, in order, over one parsed file
// of kind k named name; rules of other kinds are skipped. Its error means a
// rule panicked.
//
// At most MaxFileFindings findings are returned, and as many that quiet
// (when set) says a suppression covers; dropped counts the rest.
func CheckFile(doc *metadata.Document, k metadata.Kind, name string, s *Settings, rules []*Rule, quiet func(*Finding) bool) (out []Finding, dropped int, err error) {
	p := filePasses.Get().(*FilePass)
	*p = FilePass{Doc: doc, Kind: k, Name: name, Settings: s, reporter: reporter{limit: MaxFileFindings, quiet: quiet}}
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("rule %s (%s) crashed on %s: %v\n%s", p.rule.Code, p.rule.Name, doc.File, v, debug.Stack())
		}
		*p = FilePass{}
		filePasses.Put(p)
	}()
	for _, r := range rules {
		if r.PerFile == nil || !r.ReportsOn(k) {
			continue
		}
		p.rule = r
		r.PerFile(p)
	}
	return p.findings(), p.dropped + p.more, nil
}

// ReportsOn reports whether the rule reports on files of kind k.
func (r *Rule) ReportsOn(k metadata.Kind) bool {
	for _, x := range r.Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// Touches reports whether the rule's findings may concern files of kind
// k: as their place (Kinds), or as a related location or subject (Related).
func (r *Rule) Touches(k metadata.Kind) bool {
	return r.ReportsOn(k) || slices.Contains(r.Related, k)
}

// quoteList renders names for messages: "a", "b" and "c".
// At most maxListed items: a message that names every other one of
// thousands (two thousand apps sharing one run-as user) made a gigabyte of
// report.
func quoteList(items []string) string {
	const maxListed = 10
	more := 0
	if len(items) > maxListed {
		items, more = items[:maxListed], len(items)-maxListed
	}
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	switch {
	case len(q) == 0:
		return ""
	case more > 0:
		return strings.Join(q, ", ") + fmt.Sprintf(" and %d more", more)
	case len(q) == 1:
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

func quote(s string) string { return fmt.Sprintf("%q", s) }
