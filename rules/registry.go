package rules

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// The registry is filled at init time by each rule file and never changes
// afterwards.
var registry = map[string]*Rule{}

var (
	codeRE = regexp.MustCompile(`^SF[0-9]{3}$`)
	nameRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

// register validates a rule and adds it; a malformed rule is a programmer
// error and panics at start-up, before any file is read.
func register(r *Rule) *Rule {
	if err := validate(r); err != nil {
		panic(err)
	}
	registry[r.Code] = r
	registry[r.Name] = r
	return r
}

// validate says what is wrong with a rule before it is registered.
func validate(r *Rule) error {
	ways := 0
	for _, has := range []bool{r.Run != nil, r.PerFile != nil, r.Builtin} {
		if has {
			ways++
		}
	}
	switch {
	case !codeRE.MatchString(r.Code):
		return fmt.Errorf("rule code %q is not SFnnn", r.Code)
	case !nameRE.MatchString(r.Name):
		return fmt.Errorf("rule %s: name %q is not kebab-case", r.Code, r.Name)
	case r.Severity < Note || r.Severity > Error:
		return fmt.Errorf("rule %s: no default severity", r.Code)
	case r.Summary == "" || r.Doc == "" || r.Fix == "" || r.Bad == "" || r.Good == "":
		return fmt.Errorf("rule %s: summary, doc, fix and both examples are required", r.Code)
	case strings.HasSuffix(r.Summary, ".") || strings.ToLower(r.Summary[:1]) != r.Summary[:1]:
		return fmt.Errorf("rule %s: summary should be lower case without a final period: %q", r.Code, r.Summary)
	case len(r.Kinds) == 0:
		return fmt.Errorf("rule %s: Kinds is empty: list the kinds of file it reports on", r.Code)
	case ways != 1:
		return fmt.Errorf("rule %s: needs exactly one of Run, PerFile and Builtin", r.Code)
	case registry[r.Code] != nil:
		return fmt.Errorf("rule code %s registered twice", r.Code)
	case registry[r.Name] != nil:
		return fmt.Errorf("rule name %s registered twice", r.Name)
	}
	return nil
}

// All returns every rule, by code.
func All() []*Rule {
	var out []*Rule
	for k, r := range registry {
		if k == r.Code {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// Lookup finds a rule by code (SF102, or sf102) or name (cc-run-as-user-missing).
func Lookup(codeOrName string) (*Rule, bool) {
	if r, ok := registry[codeOrName]; ok {
		return r, true
	}
	r, ok := registry[strings.ToUpper(codeOrName)]
	return r, ok && r.Code == strings.ToUpper(codeOrName)
}

// MustLookup is Lookup for rules the driver reports itself; it panics on
// an unknown code.
func MustLookup(code string) *Rule {
	r, ok := Lookup(code)
	if !ok {
		panic("rules: no rule " + code)
	}
	return r
}
