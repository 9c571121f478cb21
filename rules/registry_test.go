package rules

import (
	"strings"
	"testing"

	"github.com/sfcheck/sfcheck/metadata"
)

// TestValidateRejects: register refuses a malformed rule with a message
// that says what is wrong, and accepts a well-formed one.
func TestValidateRejects(t *testing.T) {
	good := func() *Rule {
		return &Rule{Code: "SF999", Name: "made-up-rule", Severity: Warning, Kinds: []metadata.Kind{metadata.KindNamedCredential},
			Summary: "a made-up rule", Doc: "d", Fix: "f", Bad: "b", Good: "g", Run: func(*Pass) error { return nil }}
	}
	if err := validate(good()); err != nil {
		t.Fatalf("a well-formed rule is refused: %v", err)
	}
	for _, c := range []struct {
		change func(r *Rule)
		want   string
	}{
		{func(r *Rule) { r.Code = "X1" }, "is not SFnnn"},
		{func(r *Rule) { r.Name = "Not Kebab" }, "is not kebab-case"},
		{func(r *Rule) { r.Severity = Off }, "no default severity"},
		{func(r *Rule) { r.Doc = "" }, "both examples are required"},
		{func(r *Rule) { r.Summary = "Ends with a period." }, "lower case without a final period"},
		{func(r *Rule) { r.Kinds = nil }, "Kinds is empty"},
		{func(r *Rule) { r.Run = nil }, "exactly one of Run, PerFile and Builtin"},
		{func(r *Rule) { r.PerFile = func(*FilePass) {} }, "exactly one of Run, PerFile and Builtin"},
		{func(r *Rule) { r.Code = "SF101" }, "registered twice"},
		{func(r *Rule) { r.Name = All()[0].Name }, "registered twice"},
	} {
		r := good()
		c.change(r)
		err := validate(r)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("validate(%+v) = %v, want an error saying %q", r.Code+" "+r.Name, err, c.want)
		}
	}
}
