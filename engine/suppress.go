package engine

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/sfcheck/sfcheck/config"
	"github.com/sfcheck/sfcheck/metadata"
	"github.com/sfcheck/sfcheck/rules"
)

// A directive is one sfcheck-ignore comment:
//
//	<!-- sfcheck-ignore SF104 reason: callback kept for a later web flow -->
//	<!-- sfcheck-ignore-file nc-legacy, SF107 reason: retired in Q3 -->
//
// The first form covers the next element and everything inside it (or the
// whole file when it stands before the root element); the second, the
// whole file wherever it stands.
type directive struct {
	at          metadata.Pos
	wholeFile   bool
	start, end  metadata.Pos
	rules       []*rules.Rule
	unknown     []string
	moreUnknown int // unknown names past maxUnknownNames
	reason      string
	used        map[*rules.Rule]bool
}

const (
	ignoreWord     = "sfcheck-ignore"
	ignoreFileWord = "sfcheck-ignore-file"
)

// maxUnknownNames bounds the unknown rule names one comment's SF009 lists.
const maxUnknownNames = 10

// maxDirectives bounds the sfcheck-ignore comments read of one file: each
// finding of the file is tested against each of them.
const maxDirectives = 1000

// readDirectives finds the sfcheck-ignore comments of a parsed file, at
// most maxDirectives; more counts those left unread.
func readDirectives(doc *metadata.Document) (out []*directive, more int) {
	for _, c := range doc.Comments {
		text := strings.TrimSpace(c.Text)
		var rest string
		d := &directive{at: c.Pos, used: map[*rules.Rule]bool{}}
		switch {
		case strings.HasPrefix(text, ignoreFileWord):
			d.wholeFile = true
			rest = text[len(ignoreFileWord):]
		case strings.HasPrefix(text, ignoreWord):
			rest = text[len(ignoreWord):]
		default:
			continue
		}
		if rest != "" && rest[0] != ' ' && rest[0] != '\t' && rest[0] != '\n' && rest[0] != '\r' {
			continue // some other word, such as sfcheck-ignored
		}
		if len(out) == maxDirectives {
			more++
			continue
		}
		names, reason, _ := strings.Cut(rest, "reason:")
		seen := map[string]bool{} // unknown names, each counted once
		d.reason = strings.Join(strings.Fields(reason), " ")
		for _, n := range strings.FieldsFunc(names, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' }) {
			// each name once, and a few unknown ones at most: a comment
			// naming SF004 a million times cost gigabytes of SF009 text
			if r, ok := rules.Lookup(n); ok {
				if !slices.Contains(d.rules, r) {
					d.rules = append(d.rules, r)
				}
			} else if !seen[n] {
				seen[n] = true
				if len(d.unknown) == maxUnknownNames {
					d.moreUnknown++
					continue
				}
				d.unknown = append(d.unknown, n)
			}
		}
		if !d.wholeFile {
			start, end, ok := doc.NextRange(c)
			switch {
			case !ok:
				d.start, d.end = c.Pos, c.Pos // nothing follows: it can suppress nothing
			case c.Next == doc.Root:
				d.wholeFile = true // before the root element: the whole file
			default:
				d.start, d.end = start, end
			}
		}
		out = append(out, d)
	}
	return out, more
}

func before(a, b metadata.Pos) bool {
	return a.Line < b.Line || (a.Line == b.Line && a.Col < b.Col)
}

func (d *directive) covers(f *rules.Finding) bool {
	if !d.names(f.Rule) {
		return false
	}
	return d.wholeFile || (!before(f.Pos, d.start) && !before(d.end, f.Pos))
}

func (d *directive) names(r *rules.Rule) bool {
	for _, x := range d.rules {
		if x == r {
			return true
		}
	}
	return false
}

// applySuppressions marks suppressed findings and reports the directives
// that are wrong or useless (SF009).
func applySuppressions(findings []rules.Finding, dirs map[string][]*directive, cfg *config.Config, excluded func(file string, r *rules.Rule) bool) []rules.Finding {
	for i := range findings {
		f := &findings[i]
		if f.Rule == unusedSuppression {
			continue
		}
		for _, d := range dirs[f.File] {
			if d.covers(f) {
				f.Suppressed, f.Reason = true, d.reason
				d.used[f.Rule] = true
			}
		}
	}
	if cfg.SeverityOf(unusedSuppression) == rules.Off {
		return findings
	}
	for file, ds := range dirs {
		for _, d := range ds {
			var problems []string
			if len(d.rules) == 0 && len(d.unknown) == 0 {
				problems = append(problems, "it names no rule (write the codes or names to suppress, such as SF104)")
			}
			for _, u := range d.unknown {
				problems = append(problems, "it names an unknown rule "+strconv.Quote(u))
			}
			if d.moreUnknown > 0 {
				problems = append(problems, fmt.Sprintf("it names %d more unknown rules", d.moreUnknown))
			}
			if d.reason == "" {
				problems = append(problems, "it gives no reason (add reason: and why)")
			}
			for _, r := range d.rules {
				if !d.used[r] && cfg.SeverityOf(r) != rules.Off && !excluded(file, r) {
					problems = append(problems, r.Code+" ("+r.Name+") has no finding here to suppress")
				}
			}
			if len(problems) > 0 {
				findings = append(findings, rules.Finding{Rule: unusedSuppression, Severity: unusedSuppression.Severity,
					Node: metadata.Node{Pos: d.at}, Message: "sfcheck-ignore comment: " + strings.Join(problems, "; ")})
			}
		}
	}
	return findings
}
