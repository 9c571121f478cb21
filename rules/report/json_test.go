package report_test

import (
	"encoding/json"
	"reflect"
	"sort"
	"testing"

	"github.com/sfcheck/sfcheck/rules"
	"github.com/sfcheck/sfcheck/rules/report"
)

// TestJSONContract decodes the JSON report generically and checks it has
// exactly the shape cli.md gives it, then decodes it into types and checks
// every value against the findings.
func TestJSONContract(t *testing.T) {
	r := sampleReport(t)
	raw := render(t, "json", r, report.Options{})

	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("the JSON report does not decode: %v\n%s", err, raw)
	}
	wantKeys(t, "report", doc, []string{"version", "tool", "findings", "summary"}, nil)
	if doc["version"] != "1" {
		t.Errorf("version = %v, want \"1\"", doc["version"])
	}
	tool, _ := doc["tool"].(map[string]any)
	wantKeys(t, "tool", tool, []string{"name", "version"}, nil)
	if tool["name"] != "sfcheck" || tool["version"] != "0.1.0-test" {
		t.Errorf("tool = %v", tool)
	}
	summary, _ := doc["summary"].(map[string]any)
	wantKeys(t, "summary", summary, []string{"files", "errors", "warnings", "notes", "suppressed"}, nil)
	findings, ok := doc["findings"].([]any)
	if !ok || len(findings) != len(r.Findings) {
		t.Fatalf("findings = %T with %d entries, want a list of %d (suppressed ones included)", doc["findings"], len(findings), len(r.Findings))
	}
	required := []string{"rule", "name", "severity", "file", "line", "column", "message", "component"}
	for i, x := range findings {
		f, _ := x.(map[string]any)
		wantKeys(t, "finding", f, required, []string{"related", "suppressed", "reason"})
		for _, k := range []string{"line", "column"} {
			if n, ok := f[k].(float64); !ok || n != float64(int(n)) || n < 1 {
				t.Errorf("finding %d: %s = %v, want a 1-based integer", i, k, f[k])
			}
		}
		comp, _ := f["component"].(map[string]any)
		wantKeys(t, "component", comp, []string{"type", "name"}, nil)
		if rel, ok := f["related"]; ok {
			list, _ := rel.([]any)
			if len(list) == 0 {
				t.Errorf("finding %d: related is %v, want a non-empty list or no key", i, rel)
			}
			for _, l := range list {
				m, _ := l.(map[string]any)
				wantKeys(t, "related location", m, []string{"file", "line", "column", "message"}, nil)
			}
		}
		if s, ok := f["suppressed"]; ok && s != true {
			t.Errorf("finding %d: suppressed = %v; it should be true or absent", i, s)
		}
	}

	// The values.
	type loc struct {
		File    string `json:"file"`
		Line    int    `json:"line"`
		Column  int    `json:"column"`
		Message string `json:"message"`
	}
	var typed struct {
		Findings []struct {
			Rule, Name, Severity, File, Message string
			Line, Column                        int
			Component                           struct{ Type, Name string }
			Related                             []loc
			Suppressed                          bool
			Reason                              string
		}
		Summary report.Counts
	}
	if err := json.Unmarshal(raw, &typed); err != nil {
		t.Fatal(err)
	}
	if typed.Summary != r.Count() {
		t.Errorf("summary = %+v, want %+v", typed.Summary, r.Count())
	}
	for i, f := range r.Findings {
		g := typed.Findings[i]
		if g.Rule != f.Rule.Code || g.Name != f.Rule.Name || g.Severity != f.Severity.String() {
			t.Errorf("finding %d: rule %s %s %s, want %s %s %s", i, g.Rule, g.Name, g.Severity, f.Rule.Code, f.Rule.Name, f.Severity)
		}
		if g.File != f.File || g.Line != f.Line || g.Column != f.Col {
			t.Errorf("finding %d: at %s:%d:%d, want %s (columns are bytes in JSON)", i, g.File, g.Line, g.Column, f.Pos)
		}
		if g.Message != f.Message {
			t.Errorf("finding %d: message %q, want %q", i, g.Message, f.Message)
		}
		if g.Component.Type != f.Component.Type || g.Component.Name != f.Component.Name {
			t.Errorf("finding %d: component %+v, want %+v", i, g.Component, f.Component)
		}
		if g.Suppressed != f.Suppressed || g.Reason != f.Reason {
			t.Errorf("finding %d: suppressed %v reason %q, want %v %q", i, g.Suppressed, g.Reason, f.Suppressed, f.Reason)
		}
		var want []loc
		for _, rel := range f.Related {
			want = append(want, loc{rel.File, rel.Line, rel.Col, rel.Message})
		}
		if !reflect.DeepEqual(g.Related, want) {
			t.Errorf("finding %d: related %+v, want %+v", i, g.Related, want)
		}
	}
}

// wantKeys checks that m has every required key and no key outside
// required and optional.
func wantKeys(t *testing.T, what string, m map[string]any, required, optional []string) {
	t.Helper()
	if m == nil {
		t.Errorf("%s is not a JSON object", what)
		return
	}
	allowed := map[string]bool{}
	for _, k := range append(append([]string{}, required...), optional...) {
		allowed[k] = true
	}
	for _, k := range required {
		if _, ok := m[k]; !ok {
			t.Errorf("%s has no %q: %v", what, k, m)
		}
	}
	var extra []string
	for k := range m {
		if !allowed[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	if len(extra) > 0 {
		t.Errorf("%s has keys cli.md does not define: %v", what, extra)
	}
}

// TestJSONFileNamesNotLost: a file name that is not UTF-8 keeps its bytes
// (escaped), where encoding/json would replace them with U+FFFD.
func TestJSONFileNamesNotLost(t *testing.T) {
	rule := lookup(t, "SF306")
	r := &report.Report{Files: 2, Findings: []rules.Finding{
		{Rule: rule, Severity: rules.Warning, Node: at("nc/\xff.namedCredential-meta.xml", 1, 1), Message: "m"},
		{Rule: rule, Severity: rules.Warning, Node: at("nc/\xfe.namedCredential-meta.xml", 1, 1), Message: "m"},
	}}
	var doc struct{ Findings []struct{ File string } }
	if err := json.Unmarshal(render(t, "json", r, report.Options{}), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Findings[0].File == doc.Findings[1].File || doc.Findings[0].File != `nc/\xff.namedCredential-meta.xml` {
		t.Errorf("file names %q and %q", doc.Findings[0].File, doc.Findings[1].File)
	}
}
