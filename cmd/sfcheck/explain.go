package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/sfcheck/sfcheck/rules"
)

// listRules prints the table of every rule.
func (e env) listRules(args []string) int {
	if len(args) > 0 {
		return e.usageError("'sfcheck rules' takes no arguments")
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CODE\tNAME\tSEVERITY\tSUMMARY")
	for _, r := range rules.All() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Code, r.Name, r.Severity, r.Summary)
	}
	tw.Flush()
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
	w := e.stdout
	fmt.Fprintf(w, "%s %s (%s)\n\n%s.\n\n%s\n", r.Code, r.Name, r.Severity, capitalize(r.Summary), r.Doc)
	if r.Runtime != "" {
		fmt.Fprintf(w, "\nWhat Salesforce answers when this is wrong:\n    %s\n", r.Runtime)
	}
	fmt.Fprintf(w, "\nHow to fix:\n    %s\n", r.Fix)
	fmt.Fprintf(w, "\nBad:\n%s\nGood:\n%s", indent(r.Bad), indent(r.Good))
	return exitOK
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func indent(s string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		if strings.TrimSpace(line) != "" {
			b.WriteString("    ")
		}
		b.WriteString(line)
	}
	return b.String()
}
