package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

type sarifOut struct {
	Runs []struct {
		ColumnKind string `json:"columnKind"`
		Tool       struct {
			Driver struct {
				Rules []struct {
					ID         string         `json:"id"`
					HelpURI    string         `json:"helpUri"`
					Properties map[string]any `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI string } `json:"artifactLocation"`
					Region           struct {
						StartLine   int `json:"startLine"`
						StartColumn int `json:"startColumn"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Suppressions        []any             `json:"suppressions"`
		} `json:"results"`
	} `json:"runs"`
}

func runSARIF(t *testing.T, cwd string, args ...string) ([]byte, sarifOut) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := env{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }, cwd: cwd}.run(append([]string{"-f", "sarif", "--no-config"}, args...))
	if code > 1 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var out sarifOut
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	return stdout.Bytes(), out
}

// TestSARIFSchema validates the SARIF report against the OASIS schema and
// checks what code scanning needs from it.
func TestSARIFSchema(t *testing.T) {
	root, _ := filepath.Abs("../..")
	schemaData, err := os.ReadFile(filepath.Join(root, "..", "shared", "spec", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatalf("the SARIF schema is missing (%v): the shared folder must be beside the clone, as ../shared", err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaData))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	raw, out := runSARIF(t, root, "testdata/projects/same-org-broken", "testdata/projects/suppressed", "testdata/projects/literal-headers")
	inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("SARIF does not validate: %v", err)
	}
	run := out.Runs[0]
	if run.ColumnKind != "unicodeCodePoints" || len(run.Results) < 10 {
		t.Fatalf("columnKind %q, %d results", run.ColumnKind, len(run.Results))
	}
	security := map[string]bool{}
	for _, r := range run.Tool.Driver.Rules {
		if !strings.Contains(r.HelpURI, "docs/rules.md#"+strings.ToLower(r.ID)+"-") {
			t.Errorf("%s: helpUri %q", r.ID, r.HelpURI)
		}
		if _, ok := r.Properties["security-severity"]; ok {
			security[r.ID] = true
		}
	}
	for _, id := range []string{"SF103", "SF104", "SF107", "SF202", "SF204", "SF205", "SF305", "SF401", "SF402"} {
		if !security[id] {
			t.Errorf("%s has no security-severity", id)
		}
	}
	suppressed := 0
	for _, res := range run.Results {
		if len(res.Locations) != 1 || res.Locations[0].PhysicalLocation.Region.StartLine < 1 || res.Locations[0].PhysicalLocation.Region.StartColumn < 1 {
			t.Errorf("%s: no location with a region", res.RuleID)
		}
		if res.PartialFingerprints["sfcheck/v1"] == "" {
			t.Errorf("%s: no fingerprint", res.RuleID)
		}
		suppressed += len(res.Suppressions)
	}
	if suppressed != 1 {
		t.Errorf("%d suppressed results, want 1", suppressed)
	}
	for _, secret := range []string{"abc.def.ghi", "k3y-l1t3r4l"} {
		if bytes.Contains(raw, []byte(secret)) {
			t.Errorf("the SARIF report contains the secret %q", secret)
		}
	}
}

// TestSARIFStableAndCodePoints: fingerprints do not move when lines do,
// and columns count code points, not bytes.
func TestSARIFStableAndCodePoints(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "namedCredentials", "Api.namedCredential-meta.xml")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	body := "<NamedCredential xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n" +
		"    <label>Zürich</label><calloutStatus>Disabled</calloutStatus>\n" +
		"</NamedCredential>\n"
	write := func(prefix string) {
		if err := os.WriteFile(file, []byte(prefix+body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("")
	_, before := runSARIF(t, dir, ".")
	write("<!-- moved down -->\n\n\n")
	_, after := runSARIF(t, dir, ".")
	fp := func(o sarifOut, id string) (string, int, int) {
		for _, r := range o.Runs[0].Results {
			if r.RuleID == id {
				reg := r.Locations[0].PhysicalLocation.Region
				return r.PartialFingerprints["sfcheck/v1"], reg.StartLine, reg.StartColumn
			}
		}
		t.Fatalf("no %s result", id)
		return "", 0, 0
	}
	f1, l1, c1 := fp(before, "SF307")
	f2, l2, _ := fp(after, "SF307")
	if f1 != f2 || l1 == l2 {
		t.Errorf("fingerprint %s line %d, then %s line %d", f1, l1, f2, l2)
	}
	// the value follows "    <label>Zürich</label><calloutStatus>": 40 code
	// points but 41 bytes, so byte column 42 is code point column 41
	if c1 != 41 {
		t.Errorf("column %d, want 41 (code points)", c1)
	}
}

// TestSARIFFromSubfolder: run from inside a repository (cd force-app &&
// sfcheck .), the SARIF still names files from the repository root, where
// GitHub looks for them: SRCROOT is the git work tree, not the working
// directory; without a git work tree, the project root.
func TestSARIFFromSubfolder(t *testing.T) {
	root, _ := filepath.Abs("../..")
	repo := t.TempDir()
	project := filepath.Join(repo, "app")
	copyTree(t, filepath.Join(root, "testdata/projects/same-org-broken"), project)
	sub := filepath.Join(project, "force-app")
	check := func(name, wantBase, wantPrefix string) {
		var doc struct {
			Runs []struct {
				OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
				Results            []struct {
					Locations []struct {
						PhysicalLocation struct {
							ArtifactLocation struct{ URI, URIBaseID string } `json:"artifactLocation"`
						} `json:"physicalLocation"`
					} `json:"locations"`
				} `json:"results"`
			} `json:"runs"`
		}
		raw, _ := runSARIF(t, sub, ".")
		if err := json.Unmarshal(raw, &doc); err != nil {
			t.Fatal(err)
		}
		run := doc.Runs[0]
		if got := run.OriginalURIBaseIDs["SRCROOT"].URI; got != "file://"+wantBase+"/" {
			t.Errorf("%s: SRCROOT is %q, want file://%s/", name, got, wantBase)
		}
		if len(run.Results) == 0 {
			t.Fatalf("%s: no results", name)
		}
		for _, r := range run.Results {
			loc := r.Locations[0].PhysicalLocation.ArtifactLocation
			if loc.URIBaseID != "SRCROOT" || !strings.HasPrefix(loc.URI, wantPrefix) {
				t.Errorf("%s: result at %s (base %s), want %s... from SRCROOT", name, loc.URI, loc.URIBaseID, wantPrefix)
			}
		}
	}
	check("project without git", project, "force-app/main/default/")
	sh(t, repo, "git", "init", "-q")
	check("git work tree above the project", repo, "app/force-app/main/default/")
}
