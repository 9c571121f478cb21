package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/sfcheck/sfcheck/rules/report"
)

var tableRE = regexp.MustCompile(`(?s)(<!-- rules:start[^>]*-->\n).*?(<!-- rules:end -->)`)

// TestReadmeTable fails when the README rule table differs from the registry.
func TestReadmeTable(t *testing.T) {
	const path = "../../README.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !tableRE.Match(data) {
		t.Fatal("README.md has no rules:start/rules:end markers")
	}
	want := tableRE.ReplaceAllString(string(data), "${1}"+strings.ReplaceAll(report.RulesTable("docs/rules.md"), "$", "$$")+"${2}")
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if want != string(data) {
		t.Error("the README rule table is stale: run go test ./cmd/... -update")
	}
}

// TestGoVersion keeps the Go version README and the GitHub Action ask for
// in step with go.mod.
func TestGoVersion(t *testing.T) {
	mod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindSubmatch(mod)
	if m == nil {
		t.Fatal("go.mod has no go directive")
	}
	want := string(m[1])
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, re := range []string{`Requires Go (\d+\.\d+)`, `image: golang:(\d+\.\d+)`, `version: '(\d+\.\d+)'`} {
		for _, got := range regexp.MustCompile(re).FindAllSubmatch(readme, -1) {
			if string(got[1]) != want {
				t.Errorf("README.md asks for Go %s (%s), go.mod for %s", got[1], re, want)
			}
		}
	}
	action, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(action), "go-version-file: ${{ github.action_path }}/go.mod") {
		t.Error("action.yml does not build with the Go version of go.mod")
	}
}
