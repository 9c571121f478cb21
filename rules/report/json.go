package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"runtime"
	"sync"

	"github.com/sfcheck/sfcheck/rules"
)

type jsonReport struct {
	Version  string        `json:"version"`
	Tool     jsonTool      `json:"tool"`
	Findings []jsonFinding `json:"findings"`
	Summary  Counts        `json:"summary"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonFinding struct {
	Rule       string          `json:"rule"`
	Name       string          `json:"name"`
	Severity   string          `json:"severity"`
	File       string          `json:"file"`
	Line       int             `json:"line"`
	Column     int             `json:"column"`
	Message    string          `json:"message"`
	Component  rules.Component `json:"component"`
	Related    []jsonLocation  `json:"related,omitempty"`
	Suppressed bool            `json:"suppressed,omitempty"`
	Reason     string          `json:"reason,omitempty"`
}

type jsonLocation struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

// writeJSON writes the JSON report of cli.md, version "1", indented by
// two spaces as encoding/json indents it.
//
// The findings are encoded and indented apart, in parallel, and put in
// place of an empty list in the rest of the report: one encoder indenting
// the whole of a report of 10,000 findings took a tenth of the run, on one
// core, after the parallel work was done. TestJSONAsOneEncoder holds the
// bytes to those of the one encoder.
func writeJSON(w io.Writer, r *Report) error {
	out := jsonReport{
		Version:  "1",
		Tool:     jsonTool{Name: "sfcheck", Version: r.Tool},
		Findings: []jsonFinding{},
		Summary:  r.Count(),
	}
	doc, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	const empty = `"findings": []`
	at := bytes.Index(doc, []byte(empty)) // the first: every key before it is fixed
	if at < 0 {
		return errors.New("json report: no findings list to fill")
	}
	list, err := findingsJSON(r.Findings)
	if err != nil {
		return err
	}
	parts := append([][]byte{doc[:at+len(empty)-1]}, list...)
	for _, part := range append(parts, doc[at+len(empty)-1:], []byte("\n")) {
		if _, err := w.Write(part); err != nil {
			return err
		}
	}
	return nil
}

// findingsJSON returns the elements of the findings list as they stand
// between its brackets in the indented report, in parts to write one after
// the other: each finding on lines of its own, six spaces in for its keys.
func findingsJSON(fs []rules.Finding) ([][]byte, error) {
	if len(fs) == 0 {
		return nil, nil
	}
	parts := min(runtime.GOMAXPROCS(0), (len(fs)+255)/256) // small reports: one part, no goroutine
	bufs := make([][]byte, parts)
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for p := range parts {
		from, to := p*len(fs)/parts, (p+1)*len(fs)/parts
		encode := func() {
			b := make([]byte, 0, (to-from)*640) // a finding is 400 to 800 bytes
			for i := from; i < to; i++ {
				el, err := json.MarshalIndent(toJSON(&fs[i]), "    ", "  ")
				if err != nil {
					errs[p] = err
					return
				}
				if i > 0 {
					b = append(b, ',')
				}
				b = append(b, "\n    "...)
				b = append(b, el...)
			}
			if to == len(fs) {
				b = append(b, "\n  "...)
			}
			bufs[p] = b
		}
		if parts == 1 {
			encode()
			break
		}
		wg.Go(encode)
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return bufs, nil
}

func toJSON(f *rules.Finding) jsonFinding {
	jf := jsonFinding{
		Rule: f.Rule.Code, Name: f.Rule.Name, Severity: f.Severity.String(),
		File: fileName(f.File), Line: f.Line, Column: f.Col, Message: f.Message,
		Component: f.Component, Suppressed: f.Suppressed, Reason: f.Reason,
	}
	for _, rel := range f.Related {
		jf.Related = append(jf.Related, jsonLocation{File: fileName(rel.File), Line: rel.Line, Column: rel.Col, Message: rel.Message})
	}
	return jf
}
