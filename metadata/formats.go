package metadata

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/beevik/etree"
)

// Some values are credentials whatever element holds them: their format
// says so (a Stripe key as a legacy Named Credential's username). The
// formats below are the vendors' documented key shapes; each has a cheap
// marker checked before its pattern, so most values cost a few substring
// tests.
//
// gitleaks' rule set is the reference for which formats matter; it is not
// a dependency because its detector is a framework (configuration loading,
// logging, entropy scoring, hundreds of rules tuned for whole repositories)
// around what sfcheck needs: a few prefixes in single values. Sources, per
// format (gitleaks rule ids in brackets):
//   - Stripe: docs.stripe.com/keys, secret sk_ and restricted rk_ keys,
//     live and test [stripe-access-token]
//   - GitHub: github.blog, "Behind GitHub's new authentication token
//     formats" (ghp_ gho_ ghu_ ghs_ ghr_, 36 characters after), and
//     fine-grained tokens, github_pat_ [github-pat, github-oauth,
//     github-app-token, github-refresh-token, github-fine-grained-pat]
//   - Slack: api.slack.com/authentication/token-types, xoxb- xoxp- xoxa-
//     xoxr- xoxs- [slack-bot-token, slack-user-token, slack-legacy-token]
//   - Google API key: AIza and 35 characters [gcp-api-key]
//   - private key: the PEM armor of RFC 7468 [private-key]
//   - AWS: IAM User Guide, "IAM identifiers" (AKIA long-term, ASIA
//     temporary access key ids) [aws-access-token]; the secret beside a
//     key id is found by its element (awsAccessSecret), see below

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
	{Format{"private key", false}, []string{"PRIVATE KEY"}, regexp.MustCompile(`(?s)-----BEGIN ([A-Z]+ )*PRIVATE KEY-----.*?(?:-----END ([A-Z]+ )*PRIVATE KEY-----|\z)`)},
	{Format{awsKeyID, true}, []string{"AKIA", "ASIA"}, regexp.MustCompile(`\b(AKIA|ASIA)[0-9A-Z]{16}\b`)},
}

// MatchFormat returns the credential format of a value, if it has one.
func MatchFormat(text string) (Format, bool) {
	f, _, ok := matchFormat(text)
	return f, ok
}

// matchFormat also returns the part of text that matched.
func matchFormat(text string) (Format, string, bool) {
	if len(text) < minFormatLen {
		return Format{}, "", false
	}
	present := markersIn(text)
	if present == 0 {
		return Format{}, "", false
	}
	for i, r := range formatRules {
		if present&(1<<i) == 0 {
			continue
		}
		m := r.re.FindString(text)
		if m == "" {
			continue
		}
		if placeholderKey(m, r.markers) { // asked only of the rare match: it allocates
			return Format{}, "", false
		}
		return r.Format, m, true
	}
	return Format{}, "", false
}

// placeholderKey reports a match in a key's format whose body stands in
// for the key (sk_live_XXXXXXXX, AKIAXXXXXXXXXXXXXXXX, the AWS docs' key).
func placeholderKey(m string, markers []string) bool {
	for _, mk := range markers {
		if i := strings.Index(m, mk); i >= 0 && hasAlnum(m[i+len(mk):]) && IsPlaceholder(m[i+len(mk):]) {
			return true
		}
	}
	return IsPlaceholder(m)
}

