package metadata

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func touch(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestWalkSkips: tool folders are not walked, other files are not listed,
// Metadata API and source names are both recognised.
func TestWalkSkips(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{
		"force-app/main/default/namedCredentials/Api.namedCredential-meta.xml",
		"mdapi/namedCredentials/Old.namedCredential",
		"force-app/main/default/classes/Api.cls",
		"force-app/main/default/classes/Api.cls-meta.xml",
		"node_modules/pkg/X.namedCredential-meta.xml",
		".git/X.namedCredential-meta.xml",
		".sfdx/tools/X.namedCredential-meta.xml",
		".sf/orgs/X.namedCredential-meta.xml",
		"ignored/X.namedCredential-meta.xml",
		"README.md",
		"docs/guide.md",
		"mdapi/customMetadata/Setting.Orders.md",
		"force-app/main/default/customMetadata/Setting.Billing.md-meta.xml",
	} {
		touch(t, filepath.Join(dir, p))
	}
	var got []string
	Walk(dir, func(path string, isDir bool) bool { return isDir && filepath.Base(path) == "ignored" },
		func(c Candidate) {
			rel, _ := filepath.Rel(dir, c.Path)
			got = append(got, filepath.ToSlash(rel)+" "+c.Kind.String()+" "+c.Name)
		}, func(err error) { t.Error(err) })
	sort.Strings(got)
	// Apex code is Api.cls, not its Api.cls-meta.xml; a .md is a custom
	// metadata record only as .md-meta.xml or in a customMetadata folder
	want := []string{
		"force-app/main/default/classes/Api.cls ApexClass Api",
		"force-app/main/default/customMetadata/Setting.Billing.md-meta.xml CustomMetadata Setting.Billing",
		"force-app/main/default/namedCredentials/Api.namedCredential-meta.xml NamedCredential Api",
		"mdapi/customMetadata/Setting.Orders.md CustomMetadata Setting.Orders",
		"mdapi/namedCredentials/Old.namedCredential NamedCredential Old",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("walked %q, want %q", got, want)
	}
}

// TestFindProjectRoot: sfdx-project.json first, then package.xml, then the
// git work tree, then the working directory.
func TestFindProjectRoot(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "repo", "proj", "force-app", "main", "X.namedCredential-meta.xml")
	touch(t, file)
	cwd := t.TempDir()
	if got := FindProjectRoot(file, cwd); got != cwd {
		t.Errorf("no markers: %s, want the working directory", got)
	}
	touch(t, filepath.Join(dir, "repo", ".git", "HEAD"))
	if got := FindProjectRoot(file, cwd); got != filepath.Join(dir, "repo") {
		t.Errorf("git only: %s", got)
	}
	touch(t, filepath.Join(dir, "repo", "proj", "force-app", "package.xml"))
	if got := FindProjectRoot(file, cwd); got != filepath.Join(dir, "repo", "proj", "force-app") {
		t.Errorf("package.xml: %s", got)
	}
	touch(t, filepath.Join(dir, "repo", "proj", "sfdx-project.json"))
	if got := FindProjectRoot(file, cwd); got != filepath.Join(dir, "repo", "proj") {
		t.Errorf("sfdx-project.json wins over a nearer package.xml: %s", got)
	}
}
