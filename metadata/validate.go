package metadata

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/beevik/etree"
)

// ProblemKind says what is wrong with an element, as the schema sees it.
type ProblemKind int

// Problem kinds; each is reported by one rule.
const (
	UnknownElement   ProblemKind = iota // not part of its parent's type
	InvalidValue                        // a value outside its type
	MissingElement                      // a required element is absent or empty
	DuplicateElement                    // a single-valued element appears twice
	RemovedElement                      // the current API no longer has it
)

// Problem is one schema problem at one node.
type Problem struct {
	Kind ProblemKind
	Node
	Message string
}

// Validate checks a document of the given kind against its schema. It
// reports an unknown or removed element once and does not look inside it.
func Validate(doc *Document, kind Kind) []Problem {
	t := Schema(kind)
	if t == nil || doc.Root == nil {
		return nil
	}
	v := &validator{doc: doc}
	v.complex(doc.Root, 0, "", "", t)
	return v.out
}

type validator struct {
	doc *Document
	out []Problem
}

func (v *validator) add(k ProblemKind, n Node, format string, args ...any) {
	v.out = append(v.out, Problem{Kind: k, Node: n, Message: fmt.Sprintf(format, args...)})
}

func (v *validator) complex(el *etree.Element, idx int32, parent, tag string, t *ComplexType) {
	self := Node{Pos: v.doc.startPos(idx), parent: parent, tag: tag}
	path := self.Path()
	// One bit per element of the type (no type has more than 64): which
	// were seen, and which had a value. Maps here were most of the cost.
	var seen, nonEmpty uint64
	var counts map[string]int
	for child, ci := range v.doc.children(el, idx) {
		ctag := child.Tag
		e := t.Lookup(ctag)
		if e != nil && e.Repeated {
			if counts == nil {
				counts = map[string]int{}
			}
			counts[ctag]++
			ctag += "[" + listKey(child, counts[child.Tag]) + "]"
		}
		node := Node{Pos: v.doc.startPos(ci), parent: path, tag: ctag}
		switch {
		case e == nil && t.Open:
			continue
		case e == nil:
			msg := fmt.Sprintf("<%s> is not an element of %s", child.Tag, t.Name)
			if s := closest(child.Tag, t.Names()); s != "" {
				msg += fmt.Sprintf(": did you mean <%s>?", s)
			} else if hint := homeOf(child.Tag, t); hint != "" {
				msg += ": " + hint
			}
			v.add(UnknownElement, node, "%s", msg)
			continue
		case e.Removed != "":
			v.add(RemovedElement, node, "<%s> was removed from %s in API version %s", child.Tag, t.Name, e.Removed)
			continue
		}
		bit := uint64(1) << e.place
		if seen&bit != 0 && !e.Repeated {
			v.add(DuplicateElement, node, "<%s> appears more than once in %s; it holds a single value", child.Tag, t.Name)
		}
		seen |= bit
		switch e.Kind {
		case Complex:
			nonEmpty |= bit
			v.complex(child, ci, path, ctag, e.Type)
		case Opaque:
			nonEmpty |= bit
		default:
			text := strings.TrimSpace(child.Text())
			if text != "" {
				nonEmpty |= bit
			}
			if sub := child.ChildElements(); len(sub) > 0 {
				v.add(UnknownElement, Node{Pos: v.doc.startPos(ci + 1), parent: path, tag: ctag + "/" + sub[0].Tag},
					"<%s> holds a value, not elements: <%s> does not belong inside it", child.Tag, sub[0].Tag)
				continue
			}
			if text == "" {
				if !e.Required && e.Kind != String {
					v.add(InvalidValue, node, "<%s> is empty: %s", child.Tag, want(e))
				}
				continue
			}
			vn := Node{Pos: v.doc.valuePos(ci), parent: path, tag: ctag}
			if msg := checkValue(e, text); msg != "" {
				v.add(InvalidValue, vn, "%s", msg)
			}
		}
	}
	for i := range t.Elements {
		e := &t.Elements[i]
		if !e.Required || nonEmpty&(1<<i) != 0 {
			continue
		}
		if seen&(1<<i) != 0 {
			v.add(MissingElement, self, "<%s> of %s is empty: it is required", e.Name, t.Name)
		} else {
			v.add(MissingElement, self, "%s has no <%s>: it is required", t.Name, e.Name)
		}
	}
	if check := extraChecks[t]; check != nil {
		check(v, el, idx, path)
	}
}

