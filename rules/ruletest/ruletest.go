// Package ruletest runs rules over fixture projects for tests, as
// go/analysis's analysistest does for analyzers. A fixture is one txtar
// archive: the files of a mini-project and a "want" section holding the
// exact findings expected, one per line, as the uncoloured text report
// prints them (related locations included, indented). An empty want section
// means the case must be clean.
package ruletest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/sfcheck/sfcheck/config"
	"github.com/sfcheck/sfcheck/engine"
	"github.com/sfcheck/sfcheck/metadata"
	"github.com/sfcheck/sfcheck/rules"
	"golang.org/x/tools/txtar"
)

// WantSection is the name of a fixture's section of expected findings.
const WantSection = "want"

// Case is one fixture: the project's files and the expected findings.
type Case struct {
	Name    string
	Comment string
	Files   []txtar.File
	Want    string
	HasWant bool
}

// ReadCase reads a fixture archive. A new case may have no want section
// yet (HasWant false): go test ./rules -update writes it.
func ReadCase(path string) (*Case, error) {
	a, err := txtar.ParseFile(path)
	if err != nil {
		return nil, err
	}
	c := &Case{Name: strings.TrimSuffix(filepath.Base(path), ".txtar"), Comment: string(a.Comment)}
	for _, f := range a.Files {
		if f.Name == WantSection {
			c.Want, c.HasWant = string(f.Data), true
			continue
		}
		c.Files = append(c.Files, f)
	}
	return c, nil
}

// Format renders a fixture archive, want section first.
func (c *Case) Format() []byte {
	a := &txtar.Archive{Comment: []byte(c.Comment)}
	a.Files = append(a.Files, txtar.File{Name: WantSection, Data: []byte(c.Want)})
	a.Files = append(a.Files, c.Files...)
	return txtar.Format(a)
}

// WriteFiles expands files into dir.
func WriteFiles(dir string, files []txtar.File) error {
	if len(files) == 0 {
		return fmt.Errorf("archive has no files")
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// WriteTxtar expands an archive (a rule's Bad or Good example) into dir.
func WriteTxtar(dir, archive string) error {
	return WriteFiles(dir, txtar.Parse([]byte(archive)).Files)
}

// only returns a config that runs just the named rules (SF001 and SF002
// stay on: without them a broken fixture would pass silently).
func only(codes ...string) *config.Config {
	cfg := config.New()
	keep := map[string]bool{"SF001": true, "SF002": true}
	for _, c := range codes {
		keep[c] = true
	}
	for _, r := range rules.All() {
		if !keep[r.Code] {
			cfg.Severity[r.Code] = rules.Off
		}
	}
	return cfg
}

// configFor is the configuration a rule's fixtures and examples run with:
// just that rule, except SF009, which judges suppressions of other rules
// and so runs with every rule on.
func configFor(code string) *config.Config {
	if code == "SF009" {
		return config.New()
	}
	return only(code)
}

// CheckRule runs one rule's fixture or example in dir, with configFor its
// code, and returns its findings as text lines, with those of SF001 and
// SF002 (a fixture that does not load must not pass silently) and nothing
// else: SF009 runs with every rule on, but its fixtures expect only its own
// findings. files is the number of metadata files read.
func CheckRule(dir string, r *rules.Rule) (lines string, files int, err error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", 0, err
	}
	cfg := configFor(r.Code)
	// a fixture may carry a .sfcheck.yaml for the settings it shows
	// (myDomain, externalNamedCredentials); severities stay the harness's
	if file := filepath.Join(abs, config.FileName); fileExists(file) {
		own, err := config.Load(file)
		if err != nil {
			return "", 0, err
		}
		own.Severity = cfg.Severity
		cfg = own
	}
	res, err := engine.Run(engine.Options{Paths: []string{"."}, Cwd: abs, Jobs: 2, Config: cfg})
	if err != nil {
		return "", 0, err
	}
	var keep []rules.Finding
	for _, f := range res.Findings {
		if f.Rule == r || f.Rule.Code == "SF001" || f.Rule.Code == "SF002" {
			keep = append(keep, f)
		}
		if f.Rule == r {
			if err := checkTouches(f); err != nil {
				return "", 0, err
			}
		}
	}
	return Lines(keep), res.Files, nil
}

// Lines renders findings one per line, as the text report does without
// colour: each related location follows on an indented line.
func Lines(fs []rules.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		if f.Suppressed {
			continue
		}
		b.WriteString(f.String())
		b.WriteByte('\n')
		for _, r := range f.Related {
			fmt.Fprintf(&b, "    %s: note: %s\n", r.Pos, r.Message)
		}
	}
	return b.String()
}

// checkTouches fails a finding that concerns a file of a kind its rule
// does not declare: a run on named files reads only the declared kinds, so
// an undeclared one would go missing in pre-commit.
func checkTouches(f rules.Finding) error {
	for _, rel := range f.Related {
		if k, _ := metadata.ClassifyName(filepath.Base(rel.File)); !f.Rule.Touches(k) {
			return fmt.Errorf("%s: a finding's related location %s is a %s file: add the kind to the rule's Related", f.Rule.Code, rel.Pos, k)
		}
	}
	for _, s := range f.Subjects {
		if !f.Rule.Touches(s.Kind) {
			return fmt.Errorf("%s: a finding concerns %s %q: add the kind to the rule's Related", f.Rule.Code, s.Kind, s.Name)
		}
	}
	return nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
