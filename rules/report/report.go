// Package report writes the findings of a run in the formats of cli.md.
// Every format reads the same Report; none of them ever sees a secret's
// value, because findings only hold positions and messages.
package report

import (
	"fmt"
	"io"

	"github.com/sfcheck/sfcheck/rules"
)

// Report is what a run produced, as reporters see it.
type Report struct {
	Tool      string // tool version
	Findings  []rules.Finding
	Files     int
	FileNames []string // the files checked (JUnit lists each as a test case)
}

// Counts are the summary numbers; suppressed findings count only as suppressed.
type Counts struct {
	Files      int `json:"files"`
	Errors     int `json:"errors"`
	Warnings   int `json:"warnings"`
	Notes      int `json:"notes"`
	Suppressed int `json:"suppressed"`
}

// Count adds up the findings by severity.
func (r *Report) Count() Counts {
	c := Counts{Files: r.Files}
	for _, f := range r.Findings {
		switch {
		case f.Suppressed:
			c.Suppressed++
		case f.Severity == rules.Error:
			c.Errors++
		case f.Severity == rules.Warning:
			c.Warnings++
		case f.Severity == rules.Note:
			c.Notes++
		}
	}
	return c
}

// Formats lists the names Write accepts.
var Formats = []string{"text", "json", "sarif", "junit", "github", "summary"}

// Options change how a format looks, not what it says.
type Options struct {
	Color   bool // text: colour
	OneLine bool // text: one line per finding, without the source line
	// Source returns the text of line n (1-based) of a finding's file, or
	// false; nil means no source. Text shows the line under a finding;
	// SARIF converts byte columns to code points and ends regions with it.
	Source func(file string, n int) (string, bool)
	// Root is the absolute folder SARIF paths are relative to (the
	// repository root), Cwd the absolute folder finding file names are
	// relative to. With no Root, SARIF paths are the file names.
	Root, Cwd string
	// CodeScanningURL is where the summary says all findings are (GitHub
	// code scanning of the repository), "" for none.
	CodeScanningURL string
}

// Write writes r in the named format.
func Write(w io.Writer, format string, r *Report, opts Options) error {
	switch format {
	case "text":
		return writeText(w, r, opts)
	case "json":
		return writeJSON(w, r)
	case "sarif":
		return writeSARIF(w, r, opts)
	case "junit":
		return writeJUnit(w, r)
	case "github":
		return writeGitHub(w, r)
	case "summary":
		return writeSummary(w, r, opts)
	}
	return fmt.Errorf("unknown format %q", format)
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// String is the one-line summary of the counts, as the text report ends:
// "2 errors, 1 warning, 0 notes in 9 files (1 suppressed)".
func (c Counts) String() string {
	var s string
	if c.Errors+c.Warnings+c.Notes == 0 {
		s = "no findings in " + plural(c.Files, "file")
	} else {
		s = fmt.Sprintf("%s, %s, %s in %s", plural(c.Errors, "error"), plural(c.Warnings, "warning"), plural(c.Notes, "note"), plural(c.Files, "file"))
	}
	if c.Suppressed > 0 {
		s += fmt.Sprintf(" (%d suppressed)", c.Suppressed)
	}
	return s
}
