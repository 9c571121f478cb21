package report_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sfcheck/sfcheck/metadata"
	"github.com/sfcheck/sfcheck/rules"
	"github.com/sfcheck/sfcheck/rules/report"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldenDir holds the expected output of every format for sampleReport.
const goldenDir = "../../testdata/report"

// The files of the sample report. Two have a space in their name and one a
// non-ASCII letter, as real projects do.
const (
	fileGlobalOauth = "force-app/main/default/extlClntAppGlobalOauthSets/Api_glbloauth.ecaGlblOauth-meta.xml"
	fileOauthPolicy = "force-app/main/default/extlClntAppOauthPolicies/Api_oauthPlcy.ecaOauthPlcy-meta.xml"
	fileECA         = "force-app/main/default/externalClientApps/Api.eca-meta.xml"
	fileEC          = "force-app/main/default/externalCredentials/Billing API.externalCredential-meta.xml"
	fileIdP         = "force-app/main/default/externalAuthIdentityProviders/Billing_IdP.externalAuthIdentityProvider-meta.xml"
	fileNC          = "force-app/main/default/namedCredentials/Billing API.namedCredential-meta.xml"
	fileNCAccent    = "force-app/main/default/namedCredentials/Facturación.namedCredential-meta.xml"
)

// escapeMessage needs escaping in XML (&, <), in workflow commands (%, a
// newline) and must stay one line of text in the GitHub format.
const escapeMessage = "\"50% & <none>\" is not a valid calloutStatus:\nuse Enabled or Disabled"

func lookup(t testing.TB, code string) *rules.Rule {
	t.Helper()
	r, ok := rules.Lookup(code)
	if !ok {
		t.Fatalf("no rule %s in the registry", code)
	}
	return r
}

func at(file string, line, col int) metadata.Node {
	return metadata.Node{Pos: metadata.Pos{File: file, Line: line, Col: col}}
}

func loc(file string, line, col int, msg string) rules.Location {
	return rules.Location{Pos: metadata.Pos{File: file, Line: line, Col: col}, Message: msg}
}

// sampleReport is one realistic run, sorted as the driver sorts findings
// (file, line, column, rule): a suppressed warning with a reason, an error,
// a cross-file error with two related locations in a file whose name has a
// space, an error whose message needs escaping, a warning, and a note with
// a non-ASCII file name and message. Seven files were checked; two of them
// have no finding.
func sampleReport(t testing.TB) *report.Report {
	return &report.Report{
		Tool:  "0.1.0-test",
		Files: 7,
		FileNames: []string{
			fileGlobalOauth, fileOauthPolicy, fileECA, fileEC, fileIdP, fileNC, fileNCAccent,
		},
		Findings: []rules.Finding{
			{
				Rule: lookup(t, "SF104"), Severity: rules.Warning, Node: at(fileGlobalOauth, 5, 18),
				Message:    `client credentials app "Api" enables no interactive flow but has callback URL "https://login.example.com/cb": clear it or use a placeholder such as https://localhost/callback`,
				Component:  rules.Component{Type: "ExtlClntAppGlobalOauthSettings", Name: "Api_glbloauth"},
				Suppressed: true,
				Reason:     "kept for the legacy web-server flow until the Q3 migration",
			},
			{
				Rule: lookup(t, "SF102"), Severity: rules.Error, Node: at(fileOauthPolicy, 2, 1),
				Message:   "client credentials flow is enabled but no run-as user is set: add clientCredentialsFlowUser",
				Component: rules.Component{Type: "ExtlClntAppOauthConfigurablePolicies", Name: "Api_oauthPlcy"},
			},
			{
				Rule: lookup(t, "SF209"), Severity: rules.Error, Node: at(fileEC, 14, 25),
				Message:   `token URL of external credential "Billing_API" differs from the TokenUrl of its identity provider "Billing_IdP": they must match`,
				Component: rules.Component{Type: "ExternalCredential", Name: "Billing_API"},
				Related: []rules.Location{
					loc(fileIdP, 9, 21, `TokenUrl of identity provider "Billing_IdP"`),
					loc(fileIdP, 12, 25, `client authentication of identity provider "Billing_IdP"`),
				},
			},
			{
				Rule: lookup(t, "SF004"), Severity: rules.Error, Node: at(fileNC, 6, 20),
				Message:   escapeMessage,
				Component: rules.Component{Type: "NamedCredential", Name: "Billing_API"},
			},
			{
				Rule: lookup(t, "SF305"), Severity: rules.Warning, Node: at(fileNC, 8, 35),
				Message:   `named credential "Billing_API" allows credential merge fields in headers but none of its HttpHeader parameters uses a formula: set allowMergeFieldsInHeader to false`,
				Component: rules.Component{Type: "NamedCredential", Name: "Billing_API"},
			},
			{
				Rule: lookup(t, "SF307"), Severity: rules.Note, Node: at(fileNCAccent, 7, 20),
				Message:   `callouts through named credential "Facturación" are disabled`,
				Component: rules.Component{Type: "NamedCredential", Name: "Facturación"},
			},
		},
	}
}

// unsuppressed returns the findings every format but JSON and SARIF shows.
func unsuppressed(r *report.Report) []rules.Finding {
	var out []rules.Finding
	for _, f := range r.Findings {
		if !f.Suppressed {
			out = append(out, f)
		}
	}
	return out
}

func render(t testing.TB, format string, r *report.Report, opts report.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := report.Write(&buf, format, r, opts); err != nil {
		t.Fatalf("Write(%s): %v", format, err)
	}
	return buf.Bytes()
}

