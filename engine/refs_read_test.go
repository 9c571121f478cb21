package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/sfcheck/sfcheck/config"
	"github.com/sfcheck/sfcheck/metadata"
	"github.com/sfcheck/sfcheck/rules"
)

// TestReferenceFilesReadForTheirRules: Apex, Flows and the other files
// read only for their callout references are read when a rule that needs
// them is on, and only then (they are most of a real repository).
func TestReferenceFilesReadForTheirRules(t *testing.T) {
	files := map[string]string{
		"force-app/main/default/classes/OrdersClient.cls": "public class OrdersClient {\n" +
			"    static HttpRequest r() { HttpRequest q = new HttpRequest(); q.setEndpoint('callout:Orders_Missing/v1'); return q; }\n}\n",
		"force-app/main/default/flows/Sync.flow-meta.xml": "<Flow xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n" +
			"    <formulas><name>E</name><dataType>String</dataType><expression>\"callout:Sync_Missing/v1\"</expression></formulas>\n</Flow>\n",
		"force-app/main/default/namedCredentials/Billing.namedCredential-meta.xml": "<NamedCredential xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n" +
			"    <label>Billing</label>\n    <namedCredentialType>SecuredEndpoint</namedCredentialType>\n</NamedCredential>\n",
	}
	dir := writeProject(t, files)
	cls, flow := "OrdersClient.cls", "Sync.flow-meta.xml"
	for _, tc := range []struct {
		name  string
		rules string // .sfcheck.yaml's rules
		read  []string
	}{
		{"defaults", "{}", []string{cls, flow}},
		{"all four off", "{SF601: off, SF602: off, SF603: off, SF604: off}", nil},
		{"only SF604, which reads Apex", "{SF601: off, SF602: off, SF603: off}", []string{cls}},
		{"only SF603", "{SF601: off, SF602: off, SF604: off}", []string{cls, flow}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := config.Parse(".sfcheck.yaml", []byte("rules: "+tc.rules+"\n"))
			if err != nil {
				t.Fatal(err)
			}
			var mu sync.Mutex
			var read []string
			testHookLoad = func(path string) {
				mu.Lock()
				defer mu.Unlock()
				if base := filepath.Base(path); base == cls || base == flow {
					read = append(read, base)
				}
			}
			res, err := Run(Options{Paths: []string{"."}, Cwd: dir, Config: cfg})
			testHookLoad = nil
			if err != nil {
				t.Fatal(err)
			}
			slices.Sort(read)
			if !slices.Equal(read, tc.read) {
				t.Errorf("read %v, want %v", read, tc.read)
			}
			var sf601 []string
			for _, f := range res.Findings {
				if f.Rule.Code == "SF601" {
					sf601 = append(sf601, filepath.Base(f.File))
				}
			}
			if want := tc.rules == "{}"; (len(sf601) == 2) != want {
				t.Errorf("SF601 on %v", strings.Join(sf601, ", "))
			}
		})
	}
}

// TestReferenceFileWarnings: what a file read only for its references
// cannot give is said, with the file: its sfcheck-ignore comments when it is
// not well-formed XML (at the place), and references past the bound.
func TestReferenceFileWarnings(t *testing.T) {
	var many strings.Builder
	many.WriteString("public class Many {\n")
	for i := range metadata.MaxReferences + 3 {
		fmt.Fprintf(&many, "    static String e%d = 'callout:Missing_%d/v1';\n", i, i)
	}
	many.WriteString("}\n")
	files := map[string]string{
		"force-app/main/default/flows/Broken.flow-meta.xml": "<Flow xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n" +
			"    <!-- sfcheck-ignore-file SF601 reason: created in the org -->\n" +
			"    <formulas><expression>\"callout:Org_Only/v1\" & \"x\"</expression></formulas>\n</Flow>\n",
		"force-app/main/default/classes/Many.cls": many.String(),
	}
	res := runProject(t, files)
	want := []string{
		"force-app/main/default/classes/Many.cls: 3 more callout references not checked (at most 10000 a file)",
		"force-app/main/default/flows/Broken.flow-meta.xml:3:49: its sfcheck-ignore comments are not applied: malformed XML:",
	}
	for _, w := range want {
		if !slices.ContainsFunc(res.Problems, func(p string) bool { return strings.HasPrefix(p, filepath.FromSlash(w)) }) {
			t.Errorf("no problem %q in:\n%s", w, strings.Join(res.Problems, "\n"))
		}
	}
	n := 0
	for _, f := range res.Findings {
		if f.Rule.Code == "SF601" && filepath.Base(f.File) == "Many.cls" {
			n++
		}
	}
	if n != rules.MaxFileFindings {
		t.Errorf("%d SF601 findings in Many.cls, want the per-file cap", n)
	}
}

// TestSuppressedFindingsCappedApart: a thousand suppressed findings before
// an error in the same file do not push the error past the per-file cap.
func TestSuppressedFindingsCappedApart(t *testing.T) {
	var labels strings.Builder
	labels.WriteString("<CustomLabels xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n" +
		"<!-- sfcheck-ignore-file SF602 reason: the migration is planned -->\n")
	for i := range rules.MaxFileFindings + 1 {
		fmt.Fprintf(&labels, "<labels><fullName>L%d</fullName><value>callout:Old/v1/r%d</value></labels>\n", i, i)
	}
	labels.WriteString("<labels><fullName>Typo</fullName><value>callout:Typo_Missing/v1</value></labels>\n</CustomLabels>\n")
	files := map[string]string{
		"force-app/main/default/labels/CustomLabels.labels-meta.xml": labels.String(),
		"force-app/main/default/namedCredentials/Old.namedCredential-meta.xml": "<NamedCredential xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n" +
			"    <endpoint>https://old.example.com</endpoint>\n    <label>Old</label>\n    <principalType>Anonymous</principalType>\n    <protocol>NoAuthentication</protocol>\n</NamedCredential>\n",
	}
	res := runProject(t, files)
	suppressed, typo := countFindings(res, "SF602", true, ""), countFindings(res, "SF601", false, "Typo_Missing")
	if suppressed != rules.MaxFileFindings || typo != 1 {
		t.Errorf("%d suppressed SF602, %d SF601 on the typo; want %d and 1\n%s", suppressed, typo, rules.MaxFileFindings, strings.Join(res.Problems, "\n"))
	}
}

// countFindings counts the findings of a rule, suppressed or not, whose
// message holds text.
func countFindings(res *Result, code string, suppressed bool, text string) int {
	n := 0
	for _, f := range res.Findings {
		if f.Rule.Code == code && f.Suppressed == suppressed && strings.Contains(f.Message, text) {
			n++
		}
	}
	return n
}

// writeProject writes a project of files (slash-separated path -> content)
// in a new folder, with an sfdx-project.json whose package directory is
// force-app unless files has its own, and returns the folder.
func writeProject(t *testing.T, files map[string]string) string {
	t.Helper()
	if _, ok := files["sfdx-project.json"]; !ok {
		files["sfdx-project.json"] = `{"packageDirectories": [{"path": "force-app", "default": true}]}`
	}
	// ruletest.WriteFiles does this, but ruletest imports engine: not from
	// engine's own tests
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// runProject checks a project of files (see writeProject) with the default
// configuration, as `sfcheck .` in its folder does.
func runProject(t *testing.T, files map[string]string) *Result {
	t.Helper()
	res, err := Run(Options{Paths: []string{"."}, Cwd: writeProject(t, files), Config: config.New()})
	if err != nil {
		t.Fatal(err)
	}
	return res
}
