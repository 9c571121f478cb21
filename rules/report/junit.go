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
	ClassName string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
}

type junitFailure struct {
	Type    string `xml:"type,attr"`
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

// writeJUnit writes one failed test case per finding (suppressed ones are
// left out) and one passed test case per checked file without findings,
// valid against the Jenkins JUnit schema. Consumers (Jenkins, GitLab, Azure
// DevOps, converters) keep one failure per test case, so a case never holds
// two. The class name is the file, so reports group findings by file; the
// case name says rule and place; the failure's type is the rule code and
// its message starts with the severity.
func writeJUnit(w io.Writer, r *Report) error {
	var cases []junitCase
	failed := map[string]bool{}
	names := map[string]int{} // file and case name -> cases so named
	for _, f := range r.Findings {
		if f.Suppressed {
			continue
		}
		failed[f.File] = true
		text := fmt.Sprintf("%s:%d:%d: %s %s %s: %s", fileName(f.File), f.Line, f.Col, f.Severity, f.Rule.Code, f.Rule.Name, f.Message)
		for _, rel := range f.Related {
			text += fmt.Sprintf("\n    %s:%d:%d: note: %s", fileName(rel.File), rel.Line, rel.Col, rel.Message)
		}
		name := fmt.Sprintf("%s %s at %d:%d", f.Rule.Code, f.Rule.Name, f.Line, f.Col)
		// GitLab keys a case by suite, class and name and keeps one case a
		// key: a rule that fires twice at one place gets a numbered name.
		key := fileName(f.File) + "\x00" + name
		if n := names[key]; n > 0 {
			names[key] = n + 1
			name = fmt.Sprintf("%s (%d)", name, n+1)
		} else {
			names[key] = 1
		}
		cases = append(cases, junitCase{
			ClassName: fileName(f.File),
			Name:      name,
			Failure: &junitFailure{Type: f.Rule.Code, Message: fmt.Sprintf("%s %s %s: %s", f.Severity, f.Rule.Code, f.Rule.Name, f.Message),
				Text: text},
		})
	}
	nFailed := len(cases)
	for _, file := range r.FileNames {
		if !failed[file] {
			cases = append(cases, junitCase{ClassName: fileName(file), Name: "no findings"})
		}
	}
	suite := junitSuite{Name: "sfcheck", Tests: len(cases), Failures: nFailed, Cases: cases}
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
