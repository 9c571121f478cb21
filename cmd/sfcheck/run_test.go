package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestCLI runs sfcheck in process for each case in testdata/cli/<case>/:
// `args` holds one argument per line (run from the repository root),
// `env` optional NAME=value lines, and stdout, stderr and exitcode are
// the expected results, compared byte for byte.
func TestCLI(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	cases, err := os.ReadDir(filepath.Join(root, "testdata", "cli"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		dir := filepath.Join(root, "testdata", "cli", c.Name())
		t.Run(c.Name(), func(t *testing.T) {
			t.Parallel()
			args := readLines(t, filepath.Join(dir, "args"))
			vars := map[string]string{}
			for _, kv := range readLines(t, filepath.Join(dir, "env")) {
				k, v, _ := strings.Cut(kv, "=")
				vars[k] = v
			}
			// -o writes go to a temporary folder, named $TMP in args
			tmp := t.TempDir()
			for i := range args {
				args[i] = strings.ReplaceAll(args[i], "$TMP", tmp)
			}
			var stdout, stderr bytes.Buffer
			code := env{stdout: &stdout, stderr: &stderr, getenv: func(k string) string { return vars[k] }, cwd: root}.run(args)
			if out, err := os.ReadFile(filepath.Join(tmp, "report")); err == nil {
				stdout.WriteString("--- report file\n")
				stdout.Write(out)
			}
			// the repository's own path (SARIF's root) differs from clone to clone
			out := strings.ReplaceAll(stdout.String(), "file://"+filepath.ToSlash(root), "file://$REPO")
			compare(t, filepath.Join(dir, "stdout"), out)
			compare(t, filepath.Join(dir, "stderr"), stderr.String())
			compare(t, filepath.Join(dir, "exitcode"), strconv.Itoa(code)+"\n")
		})
	}
}

func readLines(t *testing.T, path string) []string {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

func compare(t *testing.T, golden, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/... -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs\n--- got\n%s--- want\n%s", filepath.Base(golden), got, want)
	}
}

// TestColor checks the colour switches: a forced colour run has escape
// codes, NO_COLOR and --no-color win over FORCE_COLOR.
func TestColor(t *testing.T) {
	root, _ := filepath.Abs("../..")
	for _, c := range []struct {
		env   map[string]string
		args  []string
		color bool
	}{
		{map[string]string{"FORCE_COLOR": "1"}, nil, true},
		{map[string]string{"FORCE_COLOR": "1", "NO_COLOR": "1"}, nil, false},
		{map[string]string{"FORCE_COLOR": "1"}, []string{"--no-color"}, false},
		{map[string]string{}, nil, false}, // a buffer is not a terminal
	} {
		var stdout bytes.Buffer
		args := append(c.args, "testdata/projects/same-org-broken")
		env{stdout: &stdout, stderr: &bytes.Buffer{}, getenv: func(k string) string { return c.env[k] }, cwd: root}.run(args)
		if got := strings.Contains(stdout.String(), "\x1b["); got != c.color {
			t.Errorf("env %v args %v: colour = %v, want %v", c.env, c.args, got, c.color)
		}
	}
}

// TestVersionAndHelp: both exit 0 and say what they should (their text
// depends on the Go version and CPU count, so no golden).
func TestVersionAndHelp(t *testing.T) {
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"version"}, []string{"sfcheck " + version + " (go"}},
		{[]string{"--version"}, []string{"sfcheck " + version}},
		{[]string{"--help"}, []string{"Usage: sfcheck [flags] [PATH ...]", "--changed-since", "--write-baseline", "Exit codes:"}},
	} {
		var stdout, stderr bytes.Buffer
		code := env{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }, cwd: t.TempDir()}.run(c.args)
		if code != 0 {
			t.Errorf("%v: exit %d", c.args, code)
		}
		for _, w := range c.want {
			if !strings.Contains(stdout.String(), w) {
				t.Errorf("%v: output lacks %q:\n%s", c.args, w, stdout.String())
			}
		}
	}
}
