//go:build unix

package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The attacks of a hostile pull request on the command around the
// metadata reads: each test reproduces one and checks it fails safely.

// brokenProject copies the broken example into a fresh folder.
func brokenProject(t *testing.T) string {
	t.Helper()
	root, _ := filepath.Abs("../..")
	dir := t.TempDir()
	copyTree(t, filepath.Join(root, "testdata/projects/same-org-broken"), dir)
	return dir
}

// runWithin runs sfcheck in dir and fails the test if it takes longer than
// limit (a read that blocks or grows without bound).
func runWithin(t *testing.T, limit time.Duration, dir string, args ...string) (string, string, int) {
	t.Helper()
	type result struct {
		out, errOut string
		code        int
	}
	done := make(chan result, 1)
	go func() {
		out, errOut, code := runIn(t, dir, args...)
		done <- result{out, errOut, code}
	}()
	select {
	case r := <-done:
		return r.out, r.errOut, r.code
	case <-time.After(limit):
		t.Fatalf("sfcheck %v did not finish within %v", args, limit)
	}
	return "", "", 0
}

// TestNonRegularSideFiles: a FIFO or a device where sfcheck reads its
// config, .forceignore or baseline, or a metadata file linked to
// /dev/zero with SARIF output (which looks at files again for columns),
// must neither hang nor read without end.
func TestNonRegularSideFiles(t *testing.T) {
	t.Run("config fifo", func(t *testing.T) {
		dir := brokenProject(t)
		if err := syscall.Mkfifo(filepath.Join(dir, ".sfcheck.yaml"), 0o644); err != nil {
			t.Skip("no FIFOs here:", err)
		}
		_, errOut, code := runWithin(t, 10*time.Second, dir, ".")
		if code != exitUsage || !strings.Contains(errOut, "not a regular file") {
			t.Errorf("exit %d, stderr %q; want 2 and 'not a regular file'", code, errOut)
		}
	})
	t.Run("forceignore fifo", func(t *testing.T) {
		dir := brokenProject(t)
		if err := syscall.Mkfifo(filepath.Join(dir, ".forceignore"), 0o644); err != nil {
			t.Skip("no FIFOs here:", err)
		}
		out, errOut, code := runWithin(t, 10*time.Second, dir, ".")
		if code != exitFindings || !strings.Contains(errOut, "not a regular file") || !strings.Contains(out, "SF102") {
			t.Errorf("exit %d, stderr %q; want the findings, and a warning about .forceignore", code, errOut)
		}
	})
	t.Run("baseline device", func(t *testing.T) {
		dir := brokenProject(t)
		_, errOut, code := runWithin(t, 10*time.Second, dir, "--baseline", "/dev/zero", ".")
		if code != exitUsage || !strings.Contains(errOut, "not a regular file") {
			t.Errorf("exit %d, stderr %q; want 2 and 'not a regular file'", code, errOut)
		}
	})
	t.Run("metadata linked to /dev/zero, SARIF", func(t *testing.T) {
		dir := brokenProject(t)
		link := filepath.Join(dir, "force-app/main/default/namedCredentials/Zero.namedCredential-meta.xml")
		if err := os.Symlink("/dev/zero", link); err != nil {
			t.Fatal(err)
		}
		out, _, code := runWithin(t, 20*time.Second, dir, "--format", "sarif", ".")
		if code != exitFindings || !strings.Contains(out, "Zero.namedCredential-meta.xml") {
			t.Errorf("exit %d; want 1 with an SF001 on the link", code)
		}
	})
}

