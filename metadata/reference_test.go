package metadata

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

func callouts(rf *ReferenceFile) string {
	var out []string
	for _, c := range rf.Callouts {
		out = append(out, fmt.Sprintf("%s@%d:%d", c.Name, c.Line, c.Col))
	}
	for _, e := range rf.Endpoints {
		out = append(out, fmt.Sprintf("<%s>@%d:%d", e.URL, e.Line, e.Col))
	}
	return strings.Join(out, " ")
}

// TestScanApex: references in string literals only, with exact positions;
// comments, names built at run time and package names are skipped; odd
// input (escapes, unterminated comments and literals, CRLF, a BOM) is
// read without a fault.
func TestScanApex(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"literal", "x('callout:A_1/p');", "A_1@1:4"},
		{"line comment", "// 'callout:Old'\ny('callout:New');", "New@2:4"},
		{"block comment", "/* 'callout:Old'\n*/ y('callout:New')", "New@2:7"},
		{"quote in comment", "// don't\n'callout:A'", "A@2:2"},
		{"escaped quote", `'it\'s' + 'callout:B'`, "B@1:12"},
		{"built at run time", "'callout:' + n; 'callout:Pre_' + n; 'callout:Full' + '/path'", "Full@1:38"},
		{"package", "'callout:ns__Api/v1'", ""},
		{"crlf and bom", "\xEF\xBB\xBFa\r\nb('callout:C')", "C@2:4"},
		{"unterminated comment", "/* 'callout:A'", ""},
		{"unterminated literal", "'callout:A", "A@1:2"},
		{"endpoint", "e('https://x.example/p?k=v');", "<https://x.example/p?k=v>@1:4"},
		{"double quotes are not Apex strings", `"callout:A"`, ""},
		{"name joined with a variable", "'callout:Stripe' + env; 'callout:Stripe' + (sb ? '_S' : '_P')", ""},
		{"name joined with a query", "'callout:Stripe' + '?limit=1'", "Stripe@1:2"},
		{"test class", "@IsTest\nprivate class T { void t() { r.setEndpoint('callout:Mock/v1'); } }", ""},
		{"query", "q = [SELECT Id FROM E__mdt WHERE U__c LIKE 'callout:Old%' AND N != ']'];\nr('callout:New')", "New@2:4"},
		{"comments in a query", "q = [SELECT Id FROM A /* the owner's [x */ // it's\n];\nr('callout:New')", "New@3:4"},
		{"query never closed", "q = [SELECT Id FROM A\nr('callout:New'); x = [ select y", "New@2:4"},
		{"not a query", "xs[selectedIndex] = 'callout:A'; ys[find] = 'callout:B'", "A@1:22 B@1:46"},
		{"comparison", "u.startsWith('callout:Old') || u.equals( 'callout:Older' ); r(u.replace('x', 'callout:New'))", "New@1:79"},
	} {
		got := callouts(ScanReferences(KindApexClass, "f.cls", "F", []byte(c.src)))
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

// TestScanXML: callout:NAME anywhere in the text but comments; the
// registration elements by their value.
func TestScanXML(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"text", "<a>\n  <v>callout:A/x</v>", "A@2:6"},
		{"comment", "<!-- callout:Old -->\n<v>callout:New</v>", "New@2:4"},
		{"formula join", `<e>"callout:" &amp; {!n}</e>`, ""},
		{"registration", "<namedCredentialReference> Orders </namedCredentialReference><namedCredential>Billing</namedCredential>", "Orders@1:28 Billing@1:79"},
		{"registration with a callout", "<namedCredential>callout:A</namedCredential>", "A@1:18"},
		{"unterminated comment", "<!-- callout:A", ""},
		{"prose", "<description>Previously used callout:Old_Orders</description><value>Enter callout:YourName/path</value>", ""},
		{"prose after a comment", "<description><!-- x -->callout:Old</description><label><![CDATA[x]]>callout:Old2</label><v><!-- y -->callout:New</v>", "New@1:102"},
		{"quoted formula", `<expression>&quot;callout:Orders/v1&quot;</expression><e>"callout:Billing"</e>`, "Orders@1:19 Billing@1:59"},
		{"formula joining a suffix", `<expression>&quot;callout:Orders&quot; &amp; {!EnvSuffix}</expression>`, ""},
	} {
		got := callouts(ScanReferences(KindExternalServiceRegistration, "f.xml", "F", []byte(c.src)))
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

// FuzzScanReferences: any bytes, either syntax: no panic, positions in
// the file.
func FuzzScanReferences(f *testing.F) {
	for _, s := range []string{"'callout:A'", "/* x */ 'callout:B' // c", "<v>callout:C</v><!-- x -->", "<namedCredential>D</namedCredential>", "'\\"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := strings.Count(string(data), "\n") + 1
		for _, k := range []Kind{KindApexClass, KindFlow} {
			rf := ScanReferences(k, "f", "F", data)
			for _, c := range rf.Callouts {
				if c.Line < 1 || c.Line > lines || c.Col < 1 || c.Name == "" {
					t.Fatalf("%v: callout %+v out of the file", k, c)
				}
			}
		}
	})
}

