package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/fatih/color"
	"github.com/sfcheck/sfcheck/rules"
)

// writeText writes each finding as compilers do, its source line with a
// caret under the column, and the other places it concerns:
//
//	file:line:col: severity SFxxx name: message
//	   12 |     <callbackUrl>https://portal.acme.com/cb</callbackUrl>
//	      |                  ^
//	    file:line:col: note: another place the finding concerns
//
// then a summary line. OneLine leaves out source lines. Suppressed findings
// are left out. Control characters in names, messages and source lines are
// escaped, so a file name cannot forge an output line (or a CI workflow
// command), and source lines are masked where they may hold a secret.
func writeText(w io.Writer, r *Report, opts Options) error {
	// Colour objects are made per call and switched per call, never through
	// the global color.NoColor, so concurrent runs do not interfere.
	mk := func(attrs ...color.Attribute) *color.Color {
		c := color.New(attrs...)
		if opts.Color {
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
	gutter := mk(color.FgBlue)
	caret := mk(color.FgGreen, color.Bold)

	bw := bufio.NewWriter(w)
	for _, f := range r.Findings {
		if f.Suppressed {
			continue
		}
		fmt.Fprintf(bw, "%s %s %s: %s\n",
			pos.Sprintf("%s:%d:%d:", escapeControl(f.File), f.Line, f.Col),
			sev[f.Severity].Sprint(f.Severity.String()),
			code.Sprintf("%s %s", f.Rule.Code, f.Rule.Name),
			escapeControl(f.Message))
		if !opts.OneLine && opts.Source != nil && showsSource(f) {
			// a line past maxShownLine is not shown: it is no hand-written
			// metadata, and showing it cost its length per finding
			if line, ok := opts.Source(f.File, f.Line); ok && f.Col >= 1 && f.Col-1 <= len(line) && len(line) <= maxShownLine {
				num := fmt.Sprintf("%d", f.Line)
				pad := strings.Repeat(" ", len(num))
				shown, at := shownSource(line, f.Col)
				fmt.Fprintf(bw, " %s %s\n", gutter.Sprintf("%s |", num), shown)
				fmt.Fprintf(bw, " %s %s%s\n", gutter.Sprintf("%s |", pad), strings.Repeat(" ", at), caret.Sprint("^"))
			}
		}
		for _, rel := range f.Related {
			fmt.Fprintf(bw, "    %s %s: %s\n", pos.Sprintf("%s:%d:%d:", escapeControl(rel.File), rel.Line, rel.Col),
				sev[rules.Note].Sprint("note"), escapeControl(rel.Message))
		}
	}
	fmt.Fprintln(bw, r.Count())
	return bw.Flush()
}
