//go:build unix

package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/sfcheck/sfcheck/config"
)

// TestHardLinksReadOnce: a file with forty names (hard links) is parsed
// under the first name in walk order and at most once more per worker
// racing to it, and every run names the same file read and the same
// others, whatever the timing.
func TestHardLinksReadOnce(t *testing.T) {
	dir := t.TempDir()
	nc := filepath.Join(dir, "force-app", "main", "default", "namedCredentials")
	if err := os.MkdirAll(nc, 0o755); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(nc, "M_Orders.namedCredential-meta.xml")
	if err := os.WriteFile(src, []byte(`<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata"><label>Orders</label><namedCredentialType>SecuredEndpoint</namedCredentialType></NamedCredential>`), 0o644); err != nil {
		t.Fatal(err)
	}
	// other files between the names, so that they fall in different
	// batches of the walk and workers race for them
	for i := 0; i < 150; i++ {
		if err := os.WriteFile(filepath.Join(nc, fmt.Sprintf("F_Filler%03d.namedCredential-meta.xml", i)), []byte(`<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata"><label>F</label><namedCredentialType>SecuredEndpoint</namedCredentialType></NamedCredential>`), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 40; i++ {
		// names before, among and after the others in walk order
		if err := os.Link(src, filepath.Join(nc, fmt.Sprintf("%c_Copy%02d.namedCredential-meta.xml", "AFZ"[i%3], i))); err != nil {
			t.Skip("no hard links here:", err)
		}
	}
	const jobs = 4
	var want []string
	for run := 0; run < 20; run++ {
		var parsed atomic.Int32
		testHookLoad = func(string) { parsed.Add(1) }
		res, err := Run(Options{Paths: []string{"."}, Cwd: dir, Config: config.New(), Jobs: jobs})
		testHookLoad = nil
		if err != nil {
			t.Fatal(err)
		}
		if n := parsed.Load() - 150; n < 1 || n > jobs {
			t.Fatalf("run %d: the file was parsed %d times, want 1 to %d", run, n, jobs)
		}
		if res.Files != 151 || !slices.Contains(res.Checked, filepath.Join("force-app", "main", "default", "namedCredentials", "A_Copy00.namedCredential-meta.xml")) {
			t.Fatalf("run %d: checked %d files, want the 150 others and the first name in walk order", run, res.Files)
		}
		got := slices.Clone(res.Problems)
		if len(got) != 40 {
			t.Fatalf("run %d: %d problems, want one per other name (40):\n%s", run, len(got), strings.Join(got, "\n"))
		}
		for _, p := range got {
			if !strings.Contains(p, "/namedCredentials/A_Copy00.namedCredential-meta.xml (a hard link)") {
				t.Fatalf("run %d: %s", run, p)
			}
		}
		if want == nil {
			want = got
		} else if !slices.Equal(got, want) {
			t.Fatalf("run %d: the problems differ from the first run's", run)
		}
	}
}

// TestMergeBySeq: the workers' lists come back in walk order, merged when
// there are a few, sorted when there are many or one is out of order.
func TestMergeBySeq(t *testing.T) {
	files := func(seqs ...int) []*loadedFile {
		var out []*loadedFile
		for _, s := range seqs {
			out = append(out, &loadedFile{candidate: candidate{seq: s}})
		}
		return out
	}
	cases := [][][]*loadedFile{
		{files(0, 1, 4, 5), files(2, 3, 6), nil},
		{files(3, 1), files(0, 2)}, // out of order: sorted
		{},
	}
	var many [][]*loadedFile
	for w := 0; w < 12; w++ {
		many = append(many, files(w, w+12, w+24))
	}
	cases = append(cases, many)
	for i, lists := range cases {
		n := 0
		for _, l := range lists {
			n += len(l)
		}
		got := mergeBySeq(lists, n)
		if len(got) != n {
			t.Fatalf("case %d: %d files, want %d", i, len(got), n)
		}
		for j, l := range got {
			if l.seq != j {
				t.Fatalf("case %d: file %d has seq %d", i, j, l.seq)
			}
		}
	}
}

// TestBelow: the shortcut for a clean path inside a clean folder gives
// filepath.Rel's answer, and declines every other case.
func TestBelow(t *testing.T) {
	cases := []struct {
		dir, path string
		ok        bool
	}{
		{"/w/p", "/w/p/force-app/a.xml", true},
		{"/w/p", "/w/p/.hidden/a.xml", true},
		{"/w/p", "/w/pq/a.xml", false},
		{"/w/p", "/w/p", false},
		{"/w/p", "/w/p/", false},
		{"/w/p", "/w/p/a/../b.xml", false},
		{"/w/p", "/w/p/./b.xml", false},
		{"/w/p", "/w/p//b.xml", false},
		{"/w/p", "/w/p/b/", false},
		{"/w/p/", "/w/p/b.xml", false},
		{"/w/./p", "/w/./p/b.xml", false},
		{"/", "/b.xml", false},
	}
	for _, c := range cases {
		rel, ok := below(c.dir, c.path)
		if ok != c.ok {
			t.Errorf("below(%q, %q) ok = %v, want %v", c.dir, c.path, ok, c.ok)
		}
		if want, err := filepath.Rel(c.dir, c.path); ok && (err != nil || rel != want) {
			t.Errorf("below(%q, %q) = %q, filepath.Rel says %q (%v)", c.dir, c.path, rel, want, err)
		}
	}
}