// scanXMLThreeSearches is scanXML as it was, searching for comments as it
// went: the reference the two-search scan is held to in where it looks
// (both take what they find through xmlCallout).
func scanXMLThreeSearches(rf *ReferenceFile, data []byte, lc *lineCounter) {
	var tags lastTag
	for i := 0; i < len(data); {
		j := -1
		for _, p := range [][]byte{calloutPrefix, []byte("<!--"), []byte("<namedCredential")} {
			if k := bytes.Index(data[i:], p); k >= 0 && (j < 0 || k < j) {
				j = k
			}
		}
		if j < 0 {
			return
		}
		i += j
		switch {
		case bytes.HasPrefix(data[i:], []byte("<!--")):
			if k := bytes.Index(data[i+4:], []byte("-->")); k >= 0 {
				i += 4 + k + 3
			} else {
				return
			}
		case bytes.HasPrefix(data[i:], calloutPrefix):
			i = rf.xmlCallout(data, i, lc, &tags)
		default:
			i = rf.scanRegistration(data, i, lc)
		}
	}
}

// FuzzScanXMLTwoSearches: the scan that asks about comments only at a
// match finds what the scan that skipped each comment found.
func FuzzScanXMLTwoSearches(f *testing.F) {
	for _, s := range []string{
		"<v>callout:A</v><!-- <v>callout:B</v> --><v>callout:C</v>",
		"<!-- x --><!-- <namedCredential>N</namedCredential> <v>callout:D</v>",
		"<a><!-- a <!-- b --> <v>callout:E</v> --></a><namedCredential>F</namedCredential>",
		"<namedCredentialReference> G </namedCredentialReference><e>&quot;callout:H&quot; &amp; x</e>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		render := func(scan func(*ReferenceFile, []byte, *lineCounter)) string {
			rf := &ReferenceFile{Meta: Meta{Kind: KindFlow, Name: "F", RootAt: &Anchor{key: "f.xml", line: 1, col: 1}}}
			scan(rf, data, &lineCounter{data: data})
			var b strings.Builder
			for _, c := range rf.Callouts {
				fmt.Fprintf(&b, "%s %d:%d %s\n", c.Name, c.Line, c.Col, c.Text)
			}
			return b.String()
		}
		if got, want := render(scanXML), render(scanXMLThreeSearches); got != want {
			t.Fatalf("two searches:\n%s\nthree searches:\n%s", got, want)
		}
	})
}

// TestNextAtSearchesOnce: asked from one hit of another pattern after
// another, a pattern the file does not hold is searched for once, and one
// it holds once per place it is found: the scan reads a file a bounded
// number of times, not once per hit (an 8 MiB Flow of <namedCredentialX
// took a minute).
func TestNextAtSearchesOnce(t *testing.T) {
	data := []byte(strings.Repeat("<namedCredentialX", 10000) + "callout:A" + strings.Repeat("<namedCredentialX", 10000))
	callout := nextAt{pattern: calloutPrefix}
	named := nextAt{pattern: []byte("<namedCredential")}
	hits := 0
	for i := 0; i < len(data); {
		k := min(callout.from(data, i), named.from(data, i))
		if k == len(data) {
			break
		}
		hits++
		i = k + 1
	}
	if hits != 20001 {
		t.Fatalf("%d hits, want 20001", hits)
	}
	if callout.searches != 2 {
		t.Errorf("callout: searched %d times for 20,001 hits, want 2 (to its place, then past it)", callout.searches)
	}
	if named.searches > 20001 {
		t.Errorf("<namedCredential: searched %d times", named.searches)
	}
}
