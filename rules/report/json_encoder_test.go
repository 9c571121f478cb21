package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"testing"

	"github.com/sfcheck/sfcheck/metadata"
	"github.com/sfcheck/sfcheck/rules"
)

// TestJSONAsOneEncoder: the findings, encoded apart and in parallel, make
// the very bytes one encoder indenting the whole report makes, at every
// count around the point where the work is split.
func TestJSONAsOneEncoder(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4)) // split even on one core
	all := rules.All()
	for _, n := range []int{0, 1, 2, 255, 256, 257, 1000, 1003} {
		r := &Report{Tool: "1.2.3", Files: n}
		for i := range n {
			f := rules.Finding{
				Rule: all[i%len(all)], Severity: rules.Severity(i % 3),
				Node:      metadata.Node{Pos: metadata.Pos{File: fmt.Sprintf("force-app/main/default/f%d.xml", i%7), Line: i + 1, Col: i%40 + 1}},
				Message:   fmt.Sprintf("finding %d: <b> & \"quoted\" \u2028 é \x7f", i),
				Component: rules.Component{Type: "NamedCredential", Name: fmt.Sprintf("N%d", i)},
			}
			if i%5 == 0 {
				f.Related = []rules.Location{{Pos: metadata.Pos{File: "a/b.xml", Line: 2, Col: 3}, Message: "the other end"}}
			}
			if i%11 == 0 {
				f.Suppressed, f.Reason = true, "known"
			}
			r.Findings = append(r.Findings, f)
		}
		var got bytes.Buffer
		if err := writeJSON(&got, r); err != nil {
			t.Fatal(err)
		}
		one := jsonReport{Version: "1", Tool: jsonTool{Name: "sfcheck", Version: r.Tool}, Findings: []jsonFinding{}, Summary: r.Count()}
		for i := range r.Findings {
			one.Findings = append(one.Findings, toJSON(&r.Findings[i]))
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		if err := enc.Encode(one); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			i := 0
			for i < min(got.Len(), want.Len()) && got.Bytes()[i] == want.Bytes()[i] {
				i++
			}
			t.Errorf("%d findings: the bytes differ from offset %d:\n--- got\n%.200s\n--- one encoder\n%.200s", n, i, got.Bytes()[i:], want.Bytes()[i:])
		}
	}
}

// FuzzFindingJSON: a finding of any text encodes to encoding/json's bytes.
func FuzzFindingJSON(f *testing.F) {
	f.Add("SF101", "force-app/a.xml", "plain", "", 3, 0)
	f.Add("x", "<a>&b", "\"quoted\" \\ \u2028\u2029 é \x7f \x00\x01\x1f\b\f\n\r\t", "why", 0, -5)
	f.Add("\xff\xfe", "a\xc3", "\xed\xa0\x80 \xf4\x90\x80\x80 \U0010FFFF", "\u00a0", 1<<40, 7)
	f.Fuzz(func(t *testing.T, code, file, message, reason string, line, related int) {
		jf := jsonFinding{Rule: code, Name: message, Severity: reason, File: file, Line: line, Column: -line, Message: message,
			Component: rules.Component{Type: file, Name: code}, Suppressed: related%2 == 0, Reason: reason}
		for i := range related % 4 {
			jf.Related = append(jf.Related, jsonLocation{File: file + code, Line: i, Column: line, Message: reason + message})
		}
		want, err := json.MarshalIndent(jf, "    ", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if got := appendFinding(nil, jf); !bytes.Equal(got, want) {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
	})
}
