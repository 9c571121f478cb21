package metadata

import (
	"fmt"
	"os"
	"os/exec"
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
	record := func(root string, std bool) []string { return walkBoth(root, ignore, std) }
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

// TestWalkMatchesWalkDirAsUser: the same comparison where permissions
// count, which they do not for root (CI runs as root): folders that cannot
// be listed, searched or either, walked by an unprivileged user in a
// child process.
func TestWalkMatchesWalkDirAsUser(t *testing.T) {
	if dir := os.Getenv("SFCHECK_WALK_AS_USER"); dir != "" {
		// the child: compare the two walks and say what differs
		for _, root := range []string{dir, filepath.Join(dir, "force-app")} {
			got, want := walkBoth(root, nil, false), walkBoth(root, nil, true)
			if !slices.Equal(got, want) {
				fmt.Printf("root %s:\n--- getdents walk\n%s\n--- filepath.WalkDir\n%s\n", root, strings.Join(got, "\n"), strings.Join(want, "\n"))
				os.Exit(1)
			}
			if len(got) < 4 {
				fmt.Printf("root %s: only %d entries\n", root, len(got))
				os.Exit(1)
			}
		}
		os.Exit(0)
	}
	if os.Geteuid() != 0 {
		t.Skip("not root: TestWalkMatchesWalkDir already runs where permissions count")
	}
	base, err := os.MkdirTemp("/tmp", "sfcheck-walk-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { exec.Command("chmod", "-R", "u+rwx", base).Run(); os.RemoveAll(base) })
	nc := filepath.Join(base, "force-app", "main", "default", "namedCredentials")
	for _, d := range []string{"", "locked", "listonly", "searchonly"} {
		p := filepath.Join(nc, d)
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(p, "A"+d+".namedCredential-meta.xml"), []byte("<a/>"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(nc, "Unreadable.namedCredential-meta.xml"), []byte("<a/>"), 0o000)
	for d, mode := range map[string]os.FileMode{"locked": 0, "listonly": 0o444, "searchonly": 0o111} {
		if err := os.Chmod(filepath.Join(nc, d), mode); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(base, 0o755); err != nil {
		t.Fatal(err)
	}
	// the test binary, where the user can run it
	bin := filepath.Join(base, "walk.test")
	if data, err := os.ReadFile(os.Args[0]); err != nil || os.WriteFile(bin, data, 0o755) != nil {
		t.Fatalf("cannot copy the test binary: %v", err)
	}
	cmd := exec.Command(bin, "-test.run=^TestWalkMatchesWalkDirAsUser$")
	cmd.Dir = base
	cmd.Env = append(os.Environ(), "SFCHECK_WALK_AS_USER="+base)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Errorf("as an unprivileged user: %v\n%s", err, out)
	}
}

// walkBoth records a walk of root, by getdents or by filepath.WalkDir.
func walkBoth(root string, ignore func(string, bool) bool, std bool) []string {
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
