package report_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/sfcheck/sfcheck/rules"
	"github.com/sfcheck/sfcheck/rules/report"
	"golang.org/x/tools/txtar"
)

const runtimeTitle = "What Salesforce answers when this is wrong"

// exampleFiles are the names of a rule's Bad or Good txtar files.
func exampleFiles(archive string) []string {
	var names []string
	for _, f := range txtar.Parse([]byte(archive)).Files {
		names = append(names, f.Name)
	}
	return names
}

// githubAnchor is the anchor GitHub gives a Markdown heading.
func githubAnchor(heading string) string {
	s := strings.ToLower(strings.TrimSpace(strings.TrimLeft(heading, "#")))
	s = regexp.MustCompile(`[^\p{L}\p{N}_ -]`).ReplaceAllString(s, "")
	return strings.ReplaceAll(s, " ", "-")
}

func TestRuleText(t *testing.T) {
	withRuntime, withExamples := 0, 0
	for _, r := range rules.All() {
		text := report.RuleText(r)
		if first := fmt.Sprintf("%s %s\n", r.Code, r.Name); !strings.HasPrefix(text, first) {
			t.Errorf("%s: RuleText starts %.60q, want %q", r.Code, text, first)
		}
		if !strings.Contains(text, "Default severity: "+r.Severity.String()+".") {
			t.Errorf("%s: RuleText does not give the default severity", r.Code)
		}
		if strings.Contains(text, "Security rule.") != r.Security {
			t.Errorf("%s: Security=%v, but RuleText says otherwise", r.Code, r.Security)
		}
		for _, k := range r.Kinds {
			if !strings.Contains(text, k.TypeName()) {
				t.Errorf("%s: RuleText does not name the kind %s it reads", r.Code, k.TypeName())
			}
		}
		if r.Fix != "" && !strings.Contains(text, "How to fix:\n    "+strings.Split(r.Fix, "\n")[0]) {
			t.Errorf("%s: RuleText has no indented How to fix", r.Code)
		}
		if r.Runtime != "" {
			withRuntime++
			if !strings.Contains(text, runtimeTitle+":\n    "+r.Runtime+"\n") {
				t.Errorf("%s: RuleText has no %q section with %q:\n%s", r.Code, runtimeTitle, r.Runtime, text)
			}
		} else if strings.Contains(text, runtimeTitle) {
			t.Errorf("%s has no Runtime, but RuleText has the section", r.Code)
		}
		for _, section := range []struct{ title, archive string }{{"Bad", r.Bad}, {"Good", r.Good}} {
			names := exampleFiles(section.archive)
			if len(names) > 0 {
				withExamples++
			}
			_, after, ok := strings.Cut(text, "\n"+section.title+":\n")
			if !ok && len(names) > 0 {
				t.Errorf("%s: RuleText has no %s: section", r.Code, section.title)
			}
			for _, n := range names {
				if !strings.Contains(after, "    -- "+n+" --\n") {
					t.Errorf("%s: RuleText does not show %s example file %s", r.Code, section.title, n)
				}
			}
		}
	}
	if withRuntime == 0 || withExamples == 0 {
		t.Errorf("%d rules with a Runtime, %d example sections: the checks above checked nothing", withRuntime, withExamples)
	}

	// SF102's runtime error is the text users search for.
	sf102 := report.RuleText(lookup(t, "SF102"))
	if !strings.Contains(sf102, runtimeTitle+":\n    no client credentials user enabled\n") {
		t.Errorf("SF102 RuleText lacks its runtime error:\n%s", sf102)
	}
}

