package metadata

import (
	"slices"
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
	numProblemKinds
)

// Fault says exactly what the schema found. Validate reports facts; the
// rules word them.
type Fault int

// Faults, by the kind of problem they belong to.
const (
	NotInType        Fault = iota // UnknownElement: Element is not part of Type
	ValueHasChildren              // UnknownElement: Element holds a value but has the child Child
	Removed                       // RemovedElement: Element left Type in API Version
	AddedLater                    // UnknownElement: Element arrived in Type in API Version, after the project's
	Repeated                      // DuplicateElement: a single-valued Element appears twice
	Absent                        // MissingElement: required Element is not in Type
	EmptyRequired                 // MissingElement: required Element is empty
	EmptyValue                    // InvalidValue: Element is empty but takes a Want
	BadValue                      // InvalidValue: Value is not a valid Want
	ValueAddedLater               // InvalidValue: Value arrived in API Version, after the project's
	ValueRemoved                  // InvalidValue: Value left in API Version, at or before the project's
)

// Want is what kind of value an element takes.
type Want int

// Wants.
const (
	WantText               Want = iota
	WantBoolean                 // true or false
	WantInteger                 // a whole number
	WantEnum                    // one of Allowed
	WantScope                   // an OAuth scope name, one of Allowed
	WantStatusCode              // an HTTP status code (AdditionalRefreshStatusCode)
	WantRefreshTokenPolicy      // a Connected App refresh token policy
	WantVariant                 // an AuthProtocolVariant, one of Allowed
)

// Place is an element of another type: where an unknown element may belong.
type Place struct {
	Element string // the element's name
	Type    string // the metadata type that has it
	Suffix  string // that type's file suffix
}

// Problem is one schema problem at one node: facts, not wording.
type Problem struct {
	Kind  ProblemKind
	Fault Fault
	Node
	Element string   // the element concerned
	Type    string   // the type that holds it
	Child   string   // ValueHasChildren: the child element
	Version string   // Removed, AddedLater: the API version that removed or added it
	Project string   // AddedLater, Removed: the project's API version
	Value   string   // BadValue: the value as written
	Want    Want     // EmptyValue, BadValue: what the element takes
	Allowed []string // WantEnum, WantScope, WantVariant: the allowed values
	// OtherCase is an allowed name or value that differs only in case;
	// Near, the nearest likely typo in the same type. Elsewhere lists
	// other types that have an element of this name, or the sibling ECA
	// part that has a name near it.
	OtherCase string
	Near      string
	Elsewhere []Place
}

// Validate checks a document of the given kind against its schema. It
// reports an unknown or removed element once and does not look inside it.
// It returns at most MaxProblems problems of each kind, and how many more
// it found.
//
// version is the project's API version ("63.0"; "" for the newest sfcheck
// knows): an element added after it is reported as added later, one removed
// at or before it as removed, one removed after it is valid.
//
// A document from a Parser is validated with that parser's buffers: like
// the parse, Validate is not safe for concurrent use on documents of one
// Parser.
func Validate(doc *Document, kind Kind, version string) (problems []Problem, more int) {
	t := Schema(kind)
	if t == nil || doc.Root == nil {
		return nil, 0
	}
	if kind == KindPermissionSetPrincipalAccess && doc.Root.Tag == principalAccessRoot {
		// a grant file of the first decomposition: the root is the grant
		t = t.Lookup("externalCredentialPrincipalAccesses").Type
	}
	var v *validator
	if doc.parser != nil {
		v = &doc.parser.validator // reused from file to file, its frames too
	} else {
		v = new(validator)
	}
	*v = validator{doc: doc, version: version, frames: append(v.frames[:0], frame{el: doc.Root, joined: true})}
	defer func() {
		clear(v.frames[:cap(v.frames)]) // keeps no tree and no path alive
		v.doc, v.out = nil, nil
	}()
	v.complex(doc.Root, 0, 0, t)
	return v.out, v.more
}