// TestGolden renders the sample report in every format and compares the
// output byte for byte with testdata/report/<name>.golden. Run
// go test ./rules/report -update to rewrite them, then review the diff.
func TestGolden(t *testing.T) {
	cases := []struct {
		name   string
		format string
		opts   report.Options
	}{
		{"text", "text", report.Options{}},
		{"text_color", "text", report.Options{Color: true}},
		{"json", "json", report.Options{}},
		{"sarif", "sarif", report.Options{}},
		{"junit", "junit", report.Options{}},
		{"github", "github", report.Options{}},
		{"summary", "summary", report.Options{CodeScanningURL: "https://github.com/acme/app/security/code-scanning"}},
	}
	covered := map[string]bool{}
	for _, c := range cases {
		covered[c.format] = true
		t.Run(c.name, func(t *testing.T) {
			got := render(t, c.format, sampleReport(t), c.opts)
			path := filepath.Join(goldenDir, c.name+".golden")
			if *update {
				if err := os.MkdirAll(goldenDir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./rules/report -update to write it, then review it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s output differs from %s (run go test ./rules/report -update and review the diff)\n%s",
					c.format, path, firstDiff(string(want), string(got)))
			}
		})
	}
	for _, f := range report.Formats {
		if !covered[f] {
			t.Errorf("format %q has no golden", f)
		}
	}
}

// firstDiff shows the first line where want and got differ.
func firstDiff(want, got string) string {
	wl, gl := strings.SplitAfter(want, "\n"), strings.SplitAfter(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		w, g := "(end of output)", "(end of output)"
		if i < len(wl) {
			w = strconv.Quote(wl[i])
		}
		if i < len(gl) {
			g = strconv.Quote(gl[i])
		}
		if w != g {
			return fmt.Sprintf("line %d:\nwant %s\n got %s", i+1, w, g)
		}
	}
	return "(no line differs)"
}

func TestWriteUnknownFormat(t *testing.T) {
	var buf bytes.Buffer
	err := report.Write(&buf, "xml", sampleReport(t), report.Options{})
	if err == nil || !strings.Contains(err.Error(), `"xml"`) {
		t.Fatalf("Write(xml) = %v, want an error naming the format", err)
	}
	if buf.Len() != 0 {
		t.Errorf("Write(xml) wrote %q", buf.String())
	}
}

// TestEveryFormatEmptyReport: a run with no findings still writes a valid,
// complete report in every format.
func TestEveryFormatEmptyReport(t *testing.T) {
	for _, format := range report.Formats {
		t.Run(format, func(t *testing.T) {
			r := &report.Report{Tool: "0.1.0-test", Files: 1, FileNames: []string{fileECA}}
			out := string(render(t, format, r, report.Options{}))
			switch format {
			case "text":
				if out != "no findings in 1 file\n" {
					t.Errorf("text = %q", out)
				}
			case "github":
				if out != "" {
					t.Errorf("github = %q, want nothing", out)
				}
			case "json":
				if !strings.Contains(out, `"findings": []`) {
					t.Errorf("json findings is not an empty list:\n%s", out)
				}
			case "sarif":
				if !strings.Contains(out, `"results": []`) {
					t.Errorf("sarif results is not an empty list:\n%s", out)
				}
			case "junit":
				if !strings.Contains(out, `tests="1" failures="0"`) {
					t.Errorf("junit:\n%s", out)
				}
			}
		})
	}
}

func TestCount(t *testing.T) {
	r := sampleReport(t)
	want := report.Counts{Files: 7, Errors: 3, Warnings: 1, Notes: 1, Suppressed: 1}
	if got := r.Count(); got != want {
		t.Errorf("Count() = %+v, want %+v", got, want)
	}

	// A suppressed finding counts only as suppressed, whatever its severity.
	rule := lookup(t, "SF102")
	r = &report.Report{Files: 2}
	for _, sev := range []rules.Severity{rules.Error, rules.Warning, rules.Note} {
		r.Findings = append(r.Findings,
			rules.Finding{Rule: rule, Severity: sev, Node: at(fileOauthPolicy, 1, 1)},
			rules.Finding{Rule: rule, Severity: sev, Node: at(fileOauthPolicy, 2, 1), Suppressed: true},
			rules.Finding{Rule: rule, Severity: sev, Node: at(fileOauthPolicy, 3, 1), Suppressed: true, Reason: "why"})
	}
	want = report.Counts{Files: 2, Errors: 1, Warnings: 1, Notes: 1, Suppressed: 6}
	if got := r.Count(); got != want {
		t.Errorf("Count() = %+v, want %+v", got, want)
	}
	if got := (&report.Report{}).Count(); got != (report.Counts{}) {
		t.Errorf("empty Count() = %+v", got)
	}
}

// TestSummaryAnnotationLimit: past ten findings of a kind, the summary says
// that GitHub annotates only ten of them; at ten it says nothing.
func TestSummaryAnnotationLimit(t *testing.T) {
	f := sampleReport(t).Findings[1]
	r := &report.Report{Tool: "t", Files: 1}
	for i := 0; i < 10; i++ {
		g := f
		g.Line = i + 1
		r.Findings = append(r.Findings, g)
	}
	if out := string(render(t, "summary", r, report.Options{})); strings.Contains(out, "at most 10 annotations") {
		t.Errorf("ten findings of a kind got the annotation warning:\n%s", out)
	}
	g := f
	g.Line = 11
	r.Findings = append(r.Findings, g)
	kind := strings.ToLower(f.Severity.String()) + "s"
	out := string(render(t, "summary", r, report.Options{}))
	if !strings.Contains(out, "GitHub shows at most 10 annotations of each kind per step: of 11 "+kind) {
		t.Errorf("eleven %s: no annotation warning naming them:\n%s", kind, out)
	}
}