func TestRuleMarkdown(t *testing.T) {
	for _, r := range rules.All() {
		md := report.RuleMarkdown(r)
		heading, _, _ := strings.Cut(md, "\n")
		if heading != "## "+r.Code+" "+r.Name {
			t.Errorf("%s: heading %q", r.Code, heading)
		}
		if a := githubAnchor(heading); a != report.RuleAnchor(r) {
			t.Errorf("%s: the heading's anchor is %q, RuleAnchor (SARIF helpUri) says %q", r.Code, a, report.RuleAnchor(r))
		}
		if r.Runtime != "" && !strings.Contains(md, runtimeTitle+": `"+r.Runtime+"`") {
			t.Errorf("%s: RuleMarkdown has no runtime error %q", r.Code, r.Runtime)
		}
		if r.Runtime == "" && strings.Contains(md, runtimeTitle) {
			t.Errorf("%s has no Runtime, but RuleMarkdown has the section", r.Code)
		}
		if r.Fix != "" && !strings.Contains(md, "**How to fix:** "+r.Fix) {
			t.Errorf("%s: RuleMarkdown has no How to fix", r.Code)
		}
		for _, section := range []struct{ title, archive string }{{"Bad", r.Bad}, {"Good", r.Good}} {
			for _, f := range txtar.Parse([]byte(section.archive)).Files {
				block := "\n`" + f.Name + "`\n\n```xml\n" + string(f.Data) + "```\n"
				if !strings.Contains(md, block) {
					t.Errorf("%s: RuleMarkdown does not show %s example %s as a fenced block", r.Code, section.title, f.Name)
				}
			}
		}
		if n := strings.Count(md, "```"); n%2 != 0 {
			t.Errorf("%s: %d code fences, an odd number", r.Code, n)
		}
	}
}

func TestRuleAnchor(t *testing.T) {
	if got := report.RuleAnchor(lookup(t, "SF102")); got != "sf102-cc-run-as-user-missing" {
		t.Errorf("RuleAnchor(SF102) = %q", got)
	}
}

func TestRulesTable(t *testing.T) {
	table := report.RulesTable("docs/rules.md")
	lines := strings.Split(strings.TrimSuffix(table, "\n"), "\n")
	all := rules.All()
	if len(lines) != len(all)+2 || lines[0] != "| code | name | severity | what it finds |" || lines[1] != "|---|---|---|---|" {
		t.Fatalf("table has %d lines for %d rules, header %q", len(lines), len(all), lines[0])
	}
	for i, r := range all {
		row := lines[i+2]
		start := fmt.Sprintf("| [%s](docs/rules.md#%s) | `%s` | %s | ", r.Code, report.RuleAnchor(r), r.Name, r.Severity)
		if !strings.HasPrefix(row, start) {
			t.Errorf("row %q does not start %q", row, start)
		}
		// A "|" in a summary must not add a column.
		if cells := len(regexp.MustCompile(`(?:^|[^\\])\|`).FindAllString(row, -1)); cells != 5 {
			t.Errorf("%s: row has %d cell separators, want 5: %q", r.Code, cells, row)
		}
	}
	if same := report.RulesTable(""); !strings.Contains(same, "| [SF102](#sf102-cc-run-as-user-missing) |") {
		t.Errorf("RulesTable(\"\") does not link within the page")
	}
}

func TestWriteRulesListAndMarkdown(t *testing.T) {
	var b strings.Builder
	if err := report.WriteRulesList(&b); err != nil {
		t.Fatal(err)
	}
	list := b.String()
	md := report.RulesMarkdown()
	for _, r := range rules.All() {
		if !regexp.MustCompile(`(?m)^` + r.Code + ` +` + regexp.QuoteMeta(r.Name) + ` +` + r.Severity.String() + ` +` + regexp.QuoteMeta(r.Summary) + `$`).MatchString(list) {
			t.Errorf("the rules list has no aligned row for %s", r.Code)
		}
		if !strings.Contains(md, "\n"+report.RuleMarkdown(r)) {
			t.Errorf("RulesMarkdown lacks the section of %s", r.Code)
		}
	}
	if !strings.Contains(md, report.RulesTable("")) {
		t.Error("RulesMarkdown lacks the table")
	}
}
