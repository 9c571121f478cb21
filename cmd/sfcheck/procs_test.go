package main

import (
	"bytes"
	"runtime"
	"testing"
)

// TestProcessorsForReaders: a run gives the walk and each of its --jobs
// parsers a processor (GOMAXPROCS jobs + 1), never lowers GOMAXPROCS, and
// keeps one the user set in the environment.
func TestProcessorsForReaders(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	dir := t.TempDir()
	for _, c := range []struct {
		name      string
		start     int
		env       string
		args      []string
		wantProcs int
	}{
		{"raised to jobs + 1", 1, "", []string{"-j", "3", "."}, 4},
		{"never lowered", 8, "", []string{"-j", "2", "."}, 8},
		{"GOMAXPROCS set by the user", 1, "1", []string{"-j", "3", "."}, 1},
		{"not on a usage error", 1, "", []string{"-j", "3", "--max-memory", "0", "."}, 1},
		{"not on a config error", 1, "", []string{"-j", "3", "--config", "missing.yaml", "."}, 1},
	} {
		runtime.GOMAXPROCS(c.start)
		var stdout, stderr bytes.Buffer
		env{stdout: &stdout, stderr: &stderr, getenv: func(k string) string {
			if k == "GOMAXPROCS" {
				return c.env
			}
			return ""
		}, cwd: dir}.run(c.args)
		if got := runtime.GOMAXPROCS(0); got != c.wantProcs {
			t.Errorf("%s: GOMAXPROCS %d after the run, want %d", c.name, got, c.wantProcs)
		}
	}
}
