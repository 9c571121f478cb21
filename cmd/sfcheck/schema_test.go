package main

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/sfcheck/sfcheck/rules"
	"gopkg.in/yaml.v3"
)

// configSchema is the JSON Schema of .sfcheck.yaml, generated from the
// rule registry so editors offer every rule code and name.
func configSchema() []byte {
	var names []string
	for _, r := range rules.All() {
		names = append(names, r.Code, r.Name)
	}
	globs := map[string]any{"type": "array", "items": map[string]any{"type": "string", "minLength": 1}}
	strs := map[string]any{"type": "array", "items": map[string]any{"type": "string", "minLength": 1}}
	schema := map[string]any{
		"$schema":              "https://json-schema.org/draft/2020-12/schema",
		"$id":                  "https://github.com/sfcheck/sfcheck/docs/sfcheck.schema.json",
		"title":                "sfcheck configuration (.sfcheck.yaml)",
		"type":                 "object",
		"additionalProperties": false,
		"properties": map[string]any{
			"rules": map[string]any{
				"description":          "Severity by rule code or name.",
				"type":                 "object",
				"propertyNames":        map[string]any{"enum": names},
				"additionalProperties": map[string]any{"enum": []string{"off", "error", "warning", "note"}},
			},
			"exclude": merge(globs, "Globs, relative to the config file, of files whose findings are not reported."),
			"ruleExclude": map[string]any{
				"description":          "Globs of files excluded for one rule.",
				"type":                 "object",
				"propertyNames":        map[string]any{"enum": names},
				"additionalProperties": globs,
			},
			"clientCredentialsApps": merge(strs, "Apps to treat as client-credentials apps."),
			"myDomain": map[string]any{
				"description": "The org's My Domain name; Salesforce token and Named Credential URLs must use it.",
				"type":        "string",
				"pattern":     "^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$",
			},
			"placeholderHosts": merge(strs, "Extra hosts a callback URL may use as a placeholder."),
			"namespaces":       merge(strs, "Namespaces of installed packages (ns__ prefixes allowed in API names)."),
		},
	}
	out, _ := json.MarshalIndent(schema, "", "  ")
	return append(out, '\n')
}

func merge(m map[string]any, desc string) map[string]any {
	out := map[string]any{"description": desc}
	for k, v := range m {
		out[k] = v
	}
	return out
}

// TestConfigSchema keeps docs/sfcheck.schema.json in step with the
// registry, and checks that the example config validates against it and
// loads.
func TestConfigSchema(t *testing.T) {
	const path = "../../docs/sfcheck.schema.json"
	want := configSchema()
	if *update {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("docs/sfcheck.schema.json is stale: run go test ./cmd/... -update")
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sfcheck.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sfcheck.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile("../../docs/example.sfcheck.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := yaml.Unmarshal(example, &v); err != nil {
		t.Fatal(err)
	}
	js, _ := json.Marshal(v)
	inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(js))
	if err := sch.Validate(inst); err != nil {
		t.Errorf("the example config does not validate: %v", err)
	}
	if _, err := rules.ParseConfig("example.sfcheck.yaml", example); err != nil {
		t.Errorf("the example config does not load: %v", err)
	}
	// and a wrong config does not validate
	bad, _ := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(`{"rules": {"SF999": "loud"}, "exlude": []}`)))
	if sch.Validate(bad) == nil {
		t.Error("a config with an unknown rule and key validates")
	}
}