// frame is an element on the path from the root to the one the
// validator is in. Its path is joined only when a problem is reported at
// it or below it: most elements never are, and joining every path (with a
// repeated element's key) was a tenth of what a run allocated.
type frame struct {
	el     *etree.Element
	n      int // 1-based place among repeated siblings, 0 for a single element
	path   string
	joined bool
}

// name is the name in its path of the element at depth d (the root is
// depth 0, named ""): with [key] when it is repeated.
func (v *validator) name(d int) string {
	f := &v.frames[d]
	switch {
	case d == 0:
		return ""
	case f.n > 0:
		return f.el.Tag + "[" + listKey(f.el, f.n) + "]"
	}
	return f.el.Tag
}

// path is the path of the element at depth d ("" for the root).
func (v *validator) path(d int) string {
	f := &v.frames[d]
	if !f.joined {
		f.path, f.joined = joinPath(v.path(d-1), v.name(d)), true
	}
	return f.path
}

// node locates the element at depth d at pos (its start or its value).
func (v *validator) node(d int, pos Pos) Node {
	if d == 0 {
		return Node{Pos: pos}
	}
	return Node{Pos: pos, parent: v.path(d - 1), tag: v.name(d)}
}

// enter makes child, the n-th of its name when repeated, the element at
// depth d.
func (v *validator) enter(d int, child *etree.Element, n int) {
	v.frames = append(v.frames[:d], frame{el: child, n: n})
}

// nodeOf locates child, the n-th of its name when repeated, at depth d and
// at pos: it is made the element at that depth only now, when a problem is
// reported there.
func (v *validator) nodeOf(d int, child *etree.Element, n int, pos Pos) Node {
	v.enter(d, child, n)
	return v.node(d, pos)
}

type validator struct {
	doc     *Document
	version string // the project's API version
	out     []Problem
	kept    [numProblemKinds]int // problems kept, by kind
	more    int                  // problems found past MaxProblems of their kind: counted, not kept
	frames  []frame              // the elements from the root to the one being checked
}

// full reports whether no more problems of a kind are kept (only counted).
func (v *validator) full(k ProblemKind) bool { return v.kept[k] >= MaxProblems }

func (v *validator) add(p Problem) {
	if !v.full(p.Kind) {
		v.out = append(v.out, p)
		v.kept[p.Kind]++
		return
	}
	v.more++
}

// MaxProblems is how many schema problems of a kind Validate reports in
// one file: a hostile file of a million unknown elements must not cost a
// million findings. Each kind has its own: each is one rule's, and a
// thousand unknown elements (suppressed, say) must not hide a bad value.
const MaxProblems = 1000

