package engine

import (
	"strings"
	"testing"

	"github.com/sfcheck/sfcheck/metadata"
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
	ds := readDirectives(doc)
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
