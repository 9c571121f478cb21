package engine

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/sfcheck/sfcheck/config"
	"github.com/sfcheck/sfcheck/metadata"
	"github.com/sfcheck/sfcheck/rules"
	"golang.org/x/tools/txtar"
)

// TestNamedFilesReadLess: a run on one named file leaves the permission
// sets and the code that calls out unread when no finding about that file
// can need them, and finds exactly what the run reading everything finds.
// Every rule fixture is run once per metadata file it holds, both ways.
func TestNamedFilesReadLess(t *testing.T) {
	cases, err := filepath.Glob("../testdata/rules/*/*.txtar")
	if err != nil || len(cases) < 100 {
		t.Fatalf("rule fixtures: %d found, %v", len(cases), err)
	}
	// every rule on, as in a project that enables them all; then each rule
	// that reads a costly kind alone, so no other rule's needs mask its own
	all := config.New()
	configs := []*config.Config{all}
	for _, r := range rules.All() {
		if all.SeverityOf(r) == rules.Off {
			all.Severity[r.Code] = rules.Warning
		}
		costly := false
		for _, k := range append(append([]metadata.Kind{}, r.Kinds...), r.Needs...) {
			costly = costly || expensive(k)
		}
		if costly && r.Run != nil {
			alone := config.New()
			for _, o := range rules.All() {
				alone.Severity[o.Code] = rules.Off
			}
			alone.Severity[r.Code] = rules.Warning
			configs = append(configs, alone)
		}
	}
	runs := 0
	var mu sync.Mutex
	for _, c := range cases {
		t.Run(strings.TrimPrefix(c, "../testdata/rules/"), func(t *testing.T) {
			t.Parallel()
			ar, err := txtar.ParseFile(c)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			var named []string
			for _, f := range ar.Files {
				if f.Name == "want" {
					continue
				}
				p := filepath.Join(dir, filepath.FromSlash(f.Name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
				if k, _ := metadata.ClassifyPath(p); k != metadata.KindUnknown {
					named = append(named, f.Name)
				}
			}
			for _, n := range named {
				for _, cfg := range configs {
					got := findingsOf(t, dir, n, cfg, true)
					want := findingsOf(t, dir, n, cfg, false)
					if got != want {
						t.Errorf("named %s: reading less changed the findings\ngot\n%swant\n%s", n, got, want)
					}
					mu.Lock()
					runs++
					mu.Unlock()
				}
			}
		})
	}
	t.Cleanup(func() {
		t.Logf("%d fixtures, %d configurations, %d named-file runs compared", len(cases), len(configs), runs)
	})
}

// pruneMu keeps runs that read less apart from runs that read all.
var pruneMu sync.RWMutex

func findingsOf(t *testing.T, dir, file string, cfg *config.Config, prune bool) string {
	t.Helper()
	if prune {
		pruneMu.RLock()
		defer pruneMu.RUnlock()
	} else {
		pruneMu.Lock()
		pruneNamed = false
		defer func() { pruneNamed = true; pruneMu.Unlock() }()
	}
	res, err := Run(Options{Paths: []string{filepath.FromSlash(file)}, Cwd: dir, Jobs: 2, Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range res.Findings {
		b.WriteString(f.String() + "\n")
		for _, r := range f.Related {
			b.WriteString("    " + r.Pos.String() + ": " + r.Message + "\n")
		}
	}
	return b.String()
}

// TestNamedFileReadsWhatItNeeds: naming a Named Credential (what a
// pre-commit hook does) leaves the permission sets unread, and naming a
// permission set reads it; the other permission set is read only in the
// whole-project run.
func TestNamedFileReadsWhatItNeeds(t *testing.T) {
	const nc = "force-app/main/default/namedCredentials/Api.namedCredential-meta.xml"
	const ps = "force-app/main/default/permissionsets/Grant.permissionset-meta.xml"
	dir := writeProject(t, map[string]string{
		nc: "<NamedCredential xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <label>Api</label>\n    <namedCredentialType>SecuredEndpoint</namedCredentialType>\n</NamedCredential>\n",
		ps: "<PermissionSet xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <label>Grant</label>\n</PermissionSet>\n",
		"force-app/main/default/permissionsets/Other.permissionset-meta.xml": "<PermissionSet xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <label>Other</label>\n</PermissionSet>\n",
	})
	pruneMu.RLock()
	defer pruneMu.RUnlock()
	readFor := func(paths ...string) []string {
		var mu sync.Mutex
		var read []string
		testHookLoad = func(path string) {
			mu.Lock()
			defer mu.Unlock()
			if strings.HasSuffix(path, ".permissionset-meta.xml") {
				read = append(read, filepath.Base(path))
			}
		}
		defer func() { testHookLoad = nil }()
		if _, err := Run(Options{Paths: paths, Cwd: dir, Jobs: 2, Config: config.New()}); err != nil {
			t.Fatal(err)
		}
		slices.Sort(read)
		return read
	}
	if got := readFor(filepath.FromSlash(nc)); len(got) != 0 {
		t.Errorf("named Named Credential: permission sets read %v, want none", got)
	}
	if got := readFor(filepath.FromSlash(ps)); !slices.Contains(got, "Grant.permissionset-meta.xml") {
		t.Errorf("named permission set: read %v, want it", got)
	}
	if got := readFor("."); !slices.Equal(got, []string{"Grant.permissionset-meta.xml", "Other.permissionset-meta.xml"}) {
		t.Errorf("whole project: permission sets read %v, want both", got)
	}
}
