package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sfcheck/sfcheck/rules"
)

// DocsURL is where the rule documentation lives; each rule has an anchor.
const DocsURL = "https://github.com/sfcheck/sfcheck/blob/main/docs/rules.md"

// RuleAnchor is the docs/rules.md anchor of a rule ("sf102-cc-run-as-user-missing").
func RuleAnchor(r *rules.Rule) string { return strings.ToLower(r.Code) + "-" + r.Name }

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                  `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifactID `json:"originalUriBaseIds,omitempty"`
	ColumnKind         string                     `json:"columnKind,omitempty"`
	Results            []sarifResult              `json:"results"`
	Invocations        []sarifInvoked             `json:"invocations"`
}

type sarifArtifactID struct {
	URI string `json:"uri"`
}

type sarifInvoked struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level   string    `json:"level"`
	Message sarifText `json:"message"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	Help                 sarifText      `json:"help"`
	HelpURI              string         `json:"helpUri"`
	DefaultConfiguration sarifConfig    `json:"defaultConfiguration"`
	Properties           map[string]any `json:"properties"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           *int               `json:"ruleIndex,omitempty"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	RelatedLocations    []sarifLocation    `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
}

type sarifLocation struct {
	ID               *int          `json:"id,omitempty"`
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
	Message          *sarifText    `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}

func level(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	}
	return "note"
}

// securitySeverity scores security rules for code scanning (high 7-8.9,
// medium 4-6.9, low 0.1-3.9) from their default severity.
func securitySeverity(r *rules.Rule) string {
	switch r.Severity {
	case rules.Error:
		return "8.0"
	case rules.Warning:
		return "5.0"
	}
	return "3.0"
}

// Fingerprint hashes a finding's identity (rule, metadata type, component,
// element path; never the line). n tells apart findings that share it.
func Fingerprint(f rules.Finding, n int) string {
	id := f.Identity()
	h := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%s\x00%s\x00%s\x00%d", id.Rule, id.Type, id.Component, id.Element, n)))
	return hex.EncodeToString(h[:16])
}

// Identities numbers findings that share an identity, in report order, so
// each gets a distinct fingerprint.
func Identities(fs []rules.Finding) []int {
	seen := map[rules.Identity]int{}
	out := make([]int, len(fs))
	for i := range fs {
		id := fs[i].Identity()
		out[i] = seen[id]
		seen[id]++
	}
	return out
}

// writeSARIF writes SARIF 2.1.0 as GitHub code scanning reads it. Columns
// are converted from bytes to Unicode code points, the unit SARIF offers.
func writeSARIF(w io.Writer, r *Report, opts Options) error {
	all := rules.All()
	index := map[*rules.Rule]int{}
	driver := sarifDriver{Name: "sfcheck", Version: r.Tool, InformationURI: "https://github.com/sfcheck/sfcheck"}
	for i, rule := range all {
		index[rule] = i
		props := map[string]any{"tags": []string{"salesforce", "oauth"}, "precision": "high"}
		if rule.Security {
			props["tags"] = []string{"salesforce", "oauth", "security"}
			props["security-severity"] = securitySeverity(rule)
		}
		driver.Rules = append(driver.Rules, sarifRule{
			ID: rule.Code, Name: rule.Name,
			ShortDescription:     sarifText{Text: rule.Summary},
			FullDescription:      sarifText{Text: rule.Doc},
			Help:                 sarifText{Text: RuleText(rule), Markdown: RuleMarkdown(rule)},
			HelpURI:              DocsURL + "#" + RuleAnchor(rule),
			DefaultConfiguration: sarifConfig{Level: level(rule.Severity)},
			Properties:           props,
		})
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, Results: []sarifResult{}}
	if opts.Source != nil {
		run.ColumnKind = "unicodeCodePoints" // columns are converted from bytes
	}
	if opts.Root != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactID{srcRoot: {URI: fileURI(opts.Root) + "/"}}
	}
	inv := sarifInvoked{ExecutionSuccessful: true}
	ids := Identities(r.Findings)
	cols := &columnCache{}
	kept := keptForSARIF(r.Findings)
	if kept != nil {
		inv.Notifications = append(inv.Notifications, sarifNotification{Level: "warning", Message: sarifText{
			Text: fmt.Sprintf("%d findings were left out, the least severe first: GitHub code scanning reads at most %d results per run; run sfcheck with --format text or json for all of them", len(r.Findings)-maxSARIFResults, maxSARIFResults)}})
	}
	for i, f := range r.Findings {
		if kept != nil && !kept[i] {
			continue
		}
		res := sarifResult{
			RuleID: f.Rule.Code, Level: level(f.Severity),
			Message:             sarifText{Text: f.Message},
			Locations:           []sarifLocation{location(f.File, f.Line, f.Col, opts, cols)},
			PartialFingerprints: map[string]string{"sfcheck/v1": Fingerprint(f, ids[i])},
		}
		if k, ok := index[f.Rule]; ok {
			res.RuleIndex = &k
		}
		for j, rel := range f.Related {
			if j == maxSARIFLocations {
				inv.Notifications = append(inv.Notifications, sarifNotification{Level: "note", Message: sarifText{
					Text: fmt.Sprintf("a %s finding in %s has %d related locations; GitHub reads at most %d", f.Rule.Code, f.File, len(f.Related), maxSARIFLocations)}})
				break
			}
			loc := location(rel.File, rel.Line, rel.Col, opts, cols)
			id := j + 1
			loc.ID, loc.Message = &id, &sarifText{Text: rel.Message}
			res.RelatedLocations = append(res.RelatedLocations, loc)
		}
		if f.Suppressed {
			res.Suppressions = []sarifSuppression{{Kind: "inSource", Justification: f.Reason}}
		}
		run.Results = append(run.Results, res)
	}
	run.Invocations = []sarifInvoked{inv}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
}

