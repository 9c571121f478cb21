package rules

import (
	"fmt"
	"strings"

	"github.com/sfcheck/sfcheck/metadata"
)

// The schema rules (SF003-SF006, SF008) report what metadata.Validate
// finds; this file words it. Validate says which element, which type and
// what is wrong; the message adds the fix or the nearest right name.

// reportProblems is the PerFile function of the schema rules: each reports
// the problems of one kind.
func reportProblems(kind metadata.ProblemKind) func(p *FilePass) {
	return func(p *FilePass) {
		for _, pr := range p.Problems() {
			if pr.Kind == kind {
				p.Report(pr.Node, "%s", problemMessage(pr))
			}
		}
	}
}

// problemMessage words a schema problem.
func problemMessage(pr metadata.Problem) string {
	switch pr.Fault {
	case metadata.NotInType:
		return unknownElementMessage(pr)
	case metadata.ValueHasChildren:
		return fmt.Sprintf("<%s> holds a value, not elements: <%s> does not belong inside it", pr.Element, pr.Child)
	case metadata.Removed:
		return fmt.Sprintf("<%s> was removed from %s in API version %s", pr.Element, pr.Type, pr.Version)
	case metadata.Repeated:
		return fmt.Sprintf("<%s> appears more than once in %s; it holds a single value", pr.Element, pr.Type)
	case metadata.Absent:
		return fmt.Sprintf("%s has no <%s>: it is required", pr.Type, pr.Element)
	case metadata.EmptyRequired:
		return fmt.Sprintf("<%s> of %s is empty: it is required", pr.Element, pr.Type)
	case metadata.EmptyValue:
		return fmt.Sprintf("<%s> is empty: %s", pr.Element, wantText(pr))
	}
	return badValueMessage(pr)
}

func unknownElementMessage(pr metadata.Problem) string {
	msg := fmt.Sprintf("<%s> is not an element of %s", pr.Element, pr.Type)
	switch {
	case pr.Near != "":
		return msg + fmt.Sprintf(": did you mean <%s>?", pr.Near)
	case len(pr.Elsewhere) == 1 && pr.Elsewhere[0].Element != pr.Element:
		h := pr.Elsewhere[0] // a near name in a sibling ECA part
		return msg + fmt.Sprintf(": did you mean <%s> of %s (.%s)?", h.Element, h.Type, h.Suffix)
	case len(pr.Elsewhere) > 0:
		var homes []string
		for _, h := range pr.Elsewhere {
			homes = append(homes, h.Type+" (."+h.Suffix+")")
		}
		return msg + ": it belongs in " + strings.Join(homes, " or ")
	}
	return msg
}

// wantText says what an element takes.
func wantText(pr metadata.Problem) string {
	switch pr.Want {
	case metadata.WantBoolean:
		return "want true or false"
	case metadata.WantInteger:
		return "want a whole number"
	case metadata.WantEnum:
		return "want one of " + strings.Join(pr.Allowed, ", ")
	}
	return "want a value"
}

func badValueMessage(pr metadata.Problem) string {
	switch pr.Want {
	case metadata.WantBoolean:
		if pr.OtherCase != "" {
			return fmt.Sprintf("<%s> is %q: booleans are lower case: did you mean %s?", pr.Element, pr.Value, pr.OtherCase)
		}
		return fmt.Sprintf("<%s> is %q: want true or false", pr.Element, pr.Value)
	case metadata.WantInteger:
		return fmt.Sprintf("<%s> is %q: want a whole number", pr.Element, pr.Value)
	case metadata.WantScope:
		switch {
		case pr.OtherCase != "":
			return fmt.Sprintf("scope %q is not a scope name, and names are case-sensitive: did you mean %s?", pr.Value, pr.OtherCase)
		case pr.Near != "":
			return fmt.Sprintf("scope %q is not a scope name: did you mean %s?", pr.Value, pr.Near)
		}
		return fmt.Sprintf("scope %q is not a scope name (names such as Api, RefreshToken, Web; not wire scopes such as api)", pr.Value)
	case metadata.WantStatusCode:
		return fmt.Sprintf("AdditionalRefreshStatusCode %q is not an HTTP status code: want three digits such as 403, one code per parameter", pr.Value)
	case metadata.WantVariant:
		return fmt.Sprintf("AuthProtocolVariant is %q, but values are case-sensitive: did you mean %s?", pr.Value, pr.OtherCase)
	case metadata.WantRefreshTokenPolicy:
		return fmt.Sprintf("<%s> is %q: want zero, infinite, specific_lifetime:N:UNIT or specific_inactivity:N:UNIT (UNIT: HOURS, DAYS or MONTHS)", pr.Element, pr.Value)
	}
	// an enum
	if pr.OtherCase != "" {
		return fmt.Sprintf("<%s> is %q, but values are case-sensitive: did you mean %s?", pr.Element, pr.Value, pr.OtherCase)
	}
	msg := fmt.Sprintf("<%s> is %q, which is not a valid value", pr.Element, pr.Value)
	switch {
	case pr.Near != "":
		return msg + ": did you mean " + pr.Near + "?"
	case len(pr.Allowed) <= 8:
		return msg + " (want one of " + strings.Join(pr.Allowed, ", ") + ")"
	}
	return msg
}