// want describes what an element accepts.
func want(e *Element) string {
	switch e.Kind {
	case Boolean:
		return "want true or false"
	case Int:
		return "want a whole number"
	case Enum:
		return "want one of " + strings.Join(Enums[e.Enum], ", ")
	}
	return "want a value"
}

// checkValue checks a non-empty simple value against its element's type.
func checkValue(e *Element, text string) string {
	switch e.Kind {
	case Boolean:
		if text != "true" && text != "false" {
			if strings.EqualFold(text, "true") || strings.EqualFold(text, "false") {
				return fmt.Sprintf("<%s> is %q: booleans are lower case: did you mean %s?", e.Name, text, strings.ToLower(text))
			}
			return fmt.Sprintf("<%s> is %q: want true or false", e.Name, text)
		}
	case Int:
		if _, err := strconv.ParseInt(text, 10, 32); err != nil {
			return fmt.Sprintf("<%s> is %q: want a whole number", e.Name, text)
		}
	case Enum:
		return checkEnum(e.Name, text, Enums[e.Enum])
	}
	return ""
}

// checkEnum says what is wrong with an enum value, with a suggestion:
// values are case-sensitive (Oauth, not OAuth).
func checkEnum(name, text string, values []string) string {
	exact, other, near := match(text, values)
	switch {
	case exact:
		return ""
	case other != "":
		return fmt.Sprintf("<%s> is %q, but values are case-sensitive: did you mean %s?", name, text, other)
	}
	msg := fmt.Sprintf("<%s> is %q, which is not a valid value", name, text)
	if near != "" {
		return msg + ": did you mean " + near + "?"
	}
	if len(values) <= 8 {
		return msg + " (want one of " + strings.Join(values, ", ") + ")"
	}
	return msg
}

// match relates a value to the allowed ones: exact, or the allowed value it
// differs from only in case, or the nearest likely typo ("" for none).
func match(text string, values []string) (exact bool, otherCase, near string) {
	for _, v := range values {
		if v == text {
			return true, "", ""
		}
	}
	for _, v := range values {
		if strings.EqualFold(v, text) {
			return false, v, ""
		}
	}
	return false, "", closest(text, values)
}

// extraChecks are the rules a type's table cannot say: values whose form
// depends on a sibling, and lists packed into one string.
var extraChecks = map[*ComplexType]func(v *validator, el *etree.Element, idx int32, path string){
	ecaOauthSettingsType: func(v *validator, el *etree.Element, idx int32, path string) {
		v.eachChild(el, idx, "commaSeparatedOauthScopes", func(c *etree.Element, ci int32) {
			for _, sc := range strings.Split(c.Text(), ",") {
				if sc = strings.TrimSpace(sc); sc == "" {
					continue
				}
				if msg := checkScope(sc); msg != "" {
					v.add(InvalidValue, Node{Pos: v.doc.valuePos(ci), parent: path, tag: c.Tag}, "%s", msg)
				}
			}
		})
	},
	externalCredentialParameterType: func(v *validator, el *etree.Element, idx int32, path string) {
		typ := ""
		if t := el.SelectElement("parameterType"); t != nil {
			typ = strings.TrimSpace(t.Text())
		}
		v.eachChild(el, idx, "parameterValue", func(c *etree.Element, ci int32) {
			val := strings.TrimSpace(c.Text())
			n := Node{Pos: v.doc.valuePos(ci), parent: path, tag: c.Tag}
			switch typ {
			case "AdditionalRefreshStatusCode":
				if !isStatusCode(val) {
					v.add(InvalidValue, n, "AdditionalRefreshStatusCode %q is not an HTTP status code: want three digits such as 403, one code per parameter", val)
				}
			case "AuthProtocolVariant":
				if _, other, _ := match(val, knownVariants); other != "" {
					v.add(InvalidValue, n, "AuthProtocolVariant is %q, but values are case-sensitive: did you mean %s?", val, other)
				}
			}
		})
	},
	connectedAppOauthPolicyType(): func(v *validator, el *etree.Element, idx int32, path string) {
		v.eachChild(el, idx, "refreshTokenPolicy", func(c *etree.Element, ci int32) {
			if val := strings.TrimSpace(c.Text()); val != "" && !isRefreshTokenPolicy(val) {
				v.add(InvalidValue, Node{Pos: v.doc.valuePos(ci), parent: path, tag: c.Tag},
					"<refreshTokenPolicy> is %q: want zero, infinite, specific_lifetime:N:UNIT or specific_inactivity:N:UNIT (UNIT: HOURS, DAYS or MONTHS)", val)
			}
		})
	},
}

