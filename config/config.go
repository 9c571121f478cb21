// Package config reads .sfcheck.yaml. Its keys are declared once, in keys:
// the table drives parsing, the list of known keys in errors and the JSON
// Schema editors use (docs/sfcheck.schema.json). It knows no rule by name:
// rule codes and names come from the registry.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/sfcheck/sfcheck/metadata"
	"github.com/sfcheck/sfcheck/rules"
	"gopkg.in/yaml.v3"
)

// FileName is the name of the configuration file sfcheck looks for.
const FileName = ".sfcheck.yaml"

// Config is what a project's .sfcheck.yaml says; the zero value (and nil)
// means the defaults of rules.md.
type Config struct {
	// Severity overrides severities by rule code; Off switches a rule off.
	Severity map[string]rules.Severity
	// Settings are what rules read.
	Settings rules.Settings
	// Exclude lists globs of files whose findings are not reported;
	// RuleExclude does so per rule (by code). Globs are relative to Dir,
	// the config file's folder.
	Exclude     []string
	RuleExclude map[string][]string
	Dir         string
	File        string // the config file, "" for none
}

// New returns the default configuration.
func New() *Config {
	return &Config{Severity: map[string]rules.Severity{}, RuleExclude: map[string][]string{}}
}

// SeverityOf is the rule's severity after configuration (Off: not run).
func (c *Config) SeverityOf(r *rules.Rule) rules.Severity {
	if c != nil {
		if s, ok := c.Severity[r.Code]; ok {
			return s
		}
	}
	return r.Severity
}

// RuleSettings returns the settings rules read.
func (c *Config) RuleSettings() *rules.Settings {
	if c == nil {
		return &rules.Settings{}
	}
	return &c.Settings
}

// Excludes reports whether the config excludes any file at all.
func (c *Config) Excludes() bool {
	return c != nil && c.Dir != "" && (len(c.Exclude) > 0 || len(c.RuleExclude) > 0)
}

// Excluded reports whether findings of rule r (nil: any rule) in the file
// at path are excluded by the config's globs.
func (c *Config) Excluded(path string, r *rules.Rule) bool {
	if c == nil || c.Dir == "" {
		return false
	}
	rel, err := filepath.Rel(c.Dir, path)
	if err != nil || strings.HasPrefix(rel, "..") {
		return false
	}
	rel = filepath.ToSlash(rel)
	match := func(globs []string) bool {
		for _, g := range globs {
			if ok, _ := doublestar.Match(g, rel); ok {
				return true
			}
		}
		return false
	}
	if match(c.Exclude) {
		return true
	}
	return r != nil && match(c.RuleExclude[r.Code])
}

// Find returns the nearest .sfcheck.yaml in dir or above it, up to the
// project root: the nearest folder holding sfdx-project.json, package.xml
// (Metadata API format) or a .git, whichever comes first. Without any of
// them above dir, it looks no higher than cwd (and only in dir when dir is
// not under cwd): a config file in some parent folder of an unrelated
// checkout never applies. "" when there is none.
func Find(dir, cwd string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	if st, err := os.Stat(abs); err == nil && !st.IsDir() {
		abs = filepath.Dir(abs)
	}
	var candidates []string
	for d := abs; ; d = filepath.Dir(d) {
		candidates = append(candidates, d)
		if exists(filepath.Join(d, metadata.ProjectFile)) || exists(filepath.Join(d, metadata.PackageManifest)) || exists(filepath.Join(d, ".git")) {
			break // the project root is as far up as sfcheck looks
		}
		if filepath.Dir(d) == d {
			// no project root above: stop at cwd
			candidates = candidates[:1]
			if rel, err := filepath.Rel(cwd, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				candidates = nil
				for d := abs; ; d = filepath.Dir(d) {
					candidates = append(candidates, d)
					if d == filepath.Clean(cwd) || filepath.Dir(d) == d {
						break
					}
				}
			}
			break
		}
	}
	for _, d := range candidates {
		if p := filepath.Join(d, FileName); exists(p) {
			return p
		}
	}
	return ""
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// Load reads a configuration file strictly: an unknown key, an unknown
// rule, a bad severity or a malformed glob is an error naming the file,
// line and column. All problems are reported together.
func Load(path string) (*Config, error) {
	return load(path, metadata.ReadRegular)
}

// LoadFound is Load for a config file Find found in the project: a link
// is not followed (a pull request could point one anywhere).
func LoadFound(path string) (*Config, error) {
	return load(path, metadata.ReadInTree)
}

func load(path string, read func(string, int64) ([]byte, error)) (*Config, error) {
	data, err := read(path, metadata.MaxConfigBytes)
	if err != nil {
		return nil, fmt.Errorf("cannot read config: %w", err)
	}
	return Parse(path, data)
}

// parser reads one file and collects every problem.
type parser struct {
	path      string
	errs      []error
	globCount int // exclude globs read so far, every list
}

func (p *parser) bad(n *yaml.Node, format string, args ...any) {
	p.errs = append(p.errs, fmt.Errorf("%s:%d:%d: %s", p.path, n.Line, n.Column, fmt.Sprintf(format, args...)))
}

var yamlLine = regexp.MustCompile(`^line (\d+): (.*)$`)

// secondDocument returns where the second YAML document of data starts:
// the second '---' marker when the first document opens with one, else
// the first; or, after a '...' that ends the first, its first content. A
// marker at the start of a line always ends a document, even inside a
// block scalar, so this needs no YAML parser. It returns 0, 0 when it
// finds none.
func secondDocument(data []byte) (int, int) {
	explicitFirst, content, ended := false, false, false
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSuffix(line, "\r")
		isMarker := line == "---" || strings.HasPrefix(line, "--- ") || strings.HasPrefix(line, "---\t")
		isEnd := line == "..." || strings.HasPrefix(line, "... ")
		text := strings.TrimSpace(line) != "" && !strings.HasPrefix(strings.TrimSpace(line), "#") && !strings.HasPrefix(line, "%")
		switch {
		case isMarker && !content && !explicitFirst:
			explicitFirst = true // it opens the first document
		case isMarker, ended && text:
			return i + 1, 1
		case isEnd && content:
			ended = true
		case text:
			content = true
		}
	}
	return 0, 0
}

