// Package rules holds sfcheck's checks: the rule API, the registry, the
// shared terms of the rule catalogue and one file per rule. It imports
// nothing but the standard library and metadata: a rule reads the project
// index (or one parsed file) and reports; it never opens a file, runs a
// program or reads the configuration file. The engine package runs rules.
//
// A rule is one value of type *Rule, registered from its own file
// (rules/<rule_name>.go) with register, which rejects a malformed rule at
// start-up. Its fields are its documentation: `sfcheck rules`, `sfcheck
// explain`, docs/rules.md, the README table and SARIF help all render them
// (rules/report/docs.go), and no rule prose lives anywhere else.
//
// How to add a rule:
//  1. Add rules/<name_with_underscores>.go with the registration and a Run
//     function that reads the project index (p.Index) and calls p.Report at
//     a model value, anchor or node; a finding that concerns another place
//     too names it with Also. Kinds lists the kinds of file the rule reports
//     on. Return an error only when sfcheck itself is broken.
//  2. Give it Bad and Good examples (txtar mini-projects): TestExamples
//     requires Bad to fire the rule and Good to stay clean.
//  3. Add testdata/rules/<CODE>/<case>.txtar files, each a small project
//     and a "-- want --" section with the exact expected findings (empty
//     for a clean case); at least one case must have findings and one must
//     be clean. Run `go test ./rules -update` to write the want sections,
//     then review them.
package rules