// keptForSARIF chooses, when there are more findings than GitHub reads,
// which to write: errors before warnings before notes, suppressed findings
// last, in report order within each. It returns nil when all fit.
func keptForSARIF(findings []rules.Finding) []bool {
	if len(findings) <= maxSARIFResults {
		return nil
	}
	rank := func(f rules.Finding) int {
		if f.Suppressed {
			return -1
		}
		return int(f.Severity)
	}
	order := make([]int, len(findings))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return rank(findings[b]) - rank(findings[a]) })
	kept := make([]bool, len(findings))
	for _, i := range order[:maxSARIFResults] {
		kept[i] = true
	}
	return kept
}

// GitHub code scanning's limits on what it reads of a SARIF run.
const (
	maxSARIFResults   = 25000
	maxSARIFLocations = 1000
)

// srcRoot names the repository root in URIs.
const srcRoot = "SRCROOT"

// location is a physical location: its path relative to the repository
// root when there is one, its region in code points, ending where the
// element or value it points at ends.
func location(file string, line, col int, opts Options, cols *columnCache) sarifLocation {
	art := sarifArtifact{URI: uriEscape(file), URIBaseID: srcRoot}
	if opts.Root != "" {
		abs := file
		if !filepath.IsAbs(filepath.FromSlash(abs)) {
			abs = filepath.Join(opts.Cwd, filepath.FromSlash(file))
		}
		if rel, err := filepath.Rel(opts.Root, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			art.URI = uriEscape(filepath.ToSlash(rel))
		} else {
			art = sarifArtifact{URI: fileURI(abs)} // outside the repository
		}
	}
	region := sarifRegion{StartLine: line, StartColumn: col}
	if opts.Source != nil {
		if text, ok := opts.Source(file, line); ok {
			end := extent(text, col)
			if isApex(file) {
				end = apexExtent(text, col)
			}
			region.StartColumn = cols.codePoint(file, line, text, col)
			if end > col {
				region.EndLine, region.EndColumn = line, cols.codePoint(file, line, text, end)
			}
		}
	}
	return sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: art, Region: region}}
}

// fileURI is the file: URI of an absolute path.
func fileURI(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x on Windows
	}
	return "file://" + uriEscape(p)
}

// uriEscape makes a path a URI reference (spaces and the like
// percent-encoded, slashes kept). A colon is encoded too: in the first
// segment of a relative reference it would read as a scheme.
func uriEscape(p string) string {
	var b strings.Builder
	for _, c := range []byte(p) {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', strings.IndexByte("-._~/!$&'()*+,;=@", c) >= 0:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
