package report

import (
	"encoding/xml"
	"fmt"
	"io"
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
}

type junitFailure struct {
	Type    string `xml:"type,attr"`
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

// writeJUnit writes one test case per checked file and a failure per
// finding (suppressed ones are left out), as CI servers show test results:
// a file with findings is a failed test, whatever their severity. The
// failure's type is the rule code; its message starts with the severity.
func writeJUnit(w io.Writer, r *Report) error {
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
	for _, f := range r.Findings {
		if f.Suppressed {
			continue
		}
		c := add(f.File)
		line := fmt.Sprintf("%s:%d:%d: %s %s %s: %s", f.File, f.Line, f.Col, f.Severity, f.Rule.Code, f.Rule.Name, f.Message)
		for _, rel := range f.Related {
			line += fmt.Sprintf("\n    %s:%d:%d: note: %s", rel.File, rel.Line, rel.Col, rel.Message)
		}
		c.Failures = append(c.Failures, junitFailure{Type: f.Rule.Code, Message: fmt.Sprintf("%s %s %s: %s", f.Severity, f.Rule.Code, f.Rule.Name, f.Message), Text: line})
	}
	suite := junitSuite{Name: "sfcheck", Tests: len(cases), Failures: 0}
	for _, c := range cases {
		if len(c.Failures) > 0 {
			suite.Failures++
		}
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