func (v *validator) complex(el *etree.Element, idx int32, d int, t *ComplexType) {
	// One bit per element of the type (no type has more than 64): which
	// were seen, and which had a value. Maps here were most of the cost.
	var seen, nonEmpty uint64
	var counts [64]int32 // repeated elements met so far, by place in the type
	for child, ci := range v.doc.children(el, idx) {
		e := t.Lookup(child.Tag)
		n := 0
		if e != nil && e.Repeated {
			counts[e.place]++
			n = int(counts[e.place])
		}
		// the child is made the element at depth d+1 only where a problem
		// is reported or its children are checked: most are leaves with
		// nothing to say
		start := v.doc.startPos(ci)
		switch {
		case e == nil && t.Open:
			continue
		case e == nil && v.otherVersion(t, child, n, d+1, start):
			continue
		case e == nil:
			if v.full(UnknownElement) {
				v.more++ // counted only: no suggestion is worked out for it
				continue
			}
			p := Problem{Kind: UnknownElement, Fault: NotInType, Node: v.nodeOf(d+1, child, n, start), Element: child.Tag, Type: t.Name}
			if p.Near = closest(child.Tag, t.Names()); p.Near == "" {
				p.Elsewhere = homeOf(child.Tag, t)
			}
			v.add(p)
			continue
		case e.Removed != "" && !VersionBefore(v.version, e.Removed):
			v.add(Problem{Kind: RemovedElement, Fault: Removed, Node: v.nodeOf(d+1, child, n, start), Element: child.Tag, Type: t.Name, Version: e.Removed, Project: v.version})
			seen, nonEmpty = seen|1<<e.place, nonEmpty|1<<e.place // present: not also "missing"
			continue
		case e.DocOnly != "" && VersionBefore(v.version, e.DocOnly):
			v.add(Problem{Kind: UnknownElement, Fault: AddedLater, Node: v.nodeOf(d+1, child, n, start), Element: child.Tag, Type: t.Name, Version: e.DocOnly, Project: v.version})
			seen, nonEmpty = seen|1<<e.place, nonEmpty|1<<e.place
			continue
		}
		bit := uint64(1) << e.place
		if seen&bit != 0 && !e.Repeated {
			v.add(Problem{Kind: DuplicateElement, Fault: Repeated, Node: v.nodeOf(d+1, child, n, start), Element: child.Tag, Type: t.Name})
		}
		seen |= bit
		switch e.Kind {
		case Complex:
			nonEmpty |= bit
			v.enter(d+1, child, n)
			v.complex(child, ci, d+1, e.Type)
		case Opaque:
			nonEmpty |= bit
		default:
			text := strings.TrimSpace(child.Text())
			if text != "" {
				nonEmpty |= bit
			}
			if sub := child.ChildElements(); len(sub) > 0 {
				v.enter(d+1, child, n)
				v.add(Problem{Kind: UnknownElement, Fault: ValueHasChildren,
					Node:    Node{Pos: v.doc.startPos(ci + 1), parent: v.path(d), tag: v.name(d+1) + "/" + sub[0].Tag},
					Element: child.Tag, Type: t.Name, Child: sub[0].Tag})
				continue
			}
			if text == "" {
				if !e.Required && e.Kind != String {
					v.add(Problem{Kind: InvalidValue, Fault: EmptyValue, Node: v.nodeOf(d+1, child, n, start), Element: child.Tag, Type: t.Name,
						Want: want(e), Allowed: Enums[e.Enum]})
				}
				continue
			}
			if plainValue(e, text) {
				continue // the usual case: no problem built to be dropped
			}
			if p, bad := checkValue(e, text); bad && !(e.Kind == Enum && ValueVersions(e.Enum, text).Removed != "") {
				p.Node, p.Type = v.nodeOf(d+1, child, n, v.doc.valuePos(ci)), t.Name
				v.add(p)
			} else if e.Kind == Enum {
				if p, bad := v.valueVersion(e, text, t.Name); bad { // a value of another version
					p.Node = v.nodeOf(d+1, child, n, v.doc.valuePos(ci))
					v.add(p)
				}
			}
		}
	}
	for i := range t.Elements {
		e := &t.Elements[i]
		if !e.Required || nonEmpty&(1<<i) != 0 {
			continue
		}
		fault := Absent
		if seen&(1<<i) != 0 {
			fault = EmptyRequired
		}
		v.add(Problem{Kind: MissingElement, Fault: fault, Node: v.node(d, v.doc.startPos(idx)), Element: e.Name, Type: t.Name})
	}
	if check := extraChecks[t]; check != nil {
		check(v, el, idx, d)
	}
}

// otherVersion handles an element the schema does not model but another
// API version's WSDL gives the type: removed by the project's version, it
// is an SF008; added after it, an SF003 with the version; valid at it, it
// passes unchecked. It reports whether it handled the element.
func (v *validator) otherVersion(t *ComplexType, child *etree.Element, n, d int, start Pos) bool {
	tag := child.Tag
	vv, ok := elementVersions[t.Name][tag]
	if !ok {
		return false
	}
	switch {
	case vv.Removed != "" && !VersionBefore(v.version, vv.Removed):
		v.add(Problem{Kind: RemovedElement, Fault: Removed, Node: v.nodeOf(d, child, n, start), Element: tag, Type: t.Name, Version: vv.Removed, Project: v.version})
	case vv.Added != "" && VersionBefore(v.version, vv.Added):
		v.add(Problem{Kind: UnknownElement, Fault: AddedLater, Node: v.nodeOf(d, child, n, start), Element: tag, Type: t.Name, Version: vv.Added, Project: v.version})
	}
	return true
}

