package report_test

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/fatih/color"
	"github.com/sfcheck/sfcheck/rules"
	"github.com/sfcheck/sfcheck/rules/report"
)

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

// TestTextLayout: each unsuppressed finding is a compiler-style line,
// followed by its related locations as indented notes; suppressed ones are
// left out; the summary line comes last.
func TestTextLayout(t *testing.T) {
	r := sampleReport(t)
	out := string(render(t, "text", r, report.Options{}))
	var want strings.Builder
	for _, f := range unsuppressed(r) {
		fmt.Fprintf(&want, "%s:%d:%d: %s %s %s: %s\n", f.File, f.Line, f.Col, f.Severity, f.Rule.Code, f.Rule.Name, f.Message)
		for _, rel := range f.Related {
			fmt.Fprintf(&want, "    %s:%d:%d: note: %s\n", rel.File, rel.Line, rel.Col, rel.Message)
		}
	}
	want.WriteString("3 errors, 1 warning, 1 note in 7 files (1 suppressed)\n")
	if out != want.String() {
		t.Errorf("text output\n%s\nwant\n%s", out, want.String())
	}
	for _, f := range r.Findings {
		if f.Suppressed && (strings.Contains(out, f.Message) || strings.Contains(out, f.Rule.Code)) {
			t.Errorf("the suppressed %s finding is in the text output", f.Rule.Code)
		}
	}
}

func TestTextSummary(t *testing.T) {
	rule := lookup(t, "SF102")
	finding := func(sev rules.Severity, suppressed bool) rules.Finding {
		return rules.Finding{Rule: rule, Severity: sev, Node: at(fileOauthPolicy, 2, 1), Message: "m", Suppressed: suppressed}
	}
	for _, c := range []struct {
		files    int
		findings []rules.Finding
		want     string
	}{
		{0, nil, "no findings in 0 files"},
		{1, nil, "no findings in 1 file"},
		{2, []rules.Finding{finding(rules.Error, true)}, "no findings in 2 files (1 suppressed)"},
		{1, []rules.Finding{finding(rules.Error, false)}, "1 error, 0 warnings, 0 notes in 1 file"},
		{3, []rules.Finding{finding(rules.Note, false), finding(rules.Note, false), finding(rules.Warning, true), finding(rules.Error, true)},
			"0 errors, 0 warnings, 2 notes in 3 files (2 suppressed)"},
	} {
		out := string(render(t, "text", &report.Report{Files: c.files, Findings: c.findings}, report.Options{}))
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if got := lines[len(lines)-1]; got != c.want || !strings.HasSuffix(out, "\n") {
			t.Errorf("summary %q, want %q", got, c.want)
		}
	}
}

// TestTextColor: Options.Color alone decides whether the text has ANSI
// escapes, whatever fatih/color's global switch and NO_COLOR say (the CLI
// reads those and sets Color), and colouring changes nothing else.
func TestTextColor(t *testing.T) {
	saved := color.NoColor
	t.Cleanup(func() { color.NoColor = saved })
	r := sampleReport(t)
	for _, global := range []bool{true, false} {
		for _, noColorEnv := range []string{"", "1"} {
			t.Run(fmt.Sprintf("NoColor=%v,NO_COLOR=%q", global, noColorEnv), func(t *testing.T) {
				color.NoColor = global
				t.Setenv("NO_COLOR", noColorEnv)
				plain := string(render(t, "text", r, report.Options{}))
				colored := string(render(t, "text", r, report.Options{Color: true}))
				if strings.Contains(plain, "\x1b") {
					t.Errorf("Color false, but the text has escapes:\n%q", plain)
				}
				if !strings.Contains(colored, "\x1b[") {
					t.Fatalf("Color true, but the text has no ANSI escape:\n%s", colored)
				}
				if got := ansi.ReplaceAllString(colored, ""); got != plain {
					t.Errorf("without its escapes the coloured text differs:\n%s\nwant\n%s", got, plain)
				}
				// Errors are red, warnings yellow, related notes cyan.
				for _, s := range []string{"\x1b[31;1merror", "\x1b[33;1mwarning", "\x1b[36mnote"} {
					if !strings.Contains(colored, s) {
						t.Errorf("no %q in the coloured text", s)
					}
				}
			})
		}
	}
}

// TestTextConcurrent: runs with and without colour at the same time do not
// leak into each other (go test -race also sees shared state).
func TestTextConcurrent(t *testing.T) {
	r := sampleReport(t)
	want := map[bool]string{
		false: string(render(t, "text", r, report.Options{})),
		true:  string(render(t, "text", r, report.Options{Color: true})),
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for i := range 32 {
		wg.Add(1)
		go func(useColor bool) {
			defer wg.Done()
			var b strings.Builder
			if err := report.Write(&b, "text", r, report.Options{Color: useColor}); err != nil {
				errs <- err.Error()
				return
			}
			if b.String() != want[useColor] {
				errs <- fmt.Sprintf("Color=%v: output differs from a lone run", useColor)
			}
		}(i%2 == 0)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
