package report_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sfcheck/sfcheck/rules"
	"github.com/sfcheck/sfcheck/rules/report"
)

// workflowCommand is one parsed GitHub Actions workflow command:
// ::name key=value,key=value::data
type workflowCommand struct {
	name  string
	props map[string]string
	data  string
}

// parseWorkflowCommand reads a line as the Actions runner does and undoes
// the escaping of properties and data.
func parseWorkflowCommand(t *testing.T, line string) workflowCommand {
	t.Helper()
	rest, ok := strings.CutPrefix(line, "::")
	if !ok {
		t.Fatalf("not a workflow command: %q", line)
	}
	head, data, ok := strings.Cut(rest, "::")
	if !ok {
		t.Fatalf("no :: after the command name and properties: %q", line)
	}
	name, props, _ := strings.Cut(head, " ")
	cmd := workflowCommand{name: name, props: map[string]string{}, data: unescapeWorkflow(data, false)}
	if props != "" {
		for _, kv := range strings.Split(props, ",") {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				t.Fatalf("property %q without =: %q", kv, line)
			}
			if _, dup := cmd.props[k]; dup {
				t.Fatalf("property %s twice (an unescaped comma?): %q", k, line)
			}
			cmd.props[k] = unescapeWorkflow(v, true)
		}
	}
	return cmd
}

func unescapeWorkflow(s string, property bool) string {
	pairs := []string{"%0D", "\r", "%0A", "\n"}
	if property {
		pairs = append(pairs, "%3A", ":", "%2C", ",")
	}
	pairs = append(pairs, "%25", "%") // last, so "%250A" reads "%0A"
	for i := 0; i < len(pairs); i += 2 {
		s = strings.ReplaceAll(s, pairs[i], pairs[i+1])
	}
	return s
}

// githubLines splits the output into lines, each ended by "\n".
func githubLines(t *testing.T, out string) []string {
	t.Helper()
	if out == "" {
		return nil
	}
	if !strings.HasSuffix(out, "\n") {
		t.Errorf("output does not end in a newline: %q", out)
	}
	return strings.Split(strings.TrimSuffix(out, "\n"), "\n")
}

// TestGitHub: one workflow command per unsuppressed finding, of the
// finding's severity, whose properties and message read back exactly.
func TestGitHub(t *testing.T) {
	r := sampleReport(t)
	lines := githubLines(t, string(render(t, "github", r, report.Options{})))
	want := unsuppressed(r)
	if len(lines) != len(want) {
		t.Fatalf("%d lines for %d unsuppressed findings:\n%s", len(lines), len(want), strings.Join(lines, "\n"))
	}
	commands := map[rules.Severity]string{rules.Error: "error", rules.Warning: "warning", rules.Note: "notice"}
	for i, f := range want {
		if strings.ContainsRune(lines[i], '\r') {
			t.Errorf("line %d holds a raw CR: %q", i, lines[i])
		}
		cmd := parseWorkflowCommand(t, lines[i])
		if cmd.name != commands[f.Severity] {
			t.Errorf("%s: command %q for a %s", f.Rule.Code, cmd.name, f.Severity)
		}
		wantProps := map[string]string{
			"file":  f.File,
			"line":  fmt.Sprint(f.Line),
			"col":   fmt.Sprint(f.Col),
			"title": f.Rule.Code + " " + f.Rule.Name,
		}
		if fmt.Sprint(cmd.props) != fmt.Sprint(wantProps) {
			t.Errorf("%s: properties %v, want %v", f.Rule.Code, cmd.props, wantProps)
		}
		want := f.Message // an annotation has one place: the others follow in its text
		for _, rel := range f.Related {
			want += fmt.Sprintf("\n%s:%d:%d: %s", rel.File, rel.Line, rel.Col, rel.Message)
		}
		if cmd.data != want {
			t.Errorf("%s: message reads back as %q, want %q", f.Rule.Code, cmd.data, want)
		}
	}
}

// TestGitHubEscaping: a message or file name cannot end the command, start
// another one or add a property, and escapes in it are themselves escaped.
func TestGitHubEscaping(t *testing.T) {
	msg := "done\n::error file=forged.xml,line=1::forged\r\n::add-mask::x 100%0A %25 %\r"
	file := "force-app/main/default/namedCredentials/a,line=99:b%0A\n::warning::x.namedCredential-meta.xml"
	rule := lookup(t, "SF305")
	r := &report.Report{Tool: "t", Files: 1, Findings: []rules.Finding{{
		Rule: rule, Severity: rules.Warning, Node: at(file, 3, 7), Message: msg,
	}}}
	out := string(render(t, "github", r, report.Options{}))
	lines := githubLines(t, out)
	if len(lines) != 1 {
		t.Fatalf("one finding made %d lines:\n%s", len(lines), out)
	}
	if strings.ContainsAny(lines[0], "\r") {
		t.Errorf("raw CR in %q", lines[0])
	}
	esc := string(render(t, "github", &report.Report{Tool: "t", Files: 1, Findings: []rules.Finding{{
		Rule: rule, Severity: rules.Warning, Node: at("nc/\x1b[31mred\a.namedCredential-meta.xml", 1, 1), Message: "m\x1b[0m",
	}}}, report.Options{}))
	if strings.ContainsAny(esc, "\x1b\a") || !strings.Contains(esc, "file=nc/%1B[31mred%07.namedCredential-meta.xml") {
		t.Errorf("control characters reach the log raw, or are not written as %%XX:\n%q", esc)
	}
	// The properties end at the first "::": none of their ':' or ',' is raw.
	head, _, _ := strings.Cut(strings.TrimPrefix(lines[0], "::"), "::")
	if n := strings.Count(head, ","); n != 3 {
		t.Errorf("%d commas in the properties %q, want 3 (file, line, col, title)", n, head)
	}
	cmd := parseWorkflowCommand(t, lines[0])
	if cmd.name != "warning" || cmd.props["file"] != file || cmd.props["line"] != "3" || cmd.props["col"] != "7" || len(cmd.props) != 4 {
		t.Errorf("properties %q, want file %q line 3 col 7 and a title", cmd.props, file)
	}
	if cmd.data != msg {
		t.Errorf("message reads back as %q, want %q", cmd.data, msg)
	}
	for _, raw := range []string{"%0A %25 %", "%0A\n"} {
		if strings.Contains(lines[0], raw) {
			t.Errorf("%q is written unescaped in %q", raw, lines[0])
		}
	}
}
