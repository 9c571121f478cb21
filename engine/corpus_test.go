package engine_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sfcheck/sfcheck/config"
	"github.com/sfcheck/sfcheck/engine"
	"github.com/sfcheck/sfcheck/rules/ruletest"
)

// corpus is the real metadata collected from public projects. CI has
// ../shared beside the clone; without it this test fails, it does not skip.
var update = flag.Bool("update", false, "rewrite golden files")

const corpus = "../../shared/corpus/real"

// TestRealCorpus checks every project of the real corpus on its own (as a
// user would run sfcheck in that repository): every file is recognised and
// parses, none gets SF001 or SF002, and the findings are exactly the
// reviewed ones in testdata/corpus/findings.golden.
func TestRealCorpus(t *testing.T) {
	manifest, err := os.ReadFile(filepath.Join(corpus, "MANIFEST.tsv"))
	if err != nil {
		t.Fatalf("the real corpus is missing (%v): CI and developers need the shared folder beside the clone, as ../shared", err)
	}
	wantFiles := strings.Count(strings.TrimSpace(string(manifest)), "\n") // minus the header line
	projects, err := os.ReadDir(corpus)
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(corpus)
	// The real files that are really wrong: one hand-invented External
	// Credential (an unknown protocol and element), two retrieved at API
	// 56-57 with the removed <principal>, and four ECA policies with the
	// removed isNamedUserJwtEnabled. Validation fires on them only.
	wantValidation := map[string]bool{
		"DarylHogg__ASSP/force-app/main/default/externalCredentials/MicrosoftGraph.externalCredential-meta.xml SF003":                                                   true,
		"DarylHogg__ASSP/force-app/main/default/externalCredentials/MicrosoftGraph.externalCredential-meta.xml SF004":                                                   true,
		"callawaycloud__llm-apex-agents/force-app/main/default/externalCredentials/OpenAI.externalCredential-meta.xml SF008":                                            true,
		"imTachu__sfdx-cli-external-credentials-issue-example/force-app/main/default/externalCredentials/Amazon_API_Gateway_External.externalCredential-meta.xml SF008": true,
		// ECA policies retrieved before API 64.0 carry isNamedUserJwtEnabled,
		// which 64.0 removed; with no project version they deploy at the newest
		"chrzasz__sf-th-eca-via-metadata/force-app/main/default/extlClntAppOauthPolicies/ecaViaMetadataSettings_defaultPolicy.ecaOauthPlcy-meta.xml SF008":               true,
		"ilrhea__External-Client-App/force-app/main/default/extlClntAppOauthPolicies/ecaViaMetadataSettings_defaultPolicy.ecaOauthPlcy-meta.xml SF008":                   true,
		"nruiz209487__Salesforce-Learning-Code-Archive/force-app/main/default/extlClntAppOauthPolicies/ecaViaMetadataSettings_defaultPolicy.ecaOauthPlcy-meta.xml SF008": true,
		"nruiz209487__Salesforce-Learning-Code-Archive/force-app/main/default/extlClntAppOauthPolicies/Customer_Order_Status_oauthPlcy.ecaOauthPlcy-meta.xml SF008":      true,
	}
	gotValidation := map[string]bool{}
	var got strings.Builder
	files := 0
	for _, p := range projects {
		if !p.IsDir() {
			continue
		}
		res, err := engine.Run(engine.Options{Paths: []string{p.Name()}, Cwd: abs, Config: config.New()})
		if err != nil {
			t.Fatalf("%s: %v", p.Name(), err)
		}
		files += res.Files
		for _, f := range res.Findings {
			if f.Rule.Code == "SF001" || f.Rule.Code == "SF002" {
				t.Errorf("real file does not load: %s", f)
			}
			if f.Rule.Code >= "SF003" && f.Rule.Code <= "SF009" {
				gotValidation[f.File+" "+f.Rule.Code] = true
			}
		}
		got.WriteString(ruletest.Lines(res.Findings))
	}
	for k := range gotValidation {
		if !wantValidation[k] {
			t.Errorf("validation fires on a real file that is right: %s", k)
		}
	}
	for k := range wantValidation {
		if !gotValidation[k] {
			t.Errorf("validation misses a real file that is wrong: %s", k)
		}
	}
	if files != wantFiles {
		t.Errorf("read %d metadata files, MANIFEST.tsv lists %d", files, wantFiles)
	}
	golden := filepath.Join("..", "testdata", "corpus", "findings.golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("findings on the real corpus changed; review them and run go test ./rules -update\n--- got\n%s--- want\n%s", got.String(), want)
	}
}
