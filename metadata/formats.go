package metadata

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/beevik/etree"
)

// Some values are credentials whatever element holds them: their format
// says so (a Stripe key as a legacy Named Credential's username). The
// formats below are the vendors' documented key shapes; each has a cheap
// marker checked before its pattern, so most values cost a few substring
// tests.

// Format is a credential format found in a value.
type Format struct {
	Name   string // what it is: "Stripe secret key"
	Public bool   // the public half of a credential (an access key id), not a secret
}

type formatRule struct {
	Format
	markers []string // one of them is in every match
	re      *regexp.Regexp
}

// minFormatLen is the length of the shortest match of any format (a Slack
// token, xoxb- and ten more): most values are shorter and cost nothing.
const minFormatLen = 15

var formatRules = []formatRule{
	{Format{"Stripe secret key", false}, []string{"k_live_"}, regexp.MustCompile(`\b[sr]k_live_[0-9A-Za-z]{10,}`)},
	{Format{"Stripe test secret key", false}, []string{"k_test_"}, regexp.MustCompile(`\b[sr]k_test_[0-9A-Za-z]{10,}`)},
	{Format{"GitHub token", false}, []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}, regexp.MustCompile(`\bgh[pousr]_[0-9A-Za-z]{36,}`)},
	{Format{"GitHub fine-grained token", false}, []string{"github_pat_"}, regexp.MustCompile(`\bgithub_pat_[0-9A-Za-z_]{22,}`)},
	{Format{"Slack token", false}, []string{"xox"}, regexp.MustCompile(`\bxox[abprs]-[0-9A-Za-z-]{10,}`)},
	{Format{"Google API key", false}, []string{"AIza"}, regexp.MustCompile(`\bAIza[0-9A-Za-z_-]{35}`)},
	{Format{"private key", false}, []string{"PRIVATE KEY"}, regexp.MustCompile(`-----BEGIN ([A-Z]+ )*PRIVATE KEY-----`)},
	{Format{"AWS access key id", true}, []string{"AKIA", "ASIA"}, regexp.MustCompile(`\b(AKIA|ASIA)[0-9A-Z]{16}\b`)},
}

// MatchFormat returns the credential format of a value, if it has one.
func MatchFormat(text string) (Format, bool) {
	if len(text) < minFormatLen {
		return Format{}, false
	}
	for _, r := range formatRules {
		if containsAny(text, r.markers) && r.re.MatchString(text) {
			if IsPlaceholder(text) { // asked only of the rare match: it allocates
				return Format{}, false
			}
			return r.Format, true
		}
	}
	return Format{}, false
}

// placeholderWords are what a value says when it only stands for a secret
// (its letters, lower-cased, are exactly one of them: ChangeMe123, dummy).
var placeholderWords = map[string]bool{"changeme": true, "placeholder": true, "replaceme": true, "dummy": true,
	"redacted": true, "notasecret": true, "example": true, "todo": true, "tbd": true}

// authSchemes are the words before a credential in an Authorization value.
var authSchemes = map[string]bool{"bearer": true, "basic": true, "token": true, "apikey": true, "digest": true}

// IsPlaceholder reports a value that stands in for a secret: one character
// repeated (xxx, ****), a <name>, {name}, ${NAME} or %NAME% slot, a value
// that says it is one (changeme, YOUR_API_KEY, dummy), or the example keys
// of AWS's documentation (...EXAMPLE, ...EXAMPLEKEY). A person's password
// that merely contains such a word is not one.
func IsPlaceholder(text string) bool {
	t := strings.TrimSpace(text)
	if f := strings.Fields(t); len(f) == 2 && authSchemes[strings.ToLower(f[0])] {
		t = f[1] // "Bearer <token>": the scheme is not the secret
	}
	if t == "" {
		return false
	}
	if strings.Count(t, t[:1]) == len(t) {
		return true
	}
	if len(t) >= 3 {
		first, last := t[0], t[len(t)-1]
		if (first == '<' && last == '>') || (first == '{' && last == '}') || (first == '%' && last == '%') ||
			(first == '$' && t[1] == '{' && last == '}') {
			return true
		}
	}
	if strings.HasSuffix(t, "EXAMPLE") || strings.HasSuffix(t, "EXAMPLEKEY") {
		return true
	}
	var letters strings.Builder
	for _, r := range strings.ToLower(t) {
		if r >= 'a' && r <= 'z' {
			letters.WriteRune(r)
		}
	}
	l := letters.String()
	return placeholderWords[l] || (strings.HasPrefix(l, "your") && len(l) > len("your"))
}

func containsAny(text string, markers []string) bool {
	for _, m := range markers {
		if strings.Contains(text, m) {
			return true
		}
	}
	return false
}

// FormatHit is a value of a file in a credential format.
type FormatHit struct {
	Format
	Node
	Element string // the element that holds it
	Length  int    // in characters; the value itself is never shown
	text    string // kept to ask whether a deploy replaces it
}

// scanFormats finds the values of a document in a credential format.
// Permission sets are skipped: their values are object and field names,
// and they are most of a large org's bytes.
func (d *Document) scanFormats(kind Kind) []FormatHit {
	if kind == KindPermissionSet || kind.IsPermissionSetPart() {
		return nil
	}
	var out []FormatHit
	var visit func(el *etree.Element, idx int32)
	visit = func(el *etree.Element, idx int32) {
		if len(el.Child) > 0 {
			if t, ok := el.Child[0].(*etree.CharData); ok && len(el.Child) == 1 {
				if f, ok := MatchFormat(t.Data); ok {
					out = append(out, FormatHit{Format: f, Node: Node{Pos: d.valuePos(idx), tag: el.Tag}, Element: el.Tag,
						Length: utf8.RuneCountInString(strings.TrimSpace(t.Data)), text: t.Data})
				}
			}
		}
		for child, ci := range d.children(el, idx) {
			visit(child, ci)
		}
	}
	visit(d.Root, 0)
	return out
}
