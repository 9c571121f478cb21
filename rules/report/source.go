package report

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/sfcheck/sfcheck/metadata"
	"github.com/sfcheck/sfcheck/rules"
)

// This file is what reports take from a finding's source line: the line
// itself as the text format shows it (masked, escaped), and the extent of
// the element or value a finding points at (SARIF regions).

// codePointColumn converts a 1-based byte column of line to a 1-based code
// point column.
func codePointColumn(line string, col int) int {
	if col-1 > len(line) || col < 1 {
		return col
	}
	return utf8.RuneCountInString(line[:col-1]) + 1
}

// columnBlock is the stride of a long line's code point index.
const columnBlock = 4096

// columnCache converts byte columns to code point columns at a bounded
// cost per question, whatever the line's length: for a long line it keeps
// how many code points come before each block of it (a thousand findings
// on one 8 MB line each counted the line from its start: 39 s).
type columnCache struct {
	blocks map[columnKey][]int
}

type columnKey struct {
	file string
	line int
}

func (c *columnCache) codePoint(file string, line int, text string, col int) int {
	if len(text) <= columnBlock || col < 1 || col-1 > len(text) {
		return codePointColumn(text, col)
	}
	key := columnKey{file, line}
	before, ok := c.blocks[key]
	if !ok {
		if c.blocks == nil || len(c.blocks) > 256 {
			c.blocks = map[columnKey][]int{} // a few long lines at a time
		}
		n := 0
		for start := 0; start < len(text); start += columnBlock {
			before = append(before, n)
			n += utf8.RuneCountInString(text[start:min(start+columnBlock, len(text))])
		}
		c.blocks[key] = before
	}
	b := (col - 1) / columnBlock
	return before[b] + utf8.RuneCountInString(text[b*columnBlock:col-1]) + 1
}

// apexExtent is extent in Apex code, where a finding points into a string
// literal ('callout:NAME/path', a URL): it ends before the closing quote,
// an escaped quote passed over; else at the line's end.
func apexExtent(line string, col int) int {
	if col < 1 || col > len(line) {
		return col
	}
	rest := line[col-1:]
	for i := 0; i < len(rest) && i < columnBlock; i++ {
		switch rest[i] {
		case '\\':
			i++
		case '\'':
			return col + i
		}
	}
	if len(rest) > columnBlock {
		return col // no end within a block, as extent
	}
	return col + len(strings.TrimRight(rest, " \t\r"))
}

// extent returns the byte column just past what a finding at col points
// at: a tag ends at its '>', a value at the next '<'; else the line's end
// (without trailing blanks). It looks at most a block ahead: past that
// the region has no end.
func extent(line string, col int) int {
	if col < 1 || col > len(line) {
		return col
	}
	rest := line[col-1:]
	if len(rest) > columnBlock {
		rest = rest[:columnBlock]
		if !strings.ContainsAny(rest, "<>") {
			return col
		}
	}
	stop := "<"
	if rest[0] == '<' {
		stop = ">"
		if i := strings.Index(rest, stop); i >= 0 {
			return col + i + 1
		}
	} else if i := strings.Index(rest, stop); i > 0 {
		return col + i
	}
	return col + len(strings.TrimRight(rest, " \t\r"))
}

var (
	// a URL's user info, query and fragment may carry a secret
	urlSecretParts = regexp.MustCompile(`(?i)([a-z][a-z0-9+.-]*://)([^/\s<>"'@]*@)?([^?#\s<>"']*)([?#][^\s<>"']*)?`)
	// and so may the value of an element whose name ends like a secret's
	// (consumerSecret, password, oauthRefreshToken, apiKey)
	secretValue = regexp.MustCompile(`(?i)(<[a-z0-9_]*(?:secret|password|token|key)>)([^<]+)`)
)

// showsSource says whether the text format may print a finding's source
// line: never for a file that did not parse (its bytes are unchecked), for
// the rules about committed secrets and credential ids, or for Apex, whose
// lines (a header set beside an endpoint) the secret masking cannot read.
func showsSource(f rules.Finding) bool {
	if f.Rule.HidesSource {
		return false
	}
	return !isApex(f.File)
}

// isApex reports an Apex class or trigger, whose lines are code, not markup.
func isApex(file string) bool {
	k, _ := metadata.ClassifyPath(file)
	return k == metadata.KindApexClass || k == metadata.KindApexTrigger
}

// maskURL hides a URL's user info, query and fragment.
func maskURL(text string) string {
	return urlSecretParts.ReplaceAllStringFunc(text, func(u string) string {
		m := urlSecretParts.FindStringSubmatch(u)
		out := m[1] + m[3]
		if m[2] != "" {
			out = m[1] + "…@" + m[3]
		}
		if m[4] != "" {
			out += m[4][:1] + "…"
		}
		return out
	})
}