// Parse is Load for data already read; path names it in errors and
// anchors relative globs.
func Parse(path string, data []byte) (*Config, error) {
	cfg := New()
	cfg.Dir, cfg.File = filepath.Dir(path), path
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil && err != io.EOF {
		// yaml.v3 says "yaml: line 3: ..." and no column: give the line
		// as file:line, as every other message does
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			return nil, fmt.Errorf("%s:%s: %s", path, m[1], m[2])
		}
		return nil, fmt.Errorf("%s: %s", path, msg)
	}
	if len(doc.Content) == 0 || len(bytes.TrimSpace(data)) == 0 {
		return cfg, nil // an empty file means the defaults
	}
	p := &parser{path: path}
	var second yaml.Node
	if err := dec.Decode(&second); err != io.EOF {
		line, col := secondDocument(data)
		if line == 0 && err == nil {
			line, col = second.Line, second.Column
		}
		return nil, fmt.Errorf("%s:%d:%d: a second YAML document: the config is one document", path, line, col)
	}
	// Anchors and aliases are refused: nothing in a config needs them, and
	// they make a small file expand into a huge one.
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.AliasNode || n.Anchor != "" {
			p.bad(n, "anchors and aliases (& and *) are not supported in %s", FileName)
			return
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&doc)
	if len(p.errs) > 0 {
		return nil, errors.Join(p.errs...)
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		p.bad(root, "the config must be a mapping of keys such as rules, exclude, myDomain")
		return nil, errors.Join(p.errs...)
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if seen[k.Value] {
			p.bad(k, "%s is set twice", k.Value)
		}
		seen[k.Value] = true
		key := lookupKey(k.Value)
		if key == nil {
			p.bad(k, "unknown key %q (known: %s)", k.Value, strings.Join(keyNames(), ", "))
			continue
		}
		key.parse(p, v, cfg)
	}
	if len(p.errs) > 0 {
		return nil, errors.Join(p.errs...)
	}
	return cfg, nil
}

func (p *parser) strs(n *yaml.Node, key string) []string {
	if n.Kind != yaml.SequenceNode {
		p.bad(n, "%s must be a list", key)
		return nil
	}
	var out []string
	for _, item := range n.Content {
		if item.Kind != yaml.ScalarNode || item.Value == "" {
			p.bad(item, "%s: each item must be a non-empty string", key)
			continue
		}
		out = append(out, item.Value)
	}
	return out
}

// MaxGlobs bounds a config's exclude globs, all lists together: each is
// matched against every file and finding (20,000 took 33 s on 5,000
// files), and real configs list a handful.
const MaxGlobs = 500

func (p *parser) globs(n *yaml.Node, key string) []string {
	list := p.strs(n, key)
	if p.globCount += len(list); p.globCount > MaxGlobs {
		p.bad(n, "%s: more than %d exclude globs in the config (%d so far): list folders, not files", key, MaxGlobs, p.globCount)
		return nil
	}
	for i, g := range list {
		if !doublestar.ValidatePattern(g) {
			p.bad(n.Content[i], "%s: %q is not a valid glob", key, g)
		}
	}
	return list
}

func (p *parser) rule(n *yaml.Node, key string) *rules.Rule {
	r, ok := rules.Lookup(n.Value)
	if !ok {
		p.bad(n, "%s: unknown rule %q (run 'sfcheck rules' for the list)", key, n.Value)
	}
	return r
}

// ruleMap calls each for every rule: value pair of a mapping.
func (p *parser) ruleMap(n *yaml.Node, key, want string, each func(r *rules.Rule, k, v *yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		p.bad(n, "%s must map rule codes or names to %s", key, want)
		return
	}
	seen := map[*rules.Rule]bool{}
	for j := 0; j+1 < len(n.Content); j += 2 {
		r := p.rule(n.Content[j], key)
		if r != nil && seen[r] {
			p.bad(n.Content[j], "%s: %s (%s) is set twice", key, r.Code, r.Name)
		}
		seen[r] = true
		each(r, n.Content[j], n.Content[j+1])
	}
}

func validMyDomain(s string) bool {
	if s == "" || len(s) > 63 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
