package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"runtime"
	"strconv"
	"sync"
	"unicode/utf8"

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

// jsonFinding is a finding as the report shows it. appendFinding writes it
// by hand, key by key in this order: a field added here must be added
// there (FuzzFindingJSON compares the two).
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
// The findings are written apart (appendFinding), in parallel, and put in
// place of an empty list in the rest of the report: one encoder indenting
// the whole of a report of 10,000 findings took a tenth of the run, on one
// core, after the parallel work was done. TestJSONAsOneEncoder holds the
// bytes to those of one encoding/json encoder.
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
	list := findingsJSON(r.Findings)
	parts := append([][]byte{doc[:at+len(empty)-1]}, list...)
	parts = append(parts, doc[at+len(empty)-1:], []byte("\n"))
	if g, ok := w.(interface{ Grow(int) }); ok {
		// a buffer taking the report grows once, not by doubling through
		// megabytes it copies and drops
		n := 0
		for _, part := range parts {
			n += len(part)
		}
		g.Grow(n)
	}
	for _, part := range parts {
		if _, err := w.Write(part); err != nil {
			return err
		}
	}
	return nil
}

// findingsJSON returns the elements of the findings list as they stand
// between its brackets in the indented report, in parts to write one after
// the other: each finding on lines of its own, six spaces in for its keys.
func findingsJSON(fs []rules.Finding) [][]byte {
	if len(fs) == 0 {
		return nil
	}
	parts := min(runtime.GOMAXPROCS(0), (len(fs)+255)/256) // small reports: one part, no goroutine
	bufs := make([][]byte, parts)
	var wg sync.WaitGroup
	for p := range parts {
		from, to := p*len(fs)/parts, (p+1)*len(fs)/parts
		encode := func() {
			b := make([]byte, 0, (to-from)*640) // a finding is 400 to 800 bytes
			for i := from; i < to; i++ {
				if i > 0 {
					b = append(b, ',')
				}
				b = append(b, "\n    "...)
				b = appendFinding(b, toJSON(&fs[i]))
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
	return bufs
}

// appendFinding appends a finding as json.MarshalIndent(f, "    ", "  ")
// writes it, without its reflection and its second pass to indent: that
// was most of the JSON report's time (50 ms of CPU for a report of 12,662
// findings).
// TestJSONAsOneEncoder and FuzzFindingJSON hold the bytes to
// encoding/json's.
func appendFinding(b []byte, f jsonFinding) []byte {
	const key = "\n      " // the finding's keys, six spaces in
	b = append(b, '{')
	b = appendKeyString(b, key, "rule", f.Rule, false)
	b = appendKeyString(b, key, "name", f.Name, true)
	b = appendKeyString(b, key, "severity", f.Severity, true)
	b = appendKeyString(b, key, "file", f.File, true)
	b = appendKeyInt(b, key, "line", f.Line)
	b = appendKeyInt(b, key, "column", f.Column)
	b = appendKeyString(b, key, "message", f.Message, true)
	b = append(b, ","+key+`"component": {`...)
	b = appendKeyString(b, key+"  ", "type", f.Component.Type, false)
	b = appendKeyString(b, key+"  ", "name", f.Component.Name, true)
	b = append(b, key+"}"...)
	if len(f.Related) > 0 {
		b = append(b, ","+key+`"related": [`...)
		for i, rel := range f.Related {
			if i > 0 {
				b = append(b, ',')
			}
			const relKey = key + "    "
			b = append(b, key+"  {"...)
			b = appendKeyString(b, relKey, "file", rel.File, false)
			b = appendKeyInt(b, relKey, "line", rel.Line)
			b = appendKeyInt(b, relKey, "column", rel.Column)
			b = appendKeyString(b, relKey, "message", rel.Message, true)
			b = append(b, key+"  }"...)
		}
		b = append(b, key+"]"...)
	}
	if f.Suppressed {
		b = append(b, ","+key+`"suppressed": true`...)
	}
	if f.Reason != "" {
		b = appendKeyString(b, key, "reason", f.Reason, true)
	}
	return append(b, "\n    }"...)
}

func appendKeyString(b []byte, indent, key, value string, comma bool) []byte {
	if comma {
		b = append(b, ',')
	}
	b = append(b, indent...)
	b = append(b, '"')
	b = append(b, key...)
	b = append(b, `": `...)
	return appendJSONString(b, value)
}

func appendKeyInt(b []byte, indent, key string, value int) []byte {
	b = append(b, ',')
	b = append(b, indent...)
	b = append(b, '"')
	b = append(b, key...)
	b = append(b, `": `...)
	return strconv.AppendInt(b, int64(value), 10)
}

// appendJSONString quotes s as encoding/json does: with its HTML escaping
// (<, > and & as \u003c, \u003e, \u0026), the short escapes \b \f \n \r
// \t, other control characters as \u00xx, U+2028 and U+2029 escaped, and
// each byte of invalid UTF-8 as \ufffd.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0 // the bytes before it are appended
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
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
