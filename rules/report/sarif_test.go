package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/sfcheck/sfcheck/metadata"
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
			EndLine     int `json:"endLine"`
			EndColumn   int `json:"endColumn"`
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
// column is in code points when a Source was given, else bytes.
func checkLoc(t *testing.T, what string, got sarifLoc, file string, line, col int) {
	t.Helper()
	al := got.PhysicalLocation.ArtifactLocation
	u, err := url.Parse(al.URI)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path != file {
		t.Errorf("%s: uri %q does not read back as the relative path %q (%v)", what, al.URI, file, err)
	}
	if al.URIBaseID != "SRCROOT" {
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
	if run.ColumnKind != "" {
		t.Errorf("columnKind %q without a Source: columns are bytes, so none may be claimed", run.ColumnKind)
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

// TestSARIFSource: with the source lines, SARIF columns are code points,
// regions end where the element or value ends, and only SARIF and text
// change (JSON columns stay bytes).
func TestSARIFSource(t *testing.T) {
	r := sampleReport(t)
	lines := map[string]string{ // the lines of the sample's findings
		fileOauthPolicy + ":2": `<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">`,
		fileNCAccent + ":7":    `    <calloutStatus>Désactivé</calloutStatus>`,
	}
	var asked []string
	opts := report.Options{Source: func(file string, n int) (string, bool) {
		key := fmt.Sprintf("%s:%d", file, n)
		asked = append(asked, key)
		l, ok := lines[key]
		return l, ok
	}}
	raw := render(t, "sarif", r, opts)
	validateSARIF(t, raw)
	d := decodeSARIF(t, raw)
	if d.Runs[0].ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind %q with a Source", d.Runs[0].ColumnKind)
	}
	if len(asked) == 0 {
		t.Fatal("SARIF never asked for a source line")
	}
	res := d.Runs[0].Results
	for i, f := range r.Findings {
		rg := res[i].Locations[0].PhysicalLocation.Region
		switch fmt.Sprintf("%s:%d", f.File, f.Line) {
		case fileOauthPolicy + ":2": // the root element's start tag, to its '>'
			if rg.StartColumn != 1 || rg.EndLine != 2 || rg.EndColumn != 1+len(lines[fileOauthPolicy+":2"]) {
				t.Errorf("root tag region %+v", rg)
			}
		case fileNCAccent + ":7": // the value, "Désactivé": bytes 20-30, code points 20-28
			if f.Col != 20 || rg.StartColumn != 20 || rg.EndLine != 7 || rg.EndColumn != 29 {
				t.Errorf("value region %+v (byte column %d)", rg, f.Col)
			}
		default: // no source line: start only
			if rg.EndLine != 0 || rg.EndColumn != 0 {
				t.Errorf("%s:%d: region %+v has an end without a source line", f.File, f.Line, rg)
			}
		}
	}
	for _, format := range []string{"json", "junit", "github"} {
		if got, want := render(t, format, r, opts), render(t, format, r, report.Options{}); !bytes.Equal(got, want) {
			t.Errorf("%s output changes with a Source", format)
		}
	}
}

// TestSARIFRoot: paths are relative to the repository root whatever the
// working directory, with the root in originalUriBaseIds; a file outside
// the repository gets an absolute file URI; a colon cannot make a path
// read as a URI scheme.
func TestSARIFRoot(t *testing.T) {
	rule := lookup(t, "SF306")
	root := filepath.FromSlash("/work/repo")
	r := &report.Report{Tool: "t", Files: 3, Findings: []rules.Finding{
		{Rule: rule, Severity: rules.Warning, Node: at("main/default/namedCredentials/A.namedCredential-meta.xml", 1, 1), Message: "m"},
		{Rule: rule, Severity: rules.Warning, Node: at("../../elsewhere/B.namedCredential-meta.xml", 1, 1), Message: "m"},
		{Rule: rule, Severity: rules.Warning, Node: at("https:evil.example/C.namedCredential-meta.xml", 1, 1), Message: "m"},
	}}
	raw := render(t, "sarif", r, report.Options{Root: root, Cwd: filepath.Join(root, "force-app")})
	validateSARIF(t, raw)
	var d struct {
		Runs []struct {
			OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
			Results            []struct {
				Locations []sarifLoc `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatal(err)
	}
	if got := d.Runs[0].OriginalURIBaseIDs["SRCROOT"].URI; got != "file:///work/repo/" {
		t.Errorf("originalUriBaseIds SRCROOT = %q", got)
	}
	want := []struct{ uri, base string }{
		{"force-app/main/default/namedCredentials/A.namedCredential-meta.xml", "SRCROOT"},
		{"file:///work/elsewhere/B.namedCredential-meta.xml", ""},
		{"force-app/https%3Aevil.example/C.namedCredential-meta.xml", "SRCROOT"},
	}
	for i, w := range want {
		al := d.Runs[0].Results[i].Locations[0].PhysicalLocation.ArtifactLocation
		if al.URI != w.uri || al.URIBaseID != w.base {
			t.Errorf("result %d: uri %q base %q, want %q %q", i, al.URI, al.URIBaseID, w.uri, w.base)
		}
	}
	// without a root, a colon in the first segment is still encoded
	raw = render(t, "sarif", &report.Report{Tool: "t", Findings: r.Findings[2:]}, report.Options{})
	if u, err := url.Parse(decodeSARIF(t, raw).Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI); err != nil || u.Scheme != "" {
		t.Errorf("a colon in the first segment reads as a scheme: %v %v", u, err)
	}
}

// TestSARIFLimits: past GitHub's 25,000 results per run, the rest are left
// out and the run says so.
func TestSARIFLimits(t *testing.T) {
	f := sampleReport(t).Findings[1]
	r := &report.Report{Tool: "t", Files: 1}
	for i := 0; i < 25003; i++ {
		g := f
		g.Line = i + 1
		r.Findings = append(r.Findings, g)
	}
	// the three left out are the least severe: a suppressed error, then
	// two notes, though they come first in the report
	r.Findings[0].Severity = rules.Note
	r.Findings[1].Suppressed = true
	r.Findings[2].Severity = rules.Warning
	r.Findings[3].Severity = rules.Note
	var d struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						Region struct{ StartLine int }
					}
				}
			} `json:"results"`
			Invocations []struct {
				Notifications []struct {
					Level   string
					Message struct{ Text string }
				} `json:"toolExecutionNotifications"`
			} `json:"invocations"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(render(t, "sarif", r, report.Options{}), &d); err != nil {
		t.Fatal(err)
	}
	res := d.Runs[0].Results
	if n := len(res); n != 25000 {
		t.Fatalf("%d results, want 25000", n)
	}
	var lines []int
	for _, x := range res[:3] {
		lines = append(lines, x.Locations[0].PhysicalLocation.Region.StartLine)
	}
	if !slices.Equal(lines, []int{3, 5, 6}) {
		t.Errorf("the first results are on lines %v, want 3 5 6: the warning kept, in report order, the notes and the suppressed one left out", lines)
	}
	ns := d.Runs[0].Invocations[0].Notifications
	if len(ns) != 1 || !strings.Contains(ns[0].Message.Text, "3 findings were left out, the least severe first") {
		t.Errorf("notifications %+v, want one saying 3 findings were left out", ns)
	}
}

// TestSARIFRelatedLimit: a finding with more related locations than
// GitHub reads keeps the first 1,000, and the run says so.
func TestSARIFRelatedLimit(t *testing.T) {
	f := sampleReport(t).Findings[1]
	f.Related = nil
	for i := 0; i < 1003; i++ {
		f.Related = append(f.Related, rules.Location{Pos: metadata.Pos{File: "x.xml", Line: i + 1, Col: 1}, Message: "m"})
	}
	var d struct {
		Runs []struct {
			Results []struct {
				Related []json.RawMessage `json:"relatedLocations"`
			} `json:"results"`
			Invocations []struct {
				Notifications []struct {
					Message struct{ Text string }
				} `json:"toolExecutionNotifications"`
			} `json:"invocations"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(render(t, "sarif", &report.Report{Tool: "t", Files: 1, Findings: []rules.Finding{f}}, report.Options{}), &d); err != nil {
		t.Fatal(err)
	}
	if n := len(d.Runs[0].Results[0].Related); n != 1000 {
		t.Errorf("%d related locations, want 1000", n)
	}
	ns := d.Runs[0].Invocations[0].Notifications
	if len(ns) != 1 || !strings.Contains(ns[0].Message.Text, "has 1003 related locations; GitHub reads at most 1000") {
		t.Errorf("notifications %+v, want one about the 1003 related locations", ns)
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
