package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/sfcheck/sfcheck/rules"
	"github.com/sfcheck/sfcheck/rules/report"
)

// sarifSchemaPath is the OASIS SARIF 2.1.0 schema, in the shared folder
// beside the clone.
var sarifSchemaPath = filepath.Join("..", "..", "..", "shared", "spec", "sarif-schema-2.1.0.json")

var sarifSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	data, err := os.ReadFile(sarifSchemaPath)
	if err != nil {
		return nil, fmt.Errorf("the SARIF schema is missing (%v): the shared folder must be beside the clone, as ../shared", err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", sarifSchemaPath, err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif.json", doc); err != nil {
		return nil, err
	}
	return c.Compile("sarif.json")
})

func validateSARIF(t *testing.T, raw []byte) {
	t.Helper()
	sch, err := sarifSchema()
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("the SARIF report is not JSON: %v", err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("the SARIF report does not validate against %s: %v", sarifSchemaPath, err)
	}
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifLoc struct {
	ID               *int `json:"id"`
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI       string `json:"uri"`
			URIBaseID string `json:"uriBaseId"`
		} `json:"artifactLocation"`
		Region struct {
			StartLine   int `json:"startLine"`
			StartColumn int `json:"startColumn"`
		} `json:"region"`
	} `json:"physicalLocation"`
	Message *sarifText `json:"message"`
}

type sarifDoc struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		ColumnKind string `json:"columnKind"`
		Tool       struct {
			Driver struct {
				Name    string `json:"name"`
				Version string `json:"version"`
				Rules   []struct {
					ID                   string    `json:"id"`
					Name                 string    `json:"name"`
					ShortDescription     sarifText `json:"shortDescription"`
					FullDescription      sarifText `json:"fullDescription"`
					Help                 sarifText `json:"help"`
					HelpURI              string    `json:"helpUri"`
					DefaultConfiguration struct{ Level string }
					Properties           map[string]any `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID              string            `json:"ruleId"`
			RuleIndex           int               `json:"ruleIndex"`
			Level               string            `json:"level"`
			Message             sarifText         `json:"message"`
			Locations           []sarifLoc        `json:"locations"`
			RelatedLocations    []sarifLoc        `json:"relatedLocations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Suppressions        []struct {
				Kind          string `json:"kind"`
				Justification string `json:"justification"`
			} `json:"suppressions"`
		} `json:"results"`
	} `json:"runs"`
}

func decodeSARIF(t *testing.T, raw []byte) sarifDoc {
	t.Helper()
	var d sarifDoc
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatalf("SARIF does not decode: %v", err)
	}
	if len(d.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(d.Runs))
	}
	return d
}

func sarifLevel(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	}
	return "note"
}

// checkLoc compares a SARIF location with the place it was made from; the
// column is the one CharColumn gave (or the byte column without it).
func checkLoc(t *testing.T, what string, got sarifLoc, file string, line, col int) {
	t.Helper()
	al := got.PhysicalLocation.ArtifactLocation
	u, err := url.Parse(al.URI)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path != file {
		t.Errorf("%s: uri %q does not read back as the relative path %q (%v)", what, al.URI, file, err)
	}
	if al.URIBaseID != "%SRCROOT%" {
		t.Errorf("%s: uriBaseId %q", what, al.URIBaseID)
	}
	if rg := got.PhysicalLocation.Region; rg.StartLine != line || rg.StartColumn != col {
		t.Errorf("%s: region %d:%d, want %d:%d", what, rg.StartLine, rg.StartColumn, line, col)
	}
}

