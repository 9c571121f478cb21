package main

import (
	"encoding/json"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/sfcheck/sfcheck/metadata"
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

// TestProblemMatcher runs the VS Code problem matcher of README.md over
// real text output: every finding line matches with its fields, and
// nothing else does (source lines, notes, the summary).
func TestProblemMatcher(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile("(?s)```json\n(\\{\n  \"version\": \"2.0.0\".*?)```").FindSubmatch(data)
	if block == nil {
		t.Fatal("README.md has no VS Code tasks.json block")
	}
	var tasks struct {
		Tasks []struct {
			Command        string
			ProblemMatcher struct {
				Pattern struct {
					Regexp                                      string
					File, Line, Column, Severity, Code, Message int
				}
			}
		}
	}
	if err := json.Unmarshal(block[1], &tasks); err != nil {
		t.Fatalf("the tasks.json block is not JSON: %v", err)
	}
	pat := tasks.Tasks[0].ProblemMatcher.Pattern
	re := regexp.MustCompile(pat.Regexp) // VS Code's JavaScript syntax, within what Go reads alike
	for _, golden := range []string{"text_broken_project", "text_oneline"} {
		out, err := os.ReadFile("../../testdata/cli/" + golden + "/stdout")
		if err != nil {
			t.Fatal(err)
		}
		matched := 0
		for _, line := range strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") {
			m := re.FindStringSubmatch(line)
			isFinding := regexp.MustCompile(` (error|warning|note) SF\d{3} `).MatchString(line) && !strings.HasPrefix(line, " ")
			if (m != nil) != isFinding {
				t.Errorf("%s: matcher %v on %q", golden, m != nil, line)
				continue
			}
			if m == nil {
				continue
			}
			matched++
			if !strings.HasSuffix(m[pat.File], "-meta.xml") || m[pat.Line] == "" || m[pat.Column] == "" ||
				!strings.HasPrefix(m[pat.Code], "SF") || m[pat.Message] == "" {
				t.Errorf("%s: fields of %q: %q", golden, line, m)
			}
		}
		if matched != 9 {
			t.Errorf("%s: %d findings matched, want the broken example's 9", golden, matched)
		}
	}
}

// TestLintStagedGlob: the lint-staged glob README gives (and the npm test
// uses) names every metadata suffix sfcheck checks.
func TestLintStagedGlob(t *testing.T) {
	var want []string
	for _, k := range metadata.AllKinds() {
		if !k.Skipped() {
			want = append(want, k.Suffix())
		}
	}
	sort.Strings(want)
	for _, path := range []string{"../../README.md", "../../packaging/npm/test.sh"} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range regexp.MustCompile(`"\*\*/\*\.\{([^}]*)\}(-meta\.xml)?": "sfcheck"`).FindAllSubmatch(data, -1) {
			got = append(got, strings.Split(string(m[1]), ",")...)
		}
		sort.Strings(got)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: lint-staged glob lists %v, sfcheck checks %v", path, got, want)
		}
	}
}
