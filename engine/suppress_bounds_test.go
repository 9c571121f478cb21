package engine

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sfcheck/sfcheck/metadata"
	"github.com/sfcheck/sfcheck/rules"
)

// TestDirectiveNamesBounded: a comment naming one rule a million times,
// or a thousand unknown names, makes one entry per rule and ten unknown
// names with a count: it cost gigabytes of SF009 text before.
func TestDirectiveNamesBounded(t *testing.T) {
	src := "<NamedCredential xmlns=\"http://soap.sforce.com/2006/04/metadata\"><!-- sfcheck-ignore-file " +
		strings.Repeat("SF004,", 100000) + strings.Repeat("nope,", 3) + "x1 x2 x3 x4 x5 x6 x7 x8 x9 x10 x11 x12 x11 x12 x10 SF004 reason: r --><label>L</label></NamedCredential>"
	doc, perr := metadata.Parse("N.namedCredential-meta.xml", []byte(src), metadata.DefaultLimits)
	if perr != nil {
		t.Fatal(perr)
	}
	ds, _ := readDirectives(doc)
	if len(ds) != 1 {
		t.Fatalf("%d directives", len(ds))
	}
	d := ds[0]
	if len(d.rules) != 1 || d.rules[0].Code != "SF004" {
		t.Errorf("rules %v, want SF004 once", d.rules)
	}
	if len(d.unknown) != maxUnknownNames || d.unknown[0] != "nope" || d.moreUnknown != 3 {
		t.Errorf("unknown %v and %d more, want nope, x1..x9 and 3 more", d.unknown, d.moreUnknown)
	}
}

// TestDirectivesBounded: a file of more sfcheck-ignore comments than
// maxDirectives keeps that many (each finding is tested against each: 60,000
// comments took 12 s before the bound), and the run says how many more it
// left.
func TestDirectivesBounded(t *testing.T) {
	var flow strings.Builder
	flow.WriteString("<Flow xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n")
	const n = maxDirectives + 500
	for i := range n {
		fmt.Fprintf(&flow, "<!-- sfcheck-ignore SF601 reason: org only -->\n<formulas><expression>\"callout:Gone_%d/v1\"</expression></formulas>\n", i)
	}
	flow.WriteString("</Flow>\n")
	res := runProject(t, map[string]string{
		"force-app/main/default/flows/Many.flow-meta.xml": flow.String(),
	})
	want := filepath.FromSlash("force-app/main/default/flows/Many.flow-meta.xml") + fmt.Sprintf(": %d more sfcheck-ignore comments not applied (at most %d a file)", n-maxDirectives, maxDirectives)
	if !slices.Contains(res.Problems, want) {
		t.Errorf("no %q in:\n%s", want, strings.Join(res.Problems, "\n"))
	}
	suppressed, reported := countFindings(res, "SF601", true, ""), countFindings(res, "SF601", false, "")
	if suppressed != maxDirectives || reported != n-maxDirectives {
		t.Errorf("%d SF601 suppressed, %d reported; want %d and %d", suppressed, reported, maxDirectives, n-maxDirectives)
	}
}

// TestSuppressedPerFileFindingsCappedApart: a file's own checks keep as
// many suppressed findings as others, so a thousand suppressed schema
// problems do not push out the one that is not suppressed.
func TestSuppressedPerFileFindingsCappedApart(t *testing.T) {
	var nc strings.Builder
	nc.WriteString("<NamedCredential xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n" +
		"<!-- sfcheck-ignore-file SF003 reason: elements of a newer API version -->\n")
	for i := range rules.MaxFileFindings + 1 {
		fmt.Fprintf(&nc, "<futureElement%d>x</futureElement%d>\n", i, i)
	}
	nc.WriteString("<endpoint>https://legacy.example.com</endpoint>\n<label>Legacy</label>\n<principalType>Anonymous</principalType>\n<protocol>Bogus</protocol>\n</NamedCredential>\n")
	res := runProject(t, map[string]string{
		"force-app/main/default/namedCredentials/Legacy.namedCredential-meta.xml": nc.String(),
	})
	suppressed, bogus := countFindings(res, "SF003", true, ""), countFindings(res, "SF004", false, "Bogus")
	if suppressed != rules.MaxFileFindings || bogus != 1 {
		t.Errorf("%d suppressed SF003, %d SF004 on Bogus; want %d and 1\n%s", suppressed, bogus, rules.MaxFileFindings, strings.Join(res.Problems, "\n"))
	}
}
