package rules

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

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
			if pr.Kind != kind {
				continue
			}
			if openEnded(pr) {
				p.ReportSeverity(Warning, pr.Node, "%s", openEndedMessage(pr))
				continue
			}
			if v := p.Settings.apiVersion(); metadata.VersionBefore(metadata.SchemaVersion, v) && (pr.Fault == metadata.NotInType || pr.Fault == metadata.BadValue) {
				// a release newer than sfcheck may have added it
				p.ReportSeverity(Warning, pr.Node, "%s (this project deploys at API %s; sfcheck knows the Metadata API up to %s, and a newer release may have added it)",
					problemMessage(pr), v, metadata.SchemaVersion)
				continue
			}
			p.Report(pr.Node, "%s", problemMessage(pr))
		}
	}
}

// openEnded reports a value of a list Salesforce adds to every release
// (OAuth scope names, AuthProvider providerType): a value sfcheck does not
// know yet may be new, so it is a warning, not an error. A value that
// differs from a known one only in case is still an error.
func openEnded(pr metadata.Problem) bool {
	if pr.Fault != metadata.BadValue || pr.OtherCase != "" {
		return false
	}
	return pr.Want == metadata.WantScope || (pr.Want == metadata.WantEnum && pr.Element == "providerType")
}

// openEndedMessage words a value of an open-ended list sfcheck does not know.
func openEndedMessage(pr metadata.Problem) string {
	hint := ""
	if pr.Near != "" {
		hint = ": did you mean " + pr.Near + "?"
	}
	if pr.Want == metadata.WantScope {
		return fmt.Sprintf("scope %s is not a scope name sfcheck knows%s (names such as Api, RefreshToken, Web; a scope newer than sfcheck is fine)", shownValue(pr), hint)
	}
	return fmt.Sprintf("<%s> is %s, which sfcheck does not know%s (a value newer than sfcheck is fine)", pr.Element, shownValue(pr), hint)
}

// problemMessage words a schema problem.
func problemMessage(pr metadata.Problem) string {
	switch pr.Fault {
	case metadata.NotInType:
		return unknownElementMessage(pr)
	case metadata.ValueHasChildren:
		return fmt.Sprintf("<%s> holds a value, not elements: <%s> does not belong inside it", pr.Element, pr.Child)
	case metadata.Removed:
		if pr.Project != "" {
			return fmt.Sprintf("<%s> was removed from %s in API version %s; this project deploys at %s", pr.Element, pr.Type, pr.Version, pr.Project)
		}
		return fmt.Sprintf("<%s> was removed from %s in API version %s", pr.Element, pr.Type, pr.Version)
	case metadata.AddedLater:
		return fmt.Sprintf("<%s> was added to %s in API version %s; this project deploys at %s: raise the project's API version or remove it", pr.Element, pr.Type, pr.Version, pr.Project)
	case metadata.ValueAddedLater:
		return fmt.Sprintf("<%s> value %s was added in API version %s; this project deploys at %s: raise the project's API version or use another value", pr.Element, shownValue(pr), pr.Version, pr.Project)
	case metadata.ValueRemoved:
		if pr.Project == "" {
			return fmt.Sprintf("<%s> value %s was removed in API version %s", pr.Element, shownValue(pr), pr.Version)
		}
		return fmt.Sprintf("<%s> value %s was removed in API version %s; this project deploys at %s", pr.Element, shownValue(pr), pr.Version, pr.Project)
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

// shownValue is how a message quotes a value the schema rejected: quoted
// when it is short and its element cannot hold a secret, else by its
// length only (a parameter mistyped as AdditionalRefreshStatusCode may
// carry an API key in its value).
func shownValue(pr metadata.Problem) string {
	sensitive := pr.Element == "parameterValue" && pr.Want == metadata.WantStatusCode &&
		strings.Trim(pr.Value, "0123456789, ;") != "" // codes and separators are shown, anything else is not
	switch pr.Element {
	case "consumerKey", "consumerSecret", "password", "oauthToken", "oauthRefreshToken", "awsAccessKey", "awsAccessSecret":
		sensitive = true
	}
	if sensitive || len(pr.Value) > 64 {
		return fmt.Sprintf("a value of %d characters", utf8.RuneCountInString(pr.Value))
	}
	return strconv.Quote(pr.Value)
}

func badValueMessage(pr metadata.Problem) string {
	v := shownValue(pr)
	switch pr.Want {
	case metadata.WantBoolean:
		if pr.OtherCase != "" {
			return fmt.Sprintf("<%s> is %s: booleans are lower case: did you mean %s?", pr.Element, v, pr.OtherCase)
		}
		return fmt.Sprintf("<%s> is %s: want true or false", pr.Element, v)
	case metadata.WantInteger:
		return fmt.Sprintf("<%s> is %s: want a whole number", pr.Element, v)
	case metadata.WantScope:
		switch {
		case pr.OtherCase != "":
			return fmt.Sprintf("scope %s is not a scope name, and names are case-sensitive: did you mean %s?", v, pr.OtherCase)
		case pr.Near != "":
			return fmt.Sprintf("scope %s is not a scope name: did you mean %s?", v, pr.Near)
		}
		return fmt.Sprintf("scope %s is not a scope name (names such as Api, RefreshToken, Web; not wire scopes such as api)", v)
	case metadata.WantStatusCode:
		return fmt.Sprintf("AdditionalRefreshStatusCode %s is not an HTTP status code: want three digits such as 403, one code per parameter", v)
	case metadata.WantVariant:
		return fmt.Sprintf("AuthProtocolVariant is %s, but values are case-sensitive: did you mean %s?", v, pr.OtherCase)
	case metadata.WantRefreshTokenPolicy:
		return fmt.Sprintf("<%s> is %s: want zero, infinite, specific_lifetime:N:UNIT or specific_inactivity:N:UNIT (UNIT: HOURS, DAYS or MONTHS)", pr.Element, v)
	}
	// an enum
	if pr.OtherCase != "" {
		return fmt.Sprintf("<%s> is %s, but values are case-sensitive: did you mean %s?", pr.Element, v, pr.OtherCase)
	}
	msg := fmt.Sprintf("<%s> is %s, which is not a valid value", pr.Element, v)
	switch {
	case pr.Near != "":
		return msg + ": did you mean " + pr.Near + "?"
	case len(pr.Allowed) <= 8:
		return msg + " (want one of " + strings.Join(pr.Allowed, ", ") + ")"
	}
	return msg
}
