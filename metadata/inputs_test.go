package metadata

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// input is a metadata file the tests read: from a rule fixture or the real
// corpus.
type input struct {
	name string
	data []byte
}

// testInputs returns every metadata file of the rule fixtures
// (testdata/rules/*/*.txtar) and of the real corpus in ../shared.
func testInputs(tb testing.TB) []input {
	tb.Helper()
	var out []input
	cases, _ := filepath.Glob("../testdata/rules/*/*.txtar")
	for _, p := range cases {
		a, err := txtar.ParseFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		for _, f := range a.Files {
			if k, _ := ClassifyName(filepath.Base(f.Name)); k != KindUnknown {
				out = append(out, input{p + ":" + f.Name, f.Data})
			}
		}
	}
	real, _ := filepath.Glob("../../shared/corpus/real/*/force-app/main/default/*/*")
	for _, p := range real {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, input{p, data})
	}
	return out
}

// renderModel prints a decoded model with every value and its place, so
// two decodes can be compared.
func renderModel(m Model) string {
	var b strings.Builder
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		switch {
		case v.Type() == reflect.TypeOf(Value{}):
			val := v.Interface().(Value)
			n := val.Node()
			b.WriteString(path + " = " + val.Text + " @" + n.Pos.String() + " " + n.Path() + "\n")
		case v.Type() == reflect.TypeOf(&Anchor{}):
			if !v.IsNil() {
				n := v.Interface().(*Anchor).Node()
				b.WriteString(path + " @" + n.Pos.String() + " " + n.Path() + "\n")
			}
		case v.Kind() == reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), path)
			}
		case v.Kind() == reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i), path+"[]")
			}
		case v.Kind() == reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i), path+"."+v.Type().Field(i).Name)
				}
			}
		case v.Kind() == reflect.String:
			b.WriteString(path + " = " + v.String() + "\n")
		}
	}
	walk(reflect.ValueOf(m), "")
	return b.String()
}