// maxSourceWidth bounds a shown source line: one long line with many
// findings would otherwise be printed whole for each of them.
const maxSourceWidth = 160

// maxShownLine is the longest source line the text format shows.
const maxShownLine = 8 << 10

// shownSource is a source line as the text format prints it under a
// finding at byte column col, and the caret's column in it. Only the
// markup and the value the finding points at are shown: every other text
// on the line (element values, CDATA, the rest of a value split over
// lines) is replaced by "…", since any of it may be a secret; the value
// shown has its URL queries and user info hidden, and is hidden too when
// its element is named like a secret. Tabs become four spaces and control
// characters are escaped; a long line is cut around the caret.
func shownSource(line string, col int) (string, int) {
	at := col - 1
	var b strings.Builder
	caret := -1
	lastTag := ""
	for i := 0; i < len(line); {
		if i == at {
			caret = utf8.RuneCountInString(b.String())
		}
		if line[i] == '<' && !strings.HasPrefix(line[i:], "<![CDATA[") {
			end := strings.IndexByte(line[i:], '>')
			if end < 0 {
				end = len(line) - i - 1
			}
			tag := line[i : i+end+1]
			if caret < 0 && at > i && at <= i+end {
				caret = utf8.RuneCountInString(b.String()) + utf8.RuneCountInString(sourceText(line[i:at]))
			}
			b.WriteString(sourceText(tag))
			lastTag = tag
			i += end + 1
			continue
		}
		// text (or CDATA) up to the next tag
		end := len(line)
		if k := strings.IndexByte(line[i+1:], '<'); k >= 0 {
			end = i + 1 + k
		}
		if strings.HasPrefix(line[i:], "<![CDATA[") {
			if k := strings.Index(line[i:], "]]>"); k >= 0 {
				end = i + k + 3
			}
		}
		text := line[i:end]
		switch {
		case strings.TrimSpace(text) == "":
			b.WriteString(sourceText(text))
		case i <= at && at < end && !secretValue.MatchString(lastTag+"x") && !strings.HasPrefix(text, "<![CDATA["):
			if caret < 0 {
				caret = utf8.RuneCountInString(b.String()) + utf8.RuneCountInString(sourceText(maskURL(line[i:at])))
			}
			b.WriteString(sourceText(maskURL(text)))
		default:
			lead := len(text) - len(strings.TrimLeft(text, " \t"))
			b.WriteString(sourceText(text[:lead]))
			if caret < 0 && i <= at && at < end {
				caret = utf8.RuneCountInString(b.String())
			}
			b.WriteString("…")
		}
		i = end
	}
	out := strings.TrimRight(b.String(), " ")
	if caret < 0 {
		caret = utf8.RuneCountInString(out)
	}
	return cutAround(out, caret)
}

// cutAround cuts a shown line to maxSourceWidth columns around the caret.
func cutAround(s string, caret int) (string, int) {
	r := []rune(s)
	if len(r) <= maxSourceWidth {
		return s, caret
	}
	start := 0
	if caret > maxSourceWidth/2 {
		start = caret - maxSourceWidth/2
	}
	end := min(start+maxSourceWidth, len(r))
	out := string(r[start:end])
	if start > 0 {
		out, caret = "…"+out, caret-start+1
	}
	if end < len(r) {
		out += "…"
	}
	return out, caret
}

// sourceText is a piece of a source line as the text format prints it:
// tabs as four spaces (so the caret lines up), other control characters
// escaped.
func sourceText(s string) string {
	return escapeControl(strings.ReplaceAll(s, "\t", "    "))
}

// escapeControl makes text safe for a terminal and for CI logs: control
// characters (a newline that would start a forged line or a workflow
// command, ESC sequences, CR) and invalid UTF-8 are written as Go escapes.
func escapeControl(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c >= 0x80 {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x` + hex2(s[i]))
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029' || isBidi(r):
			b.WriteString(`\u` + hex4(r))
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isBidi reports the characters that reorder text on screen (Trojan
// Source): a name holding one could read as another.
func isBidi(r rune) bool {
	return r == '\u061c' || r == '\u200e' || r == '\u200f' || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069')
}

// EscapeControl is escapeControl for the command's own messages (warnings
// that name files).
func EscapeControl(s string) string { return escapeControl(s) }

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&15]})
}

func hex4(r rune) string {
	return hex2(byte(r>>8)) + hex2(byte(r))
}

// fileName is a file name as structured reports write it: bytes that are
// not UTF-8 (which JSON and XML would turn into U+FFFD, losing them) and
// control characters are escaped, so two names never read the same.
func fileName(s string) string { return escapeControl(s) }
