package metadata

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// TestWalkMatchesWalkDir: the getdents walk visits the same candidates,
// in the same order, with the same problems, as filepath.WalkDir does,
// on a tree of every shape the walk judges.
func TestWalkMatchesWalkDir(t *testing.T) {
	dir := t.TempDir()
	mk := func(rel, content string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mk("force-app/main/default/namedCredentials/A.namedCredential-meta.xml", "<a/>")
	mk("force-app/main/default/namedCredentials/b.txt", "x")
	mk("force-app/main/default/namedCredentials.x/Z.namedCredential-meta.xml", "<a/>")
	mk("force-app/main/default/permissionsets/P/P.externalCredentialPrincipalAccess-meta.xml", "<a/>")
	mk("force-app/main/default/customMetadata/R.md", "<a/>")
	mk("force-app/README.md", "x")
	mk("force-app/main/default/classes/C.cls", "x")
	mk("force-app/main/default/classes/C.cls-meta.xml", "x")
	mk("force-app/main/default/node_modules/N.namedCredential-meta.xml", "<a/>")
	mk("force-app/.git/G.namedCredential-meta.xml", "<a/>")
	mk("force-app/ignored/I.namedCredential-meta.xml", "<a/>")
	mk("outside/O.namedCredential-meta.xml", "<a/>")
	mk("force-app/main/default/classes/Ü Space.cls", "x")
	os.MkdirAll(filepath.Join(dir, "force-app/main/default/externalCredentials/D.externalCredential-meta.xml"), 0o755)
	os.MkdirAll(filepath.Join(dir, "force-app/locked"), 0o000)
	syscall.Mkfifo(filepath.Join(dir, "force-app/main/default/namedCredentials/F.namedCredential-meta.xml"), 0o644)
	os.Symlink("A.namedCredential-meta.xml", filepath.Join(dir, "force-app/main/default/namedCredentials/L1.namedCredential-meta.xml"))
	os.Symlink("b.txt", filepath.Join(dir, "force-app/main/default/namedCredentials/L2.namedCredential-meta.xml"))
	os.Symlink("b.txt", filepath.Join(dir, "force-app/main/default/namedCredentials/L3.namedCredential-meta.xml"))
	os.Symlink("../../../../outside/O.namedCredential-meta.xml", filepath.Join(dir, "force-app/main/default/namedCredentials/L4.namedCredential-meta.xml"))
	os.Symlink("../main", filepath.Join(dir, "force-app/main/default/linkdir.namedCredential-meta.xml"))
	os.Symlink("nowhere", filepath.Join(dir, "force-app/main/default/namedCredentials/L5.namedCredential-meta.xml"))
	t.Cleanup(func() { os.Chmod(filepath.Join(dir, "force-app/locked"), 0o755) })

	ignore := func(path string, isDir bool) bool { return strings.HasSuffix(path, "/ignored") }
	record := func(root string, std bool) []string {
		var out []string
		w := &walker{root: root, ignore: ignore, linked: map[string]string{},
			visit: func(c Candidate) {
				out = append(out, fmt.Sprintf("%s %v %s %q %s", c.Path, c.Kind, c.Name, c.Problem, c.Target))
			},
			problem: func(err error) { out = append(out, "problem: "+err.Error()) }}
		if std {
			w.walkStd()
		} else {
			w.walk()
		}
		return out
	}
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	os.Chdir(dir)
	for _, root := range []string{filepath.Join(dir, "force-app"), "force-app", "./force-app/", ".", "force-app/main/default/namedCredentials/A.namedCredential-meta.xml", "missing"} {
		got, want := record(root, false), record(root, true)
		if !slices.Equal(got, want) {
			t.Errorf("root %s:\n--- getdents walk\n%s\n--- filepath.WalkDir\n%s", root, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if root == "force-app" && len(got) < 10 {
			t.Errorf("root %s: only %d entries:\n%s", root, len(got), strings.Join(got, "\n"))
		}
	}
}

// TestKnownName: the walk's byte filter knows exactly the names
// ClassifyName knows.
func TestKnownName(t *testing.T) {
	names := []string{"", ".", "..", "a", ".cls", "A.cls", "A.cls-meta.xml", "A.trigger-meta.xml", "A.md", "A.md-meta.xml",
		"x.y.z", "README.md", "-meta.xml", ".namedCredential-meta.xml", "Ü.namedCredential", "A.namedCredential-meta.xml.bak"}
	for k := KindECA; k < numKinds; k++ {
		names = append(names, "Foo."+k.Suffix(), "Foo."+k.Suffix()+"-meta.xml", "Foo."+k.Suffix()+"x", "."+k.Suffix())
	}
	for _, n := range names {
		k, _ := ClassifyName(n)
		if got := knownName([]byte(n)); got != (k != KindUnknown) {
			t.Errorf("%q: knownName %v, ClassifyName %v", n, got, k)
		}
	}
}
