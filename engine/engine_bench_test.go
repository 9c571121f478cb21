package engine_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/sfcheck/sfcheck/config"
	"github.com/sfcheck/sfcheck/engine"
)

var (
	benchOnce sync.Once
	benchDir  string
	benchErr  error
)

// benchTree generates, once per process, the reference tree: 2,000
// bundles (12,000 metadata files) and 4,000 filler files, with
// ../shared/bench/gen_forceapp.py. SFCHECK_BENCH_DIR reuses a tree.
func benchTree(b *testing.B) string {
	benchOnce.Do(func() {
		if d := os.Getenv("SFCHECK_BENCH_DIR"); d != "" {
			benchDir = d
			return
		}
		gen, err := filepath.Abs("../../shared/bench/gen_forceapp.py")
		if err != nil {
			benchErr = err
			return
		}
		dir, err := os.MkdirTemp("", "sfcheck-bench-")
		if err != nil {
			benchErr = err
			return
		}
		benchDir = filepath.Join(dir, "tree")
		out, err := exec.Command("python3", gen, benchDir, "--bundles", "2000", "--filler", "4000", "--seed", "1").CombinedOutput()
		if err != nil {
			benchErr = err
			b.Logf("%s", out)
		}
	})
	if benchErr != nil {
		b.Skipf("cannot generate the benchmark tree (needs python3 and ../shared): %v", benchErr)
	}
	return benchDir
}

// BenchmarkProject checks the whole generated tree, as `sfcheck .` does.
func BenchmarkProject(b *testing.B) {
	dir := benchTree(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := engine.Run(engine.Options{Paths: []string{"."}, Cwd: dir, Config: config.New()})
		if err != nil {
			b.Fatal(err)
		}
		// 12,000 OAuth metadata files, and the filler's 1,154 Apex classes,
		// read only for their callout references
		if os.Getenv("SFCHECK_BENCH_DIR") == "" && res.Files != 13154 {
			b.Fatalf("read %d files, want 13154", res.Files)
		}
	}
}
