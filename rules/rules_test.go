package rules_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/sfcheck/sfcheck/metadata"
	"github.com/sfcheck/sfcheck/rules"
	"github.com/sfcheck/sfcheck/rules/ruletest"
)

var update = flag.Bool("update", false, "rewrite golden files")

const fixtures = "../testdata/rules"

// TestRules runs every rule over its fixture cases,
// testdata/rules/<code>/<case>.txtar, and compares the findings with the
// case's want section line for line: a finding nobody expected fails, and
// so does an expectation nothing matched. Each rule needs at least one case
// with findings and one clean case, and each case must read a file.
func TestRules(t *testing.T) {
	registered := map[string]bool{}
	for _, r := range rules.All() {
		registered[r.Code] = true
		t.Run(r.Code, func(t *testing.T) {
			paths, _ := filepath.Glob(filepath.Join(fixtures, r.Code, "*.txtar"))
			if len(paths) == 0 {
				t.Fatalf("rule %s (%s) has no fixtures in testdata/rules/%s/", r.Code, r.Name, r.Code)
			}
			firing, clean := 0, 0
			for _, path := range paths {
				c, err := ruletest.ReadCase(path)
				if err != nil {
					t.Fatal(err)
				}
				if !c.HasWant && !*update {
					t.Fatalf("%s: no -- want -- section (run go test ./rules -update to write it, then review it)", path)
				}
				got := runCase(t, r, c)
				if *update {
					c.Want = got
					if err := os.WriteFile(path, c.Format(), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				compare(t, c.Name, got, c.Want)
				if strings.Contains(c.Want, " "+r.Code+" ") {
					firing++
				} else if c.Want == "" {
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

// runCase expands a case into a temporary project and checks it.
func runCase(t *testing.T, r *rules.Rule, c *ruletest.Case) string {
	t.Helper()
	dir := t.TempDir()
	if err := ruletest.WriteFiles(dir, c.Files); err != nil {
		t.Fatalf("%s: %v", c.Name, err)
	}
	got, files, err := ruletest.CheckRule(dir, r)
	if err != nil {
		t.Fatalf("%s: %v", c.Name, err)
	}
	if files == 0 {
		t.Fatalf("%s: the case reads no metadata file: check the file names", c.Name)
	}
	checkKinds(t, c.Name, r, got)
	return got
}

// compare reports unexpected findings and expectations nothing matched.
func compare(t *testing.T, name, got, want string) {
	t.Helper()
	if got == want {
		return
	}
	wantSet := map[string]int{}
	for _, l := range lines(want) {
		wantSet[l]++
	}
	var unexpected []string
	for _, l := range lines(got) {
		if wantSet[l] > 0 {
			wantSet[l]--
			continue
		}
		unexpected = append(unexpected, l)
	}
	var unmet []string
	for _, l := range lines(want) {
		if wantSet[l] > 0 {
			wantSet[l]--
			unmet = append(unmet, l)
		}
	}
	t.Errorf("%s: findings differ\nunexpected:\n\t%s\nexpected but not found:\n\t%s\n(order matters too: got\n%s)",
		name, strings.Join(unexpected, "\n\t"), strings.Join(unmet, "\n\t"), got)
}

func lines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// checkKinds holds Rule.Kinds to the truth: a rule reports only on files
// of the kinds it declares (explain and docs/rules.md show that list).
func checkKinds(t *testing.T, name string, r *rules.Rule, got string) {
	t.Helper()
	for _, l := range lines(got) {
		if strings.HasPrefix(l, " ") || !strings.Contains(l, " "+r.Code+" ") {
			continue
		}
		file, _, _ := strings.Cut(l, ":")
		k, _ := metadata.ClassifyName(filepath.Base(file))
		if !r.ReportsOn(k) {
			t.Errorf("%s: %s reports on %s, a %s file, but its Kinds leave that kind out", name, r.Code, file, k)
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
				got, files, err := ruletest.CheckRule(dir, r)
				if err != nil {
					t.Fatal(err)
				}
				if files == 0 {
					t.Fatalf("%s example reads no metadata file: check its file names", ex.name)
				}
				fired := strings.Contains(got, " "+r.Code+" ")
				if fired != ex.fires {
					t.Errorf("%s example: fires=%v, want %v; findings:\n%s", ex.name, fired, ex.fires, got)
				}
				if !ex.fires && got != "" {
					t.Errorf("%s example has other findings:\n%s", ex.name, got)
				}
				checkKinds(t, ex.name, r, got)
			}
		})
	}
}

// TestRegistry checks that lookups by code and by name agree.
func TestRegistry(t *testing.T) {
	for _, r := range rules.All() {
		byName, ok := rules.Lookup(r.Name)
		if !ok || byName != r {
			t.Errorf("Lookup(%q) does not return %s", r.Name, r.Code)
		}
		if byCode, ok := rules.Lookup(strings.ToLower(r.Code)); !ok || byCode != r {
			t.Errorf("Lookup(%q) does not return %s", strings.ToLower(r.Code), r.Code)
		}
	}
	if _, ok := rules.Lookup("SF999"); ok {
		t.Error("Lookup(SF999) found a rule")
	}
}

// TestExpensiveReadersDeclareKinds: a run on named files leaves permission
// sets and the code that calls out unread unless a rule that reads them
// may report about a named file, which it knows from Kinds. A rule that
// reads them without declaring them would see none in pre-commit.
func TestExpensiveReadersDeclareKinds(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	code := regexp.MustCompile(`Code:\s+"(SF\d+)"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m := code.FindSubmatch(src)
		for field, kind := range map[string]metadata.Kind{
			"Index.PermissionSets": metadata.KindPermissionSet,
			"Index.References":     metadata.KindApexClass,
		} {
			if !bytes.Contains(src, []byte(field)) {
				continue
			}
			if m == nil {
				t.Errorf("%s reads %s outside a rule file", f, field)
				continue
			}
			if r, ok := rules.Lookup(string(m[1])); !ok || !(r.ReportsOn(kind) || slices.Contains(r.Needs, kind)) {
				t.Errorf("%s (%s) reads %s, but neither its Kinds nor its Needs have %s", m[1], f, field, kind)
			}
		}
	}
}
