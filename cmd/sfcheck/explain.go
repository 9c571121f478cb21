package main

import (
	"fmt"
	"io"

	"github.com/sfcheck/sfcheck/rules"
	"github.com/sfcheck/sfcheck/rules/report"
)

// listRules prints the table of every rule.
func (e env) listRules(args []string) int {
	if len(args) > 0 {
		return e.usageError("'sfcheck rules' takes no arguments")
	}
	if err := report.WriteRulesList(e.stdout); err != nil {
		fmt.Fprintf(e.stderr, "sfcheck: %v\n", err)
		return exitInternal
	}
	return exitOK
}

// explain prints everything sfcheck knows about one rule.
func (e env) explain(args []string) int {
	if len(args) != 1 {
		return e.usageError("usage: sfcheck explain RULE (a code such as SF102 or a name such as cc-run-as-user-missing)")
	}
	r, ok := rules.Lookup(args[0])
	if !ok {
		return e.usageError("unknown rule %q (run 'sfcheck rules' for the list)", args[0])
	}
	if _, err := io.WriteString(e.stdout, report.RuleText(r)); err != nil {
		return exitInternal
	}
	return exitOK
}
