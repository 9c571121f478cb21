package main

import (
	"encoding/json"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/sfcheck/sfcheck"

// layers orders the packages of sfcheck: a package imports only packages
// of lower layers, so data flows one way (walk -> parse -> model -> index
// -> rules -> driver -> report) and nothing below knows what is above it.
var layers = map[string]int{
	"metadata":                    0, // files, parsing, models, the index
	"rules":                       1, // the rule API, registry and rule files
	"config":                      2, // .sfcheck.yaml
	"baseline":                    2, // accepted findings
	"rules/report":                2, // report formats and rule docs
	"engine":                      3, // runs rules over a project
	"rules/ruletest":              4, // fixture harness for tests
	"cmd/sfcheck":                 5, // flags, exit codes, git
	"packaging/release":           5, // builds release archives (a tool, imports nothing of sfcheck)
	"metadata/internal/schemagen": 5, // go generate: schema_gen.go and versions_gen.go from the WSDLs (imports nothing of sfcheck)
}

// forbidden are imports a package must not have: rules only read the
// index, so they cannot open files, run programs or reach the network.
var forbidden = map[string][]string{
	"rules": {"os", "os/exec", "syscall", "io/fs", "io/ioutil", "net", "net/http", "path/filepath", "unsafe",
		"golang.org/x/sys/unix", "gopkg.in/yaml.v3", "github.com/go-git/go-git/v5"},
	"rules/report": {"os", "os/exec", "syscall", "net", "net/http"},
	"config":       {"os/exec", "syscall", "net", "net/http"},
	"baseline":     {"os/exec", "syscall", "net", "net/http"},
	"engine":       {"os/exec", "net", "net/http"},
}

// allowed lists, for the packages whose job is narrow, every import they
// may have besides the standard library's (and forbidden above still
// applies to the standard library).
var allowed = map[string][]string{
	"metadata": {"github.com/beevik/etree", "golang.org/x/sys/unix", "github.com/go-git/go-git/v5/plumbing/format/gitignore"},
	"rules":    {module + "/metadata"},
}

// TestImportDirection fails when a package imports against the layering,
// or imports what its job does not allow.
func TestImportDirection(t *testing.T) {
	cmd := exec.Command("go", "list", "-json", module+"/...")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	seen := 0
	for {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
		layer, ok := layers[name]
		if !ok {
			t.Errorf("package %s has no layer: add it to layers in layout_test.go and to README's Architecture", p.ImportPath)
			continue
		}
		seen++
		for _, imp := range p.Imports {
			if dep, ok := strings.CutPrefix(imp, module+"/"); ok {
				if dl, known := layers[dep]; known && dl >= layer {
					t.Errorf("%s (layer %d) imports %s (layer %d): imports must point down", name, layer, dep, dl)
				}
			}
			if list, narrow := allowed[name]; narrow && !isStd(imp) && !slices.Contains(list, imp) {
				t.Errorf("%s imports %s: it may import only the standard library and %v", name, imp, list)
			}
			for _, bad := range forbidden[name] {
				if imp == bad || (strings.Contains(bad, ".") && strings.HasPrefix(imp, bad+"/")) {
					t.Errorf("%s imports %s, which its job does not allow", name, imp)
				}
			}
		}
	}
	if seen != len(layers) {
		t.Errorf("found %d of the %d packages in layers", seen, len(layers))
	}
}

// isStd reports whether an import path is of the standard library (its
// first element has no dot).
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}
