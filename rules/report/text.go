package report

import (
	"bufio"
	"fmt"
	"io"

	"github.com/fatih/color"
	"github.com/sfcheck/sfcheck/rules"
)

// writeText writes one line per finding, as compilers do:
//
//	file:line:col: severity SFxxx name: message
//	    file:line:col: note: another place the finding concerns
//
// then a summary line. Suppressed findings are left out.
func writeText(w io.Writer, r *Report, useColor bool) error {
	// Colour objects are made per call and switched per call, never through
	// the global color.NoColor, so concurrent runs do not interfere.
	mk := func(attrs ...color.Attribute) *color.Color {
		c := color.New(attrs...)
		if useColor {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
		return c
	}
	pos := mk(color.Bold)
	sev := map[rules.Severity]*color.Color{
		rules.Error:   mk(color.FgRed, color.Bold),
		rules.Warning: mk(color.FgYellow, color.Bold),
		rules.Note:    mk(color.FgCyan),
	}
	code := mk(color.Faint)

	bw := bufio.NewWriter(w)
	for _, f := range r.Findings {
		if f.Suppressed {
			continue
		}
		fmt.Fprintf(bw, "%s %s %s: %s\n",
			pos.Sprintf("%s:%d:%d:", f.File, f.Line, f.Col),
			sev[f.Severity].Sprint(f.Severity.String()),
			code.Sprintf("%s %s", f.Rule.Code, f.Rule.Name),
			f.Message)
		for _, rel := range f.Related {
			fmt.Fprintf(bw, "    %s %s: %s\n", pos.Sprintf("%s:%d:%d:", rel.File, rel.Line, rel.Col), sev[rules.Note].Sprint("note"), rel.Message)
		}
	}
	c := r.Count()
	if c.Errors+c.Warnings+c.Notes == 0 {
		fmt.Fprintf(bw, "no findings in %s", plural(c.Files, "file"))
	} else {
		fmt.Fprintf(bw, "%s, %s, %s in %s", plural(c.Errors, "error"), plural(c.Warnings, "warning"), plural(c.Notes, "note"), plural(c.Files, "file"))
	}
	if c.Suppressed > 0 {
		fmt.Fprintf(bw, " (%d suppressed)", c.Suppressed)
	}
	fmt.Fprintln(bw)
	return bw.Flush()
}
