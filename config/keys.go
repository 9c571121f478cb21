package config

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/sfcheck/sfcheck/rules"
	"gopkg.in/yaml.v3"
)

// key is one top-level key of .sfcheck.yaml: what it means, how it reads
// and its JSON Schema.
type key struct {
	name   string
	doc    string
	parse  func(p *parser, v *yaml.Node, c *Config)
	schema func() map[string]any
}

var severities = []string{"off", "error", "warning", "note"}

var apiVersionRE = regexp.MustCompile(`^[1-9][0-9]\.0$`)

// keys are the configuration keys, in the order the schema lists them.
var keys = []key{
	{
		name: "rules",
		doc:  "Severity by rule code or name: off, error, warning or note.",
		parse: func(p *parser, v *yaml.Node, c *Config) {
			p.ruleMap(v, "rules", "off, error, warning or note", func(r *rules.Rule, k, sv *yaml.Node) {
				sev, err := rules.ParseSeverity(sv.Value)
				if err != nil || sv.Kind != yaml.ScalarNode {
					p.bad(sv, "rules: %s: unknown severity %q (want off, error, warning or note)", k.Value, sv.Value)
					return
				}
				if r != nil {
					c.Severity[r.Code] = sev
				}
			})
		},
		schema: func() map[string]any {
			return map[string]any{"type": "object", "propertyNames": ruleNameSchema(),
				"additionalProperties": map[string]any{"enum": severities}}
		},
	},
	{
		name: "exclude",
		doc:  "Globs, relative to the config file, of files whose findings are not reported.",
		parse: func(p *parser, v *yaml.Node, c *Config) {
			c.Exclude = p.globs(v, "exclude")
		},
		schema: stringList,
	},
	{
		name: "ruleExclude",
		doc:  "Globs of files excluded for one rule, by rule code or name.",
		parse: func(p *parser, v *yaml.Node, c *Config) {
			p.ruleMap(v, "ruleExclude", "lists of globs", func(r *rules.Rule, k, gv *yaml.Node) {
				g := p.globs(gv, "ruleExclude: "+k.Value)
				if r != nil {
					c.RuleExclude[r.Code] = append(c.RuleExclude[r.Code], g...)
				}
			})
		},
		schema: func() map[string]any {
			return map[string]any{"type": "object", "propertyNames": ruleNameSchema(), "additionalProperties": stringList()}
		},
	},
	{
		name: "clientCredentialsApps",
		doc:  "Apps to treat as client-credentials apps even when their files do not say so.",
		parse: func(p *parser, v *yaml.Node, c *Config) {
			c.Settings.ClientCredentialsApps = p.strs(v, "clientCredentialsApps")
		},
		schema: stringList,
	},
	{
		name: "myDomain",
		doc:  "The org's My Domain name; Salesforce token and Named Credential URLs must use it.",
		parse: func(p *parser, v *yaml.Node, c *Config) {
			if v.Kind != yaml.ScalarNode || !validMyDomain(v.Value) {
				p.bad(v, "myDomain must be a My Domain name such as acme (letters, digits and hyphens), not a URL")
				return
			}
			c.Settings.MyDomain = strings.ToLower(v.Value)
		},
		schema: func() map[string]any {
			return map[string]any{"type": "string", "pattern": "^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"}
		},
	},
	{
		name: "placeholderHosts",
		doc:  "Extra hosts a callback URL may use as a placeholder.",
		parse: func(p *parser, v *yaml.Node, c *Config) {
			c.Settings.PlaceholderHosts = p.strs(v, "placeholderHosts")
		},
		schema: stringList,
	},
	{
		name: "apiVersion",
		doc:  "The API version to validate against when sfdx-project.json and package.xml do not say (\"64.0\").",
		parse: func(p *parser, v *yaml.Node, c *Config) {
			if v.Kind != yaml.ScalarNode || !apiVersionRE.MatchString(v.Value) {
				p.bad(v, "apiVersion must be an API version such as \"64.0\"")
				return
			}
			c.Settings.APIVersion = v.Value
		},
		schema: func() map[string]any {
			return map[string]any{"type": "string", "pattern": apiVersionRE.String()}
		},
	},
	{
		name: "externalNamedCredentials",
		doc:  "Named Credentials created in the org, not in source: callout references to them resolve (SF601).",
		parse: func(p *parser, v *yaml.Node, c *Config) {
			c.Settings.ExternalNamedCredentials = p.strs(v, "externalNamedCredentials")
		},
		schema: stringList,
	},
	{
		name: "namespaces",
		doc:  "Namespaces of installed packages (ns__ prefixes allowed in API names).",
		parse: func(p *parser, v *yaml.Node, c *Config) {
			c.Settings.Namespaces = p.strs(v, "namespaces")
		},
		schema: stringList,
	},
}

func lookupKey(name string) *key {
	for i := range keys {
		if keys[i].name == name {
			return &keys[i]
		}
	}
	return nil
}

func keyNames() []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k.name
	}
	return out
}

func stringList() map[string]any {
	return map[string]any{"type": "array", "items": map[string]any{"type": "string", "minLength": 1}}
}

// ruleNameSchema accepts what rules.Lookup accepts: a rule's name, or its
// code in any case (SF205, sf205).
func ruleNameSchema() map[string]any {
	var names, codes []string
	for _, r := range rules.All() {
		names = append(names, r.Name)
		codes = append(codes, strings.TrimPrefix(r.Code, "SF"))
	}
	return map[string]any{"anyOf": []any{
		map[string]any{"enum": names},
		map[string]any{"pattern": "^[Ss][Ff](" + strings.Join(codes, "|") + ")$"},
	}}
}

// JSONSchema returns the JSON Schema of .sfcheck.yaml
// (docs/sfcheck.schema.json), generated from keys and the rule registry.
func JSONSchema() []byte {
	props := map[string]any{}
	for _, k := range keys {
		s := k.schema()
		s["description"] = k.doc
		props[k.name] = s
	}
	schema := map[string]any{
		"$schema":              "https://json-schema.org/draft/2020-12/schema",
		"$id":                  "https://github.com/sfcheck/sfcheck/docs/sfcheck.schema.json",
		"title":                "sfcheck configuration (.sfcheck.yaml)",
		"type":                 "object",
		"additionalProperties": false,
		"properties":           props,
	}
	out, _ := json.MarshalIndent(schema, "", "  ")
	return append(out, '\n')
}
