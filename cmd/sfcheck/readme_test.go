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
