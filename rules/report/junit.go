package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/sfcheck/sfcheck/rules"
)

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	ClassName string         `xml:"classname,attr"`
	Name      string         `xml:"name,attr"`
	File      string         `xml:"file,attr"`
	Failures  []junitFailure `xml:"failure"`
	SystemOut string         `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Type    string `xml:"type,attr"`
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

// writeJUnit writes one test case per checked file; each finding at or
// above --fail-on is a failure of its file's case, and the rest are listed
// in the case's system-out, so the report fails exactly when the run does.
func writeJUnit(w io.Writer, r *Report, opts Options) error {
	byFile := map[string]*junitCase{}
	var cases []*junitCase
	add := func(file string) *junitCase {
		c := byFile[file]
		if c == nil {
			c = &junitCase{ClassName: "sfcheck", Name: file, File: file}
			byFile[file] = c
			cases = append(cases, c)
		}
		return c
	}
	for _, f := range r.FileNames {
		add(f)
	}
	failures := 0
	for _, f := range r.Findings {
		if f.Suppressed {
			continue
		}
		c := add(f.File)
		line := fmt.Sprintf("%s:%d:%d: %s %s %s: %s", f.File, f.Line, f.Col, f.Severity, f.Rule.Code, f.Rule.Name, f.Message)
		if opts.FailOn != rules.Off && f.Severity >= opts.FailOn {
			c.Failures = append(c.Failures, junitFailure{Type: f.Rule.Code, Message: fmt.Sprintf("%s %s: %s", f.Rule.Code, f.Rule.Name, f.Message), Text: line})
			failures++
		} else {
			c.SystemOut += line + "\n"
		}
	}
	suite := junitSuite{Name: "sfcheck", Tests: len(cases), Failures: 0}
	for _, c := range cases {
		if len(c.Failures) > 0 {
			suite.Failures++
		}
		c.SystemOut = strings.TrimSuffix(c.SystemOut, "\n")
		suite.Cases = append(suite.Cases, *c)
	}
	out := junitSuites{Name: "sfcheck", Tests: suite.Tests, Failures: suite.Failures, Suites: []junitSuite{suite}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
