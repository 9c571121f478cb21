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
// error and panics at start-up.
func register(r *Rule) *Rule {
	switch {
	case !codeRE.MatchString(r.Code):
		panic(fmt.Sprintf("rule code %q is not SFnnn", r.Code))
	case !nameRE.MatchString(r.Name):
		panic(fmt.Sprintf("rule %s: name %q is not kebab-case", r.Code, r.Name))
	case r.Severity < Note || r.Severity > Error:
		panic(fmt.Sprintf("rule %s: no default severity", r.Code))
	case r.Summary == "" || r.Doc == "" || r.Fix == "" || r.Bad == "" || r.Good == "":
		panic(fmt.Sprintf("rule %s: summary, doc, fix and both examples are required", r.Code))
	case registry[r.Code] != nil || registry[r.Name] != nil:
		panic(fmt.Sprintf("rule %s %s registered twice", r.Code, r.Name))
	case r.Run != nil && r.PerFile != nil:
		panic(fmt.Sprintf("rule %s has both Run and PerFile", r.Code))
	}
	registry[r.Code] = r
	registry[r.Name] = r
	if r.PerFile != nil {
		perFileRules = append(perFileRules, r)
		sort.Slice(perFileRules, func(i, j int) bool { return perFileRules[i].Code < perFileRules[j].Code })
	}
	return r
}

// perFileRules are the rules with a PerFile function, by code.
var perFileRules []*Rule

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