// valueVersion returns the problem of a valid value the project's API
// version does not have yet, or no longer has, without its Node (the
// caller places it); bad is false when the version has the value.
func (v *validator) valueVersion(e *Element, text string, typ string) (p Problem, bad bool) {
	vv := ValueVersions(e.Enum, text)
	p = Problem{Kind: InvalidValue, Element: e.Name, Type: typ, Value: text, Want: WantEnum, Project: v.version}
	switch {
	case vv.Added != "" && VersionBefore(v.version, vv.Added):
		p.Fault, p.Version = ValueAddedLater, vv.Added
	case vv.Removed != "" && !VersionBefore(v.version, vv.Removed):
		p.Fault, p.Version = ValueRemoved, vv.Removed
		if v.version == "" {
			p.Project = "" // no version given: the newest, which lacks it
		}
	default:
		return Problem{}, false
	}
	return p, true
}

// want says what an element takes.
func want(e *Element) Want {
	switch e.Kind {
	case Boolean:
		return WantBoolean
	case Int:
		return WantInteger
	case Enum:
		return WantEnum
	}
	return WantText
}

// plainValue reports a non-empty simple value that checkValue passes and
// that no API version lacks: a string, a boolean as the schema spells it,
// an enumeration's value without a version. Most values are; for them no
// Problem is made and dropped.
func plainValue(e *Element, text string) bool {
	switch e.Kind {
	case String:
		return true
	case Boolean:
		return text == "true" || text == "false"
	case Enum:
		return slices.Contains(Enums[e.Enum], text) && ValueVersions(e.Enum, text) == (Versions{})
	}
	return false
}

// checkValue checks a non-empty simple value against its element's type.
func checkValue(e *Element, text string) (p Problem, bad bool) {
	p = Problem{Kind: InvalidValue, Fault: BadValue, Element: e.Name, Value: text, Want: want(e)}
	switch e.Kind {
	case Boolean:
		if text == "true" || text == "false" {
			return p, false
		}
		if strings.EqualFold(text, "true") || strings.EqualFold(text, "false") {
			p.OtherCase = strings.ToLower(text)
		}
		return p, true
	case Int:
		_, err := strconv.ParseInt(text, 10, 32)
		return p, err != nil
	case Enum:
		return matchValue(p, Enums[e.Enum])
	}
	return p, false
}

