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

// TestIsPackageRoot: a package.xml is a Metadata API package's root only
// with folders of metadata in that format beside it; FindProjects finds
// such a package below a PATH, and does not look inside it.
func TestIsPackageRoot(t *testing.T) {
	dir := t.TempDir()
	mk := func(rel string) { touch(t, filepath.Join(dir, rel)) }
	mk("manifest/package.xml") // an SFDX project's manifest: no metadata beside it
	mk("source/package.xml")   // source format beside it
	mk("source/namedCredentials/A.namedCredential-meta.xml")
	mk("apex/package.xml") // Apex is named alike in both formats
	mk("apex/classes/A.cls")
	mk("nomanifest/namedCredentials/A.namedCredential")
	mk("src/package.xml")
	mk("src/objects/Account.object")
	mk("src/namedCredentials/A.namedCredential")
	mk("src/inner/package.xml") // inside a package found: not looked at
	mk("src/inner/namedCredentials/B.namedCredential")
	for rel, want := range map[string]bool{"manifest": false, "source": false, "apex": false, "nomanifest": false, "src": true} {
		if got := IsPackageRoot(filepath.Join(dir, rel)); got != want {
			t.Errorf("IsPackageRoot(%s) = %v, want %v", rel, got, want)
		}
	}
	if got := FindProjects(dir); len(got) != 1 || got[0] != filepath.Join(dir, "src") {
		t.Errorf("FindProjects = %v, want only src", got)
	}
}

// TestProjectFileErrors: a broken sfdx-project.json, or a packageDirectories
// of the wrong shape or naming a folder that does not exist, is reported at
// its line and column, in words (no Go type), with the folders that exist.
func TestProjectFileErrors(t *testing.T) {
	for _, c := range []struct{ content, want string }{
		{`{"packageDirectories":[{"path":"force-app"}],`, "sfdx-project.json:1:46: malformed JSON: the JSON ends too soon"},
		{"{\n  \"packageDirectories\": \"x\"\n}", `sfdx-project.json:2:3: packageDirectories holds a JSON string where it wants a list of {"path": "folder"}`},
		{`{"packageDirectories":[{"path":"nope"},{"path":"force-app"}]}`, `sfdx-project.json:1:2: packageDirectories "nope": no such folder in the project`},
		{`[1]`, "sfdx-project.json:1:1: the file is a JSON array, not an object"},
	} {
		dir := t.TempDir()
		touch(t, filepath.Join(dir, "force-app", "x"))
		if err := os.WriteFile(filepath.Join(dir, ProjectFile), []byte(c.content), 0o644); err != nil {
			t.Fatal(err)
		}
		dirs, err := PackageDirectories(dir)
		if err == nil || strings.TrimPrefix(err.Error(), dir+string(filepath.Separator)) != c.want {
			t.Errorf("%s:\n got %v\nwant %s", c.content, err, c.want)
		}
		if strings.Contains(c.content, "nope") && (len(dirs) != 1 || filepath.Base(dirs[0]) != "force-app") {
			t.Errorf("the folder that exists is not returned: %v", dirs)
		}
	}
}
