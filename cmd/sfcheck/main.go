// Command sfcheck lints the OAuth metadata of a Salesforce project. See
// README.md, or run `sfcheck --help`.
package main

import (
	"os"
	"runtime/debug"
)

func main() {
	// sfcheck is a short batch job that allocates a lot and keeps little:
	// collecting less often makes a run about a fifth faster for a few
	// megabytes. GOGC, when set, still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