// matchValue fills in a value problem's allowed values and suggestions;
// bad is false when the value is allowed as it is.
func matchValue(p Problem, values []string) (_ Problem, bad bool) {
	exact, other, near := match(p.Value, values)
	p.Allowed, p.OtherCase, p.Near = values, other, near
	return p, !exact
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
var extraChecks = map[*ComplexType]func(v *validator, el *etree.Element, idx int32, d int){
	typeExtlClntAppOauthSettings: func(v *validator, el *etree.Element, idx int32, d int) {
		v.eachChild(el, idx, "commaSeparatedOauthScopes", func(c *etree.Element, ci int32) {
			for _, sc := range strings.Split(c.Text(), ",") {
				if sc = strings.TrimSpace(sc); sc == "" {
					continue
				}
				p := Problem{Kind: InvalidValue, Fault: BadValue, Element: c.Tag, Value: sc, Want: WantScope}
				if p, bad := matchValue(p, Enums["ConnectedAppOauthAccessScope"]); bad {
					p.Node, p.Type = Node{Pos: v.doc.valuePos(ci), parent: v.path(d), tag: c.Tag}, typeExtlClntAppOauthSettings.Name
					v.add(p)
				}
			}
		})
	},
	typeExternalCredentialParameter: func(v *validator, el *etree.Element, idx int32, d int) {
		typ := ""
		if t := el.SelectElement("parameterType"); t != nil {
			typ = strings.TrimSpace(t.Text())
		}
		if typ != "AdditionalRefreshStatusCode" && typ != "AuthProtocolVariant" {
			return // the only parameters whose value has a form to check
		}
		v.eachChild(el, idx, "parameterValue", func(c *etree.Element, ci int32) {
			val := strings.TrimSpace(c.Text())
			problem := func() Problem {
				return Problem{Kind: InvalidValue, Fault: BadValue, Node: Node{Pos: v.doc.valuePos(ci), parent: v.path(d), tag: c.Tag},
					Element: c.Tag, Type: typeExternalCredentialParameter.Name, Value: val}
			}
			switch typ {
			case "AdditionalRefreshStatusCode":
				if !isStatusCode(val) {
					p := problem()
					p.Want = WantStatusCode
					v.add(p)
				}
			case "AuthProtocolVariant":
				// only a wrong case is certain: the Connect API adds variants
				if _, other, _ := match(val, AuthProtocolVariants()); other != "" {
					p := problem()
					p.Want, p.Allowed, p.OtherCase = WantVariant, AuthProtocolVariants(), other
					v.add(p)
				}
			}
		})
	},
	connectedAppOauthPolicyType(): func(v *validator, el *etree.Element, idx int32, d int) {
		v.eachChild(el, idx, "refreshTokenPolicy", func(c *etree.Element, ci int32) {
			if val := strings.TrimSpace(c.Text()); val != "" && !isRefreshTokenPolicy(val) {
				v.add(Problem{Kind: InvalidValue, Fault: BadValue, Node: Node{Pos: v.doc.valuePos(ci), parent: v.path(d), tag: c.Tag},
					Element: c.Tag, Type: connectedAppOauthPolicyType().Name, Value: val, Want: WantRefreshTokenPolicy})
			}
		})
	},
}

// homeOf finds where an unknown element belongs: the other metadata types
// with an element of that name (when one or two have it), or for ECA parts,
// whose settings are spread over five files, the closest name in a sibling
// part.
func homeOf(name string, t *ComplexType) []Place {
	var homes []Place
	for _, k := range AllKinds() {
		other := Schema(k)
		if other == nil || other == t || name == "fullName" {
			continue
		}
		if e := other.Lookup(name); e != nil && e.Removed == "" {
			homes = append(homes, Place{Element: name, Type: other.Name, Suffix: k.Suffix()})
		}
	}
	if len(homes) > 0 && len(homes) <= 2 {
		return homes
	}
	if !strings.HasPrefix(t.Name, "ExtlClntApp") && t.Name != "ExternalClientApplication" {
		return nil
	}
	for _, k := range []Kind{KindECA, KindECAOauthSettings, KindECAGlobalOauth, KindECAOauthPolicies, KindECAPolicies} {
		if other := Schema(k); other != t {
			if c := closest(name, other.Names()); c != "" {
				return []Place{{Element: c, Type: other.Name, Suffix: k.Suffix()}}
			}
		}
	}
	return nil
}

func connectedAppOauthPolicyType() *ComplexType {
	return typeConnectedApp.Lookup("oauthPolicy").Type
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

// SchemaVersion is the newest Metadata API version sfcheck knows.
const SchemaVersion = "66.0"

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// VersionBefore reports whether API version a is older than b ("58.0" <
// "64.0"); an empty a means the newest, before nothing.
func VersionBefore(a, b string) bool {
	if a == "" {
		return false
	}
	return versionNumber(a) < versionNumber(b)
}

func versionNumber(v string) float64 {
	// the form every version takes ("63.0"), read without strconv: the
	// validator compares versions for every element that has one
	if len(v) == 4 && isDigit(v[0]) && isDigit(v[1]) && v[2] == '.' && isDigit(v[3]) {
		return float64(int(v[0]-'0')*10+int(v[1]-'0')) + float64(v[3]-'0')/10
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil {
		return 0
	}
	return f
}
