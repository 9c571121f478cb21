package engine

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/sfcheck/sfcheck/config"
)

// TestReferenceFilesReadForTheirRules: Apex, Flows and the other files
// read only for their callout references are read when a rule that needs
// them is on, and only then (they are most of a real repository).
func TestReferenceFilesReadForTheirRules(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"sfdx-project.json": `{"packageDirectories": [{"path": "force-app", "default": true}]}`,
		"force-app/main/default/classes/OrdersClient.cls": "public class OrdersClient {\n" +
			"    static HttpRequest r() { HttpRequest q = new HttpRequest(); q.setEndpoint('callout:Orders_Missing/v1'); return q; }\n}\n",
		"force-app/main/default/flows/Sync.flow-meta.xml": "<Flow xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n" +
			"    <formulas><name>E</name><dataType>String</dataType><expression>\"callout:Sync_Missing/v1\"</expression></formulas>\n</Flow>\n",
		"force-app/main/default/namedCredentials/Billing.namedCredential-meta.xml": "<NamedCredential xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n" +
			"    <label>Billing</label>\n    <namedCredentialType>SecuredEndpoint</namedCredentialType>\n</NamedCredential>\n",
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
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
