package report_test

import (
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sfcheck/sfcheck/rules"
	"github.com/sfcheck/sfcheck/rules/report"
)

// consumerCase is one test case as a CI server keeps it.
type consumerCase struct {
	suite, class, name string
	status             string // passed, failed, error, skipped
	message            string // what the server shows for a failed case
	details            string
}

// readAsGitLab reads a JUnit report by the rules of GitLab's test report
// parser (lib/gitlab/ci/parsers/test/junit.rb and reports/test_suite.rb):
// one top-level <testsuites>; test cases are read only inside a
// <testsuite> (nested suites too), which names them; a <failure> child makes
// the case failed, else <error> errored, else <skipped> skipped, else
// passed; and cases are kept in a map keyed by suite, class and name, per
// status, so a second case with the same key replaces the first.
func readAsGitLab(t *testing.T, raw []byte) []consumerCase {
	t.Helper()
	kept := map[string]int{} // status, suite, class, name -> index in out
	var out []consumerCase
	var suite func(n *xmlNode)
	suite = func(n *xmlNode) {
		name, _ := n.attr("name")
		for i := range n.Children {
			c := &n.Children[i]
			switch c.XMLName.Local {
			case "testsuite":
				suite(c)
			case "testcase":
				tc := consumerCase{suite: name, status: "passed"}
				tc.class, _ = c.attr("classname")
				tc.name, _ = c.attr("name")
				for _, status := range []string{"failure", "error", "skipped"} {
					if el := child(c, status); el != nil {
						tc.status = map[string]string{"failure": "failed", "error": "error", "skipped": "skipped"}[status]
						tc.details = el.Text
						break
					}
				}
				key := tc.status + "\x00" + tc.suite + "\x00" + tc.class + "\x00" + tc.name
				if i, ok := kept[key]; ok {
					out[i] = tc
					continue
				}
				kept[key] = len(out)
				out = append(out, tc)
			}
		}
	}
	topSuites(t, raw, suite)
	return out
}

// readAsAzure reads a JUnit report by the rules of Azure Pipelines' JUnit
// reader (PublishTestResults, JunitResultReader.cs): /testsuites/testsuite
// or a root <testsuite>, nested suites first; a case needs a non-empty
// name or it is dropped; <failure>, else <error>, makes it failed with the
// element's message attribute as its error message and its text as the
// stack trace; <skipped> makes it not executed.
func readAsAzure(t *testing.T, raw []byte) []consumerCase {
	t.Helper()
	var out []consumerCase
	var suite func(n *xmlNode)
	suite = func(n *xmlNode) {
		for i := range n.Children {
			if n.Children[i].XMLName.Local == "testsuite" {
				suite(&n.Children[i])
			}
		}
		name, _ := n.attr("name")
		for i := range n.Children {
			c := &n.Children[i]
			if c.XMLName.Local != "testcase" {
				continue
			}
			tc := consumerCase{suite: name, status: "passed"}
			tc.class, _ = c.attr("classname")
			tc.name, _ = c.attr("name")
			if el := child(c, "failure"); el != nil {
				tc.status = "failed"
				tc.message, _ = el.attr("message")
				tc.details = el.Text
			} else if el := child(c, "error"); el != nil {
				tc.status = "failed"
				tc.message, _ = el.attr("message")
				tc.details = el.Text
			} else if child(c, "skipped") != nil {
				tc.status = "skipped"
			}
			if tc.name == "" {
				continue
			}
			out = append(out, tc)
		}
	}
	topSuites(t, raw, suite)
	return out
}

// topSuites calls suite for each suite both consumers start from: the
// <testsuite> children of a root <testsuites>, or a root <testsuite>.
func topSuites(t *testing.T, raw []byte, suite func(*xmlNode)) {
	t.Helper()
	var root xmlNode
	if err := xml.Unmarshal(raw, &root); err != nil {
		t.Fatalf("the report does not parse: %v", err)
	}
	switch root.XMLName.Local {
	case "testsuites":
		for i := range root.Children {
			if root.Children[i].XMLName.Local == "testsuite" {
				suite(&root.Children[i])
			}
		}
	case "testsuite":
		suite(&root)
	}
}

func child(n *xmlNode, name string) *xmlNode {
	for i := range n.Children {
		if n.Children[i].XMLName.Local == name {
			return &n.Children[i]
		}
	}
	return nil
}

// consumerReport is the sample report plus a rule that fires twice at one
// place with two messages, which two consumers could fold into one case.
func consumerReport(t *testing.T) *report.Report {
	r := sampleReport(t)
	for _, msg := range []string{
		`value "Basic" of "authenticationProtocol" is not one of its values`,
		`value "Basic" of "authenticationProtocol" is not valid in API 64.0`,
	} {
		r.Findings = append(r.Findings, rules.Finding{
			Rule: lookup(t, "SF004"), Severity: rules.Error, Node: at(fileNCAccent, 3, 9), Message: msg,
			Component: rules.Component{Type: "NamedCredential", Name: "Facturación"},
		})
	}
	return r
}

