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