// TestSARIF validates the sample report against the OASIS schema and
// checks each result against its finding: rule, level, message, location,
// related locations with ids and messages, suppressions, fingerprints.
func TestSARIF(t *testing.T) {
	r := sampleReport(t)
	raw := render(t, "sarif", r, report.Options{})
	validateSARIF(t, raw)
	d := decodeSARIF(t, raw)
	if d.Version != "2.1.0" || d.Schema == "" {
		t.Errorf("version %q, $schema %q", d.Version, d.Schema)
	}
	run := d.Runs[0]
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind %q", run.ColumnKind)
	}
	drv := run.Tool.Driver
	if drv.Name != "sfcheck" || drv.Version != "0.1.0-test" {
		t.Errorf("driver %s %s", drv.Name, drv.Version)
	}

	all := rules.All()
	if len(drv.Rules) != len(all) {
		t.Fatalf("driver has %d rules, the registry %d", len(drv.Rules), len(all))
	}
	for i, rule := range all {
		got := drv.Rules[i]
		if got.ID != rule.Code || got.Name != rule.Name {
			t.Errorf("rule %d is %s %s, want %s %s", i, got.ID, got.Name, rule.Code, rule.Name)
		}
		if got.ShortDescription.Text != rule.Summary || got.FullDescription.Text != rule.Doc {
			t.Errorf("%s: descriptions are not the rule's Summary and Doc", rule.Code)
		}
		if got.Help.Text != report.RuleText(rule) || got.Help.Markdown != report.RuleMarkdown(rule) {
			t.Errorf("%s: help is not RuleText/RuleMarkdown", rule.Code)
		}
		if want := report.DocsURL + "#" + report.RuleAnchor(rule); got.HelpURI != want {
			t.Errorf("%s: helpUri %q, want %q", rule.Code, got.HelpURI, want)
		}
		if got.DefaultConfiguration.Level != sarifLevel(rule.Severity) {
			t.Errorf("%s: default level %q, rule severity %s", rule.Code, got.DefaultConfiguration.Level, rule.Severity)
		}
		_, scored := got.Properties["security-severity"]
		tags, _ := got.Properties["tags"].([]any)
		if scored != rule.Security || slices.Contains(tags, any("security")) != rule.Security {
			t.Errorf("%s: Security=%v but properties %v", rule.Code, rule.Security, got.Properties)
		}
	}

	if len(run.Results) != len(r.Findings) {
		t.Fatalf("%d results for %d findings (suppressed findings must stay, with suppressions)", len(run.Results), len(r.Findings))
	}
	ids := report.Identities(r.Findings)
	seen := map[string]int{}
	for i, f := range r.Findings {
		res := run.Results[i]
		what := fmt.Sprintf("result %d (%s)", i, f.Rule.Code)
		if res.RuleID != f.Rule.Code {
			t.Errorf("%s: ruleId %q", what, res.RuleID)
		}
		if res.RuleIndex < 0 || res.RuleIndex >= len(drv.Rules) || drv.Rules[res.RuleIndex].ID != f.Rule.Code {
			t.Errorf("%s: ruleIndex %d does not point at %s", what, res.RuleIndex, f.Rule.Code)
		}
		if res.Level != sarifLevel(f.Severity) {
			t.Errorf("%s: level %q for a %s", what, res.Level, f.Severity)
		}
		if res.Message.Text != f.Message {
			t.Errorf("%s: message %q, want %q", what, res.Message.Text, f.Message)
		}
		if len(res.Locations) != 1 {
			t.Fatalf("%s: %d locations, want 1", what, len(res.Locations))
		}
		checkLoc(t, what, res.Locations[0], f.File, f.Line, f.Col)
		if len(res.RelatedLocations) != len(f.Related) {
			t.Fatalf("%s: %d related locations, want %d", what, len(res.RelatedLocations), len(f.Related))
		}
		relIDs := map[int]bool{}
		for j, rel := range f.Related {
			got := res.RelatedLocations[j]
			checkLoc(t, fmt.Sprintf("%s related %d", what, j), got, rel.File, rel.Line, rel.Col)
			if got.ID == nil || *got.ID < 0 || relIDs[*got.ID] {
				t.Errorf("%s related %d: id %v is missing or not unique", what, j, got.ID)
			} else {
				relIDs[*got.ID] = true
			}
			if got.Message == nil || got.Message.Text != rel.Message {
				t.Errorf("%s related %d: message %+v, want %q", what, j, got.Message, rel.Message)
			}
		}
		switch {
		case f.Suppressed && (len(res.Suppressions) != 1 || res.Suppressions[0].Kind != "inSource" || res.Suppressions[0].Justification != f.Reason):
			t.Errorf("%s: suppressions %+v, want one inSource with justification %q", what, res.Suppressions, f.Reason)
		case !f.Suppressed && len(res.Suppressions) != 0:
			t.Errorf("%s: an unsuppressed finding has suppressions %+v", what, res.Suppressions)
		}
		fp := res.PartialFingerprints["sfcheck/v1"]
		if fp != report.Fingerprint(f, ids[i]) {
			t.Errorf("%s: fingerprint %q, want Fingerprint() = %q", what, fp, report.Fingerprint(f, ids[i]))
		}
		if j, dup := seen[fp]; dup {
			t.Errorf("%s has the fingerprint of result %d", what, j)
		}
		seen[fp] = i
	}

	// Spaces and non-ASCII letters are percent-encoded in URIs.
	for file, want := range map[string]string{
		fileEC:       "force-app/main/default/externalCredentials/Billing%20API.externalCredential-meta.xml",
		fileNCAccent: "force-app/main/default/namedCredentials/Facturaci%C3%B3n.namedCredential-meta.xml",
	} {
		if !bytes.Contains(raw, []byte(`"uri": "`+want+`"`)) {
			t.Errorf("no uri %q for %q", want, file)
		}
	}
}