// TestWrites: reports and baselines replace their file whole, never
// write through a planted link, and never overwrite a checked file.
func TestWrites(t *testing.T) {
	t.Run("link planted at the report path", func(t *testing.T) {
		dir := brokenProject(t)
		victim := filepath.Join(t.TempDir(), "victim.txt")
		if err := os.WriteFile(victim, []byte("precious"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(victim, filepath.Join(dir, "report.sarif")); err != nil {
			t.Fatal(err)
		}
		_, errOut, code := runIn(t, dir, "--format", "sarif", "-o", "report.sarif", ".")
		if got, _ := os.ReadFile(victim); string(got) != "precious" {
			t.Errorf("the link's target was overwritten: %q", got)
		}
		if code != exitUsage || !strings.Contains(errOut, "symbolic link") {
			t.Errorf("exit %d, stderr %q; want 2 and a refusal", code, errOut)
		}
	})
	t.Run("report over a file the run reads", func(t *testing.T) {
		dir := brokenProject(t)
		os.WriteFile(filepath.Join(dir, ".sfcheck.yaml"), []byte("rules: {}\n"), 0o644)
		if _, errOut, code := runIn(t, dir, "--write-baseline", "base.json", "."); code != exitOK {
			t.Fatalf("baseline: exit %d, %s", code, errOut)
		}
		for _, args := range [][]string{{"-o", "sfdx-project.json"}, {"-o", ".sfcheck.yaml"}, {"--baseline", "base.json", "-o", "base.json"}} {
			target := filepath.Join(dir, args[len(args)-1])
			before, _ := os.ReadFile(target)
			_, errOut, code := runIn(t, dir, append(args, ".")...)
			after, _ := os.ReadFile(target)
			if !bytes.Equal(before, after) || code != exitUsage || !strings.Contains(errOut, "this run checks or reads") {
				t.Errorf("%v: exit %d, stderr %q, file changed %v; want it refused and kept", args, code, errOut, !bytes.Equal(before, after))
			}
		}
	})
	t.Run("report over a checked file", func(t *testing.T) {
		dir := brokenProject(t)
		target := "force-app/main/default/namedCredentials/Same_Org_API.namedCredential-meta.xml"
		before, _ := os.ReadFile(filepath.Join(dir, target))
		_, errOut, code := runIn(t, dir, "-o", target, ".")
		after, _ := os.ReadFile(filepath.Join(dir, target))
		if !bytes.Equal(before, after) {
			t.Error("a checked metadata file was overwritten by the report")
		}
		if code != exitUsage || !strings.Contains(errOut, "this run checks") {
			t.Errorf("exit %d, stderr %q; want 2 and a refusal", code, errOut)
		}
	})
	t.Run("atomic replace", func(t *testing.T) {
		dir := brokenProject(t)
		if err := os.WriteFile(filepath.Join(dir, "base.json"), []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
		// a reader that has the old file open keeps reading it whole: the
		// new one is renamed over it, never written into it
		old, err := os.Open(filepath.Join(dir, "base.json"))
		if err != nil {
			t.Fatal(err)
		}
		defer old.Close()
		if _, errOut, code := runIn(t, dir, "--write-baseline", "base.json", "."); code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		data, _ := os.ReadFile(filepath.Join(dir, "base.json"))
		if !bytes.Contains(data, []byte(`"version": 1`)) {
			t.Errorf("baseline not written: %q", data)
		}
		if kept, _ := io.ReadAll(old); string(kept) != "old" {
			t.Errorf("the old file was written in place: an open reader sees %q", kept)
		}
		if st, err := os.Stat(filepath.Join(dir, "base.json")); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("the replaced file's mode is %v, want the old 0600 kept", st.Mode().Perm())
		}
		if _, _, code := runIn(t, dir, "-o", "new-report.txt", "."); code > 1 {
			t.Fatal("cannot write a new report")
		}
		if st, err := os.Stat(filepath.Join(dir, "new-report.txt")); err != nil || st.Mode().Perm() != 0o644 {
			t.Errorf("a new report's mode is %v, want 0644", st.Mode().Perm())
		}
		left, _ := filepath.Glob(filepath.Join(dir, ".base.json.*"))
		if len(left) > 0 {
			t.Errorf("temporary files left behind: %v", left)
		}
	})
	t.Run("unwritable folder", func(t *testing.T) {
		dir := brokenProject(t)
		_, errOut, code := runIn(t, dir, "-o", "no/such/folder/report.txt", ".")
		if code != exitUsage || !strings.Contains(errOut, "cannot write the report") {
			t.Errorf("exit %d, stderr %q; want 2", code, errOut)
		}
	})
}

// TestConfigStaysInProject: a .sfcheck.yaml above the project root never
// applies, and each project of a run uses its own.
func TestConfigStaysInProject(t *testing.T) {
	outer := t.TempDir()
	silence := []byte("exclude: [\"**\"]\n")
	if err := os.WriteFile(filepath.Join(outer, ".sfcheck.yaml"), silence, 0o644); err != nil {
		t.Fatal(err)
	}
	root, _ := filepath.Abs("../..")
	a, b := filepath.Join(outer, "a"), filepath.Join(outer, "b")
	copyTree(t, filepath.Join(root, "testdata/projects/same-org-broken"), a)
	copyTree(t, filepath.Join(root, "testdata/projects/same-org-broken"), b)
	out, _, code := runIn(t, outer, "a")
	if code != exitFindings || !strings.Contains(out, "SF102") {
		t.Errorf("a config above the project root applied: exit %d\n%s", code, out)
	}
	// b switches SF102 off for itself only
	if err := os.WriteFile(filepath.Join(b, ".sfcheck.yaml"), []byte("rules: {SF102: off}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, _ = runIn(t, outer, "b", "a")
	if !strings.Contains(out, "a/force-app/main/default/extlClntAppOauthPolicies/Same_Org_API_Integration_oauthPlcy.ecaOauthPlcy-meta.xml:2:1: error SF102") {
		t.Errorf("project a lost SF102 to project b's config:\n%s", out)
	}
	if strings.Contains(out, "b/force-app/main/default/extlClntAppOauthPolicies/Same_Org_API_Integration_oauthPlcy.ecaOauthPlcy-meta.xml:2:1: error SF102") {
		t.Errorf("project b's config did not apply to b:\n%s", out)
	}
}

// TestPathsAndLinks: a PATH that links to a folder is that folder.
func TestPathsAndLinks(t *testing.T) {
	dir := brokenProject(t)
	outer := t.TempDir()
	if err := os.Symlink(dir, filepath.Join(outer, "linked")); err != nil {
		t.Fatal(err)
	}
	out, _, code := runIn(t, outer, "linked")
	if code != exitFindings || !strings.Contains(out, "linked/force-app/") {
		t.Errorf("a PATH linking to a folder was not walked: exit %d\n%s", code, out)
	}
}

// TestExitCodes: PATHs that cannot be checked and absurd flags are usage
// errors (2), a panic is an internal error (3), never a crash.
func TestExitCodes(t *testing.T) {
	dir := brokenProject(t)
	loop := filepath.Join(dir, "loop")
	if err := os.Symlink(loop, loop); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"sfdx-project.json/x"},          // through a file
		{strings.Repeat("x", 5000)},      // too long
		{"loop"},                         // a link to itself
		{"--jobs", "2147483647", "."},    // absurd parallelism
		{"--jobs", "10000000", "."},      // minutes of goroutines
		{"--jobs", "0", "."},             // none
		{"--max-memory", "0", "."},       // no memory at all
		{"--format", "sarif", "missing"}, // does not exist
	} {
		_, errOut, code := runIn(t, dir, args...)
		if code != exitUsage || errOut == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a message", args, code, errOut)
		}
	}
	var stderr bytes.Buffer
	if code := run([]string{"version"}, nil, panicWriter{}, &stderr); code != exitInternal || !strings.Contains(stderr.String(), "internal error") {
		t.Errorf("a panic gave exit %d, stderr %q; want 3 and 'internal error'", code, stderr.String())
	}
	// the report cannot be written to standard output (a full disk, a
	// closed pipe): an I/O error, said as such
	stderr.Reset()
	code := env{stdout: failWriter{}, stderr: &stderr, getenv: func(string) string { return "" }, cwd: dir}.run([]string{"."})
	if code != exitUsage || !strings.Contains(stderr.String(), "no space left") {
		t.Errorf("a failed write of the report gave exit %d, stderr %q; want 2 and the error", code, stderr.String())
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, syscall.ENOSPC }

type panicWriter struct{}

func (panicWriter) Write([]byte) (int, error) { panic("boom") }

// TestDeletedWorkingDirectory runs sfcheck in a folder that no longer
// exists: a usage error, not a crash.
func TestDeletedWorkingDirectory(t *testing.T) {
	if dir := os.Getenv("SFCHECK_IN_DELETED_DIR"); dir != "" {
		// the child: step into the folder, delete it, run
		if err := os.Chdir(dir); err != nil {
			os.Exit(9)
		}
		if err := os.Remove(dir); err != nil {
			os.Exit(9)
		}
		os.Exit(run([]string{"."}, nil, os.Stdout, os.Stderr))
	}
	gone := filepath.Join(t.TempDir(), "gone")
	if err := os.Mkdir(gone, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestDeletedWorkingDirectory$")
	cmd.Env = append(os.Environ(), "SFCHECK_IN_DELETED_DIR="+gone)
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitUsage || !bytes.Contains(out, []byte("working directory")) {
		t.Errorf("exit %v, output %q; want 2 and a message about the working directory", err, out)
	}
}

// TestOutOfFileDescriptors: with too few descriptors for the jobs, the run
// fails with a clear message (exit 3), not with false SF001 findings.
func TestOutOfFileDescriptors(t *testing.T) {
	if dir := os.Getenv("SFCHECK_FEW_FDS"); dir != "" {
		// the child: few descriptors, many jobs
		lim := syscall.Rlimit{Cur: 12, Max: 12}
		if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
			os.Exit(9)
		}
		os.Exit(run([]string{"-j", "32", dir}, nil, os.Stdout, os.Stderr))
	}
	dir := t.TempDir()
	nc := filepath.Join(dir, "force-app/main/default/namedCredentials")
	if err := os.MkdirAll(nc, 0o755); err != nil {
		t.Fatal(err)
	}
	// files in many folders, so each worker keeps a folder open too
	for i := 0; i < 3000; i++ {
		sub := filepath.Join(nc, "d"+strconv.Itoa(i%300))
		os.MkdirAll(sub, 0o755)
		body := `<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata"><label>A</label><namedCredentialType>SecuredEndpoint</namedCredentialType></NamedCredential>`
		if err := os.WriteFile(filepath.Join(sub, "N"+strconv.Itoa(i)+".namedCredential-meta.xml"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestOutOfFileDescriptors$")
	cmd.Env = append(os.Environ(), "SFCHECK_FEW_FDS="+dir)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if bytes.Contains(stdout.Bytes(), []byte("SF001")) {
		t.Errorf("running out of descriptors became findings:\n%s", stdout.String())
	}
	var ee *exec.ExitError
	if err == nil {
		t.Skipf("12 descriptors were enough here: nothing to test (stdout %q)", stdout.String())
	}
	if !errors.As(err, &ee) || ee.ExitCode() != exitInternal || !strings.Contains(stderr.String(), "out of file descriptors") {
		t.Errorf("exit %v, stderr %q; want 3 and 'out of file descriptors'", err, stderr.String())
	}
}

// TestChangedSinceRunsNothing: a pull request that turns force-app/ into a
// bare git repository whose config sets core.fsmonitor to a command must
// not get that command run by --changed-since.
func TestChangedSinceRunsNothing(t *testing.T) {
	dir := brokenProject(t)
	sh(t, dir, "git", "init", "-q")
	sh(t, dir, "git", "add", "-A")
	sh(t, dir, "git", "commit", "-qm", "base")
	pwned := filepath.Join(t.TempDir(), "PWNED")
	fa := filepath.Join(dir, "force-app")
	for _, d := range []string{"objects", "refs/heads"} {
		if err := os.MkdirAll(filepath.Join(fa, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(fa, "HEAD"), []byte("ref: refs/heads/main\n"), 0o644)
	os.WriteFile(filepath.Join(fa, "config"), []byte("[core]\n\trepositoryformatversion = 0\n\tbare = false\n\tworktree = .\n\tfsmonitor = \"touch "+pwned+"; echo\"\n"), 0o644)
	runIn(t, dir, "--changed-since", "HEAD", "force-app")
	runIn(t, dir, "--changed-since", "HEAD", ".")
	if _, err := os.Stat(pwned); err == nil {
		t.Fatal("a command from a planted git config ran")
	}
}

// TestLinksPlantedInTheTree: a folder planted as a link cannot take a
// report elsewhere, and a config planted as a link is not read.
func TestLinksPlantedInTheTree(t *testing.T) {
	dir := brokenProject(t)
	elsewhere := t.TempDir()
	if err := os.Symlink(elsewhere, filepath.Join(dir, "reports")); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"-f", "junit", "-o", "reports/sfcheck.xml", "."}, {"--write-baseline", "reports/base.json", "."}} {
		_, errOut, code := runIn(t, dir, args...)
		if code != exitUsage || !strings.Contains(errOut, "symbolic link") {
			t.Errorf("%v: exit %d, stderr %q; want a refusal", args, code, errOut)
		}
	}
	if left, _ := os.ReadDir(elsewhere); len(left) > 0 {
		t.Errorf("written through the link: %v", left)
	}
	secret := filepath.Join(t.TempDir(), "passwd")
	os.WriteFile(secret, []byte("root: x\nexclude: ['**']\n"), 0o644)
	if err := os.Symlink(secret, filepath.Join(dir, ".sfcheck.yaml")); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := runIn(t, dir, ".")
	if code != exitUsage || strings.Contains(errOut, "root") {
		t.Errorf("a config linked out of the project: exit %d, stderr %q; want a refusal that quotes nothing of it", code, errOut)
	}
}

// TestPathTooLong: a folder nested past the system's path limit cannot
// hide files: the run fails (exit 3) and says why, not a warning.
func TestPathTooLong(t *testing.T) {
	dir := brokenProject(t)
	deep := filepath.Join(dir, "force-app", "main", "default")
	// build the chain with relative steps: the full path is too long to name
	cur, err := os.Open(deep)
	if err != nil {
		t.Fatal(err)
	}
	defer cur.Close()
	name := strings.Repeat("d", 200)
	for i := 0; i < 25; i++ {
		if err := syscall.Mkdirat(int(cur.Fd()), name, 0o755); err != nil {
			t.Skip("cannot nest folders here:", err)
		}
		fd, err := syscall.Openat(int(cur.Fd()), name, syscall.O_RDONLY|syscall.O_DIRECTORY, 0)
		if err != nil {
			t.Skip("cannot open nested folders here:", err)
		}
		cur.Close()
		cur = os.NewFile(uintptr(fd), name)
	}
	fd, err := syscall.Openat(int(cur.Fd()), "Hidden.namedCredential-meta.xml", syscall.O_CREAT|syscall.O_WRONLY, 0o644)
	if err != nil {
		t.Skip("cannot create the hidden file:", err)
	}
	syscall.Close(fd)
	_, errOut, code := runIn(t, dir, ".")
	if code != exitInternal || !strings.Contains(errOut, "path too long") {
		t.Errorf("exit %d, stderr %q; want 3 and a message that the path is too long", code, errOut)
	}
	// and the tree can still be removed by the test's cleanup
	t.Cleanup(func() { exec.Command("rm", "-rf", filepath.Join(deep, name)).Run() })
}

// TestHardLinksReadOnce: two names of one file (hard links) cost one read.
func TestHardLinksReadOnce(t *testing.T) {
	dir := brokenProject(t)
	nc := filepath.Join(dir, "force-app/main/default/namedCredentials")
	for i := 0; i < 50; i++ {
		if err := os.Link(filepath.Join(nc, "Same_Org_API.namedCredential-meta.xml"), filepath.Join(nc, "Copy"+strings.Repeat("x", i)+".namedCredential-meta.xml")); err != nil {
			t.Skip("no hard links here:", err)
		}
	}
	out, errOut, _ := runIn(t, dir, "--oneline", ".")
	if !strings.Contains(out, "in 9 files") || strings.Count(errOut, "a hard link") != 50 {
		t.Errorf("hard links read more than once:\n%s\n%s", out, errOut)
	}
}

// TestMemoryBound: a run that holds more than --max-memory stops with exit
// 3 and says so, instead of growing until the machine gives out; a bad
// bound is a usage error.
func TestMemoryBound(t *testing.T) {
	dir, err := filepath.Abs("../../testdata/projects/same-org")
	if err != nil {
		t.Fatal(err)
	}
	// the bound is checked against the heap the last collection found
	// live: hold 4 MiB through one, as a large tree would
	held := make([]byte, 4<<20)
	runtime.GC()
	_, errOut, code := runIn(t, dir, "--max-memory", "1", ".")
	runtime.KeepAlive(held)
	if code != exitInternal || !strings.Contains(errOut, "the run needs more memory than its bound") || !strings.Contains(errOut, "over the bound of 1 MiB") {
		t.Errorf("--max-memory 1: exit %d, stderr %q; want 3 and the bound named", code, errOut)
	}
	if _, errOut, code := runIn(t, dir, "--max-memory", "0", "."); code != exitUsage || !strings.Contains(errOut, "--max-memory must be") {
		t.Errorf("--max-memory 0: exit %d, stderr %q; want a usage error", code, errOut)
	}
	if _, errOut, code := runIn(t, dir, "."); code == exitInternal {
		t.Errorf("the default bound stops a small project: %s", errOut)
	}
}
