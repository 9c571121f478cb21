// Package baseline records the findings a team has accepted and hides
// them on later runs, so a gate fails only on new findings.
package baseline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/sfcheck/sfcheck/metadata"
	"github.com/sfcheck/sfcheck/rules"
)

// A baseline records the findings a team has accepted, by an identity that
// does not move with line numbers: rule, metadata type, component and
// element path. Messages and values are not recorded, so a baseline never
// holds a secret.
type Baseline struct {
	Version  int     `json:"version"`
	Findings []Entry `json:"findings"`
}

// Entry is one accepted finding identity, and how many findings
// share it.
type Entry struct {
	rules.Identity
	Count int `json:"count"`
}

// New records the findings that are not suppressed.
func New(fs []rules.Finding) *Baseline {
	counts := map[rules.Identity]int{}
	for i := range fs {
		if !fs[i].Suppressed {
			counts[fs[i].Identity()]++
		}
	}
	b := &Baseline{Version: 1, Findings: []Entry{}}
	for id, n := range counts {
		b.Findings = append(b.Findings, Entry{Identity: id, Count: n})
	}
	sort.Slice(b.Findings, func(i, j int) bool {
		x, y := b.Findings[i], b.Findings[j]
		if x.Type != y.Type {
			return x.Type < y.Type
		}
		if x.Component != y.Component {
			return x.Component < y.Component
		}
		if x.Element != y.Element {
			return x.Element < y.Element
		}
		return x.Rule < y.Rule
	})
	return b
}

// Encode records the findings that are not suppressed as a baseline
// file's content, and says how many identities it holds.
func Encode(fs []rules.Finding) ([]byte, int, error) {
	b := New(fs)
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return nil, 0, err
	}
	return append(data, '\n'), len(b.Findings), nil
}

// Load reads a baseline file.
func Load(path string) (*Baseline, error) {
	data, err := metadata.ReadRegular(path, metadata.MaxBaselineBytes)
	if err != nil {
		return nil, fmt.Errorf("cannot read the baseline: %w", err)
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")) // editors on Windows add a BOM
	return parse(path, data)
}

// Apply marks as suppressed the findings the baseline accepts, up to the
// recorded count per identity; findings beyond it are new and stay.
func (b *Baseline) Apply(fs []rules.Finding, reason string) {
	left := map[rules.Identity]int{}
	for _, e := range b.Findings {
		left[e.Identity] += e.Count
	}
	for i := range fs {
		f := &fs[i]
		if f.Suppressed {
			continue
		}
		id := f.Identity()
		if left[id] > 0 {
			left[id]--
			f.Suppressed, f.Reason = true, reason
		}
	}
}
