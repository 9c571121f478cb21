package main

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/sfcheck/sfcheck/config"
	"gopkg.in/yaml.v3"
)

// TestConfigSchema keeps docs/sfcheck.schema.json in step with the
// registry, and checks that the example config validates against it and
// loads.
func TestConfigSchema(t *testing.T) {
	const path = "../../docs/sfcheck.schema.json"
	want := config.JSONSchema()
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
	if _, err := config.Parse("example.sfcheck.yaml", example); err != nil {
		t.Errorf("the example config does not load: %v", err)
	}
	// and a wrong config does not validate
	for _, bad := range []string{`{"rules": {"SF999": "loud"}}`, `{"exlude": []}`, `{"rules": {"SF205": "loud"}}`, `{"rules": {"sf999": "off"}}`, `{"rules": {"Cc-Callback-Not-Blank": "off"}}`} {
		inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(bad)))
		if sch.Validate(inst) == nil {
			t.Errorf("a wrong config validates: %s", bad)
		}
	}
	// what sfcheck accepts, the schema accepts: codes in any case, names
	for _, good := range []string{`{"rules": {"sf205": "off", "sF102": "warning", "cc-callback-not-blank": "off"}}`} {
		inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(good)))
		if err := sch.Validate(inst); err != nil {
			t.Errorf("a config sfcheck accepts does not validate: %s: %v", good, err)
		}
		var m map[string]any
		_ = json.Unmarshal([]byte(good), &m)
		y, _ := yaml.Marshal(m)
		if _, err := config.Parse("good.yaml", y); err != nil {
			t.Errorf("sfcheck rejects %s: %v", good, err)
		}
	}
}
