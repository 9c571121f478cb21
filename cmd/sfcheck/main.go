// Command sfcheck lints the OAuth metadata of a Salesforce project. See
// README.md, or run `sfcheck --help`.
package main

import (
	"os"
	"runtime/debug"
)

func main() {
	// sfcheck is a short batch job that allocates much and keeps little.
	// It collects only as the heap nears a soft memory limit, which keeps
	// the peak small on large projects (the collector works harder near
	// it, and never spends more than half the CPU); a run that stays below
	// it never collects, unless its heap passes --max-memory, which the
	// engine then checks by collecting (GOGC 200 before: 4-6% slower on
	// both benchmark trees, the same peak on the large one). GOGC and
	// GOMEMLIMIT, when set, win. Measured in README.md ("Performance").
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(-1)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(136 << 20)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
