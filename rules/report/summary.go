package report

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/sfcheck/sfcheck/rules"
)

// summaryFindings is how many findings a job summary lists; the rest are
// in the annotations, code scanning and the other formats.
const summaryFindings = 20

// annotationLimit is how many annotations of one kind (error, warning,
// notice) GitHub shows per step; it drops the rest without a word.
const annotationLimit = 10

// writeSummary writes a Markdown summary for a CI job page (GitHub's
// $GITHUB_STEP_SUMMARY): counts by severity and by rule, the first
// findings, where to see all of them, and a warning when there are more
// annotations of a kind than GitHub shows.
func writeSummary(w io.Writer, r *Report, opts Options) error {
	bw := bufio.NewWriter(w)
	c := r.Count()
	fmt.Fprintf(bw, "## sfcheck\n\n%s.\n", capitalize(c.String()))
	if c.Errors+c.Warnings+c.Notes == 0 {
		return bw.Flush()
	}

	type row struct {
		rule  *rules.Rule
		count [rules.Error + 1]int
	}
	byRule := map[*rules.Rule]*row{}
	var shown []rules.Finding
	for _, f := range r.Findings {
		if f.Suppressed {
			continue
		}
		if byRule[f.Rule] == nil {
			byRule[f.Rule] = &row{rule: f.Rule}
		}
		byRule[f.Rule].count[f.Severity]++
		if len(shown) < summaryFindings {
			shown = append(shown, f)
		}
	}
	rows := make([]*row, 0, len(byRule))
	for _, rw := range byRule {
		rows = append(rows, rw)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].rule.Code < rows[j].rule.Code })
	bw.WriteString("\n| rule | errors | warnings | notes |\n|---|---:|---:|---:|\n")
	for _, rw := range rows {
		fmt.Fprintf(bw, "| [%s](%s#%s) `%s` | %d | %d | %d |\n", rw.rule.Code, DocsURL, RuleAnchor(rw.rule), rw.rule.Name,
			rw.count[rules.Error], rw.count[rules.Warning], rw.count[rules.Note])
	}

	fmt.Fprintf(bw, "\n### First findings\n\n")
	for _, f := range shown {
		fmt.Fprintf(bw, "- **%s** %s `%s:%d:%d`: %s\n", f.Severity, f.Rule.Code, markdownCode(f.File), f.Line, f.Col, markdownText(f.Message))
	}
	if n := c.Errors + c.Warnings + c.Notes - len(shown); n > 0 {
		fmt.Fprintf(bw, "- … and %d more\n", n)
	}
	if opts.CodeScanningURL != "" {
		fmt.Fprintf(bw, "\nAll findings: [code scanning](%s).\n", opts.CodeScanningURL)
	}
	var over []string
	for _, k := range []struct {
		n    int
		kind string
	}{{c.Errors, "errors"}, {c.Warnings, "warnings"}, {c.Notes, "notes"}} {
		if k.n > annotationLimit {
			over = append(over, fmt.Sprintf("%d %s", k.n, k.kind))
		}
	}
	if len(over) > 0 {
		fmt.Fprintf(bw, "\n> [!WARNING]\n> GitHub shows at most %d annotations of each kind per step: of %s, the rest are not annotated on the pull request. This summary, code scanning and the SARIF, JSON or text report have them all.\n",
			annotationLimit, strings.Join(over, " and "))
	}
	return bw.Flush()
}

// markdownText keeps a message on one line and from being read as markup.
func markdownText(s string) string {
	s = escapeControl(s)
	return strings.NewReplacer("\\", "\\\\", "<", "&lt;", ">", "&gt;", "*", "\\*", "_", "\\_", "`", "\\`", "[", "\\[", "]", "\\]", "|", "\\|").Replace(s)
}

// markdownCode makes text safe inside a code span.
func markdownCode(s string) string {
	return strings.ReplaceAll(escapeControl(s), "`", "'")
}
