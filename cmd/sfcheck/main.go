// Command sfcheck lints the OAuth metadata of a Salesforce project. See
// README.md, or run `sfcheck --help`.
package main

import "os"

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