// TestJUnitAsConsumersReadIt: GitLab and Azure DevOps, reading the JUnit
// report by their own rules, each keep every unsuppressed finding as a
// failed case that names its file and says its place and message, and
// every clean file as a passed case.
func TestJUnitAsConsumersReadIt(t *testing.T) {
	r := consumerReport(t)
	raw := render(t, "junit", r, report.Options{})
	findings := unsuppressed(r)
	withFinding := map[string]bool{}
	for _, f := range findings {
		withFinding[f.File] = true
	}
	for _, consumer := range []struct {
		name string
		read func(*testing.T, []byte) []consumerCase
	}{{"GitLab", readAsGitLab}, {"Azure DevOps", readAsAzure}} {
		t.Run(consumer.name, func(t *testing.T) {
			cases := consumer.read(t, raw)
			var failed, passed []consumerCase
			for _, c := range cases {
				switch c.status {
				case "failed":
					failed = append(failed, c)
				case "passed":
					passed = append(passed, c)
				default:
					t.Errorf("case %q %q has status %s", c.class, c.name, c.status)
				}
			}
			if len(failed) != len(findings) {
				t.Fatalf("%s keeps %d failed cases, want one per finding (%d)", consumer.name, len(failed), len(findings))
			}
			for i, f := range findings {
				c := failed[i]
				place := fmt.Sprintf("%s:%d:%d:", f.File, f.Line, f.Col)
				if c.class != f.File || !strings.Contains(c.name, f.Rule.Code) ||
					!strings.Contains(c.details, place) || !strings.Contains(c.details, f.Message) {
					t.Errorf("finding %d (%s %s): %s keeps class %q, name %q, details %q", i, f.Rule.Code, place, consumer.name, c.class, c.name, c.details)
				}
				if consumer.name == "Azure DevOps" && !strings.HasPrefix(c.message, f.Severity.String()+" "+f.Rule.Code) {
					t.Errorf("finding %d: Azure's error message %q does not start with severity and code", i, c.message)
				}
			}
			var clean []string
			for _, file := range r.FileNames {
				if !withFinding[file] {
					clean = append(clean, file)
				}
			}
			if len(passed) != len(clean) {
				t.Fatalf("%s keeps %d passed cases, want one per clean file (%d)", consumer.name, len(passed), len(clean))
			}
			for i, file := range clean {
				if passed[i].class != file {
					t.Errorf("passed case %d is %q, want %q", i, passed[i].class, file)
				}
			}
		})
	}
}

// TestJUnitConsumerReadersFold: the readers above apply the consumers'
// rules for real: cases sharing suite, class and name fold into one in
// GitLab, and a case without a name is dropped by Azure.
func TestJUnitConsumerReadersFold(t *testing.T) {
	raw := []byte(`<testsuites><testsuite name="s">` +
		`<testcase classname="a" name="n"><failure message="m1">one</failure></testcase>` +
		`<testcase classname="a" name="n"><failure message="m2">two</failure></testcase>` +
		`<testcase classname="a" name=""><failure message="m3">three</failure></testcase>` +
		`</testsuite></testsuites>`)
	if got := readAsGitLab(t, raw); len(got) != 2 || got[0].details != "two" {
		t.Errorf("GitLab reader: %+v, want the second case to replace the first", got)
	}
	if got := readAsAzure(t, raw); len(got) != 2 || got[1].message != "m2" {
		t.Errorf("Azure reader: %+v, want the nameless case dropped", got)
	}
}

// TestJUnitExamplesAsConsumersReadThem: the JUnit reports sfcheck writes
// for the example projects (the CLI goldens) lose nothing when GitLab and
// Azure DevOps read them: every failure is a failed case, every other case
// a passed one.
func TestJUnitExamplesAsConsumersReadThem(t *testing.T) {
	dirs, err := filepath.Glob("../../testdata/cli/*")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, d := range dirs {
		args, err := os.ReadFile(filepath.Join(d, "args"))
		if err != nil || !strings.Contains("\n"+string(args), "\njunit\n") {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(d, "stdout"))
		if err != nil {
			t.Fatal(err)
		}
		var doc junitDoc
		if err := xml.Unmarshal(raw, &doc); err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		failures, cases := 0, 0
		for _, s := range doc.Suites {
			for _, c := range s.Cases {
				cases++
				failures += len(c.Failures)
			}
		}
		if failures == 0 {
			t.Errorf("%s: no failures: not an example with findings", d)
		}
		for name, read := range map[string]func(*testing.T, []byte) []consumerCase{"GitLab": readAsGitLab, "Azure DevOps": readAsAzure} {
			failed, passed := 0, 0
			for _, c := range read(t, raw) {
				switch c.status {
				case "failed":
					failed++
				case "passed":
					passed++
				}
			}
			if failed != failures || passed != cases-failures {
				t.Errorf("%s: %s keeps %d failed and %d passed cases of %d failures in %d cases", filepath.Base(d), name, failed, passed, failures, cases)
			}
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no JUnit golden among testdata/cli")
	}
}
