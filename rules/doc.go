// Package rules holds sfcheck's rules and the engine that runs them.
//
// A rule is one value of type *Rule, registered from its own file
// (rules/<rule_name>.go) with register. Its fields are its documentation:
// `sfcheck rules`, `sfcheck explain`, the README table and report metadata
// all read them, and no rule prose lives anywhere else.
//
// How to add a rule:
//  1. Add rules/<name_with_underscores>.go with the registration and a Run
//     function that reads the project index (p.Index) and calls p.Report at
//     a model node. Return an error only when sfcheck itself is broken.
//  2. Give it Bad and Good examples (txtar mini-projects): TestExamples
//     requires Bad to fire the rule and Good to stay clean.
//  3. Add testdata/rules/<CODE>/<case>/ folders, each a small project with a
//     want.txt of the exact expected findings (empty for a clean case); at
//     least one case must have findings and one must be clean. Run
//     `go test ./rules -update` to write want.txt, then review it.
//
// Data flows one way: walk -> parse -> model -> index -> rules -> report.
// The engine parses every file once, in parallel; rules never read files.
package rules
