package report

import (
	"regexp"
	"strings"
	"unicode/utf8"

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

// extent returns the byte column just past what a finding at col points
// at: a tag ends at its '>', a value at the next '<'; else the line's end
// (without trailing blanks).
func extent(line string, col int) int {
	if col < 1 || col > len(line) {
		return col
	}
	rest := line[col-1:]
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
// line: never for a file that did not parse (its bytes are unchecked) or
// for the rules about committed secrets.
func showsSource(r *rules.Rule) bool {
	switch r.Code {
	case "SF001", "SF401", "SF402":
		return false
	}
	return true
}

// maskLine hides from a source line what may be a secret: URL user info,
// queries and fragments, and values of elements named like secrets.
func maskLine(line string) string {
	line = urlSecretParts.ReplaceAllStringFunc(line, func(u string) string {
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
	return secretValue.ReplaceAllString(line, "${1}…")
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
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029':
			b.WriteString(`\u` + hex4(r))
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

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
