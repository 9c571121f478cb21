package report

import (
	"strings"
	"testing"

	"github.com/sfcheck/sfcheck/metadata"
	"github.com/sfcheck/sfcheck/rules"
)

// TestColumnCache: on a long line, the indexed count of code points gives
// what counting from the line's start gives, at any column, in any order.
func TestColumnCache(t *testing.T) {
	line := strings.Repeat("<a>héllo wörld ☃</a>", 3000) // 72,000 bytes, three-byte runes among them
	c := &columnCache{}
	for _, col := range []int{1, 2, 4095, 4096, 4097, 4098, 50000, 12, len(line), len(line) + 1, 30001} {
		if got, want := c.codePoint("f", 1, line, col), codePointColumn(line, col); got != want {
			t.Errorf("column %d: %d, want %d", col, got, want)
		}
	}
	if len(c.blocks) != 1 {
		t.Errorf("%d lines indexed, want 1", len(c.blocks))
	}
	// a value of no '<' or '>' within a block has no end; a short one does
	long := "<v>" + strings.Repeat("x", 3*columnBlock) + "</v>"
	if end := extent(long, 4); end != 4 {
		t.Errorf("a value longer than a block ends at %d, want no end (4)", end)
	}
	if end := extent("<v>abc</v>", 4); end != 7 {
		t.Errorf("a short value ends at %d, want 7", end)
	}
	// in Apex, a literal ends at its closing quote, an escaped one passed over
	for _, c := range []struct {
		line     string
		col, end int
	}{
		{"        req.setEndpoint('callout:Orders_API/v1');", 26, 47},
		{"    String s = 'it\\'s callout:X';", 17, 32},
		{"    x('callout:Unclosed", 8, 24},
		{"    x('" + strings.Repeat("y", 3*columnBlock), 8, 8},
	} {
		if end := apexExtent(c.line, c.col); end != c.end {
			t.Errorf("%q from %d: ends at %d, want %d", c.line, c.col, end, c.end)
		}
	}
}

// TestTextLongLineNotShown: the text format shows a finding's source line
// up to maxShownLine bytes; past it, only the finding (a thousand findings
// on one 8 MB line each walked and escaped the whole line: 37 s).
func TestTextLongLineNotShown(t *testing.T) {
	r, ok := rules.Lookup("SF003")
	if !ok {
		t.Fatal("no SF003")
	}
	for _, c := range []struct {
		line  string
		shown bool
	}{{"<NamedCredential><bogus/></NamedCredential>", true}, {"<NamedCredential><bogus/>" + strings.Repeat("<x/>", maxShownLine/4) + "</NamedCredential>", false}} {
		rep := &Report{Tool: "t", Files: 1, Findings: []rules.Finding{{Rule: r, Severity: rules.Error,
			Node: metadata.Node{Pos: metadata.Pos{File: "f.xml", Line: 1, Col: 18}}, Message: "m"}}}
		var out strings.Builder
		err := Write(&out, "text", rep, Options{Source: func(string, int) (string, bool) { return c.line, true }})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(out.String(), "1 | "); got != c.shown {
			t.Errorf("a line of %d bytes: shown %v, want %v\n%s", len(c.line), got, c.shown, out.String())
		}
	}
}
