package engine

import (
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sfcheck/sfcheck/config"
)

// TestPanicIsAnErrorOfTheRun: a bug that panics while one file is read, or
// during the walk, ends the run with an error that says so and names the
// file, instead of killing the process from a goroutine (exit 2, the code
// of a usage error, and no word of which file).
func TestPanicIsAnErrorOfTheRun(t *testing.T) {
	project, err := filepath.Abs("../testdata/projects/same-org")
	if err != nil {
		t.Fatal(err)
	}
	const victim = "Same_Org_API_Access.externalCredential-meta.xml"
	run := func() error {
		_, err := Run(Options{Paths: []string{"."}, Cwd: project, Config: config.New(), Jobs: 2})
		return err
	}
	if err := run(); err != nil {
		t.Fatalf("the project does not run cleanly to begin with: %v", err)
	}

	testHookLoad = func(path string) {
		if strings.HasSuffix(path, victim) {
			var m map[string]int
			m["boom"]++ // a nil map write: the kind of bug a parser could have
		}
	}
	var indexed atomic.Int32
	testHookIndex = func() { indexed.Add(1) }
	err = run()
	time.Sleep(50 * time.Millisecond) // time for work left behind to show
	testHookLoad, testHookIndex = nil, nil
	if indexed.Load() != 0 {
		t.Errorf("a run that a file ended went on to build the index")
	}
	if err == nil || !strings.Contains(err.Error(), "while reading ") || !strings.Contains(err.Error(), victim) ||
		!strings.Contains(err.Error(), "assignment to entry in nil map") {
		t.Errorf("a panic while reading %s gave %v, want an error naming the file and the panic", victim, err)
	}

	testHookIndex = func() { panic("index bug") }
	err = run()
	testHookIndex = nil
	if err == nil || !strings.Contains(err.Error(), "while indexing the files: index bug (a bug in sfcheck") {
		t.Errorf("a panic while indexing gave %v, want an internal error", err)
	}

	testHookWalk = func() { panic("walk bug") }
	err = run()
	testHookWalk = nil
	if err == nil || !strings.Contains(err.Error(), "while walking the files: walk bug (a bug in sfcheck") || !strings.Contains(err.Error(), "walk bug") {
		t.Errorf("a panic in the walk gave %v, want an internal error", err)
	}
	if err := run(); err != nil {
		t.Errorf("after the panics, a clean run fails: %v", err)
	}
}
