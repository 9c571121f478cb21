package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func sh(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t.invalid", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t.invalid")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %v\n%s", args, err, out)
	}
}

func runIn(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := env{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }, cwd: dir}.run(args)
	return stdout.String(), stderr.String(), code
}

// TestChangedSince: in a git repository, --changed-since reports only the
// files changed since the revision (committed, staged, unstaged, new),
// while cross-file rules still see the whole project.
func TestChangedSince(t *testing.T) {
	root, _ := filepath.Abs("../..")
	dir := t.TempDir()
	copyTree(t, filepath.Join(root, "testdata/projects/same-org-broken"), dir)
	sh(t, dir, "git", "init", "-q")
	sh(t, dir, "git", "add", "-A")
	sh(t, dir, "git", "commit", "-qm", "base")

	out, _, code := runIn(t, dir, "--no-config", "--changed-since", "HEAD", ".")
	if code != 0 || !strings.Contains(out, "no findings in 0 files") {
		t.Fatalf("nothing changed: exit %d\n%s", code, out)
	}

	ec := filepath.Join(dir, "force-app/main/default/externalCredentials/Same_Org_API_Access.externalCredential-meta.xml")
	data, _ := os.ReadFile(ec)
	if err := os.WriteFile(ec, bytes.Replace(data, []byte("<label>"), []byte("<description>edited</description>\n    <label>"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, code = runIn(t, dir, "--no-config", "--changed-since", "HEAD", ".")
	if code != 1 || !strings.Contains(out, "in 1 file") || strings.Contains(out, "ecaOauthPlcy") || !strings.Contains(out, "SF202") {
		t.Fatalf("one changed file: exit %d\n%s", code, out)
	}
	// SF209 needs the identity provider, which did not change: still found
	if !strings.Contains(out, "SF209") {
		t.Errorf("a cross-file rule lost the unchanged file:\n%s", out)
	}

	sh(t, dir, "git", "commit", "-qam", "edit")
	out, _, _ = runIn(t, dir, "--no-config", "--changed-since", "HEAD~1", ".")
	if !strings.Contains(out, "in 1 file") {
		t.Errorf("committed change since HEAD~1 not seen:\n%s", out)
	}
	// the same from a working directory reached through a link
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	out, _, _ = runIn(t, link, "--no-config", "--changed-since", "HEAD~1", ".")
	if !strings.Contains(out, "in 1 file") {
		t.Errorf("from a linked working directory, the change is not seen:\n%s", out)
	}
	_, errOut, code := runIn(t, dir, "--no-config", "--changed-since", "no-such-rev", ".")
	if code != 2 || !strings.Contains(errOut, `"no-such-rev" is not a commit`) {
		t.Errorf("bad revision: exit %d %s", code, errOut)
	}
}

// TestBaselineRoundTrip: a baseline hides today's findings, survives line
// moves, and lets a new finding through.
func TestBaselineRoundTrip(t *testing.T) {
	root, _ := filepath.Abs("../..")
	dir := t.TempDir()
	copyTree(t, filepath.Join(root, "testdata/projects/same-org-broken"), dir)
	_, errOut, code := runIn(t, dir, "--no-config", "--write-baseline", "baseline.json", ".")
	if code != 0 || !strings.Contains(errOut, "recorded 9 finding identities") {
		t.Fatalf("write: exit %d %s", code, errOut)
	}
	base, _ := os.ReadFile(filepath.Join(dir, "baseline.json"))
	if bytes.Contains(base, []byte(`"line"`)) || !bytes.Contains(base, []byte(`"element": "externalCredentialParameters[AuthProviderUrl]/parameterValue"`)) {
		t.Errorf("baseline should hold identities, not lines:\n%s", base)
	}
	out, _, code := runIn(t, dir, "--no-config", "--baseline", "baseline.json", ".")
	if code != 0 || !strings.Contains(out, "no findings in 9 files (9 suppressed)") {
		t.Fatalf("with baseline: exit %d\n%s", code, out)
	}
	// move every line down, and add a new problem
	nc := filepath.Join(dir, "force-app/main/default/namedCredentials/Same_Org_API.namedCredential-meta.xml")
	data, _ := os.ReadFile(nc)
	data = bytes.Replace(data, []byte("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"), []byte("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- moved -->\n\n"), 1)
	data = bytes.Replace(data, []byte("<calloutStatus>Enabled"), []byte("<calloutStatus>Disabled"), 1)
	if err := os.WriteFile(nc, data, 0o644); err != nil {
		t.Fatal(err)
	}
	pol := filepath.Join(dir, "force-app/main/default/extlClntAppOauthPolicies/Same_Org_API_Integration_oauthPlcy.ecaOauthPlcy-meta.xml")
	data, _ = os.ReadFile(pol)
	if err := os.WriteFile(pol, append([]byte("\n\n\n"), bytes.TrimPrefix(data, []byte("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"))...), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, code = runIn(t, dir, "--no-config", "--baseline", "baseline.json", ".")
	if code != 0 || !strings.Contains(out, "SF307") || !strings.Contains(out, "0 errors, 0 warnings, 1 note in 9 files (9 suppressed)") {
		t.Errorf("after edits: exit %d\n%s", code, out)
	}
	_, errOut, code = runIn(t, dir, "--no-config", "--baseline", "missing.json", ".")
	if code != 2 || !strings.Contains(errOut, "cannot read the baseline") {
		t.Errorf("missing baseline: exit %d %s", code, errOut)
	}
}

// TestAbsolutePath: findings under a PATH given as an absolute path are
// shown with absolute paths, not as ../../.. up from the working directory.
func TestAbsolutePath(t *testing.T) {
	root, _ := filepath.Abs("../..")
	dir := t.TempDir()
	copyTree(t, filepath.Join(root, "testdata/projects/same-org-broken"), dir)
	out, _, code := runIn(t, t.TempDir(), "--oneline", dir)
	if code != 1 || !strings.HasPrefix(out, filepath.ToSlash(dir)+"/force-app/") || strings.Contains(out, "../") {
		t.Errorf("exit %d, output\n%s", code, out)
	}
}

// TestCalloutGates: a staged Apex class whose callout names no Named
// Credential fails pre-commit (the class is named), and deleting a Named
// Credential that code still calls fails a --changed-since run, though the
// caller did not change.
func TestCalloutGates(t *testing.T) {
	root, _ := filepath.Abs("../..")
	dir := t.TempDir()
	copyTree(t, filepath.Join(root, "testdata/projects/same-org"), dir)
	cls := filepath.Join(dir, "force-app/main/default/classes/AccountsClient.cls")
	if err := os.MkdirAll(filepath.Dir(cls), 0o755); err != nil {
		t.Fatal(err)
	}
	code := "public with sharing class AccountsClient {\n    public static HttpRequest accounts() {\n        HttpRequest req = new HttpRequest();\n        req.setEndpoint('callout:Same_Org_API/services/data/v64.0/sobjects/Account');\n        return req;\n    }\n}\n"
	if err := os.WriteFile(cls, []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	sh(t, dir, "git", "init", "-q")
	sh(t, dir, "git", "add", "-A")
	sh(t, dir, "git", "commit", "-qm", "base")

	// pre-commit names the staged class
	if out, _, code := runIn(t, dir, "--no-config", "--oneline", cls); code != 0 {
		t.Fatalf("the class resolves: exit %d\n%s", code, out)
	}
	if err := os.WriteFile(cls, bytes.Replace([]byte(code), []byte("Same_Org_API"), []byte("Same_Org_APX"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, exit := runIn(t, dir, "--no-config", "--oneline", cls)
	if exit != 1 || !strings.Contains(out, "AccountsClient.cls:4:26: error SF601") {
		t.Errorf("a staged class with a bad reference: exit %d\n%s", exit, out)
	}
	sh(t, dir, "git", "checkout", "-q", "--", ".")

	// deleting the Named Credential the class calls
	sh(t, dir, "git", "rm", "-q", "force-app/main/default/namedCredentials/Same_Org_API.namedCredential-meta.xml")
	out, _, exit = runIn(t, dir, "--no-config", "--oneline", "--changed-since", "HEAD", ".")
	if exit != 1 || !strings.Contains(out, "AccountsClient.cls:4:26: error SF601") {
		t.Errorf("deleting a called Named Credential: exit %d\n%s", exit, out)
	}
}

// TestChangedSinceFirstCommit: --changed-since HEAD before the first
// commit (a pre-commit hook on a new repository) treats every file as new.
func TestChangedSinceFirstCommit(t *testing.T) {
	root, _ := filepath.Abs("../..")
	dir := t.TempDir()
	copyTree(t, filepath.Join(root, "testdata/projects/same-org-broken"), dir)
	sh(t, dir, "git", "init", "-q")
	sh(t, dir, "git", "add", "-A")
	out, errOut, code := runIn(t, dir, "--no-config", "--oneline", "--changed-since", "HEAD", ".")
	if code != 1 || !strings.Contains(out, "in 9 files") {
		t.Errorf("exit %d, stderr %q\n%s", code, errOut, out)
	}
}

// TestChangedSinceDeletedTarget: deleting a component that others link
// fails --changed-since (a pre-commit run) with the findings of those
// others, though none of their files changed: the External Credential a
// Named Credential and a permission set link, or the identity provider an
// External Credential links.
func TestChangedSinceDeletedTarget(t *testing.T) {
	root, _ := filepath.Abs("../..")
	for _, c := range []struct {
		deleted string
		want    []string
	}{
		{"force-app/main/default/externalCredentials/Same_Org_API_Access.externalCredential-meta.xml", []string{"error SF301", "error SF502"}},
		{"force-app/main/default/externalAuthIdentityProviders/Same_Org_OAuth.externalAuthIdentityProvider-meta.xml", []string{"SF209"}},
	} {
		dir := t.TempDir()
		copyTree(t, filepath.Join(root, "testdata/projects/same-org"), dir)
		sh(t, dir, "git", "init", "-q")
		sh(t, dir, "git", "add", "-A")
		sh(t, dir, "git", "commit", "-qm", "base")
		sh(t, dir, "git", "rm", "-q", c.deleted)
		out, _, _ := runIn(t, dir, "--no-config", "--oneline", "--changed-since", "HEAD", ".")
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("deleting %s: no %s\n%s", filepath.Base(c.deleted), w, out)
			}
		}
	}
}

// TestBrokenProjectFileSaidOnce: a truncated sfdx-project.json is one
// warning at its position, and the whole project is read.
func TestBrokenProjectFileSaidOnce(t *testing.T) {
	root, _ := filepath.Abs("../..")
	dir := t.TempDir()
	copyTree(t, filepath.Join(root, "testdata/projects/same-org"), dir)
	if err := os.WriteFile(filepath.Join(dir, "sfdx-project.json"), []byte(`{"packageDirectories":[{"path":"force-app"}],`), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runIn(t, dir, "--no-config", "--oneline", ".")
	if code != 0 || strings.Count(errOut, "sfdx-project.json") != 1 || !strings.Contains(errOut, "sfdx-project.json:1:46: malformed JSON") || !strings.Contains(out, "in 9 files") {
		t.Errorf("exit %d, stderr %q\n%s", code, errOut, out)
	}
}

// TestChangedSinceDeletedTargetAnyCase: a callout that names a deleted
// Named Credential in another case is reported too (names match ignoring
// case, as the credential's own resolution does).
func TestChangedSinceDeletedTargetAnyCase(t *testing.T) {
	root, _ := filepath.Abs("../..")
	dir := t.TempDir()
	copyTree(t, filepath.Join(root, "testdata/projects/same-org"), dir)
	cls := filepath.Join(dir, "force-app/main/default/classes/LowerCaseClient.cls")
	if err := os.MkdirAll(filepath.Dir(cls), 0o755); err != nil {
		t.Fatal(err)
	}
	code := "public with sharing class LowerCaseClient {\n    public static HttpRequest r() {\n" +
		"        HttpRequest req = new HttpRequest();\n        req.setEndpoint('callout:same_org_api/services/data');\n        return req;\n    }\n}\n"
	if err := os.WriteFile(cls, []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	sh(t, dir, "git", "init", "-q")
	sh(t, dir, "git", "add", "-A")
	sh(t, dir, "git", "commit", "-qm", "base")
	if out, _, exit := runIn(t, dir, "--no-config", "--oneline", "--changed-since", "HEAD", "."); exit != 0 {
		t.Fatalf("nothing changed: exit %d\n%s", exit, out)
	}
	sh(t, dir, "git", "rm", "-q", "force-app/main/default/namedCredentials/Same_Org_API.namedCredential-meta.xml")
	out, _, exit := runIn(t, dir, "--no-config", "--oneline", "--changed-since", "HEAD", ".")
	if exit != 1 || !strings.Contains(out, "LowerCaseClient.cls:4:26: error SF601") {
		t.Errorf("deleting Same_Org_API, called as same_org_api: exit %d\n%s", exit, out)
	}
}
