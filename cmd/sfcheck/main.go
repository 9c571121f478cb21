// Command sfcheck lints the OAuth metadata of a Salesforce project. See
// README.md, or run `sfcheck --help`.
package main

import (
	"os"
	"runtime/debug"
)

func main() {
	// sfcheck is a short batch job that allocates much and keeps little.
	// Collecting less often makes it faster; a soft memory limit keeps the
	// peak small on large projects (the collector works harder near it,
	// and never spends more than half the CPU). GOGC and GOMEMLIMIT, when
	// set, win. Measured in README.md ("Performance").
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(136 << 20)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
