package rules

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"gopkg.in/yaml.v3"
)

// ConfigFileName is the name of the configuration file sfcheck looks for.
const ConfigFileName = ".sfcheck.yaml"

// FindConfig returns the nearest .sfcheck.yaml in dir or above it, then in
// the git work tree's root; "" when there is none.
func FindConfig(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	if st, err := os.Stat(abs); err == nil && !st.IsDir() {
		abs = filepath.Dir(abs)
	}
	for d := abs; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, ConfigFileName)); err == nil {
			return filepath.Join(d, ConfigFileName)
		}
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return "" // the git root is as far up as sfcheck looks
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// LoadConfig reads a configuration file strictly: an unknown key, an
// unknown rule, a bad severity or a malformed glob is an error naming the
// file, line and column. All problems are reported together.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read config: %w", err)
	}
	return ParseConfig(path, data)
}

// ParseConfig is LoadConfig for data already read; path names it in errors
// and anchors relative globs.
func ParseConfig(path string, data []byte) (*Config, error) {
	cfg := &Config{Severity: map[string]Severity{}, RuleExclude: map[string][]string{}, Dir: filepath.Dir(path), File: path}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(doc.Content) == 0 || len(bytes.TrimSpace(data)) == 0 {
		return cfg, nil // an empty file means the defaults
	}
	var errs []error
	bad := func(n *yaml.Node, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d:%d: %s", path, n.Line, n.Column, fmt.Sprintf(format, args...)))
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		bad(root, "the config must be a mapping of keys such as rules, exclude, myDomain")
		return nil, errors.Join(errs...)
	}
	strs := func(n *yaml.Node, key string) []string {
		if n.Kind != yaml.SequenceNode {
			bad(n, "%s must be a list", key)
			return nil
		}
		var out []string
		for _, item := range n.Content {
			if item.Kind != yaml.ScalarNode || item.Value == "" {
				bad(item, "%s: each item must be a non-empty string", key)
				continue
			}
			out = append(out, item.Value)
		}
		return out
	}
	globs := func(n *yaml.Node, key string) []string {
		list := strs(n, key)
		for i, g := range list {
			if !doublestar.ValidatePattern(g) {
				bad(n.Content[i], "%s: %q is not a valid glob", key, g)
			}
		}
		return list
	}
	rule := func(n *yaml.Node, key string) *Rule {
		r, ok := Lookup(n.Value)
		if !ok {
			bad(n, "%s: unknown rule %q (run 'sfcheck rules' for the list)", key, n.Value)
		}
		return r
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if seen[k.Value] {
			bad(k, "%s is set twice", k.Value)
		}
		seen[k.Value] = true
		switch k.Value {
		case "rules":
			if v.Kind != yaml.MappingNode {
				bad(v, "rules must map rule codes or names to off, error, warning or note")
				continue
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				rk, rv := v.Content[j], v.Content[j+1]
				r := rule(rk, "rules")
				sev, err := ParseSeverity(rv.Value)
				if err != nil || rv.Kind != yaml.ScalarNode {
					bad(rv, "rules: %s: unknown severity %q (want off, error, warning or note)", rk.Value, rv.Value)
					continue
				}
				if r != nil {
					cfg.Severity[r.Code] = sev
				}
			}
		case "exclude":
			cfg.Exclude = globs(v, "exclude")
		case "ruleExclude":
			if v.Kind != yaml.MappingNode {
				bad(v, "ruleExclude must map rule codes or names to lists of globs")
				continue
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				rk, rv := v.Content[j], v.Content[j+1]
				r := rule(rk, "ruleExclude")
				g := globs(rv, "ruleExclude: "+rk.Value)
				if r != nil {
					cfg.RuleExclude[r.Code] = append(cfg.RuleExclude[r.Code], g...)
				}
			}
		case "clientCredentialsApps":
			cfg.ClientCredentialsApps = strs(v, k.Value)
		case "placeholderHosts":
			cfg.PlaceholderHosts = strs(v, k.Value)
		case "namespaces":
			cfg.Namespaces = strs(v, k.Value)
		case "myDomain":
			if v.Kind != yaml.ScalarNode || !validMyDomain(v.Value) {
				bad(v, "myDomain must be a My Domain name such as acme (letters, digits and hyphens), not a URL")
				continue
			}
			cfg.MyDomain = strings.ToLower(v.Value)
		default:
			bad(k, "unknown key %q (known: rules, exclude, ruleExclude, clientCredentialsApps, myDomain, placeholderHosts, namespaces)", k.Value)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return cfg, nil
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

// excludes reports whether the config excludes any file at all.
func (c *Config) excludes() bool {
	return c != nil && c.Dir != "" && (len(c.Exclude) > 0 || len(c.RuleExclude) > 0)
}

// excluded reports whether findings of rule r (nil: any rule) in the file
// at path are excluded by the config's globs.
func (c *Config) excluded(path string, r *Rule) bool {
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
