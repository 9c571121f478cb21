// Package ruletest runs rules over fixture projects for tests: it expands
// rules' Bad and Good examples into folders and renders findings as the
// uncoloured text lines of want.txt files.
package ruletest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/sfcheck/sfcheck/rules"
)

// WriteTxtar expands an archive into dir.
func WriteTxtar(dir, archive string) error {
	files := rules.ExampleFiles(archive)
	if len(files) == 0 {
		return fmt.Errorf("archive has no files")
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(f.Data), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Only returns a config that runs just the named rules (SF001 and SF002
// stay on: without them a broken fixture would pass silently).
func Only(codes ...string) *rules.Config {
	cfg := &rules.Config{Severity: map[string]rules.Severity{}}
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

// ConfigFor is the configuration a rule's fixtures and examples run with:
// just that rule, except SF009, which judges suppressions of other rules
// and so runs with every rule on.
func ConfigFor(code string) *rules.Config {
	if code == "SF009" {
		return &rules.Config{}
	}
	return Only(code)
}

// Check runs the engine over dir with cfg and returns the findings as text
// lines, with file names relative to dir.
func Check(dir string, cfg *rules.Config) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	res, err := rules.Run(rules.Options{Paths: []string{abs}, Cwd: abs, Jobs: 2, Config: cfg})
	if err != nil {
		return "", err
	}
	return Lines(res.Findings), nil
}

// Lines renders findings one per line, as the text report does without colour.
func Lines(fs []rules.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		if f.Suppressed {
			continue
		}
		b.WriteString(f.String())
		b.WriteByte('\n')
	}
	return b.String()
}
