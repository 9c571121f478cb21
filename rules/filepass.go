package rules

import (
	"fmt"

	"github.com/sfcheck/sfcheck/metadata"
)

// FilePass is what a per-file rule gets: one parsed file, before its tree
// is dropped. The file's schema problems are computed once and shared by
// the rules that report them.
type FilePass struct {
	Doc    *metadata.Document
	Kind   metadata.Kind
	Name   string // API name, from the file name
	Config *Config
	rule   *Rule
	state  *fileState
}

type fileState struct {
	problems  []metadata.Problem
	validated bool
	out       []Finding
}

// Problems returns the file's schema problems.
func (p *FilePass) Problems() []metadata.Problem {
	if !p.state.validated {
		p.state.problems = metadata.Validate(p.Doc, p.Kind)
		p.state.validated = true
	}
	return p.state.problems
}

// Report records a finding of the rule's default severity at n.
func (p *FilePass) Report(n metadata.Node, format string, args ...any) {
	p.state.out = append(p.state.out, Finding{Rule: p.rule, Severity: p.rule.Severity, Node: n, Message: fmt.Sprintf(format, args...)})
}

// reportProblems is the PerFile function of the schema rules: each reports
// the problems of one kind.
func reportProblems(kind metadata.ProblemKind) func(p *FilePass) {
	return func(p *FilePass) {
		for _, pr := range p.Problems() {
			if pr.Kind == kind {
				p.Report(pr.Node, "%s", pr.Message)
			}
		}
	}
}

// runPerFile runs the enabled per-file rules over one parsed file.
func runPerFile(doc *metadata.Document, c metadata.Candidate, cfg *Config) (out []Finding, err error) {
	st := &fileState{}
	var cur *Rule
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("rule %s (%s) crashed on %s: %v", cur.Code, cur.Name, doc.File, v)
		}
	}()
	p := &FilePass{Doc: doc, Kind: c.Kind, Name: c.Name, Config: cfg, state: st}
	for _, r := range perFileRules {
		if cfg.severityOf(r) == Off {
			continue
		}
		cur, p.rule = r, r
		r.PerFile(p)
	}
	return st.out, nil
}