// TestSARIFOddFileNames: characters that mean something in a URI
// reference are escaped, so the uri reads back as the same relative path.
func TestSARIFOddFileNames(t *testing.T) {
	rule := lookup(t, "SF001")
	files := []string{
		"force-app/main/default/namedCredentials/100%.namedCredential-meta.xml",
		"force-app/main/default/namedCredentials/a#b.namedCredential-meta.xml",
		"force-app/main/default/namedCredentials/a?b=c.namedCredential-meta.xml",
		"force-app/main/default/named Credentials/[x] ünï.namedCredential-meta.xml",
		`force-app/main/default/namedCredentials/back\slash "q".namedCredential-meta.xml`,
	}
	r := &report.Report{Tool: "t", Files: len(files)}
	for i, f := range files {
		r.Findings = append(r.Findings, rules.Finding{Rule: rule, Severity: rules.Error, Node: at(f, i+1, 1), Message: "m"})
	}
	raw := render(t, "sarif", r, report.Options{})
	validateSARIF(t, raw)
	d := decodeSARIF(t, raw)
	for i, f := range files {
		checkLoc(t, f, d.Runs[0].Results[i].Locations[0], f, i+1, 1)
	}
}

// TestSARIFCharColumn: Options.CharColumn converts the columns of primary
// and related locations in SARIF, and only there (JSON columns are bytes).
func TestSARIFCharColumn(t *testing.T) {
	r := sampleReport(t)
	type call struct {
		file      string
		line, col int
	}
	var calls []call
	opts := report.Options{CharColumn: func(file string, line, col int) int {
		calls = append(calls, call{file, line, col})
		return col*10 + 3 // unmistakably converted
	}}
	raw := render(t, "sarif", r, opts)
	validateSARIF(t, raw)
	res := decodeSARIF(t, raw).Runs[0].Results

	var want []call
	for i, f := range r.Findings {
		want = append(want, call{f.File, f.Line, f.Col})
		checkLoc(t, fmt.Sprintf("result %d", i), res[i].Locations[0], f.File, f.Line, f.Col*10+3)
		for j, rel := range f.Related {
			want = append(want, call{rel.File, rel.Line, rel.Col})
			checkLoc(t, fmt.Sprintf("result %d related %d", i, j), res[i].RelatedLocations[j], rel.File, rel.Line, rel.Col*10+3)
		}
	}
	if !slices.Equal(calls, want) {
		t.Errorf("CharColumn was called with %v, want one call per location %v", calls, want)
	}

	// A realistic conversion: the note's line holds "ó" (two bytes, one code
	// point) before the column.
	lines := map[string]string{fileNCAccent + ":7": `    <label>Facturación</label>`}
	codePoints := report.Options{CharColumn: func(file string, line, col int) int {
		s, ok := lines[fmt.Sprintf("%s:%d", file, line)]
		if !ok || col-1 > len(s) {
			return col
		}
		return len([]rune(s[:col-1])) + 1
	}}
	note := &report.Report{Tool: "t", Files: 1, Findings: []rules.Finding{r.Findings[5]}}
	note.Findings[0].Node = at(fileNCAccent, 7, 24) // the "<" of "</label>", byte 24, code point 23
	got := decodeSARIF(t, render(t, "sarif", note, codePoints)).Runs[0].Results[0].Locations[0]
	checkLoc(t, "code point column", got, fileNCAccent, 7, 23)

	// Other formats ignore CharColumn.
	for _, format := range []string{"text", "json", "junit", "github"} {
		calls = nil
		if got, want := render(t, format, r, opts), render(t, format, r, report.Options{}); !bytes.Equal(got, want) {
			t.Errorf("%s output changes with CharColumn", format)
		}
		if len(calls) != 0 {
			t.Errorf("%s called CharColumn", format)
		}
	}
}

// TestSARIFEmptyAndDuplicates: an empty run validates, and two findings
// with one identity get distinct fingerprints.
func TestSARIFEmptyAndDuplicates(t *testing.T) {
	raw := render(t, "sarif", &report.Report{Tool: "t"}, report.Options{})
	validateSARIF(t, raw)
	if n := len(decodeSARIF(t, raw).Runs[0].Results); n != 0 {
		t.Errorf("%d results in an empty run", n)
	}

	f := sampleReport(t).Findings[1]
	g := f
	g.Line, g.Message = 40, "the same problem again"
	r := &report.Report{Tool: "t", Files: 1, Findings: []rules.Finding{f, g}}
	raw = render(t, "sarif", r, report.Options{})
	validateSARIF(t, raw)
	res := decodeSARIF(t, raw).Runs[0].Results
	a, b := res[0].PartialFingerprints["sfcheck/v1"], res[1].PartialFingerprints["sfcheck/v1"]
	if a == "" || a == b {
		t.Errorf("fingerprints %q and %q: two findings with one identity must differ", a, b)
	}
}