// checkScope checks one scope of commaSeparatedOauthScopes.
func checkScope(sc string) string {
	exact, other, near := match(sc, Enums["ConnectedAppOauthAccessScope"])
	switch {
	case exact:
		return ""
	case other != "":
		return fmt.Sprintf("scope %q is not a scope name, and names are case-sensitive: did you mean %s?", sc, other)
	case near != "":
		return fmt.Sprintf("scope %q is not a scope name: did you mean %s?", sc, near)
	}
	return fmt.Sprintf("scope %q is not a scope name (names such as Api, RefreshToken, Web; not wire scopes such as api)", sc)
}

// homeOf suggests where an unknown element belongs: another metadata type
// with an element of that name, or for ECA parts (whose settings are spread
// over five files) the closest name in a sibling part.
func homeOf(name string, t *ComplexType) string {
	var homes []string
	for _, k := range AllKinds() {
		other := Schema(k)
		if other == nil || other == t || name == "fullName" {
			continue
		}
		if other.Lookup(name) != nil {
			homes = append(homes, other.Name+" (."+k.Suffix()+")")
		}
	}
	if len(homes) > 0 && len(homes) <= 2 {
		return "it belongs in " + strings.Join(homes, " or ")
	}
	// not an exact name elsewhere either: the closest name of a sibling ECA part
	if !strings.HasPrefix(t.Name, "ExtlClntApp") && t.Name != "ExternalClientApplication" {
		return ""
	}
	for _, k := range []Kind{KindECA, KindECAOauthSettings, KindECAGlobalOauth, KindECAOauthPolicies, KindECAPolicies} {
		if other := Schema(k); other != t {
			if c := closest(name, other.Names()); c != "" {
				return fmt.Sprintf("did you mean <%s> of %s (.%s)?", c, other.Name, k.Suffix())
			}
		}
	}
	return ""
}

// knownVariants are the AuthProtocolVariant values of the Connect API.
var knownVariants = []string{"ClientCredentialsClientSecret", "ClientCredentialsClientSecretBasic",
	"ClientCredentialsJwtAssertion", "JwtBearer", "NoAuthentication", "AwsSv4_STS", "RolesAnywhere"}

func connectedAppOauthPolicyType() *ComplexType {
	return connectedAppType.Lookup("oauthPolicy").Type
}

func (v *validator) eachChild(el *etree.Element, idx int32, tag string, fn func(*etree.Element, int32)) {
	for c, ci := range v.doc.children(el, idx) {
		if c.Tag == tag {
			fn(c, ci)
		}
	}
}

func isStatusCode(s string) bool {
	return len(s) == 3 && s[0] >= '1' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9'
}

func isRefreshTokenPolicy(s string) bool {
	if s == "zero" || s == "infinite" {
		return true
	}
	parts := strings.Split(s, ":")
	if len(parts) != 3 || (parts[0] != "specific_lifetime" && parts[0] != "specific_inactivity") {
		return false
	}
	if n, err := strconv.Atoi(parts[1]); err != nil || n < 1 {
		return false
	}
	return parts[2] == "HOURS" || parts[2] == "DAYS" || parts[2] == "MONTHS"
}

// closest returns the candidate nearest to s in edit distance (ignoring
// case), if it is near enough to be a likely typo.
func closest(s string, candidates []string) string {
	best, bestD := "", 1<<30
	ls := strings.ToLower(s)
	for _, c := range candidates {
		d := editDistance(ls, strings.ToLower(c))
		if d < bestD {
			best, bestD = c, d
		}
	}
	limit := len(s) / 3
	if limit < 2 {
		limit = 2
	}
	if bestD > limit {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
