package main

import (
	"os"
	"testing"

	"github.com/sfcheck/sfcheck/rules/report"
)

// TestRulesDoc fails when docs/rules.md differs from what the registry
// generates.
func TestRulesDoc(t *testing.T) {
	const path = "../../docs/rules.md"
	want := report.RulesMarkdown()
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Error("docs/rules.md is stale: run go test ./cmd/... -update")
	}
}
