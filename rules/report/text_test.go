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
		// control characters are escaped: a message cannot start a line
		msg := strings.ReplaceAll(f.Message, "\n", `\n`)
		fmt.Fprintf(&want, "%s:%d:%d: %s %s %s: %s\n", f.File, f.Line, f.Col, f.Severity, f.Rule.Code, f.Rule.Name, msg)
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

// TestTextSource: under a finding, its source line and a caret under the
// column; never for a file that did not parse, a committed secret or
// credential id, or an Apex line;
// secrets in URLs and secret elements masked; OneLine leaves lines out.
func TestTextSource(t *testing.T) {
	f := func(code, file string, line, col int) rules.Finding {
		r := lookup(t, code)
		return rules.Finding{Rule: r, Severity: r.Severity, Node: at(file, line, col), Message: "m"}
	}
	lines := map[string]string{
		"a.xml:3": "\t<callbackUrl>https://user:pw@portal.acme.example/cb?client_secret=Hunter2#x</callbackUrl>",
		"b.xml:4": "    <password>Hunter2</password>",
		"c.xml:1": "<NamedCredential><consumerSecret>Hunter2</consumerSecret>",
		"d.xml:2": "    <value>0Ho5g000000Hunter2</value>",
		"E.cls:7": "        req.setEndpoint('callout:Orders'); req.setHeader('X-Key', 'Hunter2');",
	}
	src := func(file string, n int) (string, bool) {
		l, ok := lines[fmt.Sprintf("%s:%d", file, n)]
		return l, ok
	}
	r := &report.Report{Files: 3, Findings: []rules.Finding{
		f("SF104", "a.xml", 3, 15),
		f("SF401", "b.xml", 4, 15),
		f("SF003", "c.xml", 1, 18),
		f("SF001", "b.xml", 4, 5),
		f("SF403", "d.xml", 2, 12),
		f("SF601", "E.cls", 7, 26),
	}}
	out := string(render(t, "text", r, report.Options{Source: src}))
	want := "a.xml:3:15: warning SF104 cc-callback-not-blank: m\n" +
		" 3 |     <callbackUrl>https://…@portal.acme.example/cb?…</callbackUrl>\n" +
		"   |                  ^\n" +
		"b.xml:4:15: error SF401 secret-in-metadata: m\n" +
		"c.xml:1:18: error SF003 unknown-element: m\n" +
		" 1 | <NamedCredential><consumerSecret>…</consumerSecret>\n" +
		"   |                  ^\n" +
		"b.xml:4:5: error SF001 xml-malformed: m\n" +
		"d.xml:2:12: warning SF403 credential-id-in-source: m\n" +
		"E.cls:7:26: error SF601 callout-target-missing: m\n"
	if !strings.HasPrefix(out, want) {
		t.Errorf("text with source\n%s\nwant\n%s", out, want)
	}
	if strings.Contains(out, "Hunter2") || strings.Contains(out, ":pw@") {
		t.Errorf("a secret reached the text output:\n%s", out)
	}
	one := string(render(t, "text", r, report.Options{Source: src, OneLine: true}))
	if strings.Contains(one, " | ") || strings.Count(one, "\n") != len(r.Findings)+1 {
		t.Errorf("OneLine output has more than a line per finding:\n%s", one)
	}
}

// TestTextForgedLines: a file name or a message cannot start a line of its
// own (a forged finding, or a GitHub workflow command in a CI log), and no
// ESC or CR reaches the terminal.
func TestTextForgedLines(t *testing.T) {
	rule := lookup(t, "SF306")
	evil := "force-app/x\n::error file=forged.xml,line=1::forged\r\x1b[2K.namedCredential-meta.xml"
	r := &report.Report{Files: 1, Findings: []rules.Finding{{Rule: rule, Severity: rules.Warning, Node: at(evil, 1, 1),
		Message: "value \"a\nb\" \x1b]0;title\x07 \xff", Related: []rules.Location{loc(evil, 2, 2, "see\nalso")}}}}
	out := string(render(t, "text", r, report.Options{}))
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "::") {
			t.Errorf("line %d is a workflow command: %q", i, line)
		}
	}
	if strings.ContainsAny(out, "\r\x1b\x07") || strings.Count(out, "\n") != 3 {
		t.Errorf("control characters reached the output:\n%q", out)
	}
	if !strings.Contains(out, `force-app/x\n::error file=forged.xml,line=1::forged\r\u001b[2K.namedCredential-meta.xml:1:1:`) || !strings.Contains(out, `\xff`) {
		t.Errorf("escapes not as expected:\n%s", out)
	}
}

// TestTextSourceHidesValues: a source line shows markup and the value a
// finding points at, never other values, which may be secrets; a long line
// is cut around the caret.
func TestTextSourceHidesValues(t *testing.T) {
	rule := lookup(t, "SF003")
	lines := map[int]string{
		1: `<parameterValue>Bearer Hunter2</parameterValue><bogus>1</bogus>`,
		2: `<password><![CDATA[Hunter2]]></password><bogus>1</bogus>`,
		3: `<oauthToken >Hunter2</oauthToken><bogus>1</bogus>`,
		4: `Hunter2-rest-of-a-split-value</password><bogus>1</bogus>`,
		5: strings.Repeat("<b/>", 500) + "<bogus>1</bogus>" + strings.Repeat("<c/>", 500),
	}
	cols := map[int]int{1: 48, 2: 41, 3: 34, 4: 41, 5: 2001}
	var fs []rules.Finding
	for n := 1; n <= 5; n++ {
		fs = append(fs, rules.Finding{Rule: rule, Severity: rules.Error, Node: at("f.xml", n, cols[n]), Message: "m"})
	}
	r := &report.Report{Files: 1, Findings: fs}
	out := string(render(t, "text", r, report.Options{Source: func(_ string, n int) (string, bool) { return lines[n], true }}))
	if strings.Contains(out, "Hunter2") {
		t.Errorf("a value that may be a secret is shown:\n%s", out)
	}
	for _, l := range strings.Split(out, "\n") {
		if len([]rune(l)) > 200 {
			t.Errorf("a source line of %d columns is shown whole", len([]rune(l)))
		}
	}
	// the caret still stands under <bogus> on every line
	got := strings.Split(out, "\n")
	for i := 0; i+2 < len(got); i++ {
		if strings.Contains(got[i+1], "<bogus>") && strings.HasSuffix(got[i+2], "^") {
			shown := got[i+1][strings.Index(got[i+1], "| ")+2:]
			caret := len([]rune(got[i+2])) - len([]rune(got[i+2][:strings.Index(got[i+2], "| ")+2])) - 1
			if !strings.HasPrefix(string([]rune(shown)[caret:]), "<bogus>") {
				t.Errorf("caret not under <bogus>:\n%s\n%s", got[i+1], got[i+2])
			}
		}
	}
}
