//go:build unix

package engine_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sfcheck/sfcheck/config"
	"github.com/sfcheck/sfcheck/engine"
	"github.com/sfcheck/sfcheck/rules"
)

// TestHostileInput puts every kind of bad file the issue lists beside a good
// one and checks that each bad file gets exactly one SF001 that says what is
// wrong, that nothing crashes, hangs or reads a huge file whole, and that the
// good file is still checked.
func TestHostileInput(t *testing.T) {
	dir := t.TempDir()
	nc := filepath.Join(dir, "force-app", "main", "default", "namedCredentials")
	if err := os.MkdirAll(nc, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(nc, name+".namedCredential-meta.xml")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	const ns = `xmlns="http://soap.sforce.com/2006/04/metadata"`
	deep := "<NamedCredential " + ns + ">" + strings.Repeat("<a>", 200000) + strings.Repeat("</a>", 200000) + "</NamedCredential>"
	huge := make([]byte, 40<<20)
	copy(huge, "<NamedCredential "+ns+"><label>")
	for i := len("<NamedCredential " + ns + "><label>"); i < len(huge); i++ {
		huge[i] = 'x'
	}
	laughs := `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>
<NamedCredential ` + ns + `><label>&lol2;</label></NamedCredential>`
	external := `<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<NamedCredential ` + ns + `><label>&xxe;</label></NamedCredential>`
	utf16 := []byte{}
	for _, r := range "<NamedCredential " + ns + "><label>x</label></NamedCredential>" {
		utf16 = append(utf16, byte(r), 0)
	}
	want := map[string]string{ // file -> what SF001 must say
		write("Empty", nil): "file is empty",
		write("Binary", []byte{0x89, 'P', 'N', 'G', 0, 1, 2}):                                         "not text",
		write("BadUtf8", []byte("<NamedCredential "+ns+"><label>\xff\xfe</label></NamedCredential>")): "invalid UTF-8",
		write("Nul", []byte("<NamedCredential "+ns+"><label>a\x00b</label></NamedCredential>")):       "NUL byte",
		write("Truncated", []byte("<NamedCredential "+ns+"><label>Api</lab")):                         "expected '>'",
		write("Deep", []byte(deep)):                          "deeper than 64 levels",
		write("Huge", huge):                                  "over the 8388608-byte limit",
		write("Laughs", []byte(laughs)):                      "document type declaration",
		write("External", []byte(external)):                  "document type declaration",
		write("Utf16", append([]byte{0xFF, 0xFE}, utf16...)): "UTF-16",
		write("Utf16NoBom", utf16):                           "UTF-16",
		// 900,000 empty elements in 8 MB took minutes and 340 MB as a tree
		write("Many", []byte("<NamedCredential "+ns+">"+strings.Repeat("<bogus/>\n", 900000)+"</NamedCredential>")): "more than 200000 elements",
	}
	// a directory named like a metadata file
	d := filepath.Join(nc, "Folder.namedCredential-meta.xml")
	if err := os.Mkdir(d, 0o755); err != nil {
		t.Fatal(err)
	}
	want[d] = "is a directory"
	// a symlink loop, a dangling link, and a link out of the tree
	loop := filepath.Join(nc, "Loop.namedCredential-meta.xml")
	if err := os.Symlink("Loop.namedCredential-meta.xml", loop); err != nil {
		t.Fatal(err)
	}
	want[loop] = "cannot read the file"
	dangling := filepath.Join(nc, "Dangling.namedCredential-meta.xml")
	if err := os.Symlink("no-such-file", dangling); err != nil {
		t.Fatal(err)
	}
	want[dangling] = "cannot read the file"
	outside := filepath.Join(t.TempDir(), "Secret.namedCredential-meta.xml")
	if err := os.WriteFile(outside, []byte("<NamedCredential "+ns+"><label>x</label></NamedCredential>"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(nc, "Outside.namedCredential-meta.xml")
	if err := os.Symlink(outside, out); err != nil {
		t.Fatal(err)
	}
	want[out] = "outside the tree"
	// a named pipe must not block the run
	fifo := filepath.Join(nc, "Pipe.namedCredential-meta.xml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	want[fifo] = "not a regular file"
	// an unreadable file (root reads everything, so only checked as a user)
	if os.Geteuid() != 0 {
		p := write("Unreadable", []byte("<NamedCredential "+ns+"/>"))
		if err := os.Chmod(p, 0); err != nil {
			t.Fatal(err)
		}
		want[p] = "permission denied"
	}
	good := write("Good_Legacy", []byte("<NamedCredential "+ns+"><endpoint>https://api.acme-apps.net</endpoint><label>Good</label></NamedCredential>"))

	res, err := engine.Run(engine.Options{Paths: []string{"."}, Cwd: dir, Config: config.New()})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, f := range res.Findings {
		got[filepath.Join(dir, f.File)] = append(got[filepath.Join(dir, f.File)], f.Rule.Code+" "+f.Message)
	}
	for file, msg := range want {
		fs := got[file]
		if len(fs) != 1 || !strings.HasPrefix(fs[0], "SF001 ") || !strings.Contains(fs[0], msg) {
			t.Errorf("%s: got %q, want one SF001 saying %q", filepath.Base(file), fs, msg)
		}
	}
	if fs := got[good]; len(fs) != 1 || !strings.HasPrefix(fs[0], "SF306 ") {
		t.Errorf("the good file was not checked: %q", fs)
	}
}

// TestLinksReadOnce: a hundred links to one large file cost one read, and
// each skipped link is said on the warnings, not as a finding.
func TestLinksReadOnce(t *testing.T) {
	dir := t.TempDir()
	nc := filepath.Join(dir, "force-app", "main", "default", "namedCredentials")
	shared := filepath.Join(dir, "shared")
	for _, d := range []string{nc, shared} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	const ns = `xmlns="http://soap.sforce.com/2006/04/metadata"`
	big := "<NamedCredential " + ns + "><label>" + strings.Repeat("x", 4<<20) + "</label><namedCredentialType>SecuredEndpoint</namedCredentialType></NamedCredential>"
	// one target with a metadata name (checked on its own), one without
	if err := os.WriteFile(filepath.Join(nc, "Big.namedCredential-meta.xml"), []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(shared, "big.xml"), []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 100; i++ {
		target := filepath.Join(nc, "Big.namedCredential-meta.xml")
		if i%2 == 1 {
			target = filepath.Join(shared, "big.xml")
		}
		if err := os.Symlink(target, filepath.Join(nc, fmt.Sprintf("L%03d.namedCredential-meta.xml", i))); err != nil {
			t.Fatal(err)
		}
	}
	res, err := engine.Run(engine.Options{Paths: []string{"."}, Cwd: dir, Config: config.New()})
	if err != nil {
		t.Fatal(err)
	}
	// Big itself and the first link to shared/big.xml
	if res.Files != 2 {
		t.Errorf("read %d files, want 2: %v", res.Files, res.Checked)
	}
	if len(res.Problems) != 99 || !strings.Contains(res.Problems[0], "sfcheck reads each file once") {
		t.Errorf("%d warnings, want 99 (first: %q)", len(res.Problems), res.Problems)
	}
	for _, f := range res.Findings {
		if f.Rule.Code == "SF001" {
			t.Errorf("a link became a finding: %s", f)
		}
	}
}

// TestFindingsPerFileBounded: one file of a hundred thousand unknown
// elements costs at most rules.MaxFileFindings findings, and says so.
func TestFindingsPerFileBounded(t *testing.T) {
	dir := t.TempDir()
	nc := filepath.Join(dir, "force-app", "main", "default", "namedCredentials")
	if err := os.MkdirAll(nc, 0o755); err != nil {
		t.Fatal(err)
	}
	body := `<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata"><label>A</label><namedCredentialType>SecuredEndpoint</namedCredentialType>` +
		strings.Repeat("<b/>\n", 100000) + "</NamedCredential>"
	if err := os.WriteFile(filepath.Join(nc, "Many.namedCredential-meta.xml"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := engine.Run(engine.Options{Paths: []string{"."}, Cwd: dir, Config: config.New()})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != rules.MaxFileFindings {
		t.Errorf("%d findings, want %d", len(res.Findings), rules.MaxFileFindings)
	}
	if len(res.Problems) != 1 || !strings.Contains(res.Problems[0], "more findings not reported") {
		t.Errorf("warnings %q", res.Problems)
	}

	// a legacy one: a project rule reports on the file too, past the cap
	// its own checks filled; the file is still said once, with both counts
	legacy := `<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata"><endpoint>https://x.example.com</endpoint><label>A</label><principalType>Anonymous</principalType><protocol>NoAuthentication</protocol>` +
		strings.Repeat("<b/>\n", 100000) + "</NamedCredential>"
	if err := os.WriteFile(filepath.Join(nc, "Many.namedCredential-meta.xml"), []byte(legacy), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = engine.Run(engine.Options{Paths: []string{"."}, Cwd: dir, Config: config.New()})
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("%d more findings not reported", 100000-rules.MaxFileFindings+1)
	if len(res.Findings) != rules.MaxFileFindings || len(res.Problems) != 1 || !strings.Contains(res.Problems[0], want) {
		t.Errorf("%d findings, warnings %q; want %d and one warning with %q", len(res.Findings), res.Problems, rules.MaxFileFindings, want)
	}
}

// TestLargePermissionSet: a large org's permission set passes the 8 MiB
// limit of other metadata files; it is read whole (one such file at a
// time) and its principal access, past the 8 MiB mark, is seen. A Named
// Credential of that size is still refused.
func TestLargePermissionSet(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "force-app", "main", "default")
	for _, sub := range []string{"permissionsets", "namedCredentials"} {
		if err := os.MkdirAll(filepath.Join(base, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	big := func(grant string) []byte {
		var b strings.Builder
		b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PermissionSet xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n")
		for i := 0; b.Len() < 9<<20; i++ {
			fmt.Fprintf(&b, "    <fieldPermissions>\n        <editable>true</editable>\n        <field>Object%d__c.Field_%d__c</field>\n        <readable>true</readable>\n    </fieldPermissions>\n", i/20, i%20)
		}
		fmt.Fprintf(&b, "    <externalCredentialPrincipalAccesses>\n        <enabled>true</enabled>\n        <externalCredentialPrincipal>%s</externalCredentialPrincipal>\n    </externalCredentialPrincipalAccesses>\n", grant)
		b.WriteString("    <label>Big</label>\n</PermissionSet>\n")
		return []byte(b.String())
	}
	for name, grant := range map[string]string{"BigA": "Missing_A-Principal", "BigB": "Missing_B-Principal"} {
		if err := os.WriteFile(filepath.Join(base, "permissionsets", name+".permissionset-meta.xml"), big(grant), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	nc := append([]byte("<NamedCredential xmlns=\"http://soap.sforce.com/2006/04/metadata\"><label>"), bytes.Repeat([]byte("x"), 9<<20)...)
	nc = append(nc, "</label></NamedCredential>"...)
	if err := os.WriteFile(filepath.Join(base, "namedCredentials", "Huge.namedCredential-meta.xml"), nc, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := engine.Run(engine.Options{Paths: []string{"."}, Cwd: dir, Config: config.New(), Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s %s:%d", f.Rule.Code, filepath.Base(f.File), f.Line))
	}
	lines := bytes.Count(big("Missing_A-Principal"), []byte("\n"))
	want := []string{
		"SF001 Huge.namedCredential-meta.xml:1",
		fmt.Sprintf("SF502 BigA.permissionset-meta.xml:%d", lines-3),
		fmt.Sprintf("SF502 BigB.permissionset-meta.xml:%d", lines-3),
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missing %s; findings: %v", w, got)
		}
	}
	for _, g := range got {
		if strings.HasPrefix(g, "SF001 Big") {
			t.Errorf("a valid large permission set is refused: %s", g)
		}
	}
}

// largeGrants writes a project of 24 permission sets of 1.5 MB, each a
// grant whose principal name the model keeps: 36 MB held.
func largeGrants(t *testing.T) string {
	return grants(t, 24, 1500<<10)
}

// grants writes a project of n permission sets, each a grant whose
// principal name (of size bytes) the model keeps.
func grants(t *testing.T, n, size int) string {
	dir := t.TempDir()
	ps := filepath.Join(dir, "force-app", "main", "default", "permissionsets")
	if err := os.MkdirAll(ps, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		principal := fmt.Sprintf("Cred%d-%s", i, strings.Repeat("p", size))
		data := "<PermissionSet xmlns=\"http://soap.sforce.com/2006/04/metadata\"><externalCredentialPrincipalAccesses><enabled>true</enabled><externalCredentialPrincipal>" +
			principal + "</externalCredentialPrincipal></externalCredentialPrincipalAccesses><label>L</label></PermissionSet>"
		if err := os.WriteFile(filepath.Join(ps, fmt.Sprintf("P%02d.permissionset-meta.xml", i)), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestMemoryBoundLargeFiles: files over 1 MiB are each followed by a look
// at the heap, whether they were copied or mapped, so a pull request of
// many large permission sets that the model keeps much of stops at the
// bound instead of running past it.
func TestMemoryBoundLargeFiles(t *testing.T) {
	_, err := engine.Run(engine.Options{Paths: []string{"."}, Cwd: largeGrants(t), Config: config.New(), Jobs: 1, MaxMemory: 8 << 20})
	if !errors.Is(err, engine.ErrOverMemory) {
		t.Errorf("36 MB kept of 24 large permission sets under an 8 MiB bound: %v, want ErrOverMemory", err)
	}
}

// TestMemoryBoundWholeRun: the bound holds after the files are read too.
// Twenty files under 1 MiB are read with one look at the heap, before the
// first; the 18 MB their models keep is found when the project is indexed,
// and the run stops there, at once, with nothing left working behind it.
func TestMemoryBoundWholeRun(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	dir := grants(t, 20, 900<<10)
	runtime.GC()
	before := runtime.NumGoroutine()
	_, err := engine.Run(engine.Options{Paths: []string{"."}, Cwd: dir, Config: config.New(), Jobs: 1, MaxMemory: 8 << 20})
	if !errors.Is(err, engine.ErrOverMemory) || !strings.Contains(err.Error(), "with the project indexed") {
		t.Errorf("18 MB kept under an 8 MiB bound, found after reading: %v, want ErrOverMemory once indexed", err)
	}
	_, err = engine.Run(engine.Options{Paths: []string{"."}, Cwd: largeGrants(t), Config: config.New(), Jobs: 1, MaxMemory: 8 << 20})
	if !errors.Is(err, engine.ErrOverMemory) || !strings.Contains(err.Error(), "with the files read so far") {
		t.Errorf("36 MB kept under an 8 MiB bound: %v, want ErrOverMemory while reading", err)
	}
	// a worker that has said it is done may take a moment to end
	for deadline := time.Now().Add(2 * time.Second); runtime.NumGoroutine() > before && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	if after := runtime.NumGoroutine(); after > before {
		t.Errorf("%d goroutines before the runs, %d after: a run that stops leaves work behind", before, after)
	}
}

// TestMemoryBoundCollectorOff: the command collects only near its soft
// memory limit, so the heap the last collection found live can be long
// out of date: the bound still stops a run that holds more than it.
func TestMemoryBoundCollectorOff(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	runtime.GC() // the last collection: before the run holds anything
	_, err := engine.Run(engine.Options{Paths: []string{"."}, Cwd: largeGrants(t), Config: config.New(), Jobs: 1, MaxMemory: 8 << 20})
	if !errors.Is(err, engine.ErrOverMemory) {
		t.Errorf("36 MB kept under an 8 MiB bound with the collector off: %v, want ErrOverMemory", err)
	}
}

// TestReplacementsBounded: a regexToReplace too long to compile cheaply,
// and replacements past the bound, are not read, with a warning: 30
// regexes near Go's size limit took a minute and 4 GB to compile.
func TestReplacementsBounded(t *testing.T) {
	dir := t.TempDir()
	var reps []string
	reps = append(reps, `{"filename": "force-app/x", "regexToReplace": "`+strings.Repeat("[a-z]{1000}", 300)+`"}`)
	for i := 0; i < 300; i++ {
		reps = append(reps, fmt.Sprintf(`{"filename": "force-app/f%d", "stringToReplace": "s%d"}`, i, i))
	}
	project := `{"packageDirectories": [{"path": "force-app", "default": true}], "replacements": [` + strings.Join(reps, ",") + `]}`
	if err := os.WriteFile(filepath.Join(dir, "sfdx-project.json"), []byte(project), 0o644); err != nil {
		t.Fatal(err)
	}
	nc := filepath.Join(dir, "force-app", "main", "default", "namedCredentials")
	if err := os.MkdirAll(nc, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(nc, "A.namedCredential-meta.xml"), []byte(`<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata"><label>A</label><namedCredentialType>SecuredEndpoint</namedCredentialType></NamedCredential>`), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := engine.Run(engine.Options{Paths: []string{"."}, Cwd: dir, Config: config.New()})
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(res.Problems, "\n")
	for _, want := range []string{"301 replacements, only the first 200 are read", "a regexToReplace of 3300 bytes (over 1024) is not read"} {
		if !strings.Contains(all, want) {
			t.Errorf("problems lack %q:\n%s", want, all)
		}
	}
}
