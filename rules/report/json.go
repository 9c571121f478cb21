package report

import (
	"encoding/json"
	"io"

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

// writeJSON writes the JSON report of cli.md, version "1".
func writeJSON(w io.Writer, r *Report) error {
	out := jsonReport{
		Version:  "1",
		Tool:     jsonTool{Name: "sfcheck", Version: r.Tool},
		Findings: make([]jsonFinding, 0, len(r.Findings)),
		Summary:  r.Count(),
	}
	for _, f := range r.Findings {
		jf := jsonFinding{
			Rule: f.Rule.Code, Name: f.Rule.Name, Severity: f.Severity.String(),
			File: fileName(f.File), Line: f.Line, Column: f.Col, Message: f.Message,
			Component: f.Component, Suppressed: f.Suppressed, Reason: f.Reason,
		}
		for _, rel := range f.Related {
			jf.Related = append(jf.Related, jsonLocation{File: fileName(rel.File), Line: rel.Line, Column: rel.Col, Message: rel.Message})
		}
		out.Findings = append(out.Findings, jf)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
