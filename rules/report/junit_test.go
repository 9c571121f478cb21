package report_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sfcheck/sfcheck/rules"
	"github.com/sfcheck/sfcheck/rules/report"
)

// junitXSDPath is the JUnit schema CI servers validate against
// (../shared/spec/junit/README.md).
var junitXSDPath = filepath.Join("..", "..", "..", "shared", "spec", "junit", "jenkins-junit-10.xsd")

type junitDoc struct {
	XMLName  xml.Name `xml:"testsuites"`
	Name     string   `xml:"name,attr"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Errors   int    `xml:"errors,attr"`
		Cases    []struct {
			ClassName string `xml:"classname,attr"`
			Name      string `xml:"name,attr"`
			Failures  []struct {
				Type    string `xml:"type,attr"`
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

// wellFormed reads every token of an XML document, strictly.
func wellFormed(t *testing.T, raw []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(raw))
	d.Strict = true
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("the JUnit report is not well-formed XML: %v\n%s", err, raw)
		}
	}
}

// TestJUnit decodes the JUnit report and checks it has one failed test
// case per unsuppressed finding (consumers keep one failure per case), in
// report order, then one passed case per checked file without findings,
// with the finding's text intact through XML escaping.
func TestJUnit(t *testing.T) {
	r := sampleReport(t)
	raw := render(t, "junit", r, report.Options{})
	if !bytes.HasPrefix(raw, []byte(xml.Header)) {
		t.Errorf("no XML declaration: %.60q", raw)
	}
	wellFormed(t, raw)
	var doc junitDoc
	if err := xml.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("the JUnit report does not decode: %v", err)
	}
	if len(doc.Suites) != 1 {
		t.Fatalf("%d test suites, want 1", len(doc.Suites))
	}
	suite := doc.Suites[0]
	findings := unsuppressed(r)
	failed := map[string]bool{}
	for _, f := range findings {
		failed[f.File] = true
	}
	var clean []string
	for _, file := range r.FileNames {
		if !failed[file] {
			clean = append(clean, file)
		}
	}
	if len(suite.Cases) != len(findings)+len(clean) {
		t.Fatalf("%d test cases, want %d findings + %d clean files", len(suite.Cases), len(findings), len(clean))
	}
	seen := map[string]bool{}
	for i, f := range findings {
		c := suite.Cases[i]
		key := c.ClassName + " " + c.Name
		if seen[key] {
			t.Errorf("two test cases named %q", key)
		}
		seen[key] = true
		if c.ClassName != f.File {
			t.Errorf("case %d: classname %q, want the file %q", i, c.ClassName, f.File)
		}
		if want := fmt.Sprintf("%s %s at %d:%d", f.Rule.Code, f.Rule.Name, f.Line, f.Col); c.Name != want {
			t.Errorf("case %d: name %q, want %q", i, c.Name, want)
		}
		if len(c.Failures) != 1 {
			t.Errorf("case %d (%s): %d failures, want exactly 1", i, f.Rule.Code, len(c.Failures))
			continue
		}
		got := c.Failures[0]
		head := fmt.Sprintf("%s %s %s: %s", f.Severity, f.Rule.Code, f.Rule.Name, f.Message)
		if got.Type != f.Rule.Code {
			t.Errorf("%s: failure type %q", f.Rule.Code, got.Type)
		}
		if got.Message != head {
			t.Errorf("%s: failure message %q, want %q", f.Rule.Code, got.Message, head)
		}
		text := fmt.Sprintf("%s:%d:%d: %s", f.File, f.Line, f.Col, head)
		for _, rel := range f.Related {
			text += fmt.Sprintf("\n    %s:%d:%d: note: %s", rel.File, rel.Line, rel.Col, rel.Message)
		}
		if got.Text != text {
			t.Errorf("%s: failure text\n%q\nwant\n%q", f.Rule.Code, got.Text, text)
		}
	}
	for i, file := range clean {
		c := suite.Cases[len(findings)+i]
		if c.ClassName != file || len(c.Failures) != 0 {
			t.Errorf("clean file %s: case %q %q with %d failures, want a passed case", file, c.ClassName, c.Name, len(c.Failures))
		}
	}
	if suite.Tests != len(suite.Cases) || doc.Tests != len(suite.Cases) {
		t.Errorf("tests = %d (suite) and %d (suites), want %d test cases", suite.Tests, doc.Tests, len(suite.Cases))
	}
	if suite.Failures != len(findings) || doc.Failures != len(findings) {
		t.Errorf("failures = %d (suite) and %d (suites), want %d", suite.Failures, doc.Failures, len(findings))
	}
	if suite.Errors != 0 || doc.Errors != 0 {
		t.Errorf("errors = %d, %d: findings are failures, not errors", suite.Errors, doc.Errors)
	}
	// The suppressed finding is nowhere; its file, with no other finding,
	// is a passed test case.
	for _, f := range r.Findings {
		if f.Suppressed && bytes.Contains(raw, []byte(f.Rule.Code)) {
			t.Errorf("the suppressed %s finding is in the JUnit report", f.Rule.Code)
		}
	}
	if !slices.Contains(clean, fileGlobalOauth) {
		t.Errorf("%s has only a suppressed finding but is not a passed case", fileGlobalOauth)
	}
}

// TestJUnitFileWithoutCase: a finding in a file not listed in FileNames
// still gets its test case.
func TestJUnitFileWithoutCase(t *testing.T) {
	r := sampleReport(t)
	r.FileNames = nil
	var doc junitDoc
	raw := render(t, "junit", r, report.Options{})
	wellFormed(t, raw)
	if err := xml.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	var classes []string
	for _, c := range doc.Suites[0].Cases {
		classes = append(classes, c.ClassName)
	}
	var want []string
	for _, f := range unsuppressed(r) {
		want = append(want, f.File)
	}
	if strings.Join(classes, "|") != strings.Join(want, "|") {
		t.Errorf("test cases %q, want %q (one per unsuppressed finding)", classes, want)
	}
}

// TestJUnitHostileText: text that is not valid in XML 1.0 or looks like
// markup cannot break the document.
func TestJUnitHostileText(t *testing.T) {
	rule := lookup(t, "SF001")
	msg := "bad byte \x00 and \x1b[31m, ]]> </failure><failure type=\"x\"> &amp; \"q\" 'a'\r\n\ttab"
	r := &report.Report{Tool: "t", Files: 1, Findings: []rules.Finding{{
		Rule: rule, Severity: rules.Error, Node: at(`force-app/<a>&"b".xml`, 1, 1), Message: msg,
	}}}
	raw := render(t, "junit", r, report.Options{})
	wellFormed(t, raw)
	var doc junitDoc
	if err := xml.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	cases := doc.Suites[0].Cases
	if len(cases) != 1 || len(cases[0].Failures) != 1 {
		t.Fatalf("got %d cases, want 1 with 1 failure:\n%s", len(cases), raw)
	}
	if cases[0].ClassName != `force-app/<a>&"b".xml` {
		t.Errorf("test case classname %q", cases[0].ClassName)
	}
	if got := cases[0].Failures[0].Message; !strings.Contains(got, "</failure><failure type=\"x\"> &amp; \"q\" 'a'\r\n\ttab") {
		t.Errorf("failure message %q lost the text", got)
	}
}

// TestJUnitSchema checks the JUnit report against the element and
// attribute declarations of jenkins-junit-10.xsd: every element is
// declared, carries only declared attributes and its required ones, holds
// only the children the schema allows, and text only where it is mixed.
func TestJUnitSchema(t *testing.T) {
	xsd, err := os.ReadFile(junitXSDPath)
	if err != nil {
		t.Fatalf("the JUnit schema is missing (%v): the shared folder must be beside the clone, as ../shared", err)
	}
	decls := readXSD(t, xsd)
	for _, name := range []string{"testsuites", "testsuite", "testcase", "failure"} {
		if decls[name] == nil {
			t.Fatalf("%s declares no <%s>: is it the JUnit schema?", junitXSDPath, name)
		}
	}
	for name, r := range map[string]*report.Report{"sample": sampleReport(t), "empty": {Tool: "t"}} {
		raw := render(t, "junit", r, report.Options{})
		var root xmlNode
		if err := xml.Unmarshal(raw, &root); err != nil {
			t.Fatal(err)
		}
		for _, p := range checkXSD(decls, &root, nil) {
			t.Errorf("%s: %s", name, p.msg)
		}
	}
}

// TestJUnitXmllint validates the report with xmllint, as
// ../shared/spec/junit/README.md says. CI installs xmllint; elsewhere the
// test is skipped without it (TestJUnitSchema checks the declarations).
func TestJUnitXmllint(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("xmllint is not installed: .ci/run installs Debian's libxml2-utils")
		}
		t.Skip("xmllint is not installed (Debian: libxml2-utils); TestJUnitSchema checks the declarations without it")
	}
	if _, err := os.Stat(junitXSDPath); err != nil {
		t.Fatalf("the JUnit schema is missing (%v): the shared folder must be beside the clone, as ../shared", err)
	}
	path := filepath.Join(t.TempDir(), "report.xml")
	if err := os.WriteFile(path, render(t, "junit", sampleReport(t), report.Options{}), 0o644); err != nil {
		t.Fatal(err)
	}
	// the sample report, and what the command writes for the broken example
	for _, p := range []string{path, "../../testdata/cli/junit_broken_project/stdout"} {
		if out, err := exec.Command(xmllint, "--noout", "--schema", junitXSDPath, p).CombinedOutput(); err != nil {
			t.Errorf("xmllint rejects %s: %v\n%s", p, err, out)
		}
	}
}

// xmlNode is any XML element.
type xmlNode struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Children []xmlNode  `xml:",any"`
	Text     string     `xml:",chardata"`
}

func (n *xmlNode) attr(name string) (string, bool) {
	for _, a := range n.Attrs {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value, true
		}
	}
	return "", false
}

// xsdElement is what the schema allows in one element.
type xsdElement struct {
	attrs    map[string]bool // name: required
	children map[string]bool
	text     bool // mixed content or a simple type
}

// readXSD collects the top-level element declarations of a schema written
// as jenkins-junit-10.xsd is: elements whose complex type is inline or
// named, children by ref.
func readXSD(t *testing.T, data []byte) map[string]*xsdElement {
	t.Helper()
	var schema xmlNode
	if err := xml.Unmarshal(data, &schema); err != nil {
		t.Fatalf("%s: %v", junitXSDPath, err)
	}
	types := map[string]*xmlNode{}
	for i := range schema.Children {
		c := &schema.Children[i]
		if name, _ := c.attr("name"); c.XMLName.Local == "complexType" && name != "" {
			types[name] = c
		}
	}
	var collect func(n *xmlNode, e *xsdElement)
	collect = func(n *xmlNode, e *xsdElement) {
		for i := range n.Children {
			c := &n.Children[i]
			switch c.XMLName.Local {
			case "attribute":
				name, _ := c.attr("name")
				use, _ := c.attr("use")
				e.attrs[name] = use == "required"
			case "element":
				if ref, ok := c.attr("ref"); ok {
					e.children[ref] = true
				} else if name, ok := c.attr("name"); ok {
					e.children[name] = true
				}
			default:
				collect(c, e)
			}
		}
	}
	out := map[string]*xsdElement{}
	for i := range schema.Children {
		c := &schema.Children[i]
		if c.XMLName.Local != "element" {
			continue
		}
		name, _ := c.attr("name")
		e := &xsdElement{attrs: map[string]bool{}, children: map[string]bool{}}
		typ, _ := c.attr("type")
		var ct *xmlNode
		switch {
		case strings.HasPrefix(typ, "xs:"):
			e.text = true
		case typ != "":
			ct = types[typ]
		default:
			for j := range c.Children {
				if c.Children[j].XMLName.Local == "complexType" {
					ct = &c.Children[j]
				}
			}
		}
		if ct != nil {
			if mixed, _ := ct.attr("mixed"); mixed == "true" {
				e.text = true
			}
			collect(ct, e)
		}
		out[name] = e
	}
	return out
}

type xsdProblem struct{ key, msg string }

func checkXSD(decls map[string]*xsdElement, n *xmlNode, parent *xmlNode) []xsdProblem {
	name := n.XMLName.Local
	e := decls[name]
	if e == nil {
		return []xsdProblem{{name, fmt.Sprintf("<%s> is not declared in the schema", name)}}
	}
	var out []xsdProblem
	if parent != nil && !decls[parent.XMLName.Local].children[name] {
		out = append(out, xsdProblem{parent.XMLName.Local + ">" + name, fmt.Sprintf("<%s> may not hold <%s>", parent.XMLName.Local, name)})
	}
	for _, a := range n.Attrs {
		if a.Name.Space != "" {
			continue
		}
		if _, ok := e.attrs[a.Name.Local]; !ok {
			out = append(out, xsdProblem{name + "@" + a.Name.Local, fmt.Sprintf("<%s> has attribute %s=%q, which the schema does not declare", name, a.Name.Local, a.Value)})
		}
	}
	for a, required := range e.attrs {
		if _, ok := n.attr(a); required && !ok {
			out = append(out, xsdProblem{name + "@" + a, fmt.Sprintf("<%s> lacks the required attribute %s", name, a)})
		}
	}
	if !e.text && strings.TrimSpace(n.Text) != "" {
		out = append(out, xsdProblem{name + "#text", fmt.Sprintf("<%s> holds text %q", name, n.Text)})
	}
	for i := range n.Children {
		out = append(out, checkXSD(decls, &n.Children[i], n)...)
	}
	return out
}