func hasAlnum(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// placeholderWords are what a value says when it only stands for a secret
// (its letters, lower-cased, are exactly one of them: ChangeMe123, dummy).
var placeholderWords = map[string]bool{"changeme": true, "placeholder": true, "replaceme": true, "dummy": true,
	"redacted": true, "notasecret": true, "example": true, "todo": true, "tbd": true}

// yourWhat are what "your ..." stands for in a placeholder (YOUR_API_KEY,
// your-token-here).
var yourWhat = map[string]bool{"key": true, "apikey": true, "token": true, "apitoken": true, "accesstoken": true,
	"secret": true, "clientsecret": true, "consumersecret": true, "secretkey": true, "apisecret": true,
	"password": true, "pass": true, "pwd": true, "privatekey": true, "credentials": true}

// fillIn are how instructions to put a secret in begin (REPLACE_WITH_...).
var fillIn = []string{"replacewith", "insertyour", "enteryour", "putyour", "addyour", "setyour"}

// authSchemes are the words before a credential in an Authorization value.
var authSchemes = map[string]bool{"bearer": true, "basic": true, "token": true, "apikey": true, "digest": true}

// slotName is what a placeholder slot holds: <api-key>, {API_KEY}.
var slotName = regexp.MustCompile(`^[A-Za-z0-9_. -]{1,64}$`)

// IsPlaceholder reports a value that stands in for a secret: one character
// repeated (xxx, ****, xxxx-xxxx), a <name>, {name}, [name], ${NAME} or
// %NAME% slot, a value that says it is one (changeme, YOUR_API_KEY,
// REPLACE_WITH_YOUR_PASSWORD, dummy), or the example keys of AWS's
// documentation (...EXAMPLE, ...EXAMPLEKEY). A person's password that merely
// contains such a word is not one.
func IsPlaceholder(text string) bool {
	t := strings.TrimSpace(text)
	if f := strings.Fields(t); len(f) == 2 && authSchemes[strings.ToLower(f[0])] {
		t = f[1] // "Bearer <token>": the scheme is not the secret
	}
	if t == "" {
		return false
	}
	if repeated(t) {
		return true
	}
	if inner, ok := slot(t); ok && slotName.MatchString(inner) {
		return true
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
	if placeholderWords[l] || yourWhat[strings.TrimSuffix(strings.TrimPrefix(l, "your"), "here")] && strings.HasPrefix(l, "your") {
		return true
	}
	for _, p := range fillIn {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// repeated reports a value of one character (••••), or whose letters and
// digits are one character (xxxx-xxxx-xxxx), three or more.
func repeated(t string) bool {
	var first, firstAlnum rune
	same, sameAlnum, alnum := true, true, 0
	for i, r := range t {
		if i == 0 {
			first = r
		} else if r != first {
			same = false
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			r = unicode.ToLower(r)
			if alnum == 0 {
				firstAlnum = r
			} else if r != firstAlnum {
				sameAlnum = false
			}
			alnum++
		}
	}
	return same || (alnum >= 3 && sameAlnum)
}

// slot returns what is inside <...>, {...}, [...], %...% or ${...}.
func slot(t string) (string, bool) {
	if len(t) < 3 {
		return "", false
	}
	switch first, last := t[0], t[len(t)-1]; {
	case first == '$' && t[1] == '{' && last == '}':
		return t[2 : len(t)-1], true
	case first == '<' && last == '>', first == '{' && last == '}', first == '[' && last == ']', first == '%' && last == '%':
		return t[1 : len(t)-1], true
	}
	return "", false
}

// markerGroups are the markers grouped by their first byte, with the rule
// of each: a value is searched once for each first byte (five), not once
// for each marker (thirteen), which was a twentieth of a file's check.
var markerGroups = func() (groups []markerGroup) {
	if len(formatRules) > 32 {
		panic("metadata: more format rules than markersIn has bits")
	}
	at := map[byte]int{}
	for i, r := range formatRules {
		for _, m := range r.markers {
			g, ok := at[m[0]]
			if !ok {
				g = len(groups)
				at[m[0]] = g
				groups = append(groups, markerGroup{first: m[0]})
			}
			groups[g].markers = append(groups[g].markers, formatMarker{m, uint32(1) << i})
		}
	}
	return groups
}()

type markerGroup struct {
	first   byte
	markers []formatMarker
}

type formatMarker struct {
	text string
	rule uint32 // its rule's bit
}

// markersIn returns the rules (a bit each, in formatRules' order) one of
// whose markers text holds.
func markersIn(text string) (present uint32) {
	for _, g := range markerGroups {
		for i := 0; ; i++ {
			j := strings.IndexByte(text[i:], g.first)
			if j < 0 {
				break
			}
			i += j
			for _, m := range g.markers {
				if strings.HasPrefix(text[i:], m.text) {
					present |= m.rule
				}
			}
		}
	}
	return present
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
// and they are most of a large org's bytes. So is a document whose parse
// found no text with a marker (Document.markers): nearly every file.
func (d *Document) scanFormats(kind Kind) []FormatHit {
	if kind.IsPermissionSet() || !d.markers {
		return nil // a permission set, or no text holds a marker: the parse said so
	}
	var out []FormatHit
	var visit func(el *etree.Element, idx int32)
	visit = func(el *etree.Element, idx int32) {
		if text, ok := onlyText(el); ok {
			if f, m, ok := matchFormat(text); ok {
				out = append(out, FormatHit{Format: f, Node: Node{Pos: d.valuePos(idx), tag: el.Tag}, Element: el.Tag,
					Length: utf8.RuneCountInString(m), text: text})
			}
		}
		for child, ci := range d.children(el, idx) {
			visit(child, ci)
		}
	}
	visit(d.Root, 0)
	// An AWS secret access key has no marker of its own: forty characters of
	// base64 are looked for only in a file that holds an access key id.
	for _, h := range out {
		if h.Name == awsKeyID {
			out = append(out, d.awsSecrets()...)
			break
		}
	}
	return out
}

const awsKeyID = "AWS access key id"

// awsSecretShape is forty base64 characters standing alone.
var awsSecretShape = regexp.MustCompile(`(?:^|[^A-Za-z0-9/+=])([A-Za-z0-9/+]{40})(?:$|[^A-Za-z0-9/+=])`)

// awsSecrets finds the values of the document that hold an AWS secret
// access key: forty base64 characters with lower and upper case letters
// and digits (no word or hex digest has all three at that length).
func (d *Document) awsSecrets() []FormatHit {
	var out []FormatHit
	var visit func(el *etree.Element, idx int32)
	visit = func(el *etree.Element, idx int32) {
		if t, ok := onlyText(el); ok && len(t) >= 40 {
			for _, m := range awsSecretShape.FindAllStringSubmatch(t, -1) {
				if k := m[1]; mixed(k) && !IsPlaceholder(k) {
					out = append(out, FormatHit{Format: Format{Name: "AWS secret access key"}, Node: Node{Pos: d.valuePos(idx), tag: el.Tag},
						Element: el.Tag, Length: len(k), text: t})
					break
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

func onlyText(el *etree.Element) (string, bool) {
	if len(el.Child) != 1 {
		return "", false
	}
	t, ok := el.Child[0].(*etree.CharData)
	if !ok {
		return "", false
	}
	return t.Data, true
}

// mixed reports a key with lower and upper case letters and digits.
func mixed(k string) bool {
	var lower, upper, digit bool
	for _, r := range k {
		lower = lower || (r >= 'a' && r <= 'z')
		upper = upper || (r >= 'A' && r <= 'Z')
		digit = digit || (r >= '0' && r <= '9')
	}
	return lower && upper && digit
}
