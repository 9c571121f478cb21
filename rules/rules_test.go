package rules_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sfcheck/sfcheck/rules"
	"github.com/sfcheck/sfcheck/rules/ruletest"
)

var update = flag.Bool("update", false, "rewrite golden files")

const fixtures = "../testdata/rules"

// TestRules runs every rule over its fixture cases, testdata/rules/<code>/<case>/,
// and compares the findings with the case's want.txt byte for byte. Each rule
// needs at least one case with findings and one clean case.
func TestRules(t *testing.T) {
	registered := map[string]bool{}
	for _, r := range rules.All() {
		registered[r.Code] = true
		t.Run(r.Code, func(t *testing.T) {
			cases, err := os.ReadDir(filepath.Join(fixtures, r.Code))
			if err != nil {
				t.Fatalf("rule %s (%s) has no fixtures: %v", r.Code, r.Name, err)
			}
			firing, clean := 0, 0
			for _, c := range cases {
				if !c.IsDir() {
					continue
				}
				dir := filepath.Join(fixtures, r.Code, c.Name())
				got, err := ruletest.Check(dir, ruletest.ConfigFor(r.Code))
				if err != nil {
					t.Fatalf("%s: %v", c.Name(), err)
				}
				wantFile := filepath.Join(dir, "want.txt")
				if *update {
					if err := os.WriteFile(wantFile, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(wantFile)
				if err != nil {
					t.Fatalf("%s: %v (run go test ./rules -update to create it)", c.Name(), err)
				}
				if got != string(want) {
					t.Errorf("%s: findings differ\n--- got\n%s--- want\n%s", c.Name(), got, want)
				}
				if strings.Contains(string(want), " "+r.Code+" ") {
					firing++
				} else if len(want) == 0 {
					clean++
				}
			}
			if firing == 0 || clean == 0 {
				t.Errorf("rule %s needs a case that fires it and a clean case (has %d firing, %d clean)", r.Code, firing, clean)
			}
		})
	}
	dirs, err := os.ReadDir(fixtures)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if !registered[d.Name()] {
			t.Errorf("testdata/rules/%s names no registered rule", d.Name())
		}
	}
}

// TestExamples requires each rule's Bad example to fire it and its Good
// example to stay clean, so `sfcheck explain` never shows a wrong example.
func TestExamples(t *testing.T) {
	for _, r := range rules.All() {
		t.Run(r.Code, func(t *testing.T) {
			for _, ex := range []struct {
				name    string
				archive string
				fires   bool
			}{{"Bad", r.Bad, true}, {"Good", r.Good, false}} {
				dir := t.TempDir()
				if err := ruletest.WriteTxtar(dir, ex.archive); err != nil {
					t.Fatalf("%s: %v", ex.name, err)
				}
				got, err := ruletest.Check(dir, ruletest.ConfigFor(r.Code))
				if err != nil {
					t.Fatal(err)
				}
				fired := strings.Contains(got, " "+r.Code+" ")
				if fired != ex.fires {
					t.Errorf("%s example: fires=%v, want %v; findings:\n%s", ex.name, fired, ex.fires, got)
				}
				if !ex.fires && got != "" {
					t.Errorf("%s example has other findings:\n%s", ex.name, got)
				}
			}
		})
	}
}

// TestRegistry checks that lookups by code and by name agree and that
// every rule documents itself.
func TestRegistry(t *testing.T) {
	for _, r := range rules.All() {
		byName, ok := rules.Lookup(r.Name)
		if !ok || byName != r {
			t.Errorf("Lookup(%q) does not return %s", r.Name, r.Code)
		}
		if strings.HasSuffix(r.Summary, ".") || strings.ToLower(r.Summary[:1]) != r.Summary[:1] {
			t.Errorf("%s: summary should be lower case without a final period: %q", r.Code, r.Summary)
		}
		if len(r.Kinds) == 0 {
			t.Errorf("%s: Kinds is empty", r.Code)
		}
	}
	if _, ok := rules.Lookup("SF999"); ok {
		t.Error("Lookup(SF999) found a rule")
	}
}
