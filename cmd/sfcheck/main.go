// Command sfcheck lints the OAuth metadata of a Salesforce project. See
// README.md, or run `sfcheck --help`.
package main

import (
	"os"
	"runtime/debug"
)

// softLimit is the soft memory limit sfcheck sets when GOMEMLIMIT is not set.
const softLimit = 192 << 20

func main() {
	// sfcheck is a short batch job that allocates much and keeps little.
	// It collects only as the heap nears a soft memory limit, which keeps
	// the peak bounded on large projects; a run that stays below it never
	// collects, unless its heap passes --max-memory, which the engine then
	// checks by collecting. The limit is set where a project of 60,000
	// OAuth files (the synthetic benchmark) collects once, late: at 136 MiB
	// it collected twice, the first time over 80 MB of live models while
	// the run's one serial step waited for it (10% of the wall time; GOGC
	// 200 before that: 4-6% slower again). A project whose live models
	// pass half the limit gets twice its live heap (see pacer). GOGC,
	// when set, paces the collector below the limit; GOMEMLIMIT, when set,
	// replaces the limit and its raising. Measured in README.md
	// ("Performance").
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(-1)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softLimit)
		keepAhead(softLimit)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
