//go:build unix

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestActionDefinition: action.yml pins every action by commit, builds with
// the Go version of go.mod, and never splices an input into a script.
func TestActionDefinition(t *testing.T) {
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var action struct {
		Inputs map[string]struct{ Default string }
		Runs   struct {
			Using string
			Steps []struct {
				Uses string
				Run  string
				With map[string]string
				Env  map[string]string
			}
		}
	}
	if err := yaml.Unmarshal(data, &action); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	pinned := regexp.MustCompile(`^[\w./-]+@[0-9a-f]{40}$`)
	for i, s := range action.Runs.Steps {
		if s.Uses != "" && !pinned.MatchString(s.Uses) {
			t.Errorf("step %d uses %q: pin it by commit", i, s.Uses)
		}
		if strings.HasPrefix(s.Uses, "github/codeql-action/") && !strings.Contains(string(data), s.Uses+" # v4") {
			t.Errorf("step %d: codeql-action must be the current major, v4 (v3 is deprecated)", i)
		}
		if strings.HasPrefix(s.Uses, "actions/setup-go@") && s.With["go-version-file"] == "" {
			t.Errorf("setup-go does not read go.mod's Go version")
		}
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %d splices an expression into its script: pass it through env:\n%s", i, s.Run)
		}
	}
}

// TestActionScript runs the action's steps as a runner would: the SARIF
// step, then the check that writes the job summary and the annotations and
// exits as the gate; an input holding a command substitution stays an
// argument.
func TestActionScript(t *testing.T) {
	root, _ := filepath.Abs("../..")
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "sfcheck")
	build := exec.Command("go", "build", "-o", bin, "./cmd/sfcheck")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	work := t.TempDir()
	copyTree(t, filepath.Join(root, "testdata/projects/same-org-broken"), filepath.Join(work, "repo"))
	summary := filepath.Join(tmp, "summary.md")
	if err := os.WriteFile(summary, []byte("earlier step\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	step := func(mode string, env ...string) (string, int) {
		cmd := exec.Command("bash", filepath.Join(root, "action/run.sh"), mode)
		cmd.Dir = filepath.Join(work, "repo")
		cmd.Env = append(os.Environ(), append([]string{"RUNNER_TEMP=" + tmp, "GITHUB_STEP_SUMMARY=" + summary,
			"GITHUB_SERVER_URL=https://github.com", "GITHUB_REPOSITORY=acme/app", "GITHUB_ACTIONS=true"}, env...)...)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return out.String(), code
	}

	if out, code := step("sarif", "SFCHECK_PATH=force-app", "SFCHECK_ARGS="); code != 0 {
		t.Fatalf("sarif step: exit %d\n%s", code, out)
	}
	if data, err := os.ReadFile(filepath.Join(tmp, "sfcheck.sarif")); err != nil || !bytes.Contains(data, []byte(`"version": "2.1.0"`)) {
		t.Errorf("no SARIF report written: %v", err)
	}

	out, code := step("check", "SFCHECK_PATH=force-app", "SFCHECK_ARGS=--disable SF104", "SFCHECK_FAIL_ON=error")
	if code != exitFindings || !strings.Contains(out, "::error file=force-app/") || strings.Contains(out, "SF104") {
		t.Errorf("check step: exit %d, want 1 with error annotations and SF104 disabled\n%s", code, out)
	}
	sum, _ := os.ReadFile(summary)
	if !bytes.HasPrefix(sum, []byte("earlier step\n## sfcheck\n")) || !bytes.Contains(sum, []byte("security/code-scanning")) {
		t.Errorf("job summary not appended:\n%s", sum)
	}

	out, code = step("check", "SFCHECK_PATH=force-app", "SFCHECK_ARGS=--fail-on never $(touch PWNED) `touch PWNED2`; touch PWNED3", "SFCHECK_FAIL_ON=never")
	for _, f := range []string{"PWNED", "PWNED2", "PWNED3"} {
		if _, err := os.Stat(filepath.Join(work, "repo", f)); err == nil {
			t.Errorf("an input ran a command: %s exists", f)
		}
	}
	if code != exitUsage {
		t.Errorf("hostile args: exit %d, want 2 (they are paths that do not exist)\n%s", code, out)
	}
}
