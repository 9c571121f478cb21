// Command schemagen writes, from Salesforce's Metadata API WSDLs of every
// version in a folder, two files of package metadata:
//
//   - schema_gen.go: the shape of every type sfcheck covers (its elements,
//     what each holds, whether it is required or repeated, and for an
//     element that an older WSDL had and the newest lacks, when it went);
//
//   - versions_gen.go: for every element and enumeration value of those
//     types, the version that added it and the one that removed it.
//
//     go run ./metadata/internal/schemagen -wsdl ../shared/spec/wsdl -o metadata
//
// What the WSDLs do not say is in overlay.go, each entry with its reason.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

func main() {
	dir := flag.String("wsdl", "../shared/spec/wsdl", "folder of metadata-vNN.0.wsdl files")
	out := flag.String("o", "metadata", "folder to write schema_gen.go and versions_gen.go in")
	flag.Parse()
	files, err := generate(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "schemagen:", err)
		os.Exit(1)
	}
	for _, name := range sortedKeys(files) {
		if err := os.WriteFile(filepath.Join(*out, name), files[name], 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "schemagen:", err)
			os.Exit(1)
		}
	}
}

var (
	fileVersion = regexp.MustCompile(`^metadata-v(\d+)\.0\.wsdl$`)
	complexRE   = regexp.MustCompile(`(?s)<xsd:complexType name="(\w+)">(.*?)</xsd:complexType>`)
	simpleRE    = regexp.MustCompile(`(?s)<xsd:simpleType name="(\w+)">(.*?)</xsd:simpleType>`)
	elementRE   = regexp.MustCompile(`<xsd:element ([^>]*?)/?>`)
	attrRE      = regexp.MustCompile(`(\w+)="([^"]*)"`)
	valueRE     = regexp.MustCompile(`enumeration value="([^"]*)"`)
)

// element is one element of a WSDL complex type.
type element struct {
	name, typ          string // typ without its prefix: string, boolean, NamedCredentialParameter
	required, repeated bool
}

// complexType is a WSDL complex type: its elements in the WSDL's order,
// and whether it extends Metadata (and so carries fullName).
type complexType struct {
	metadata bool
	elements []element
}

// wsdl is what one version's WSDL defines.
type wsdl struct {
	version  int
	complex  map[string]complexType
	enums    map[string][]string // simple type -> its values, in order
	elements map[string]map[string]bool
	values   map[string]map[string]bool
}

func read(path string, version int) (wsdl, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return wsdl{}, err
	}
	w := wsdl{version: version, complex: map[string]complexType{}, enums: map[string][]string{},
		elements: map[string]map[string]bool{}, values: map[string]map[string]bool{}}
	for _, m := range complexRE.FindAllStringSubmatch(string(data), -1) {
		ct := complexType{metadata: strings.Contains(m[2], `extension base="tns:Metadata"`)}
		names := map[string]bool{}
		for _, e := range elementRE.FindAllStringSubmatch(m[2], -1) {
			attrs := map[string]string{}
			for _, a := range attrRE.FindAllStringSubmatch(e[1], -1) {
				attrs[a[1]] = a[2]
			}
			typ := attrs["type"]
			if i := strings.IndexByte(typ, ':'); i >= 0 {
				typ = typ[i+1:]
			}
			ct.elements = append(ct.elements, element{name: attrs["name"], typ: typ,
				required: attrs["minOccurs"] != "0", repeated: attrs["maxOccurs"] == "unbounded"})
			names[attrs["name"]] = true
		}
		w.complex[m[1]] = ct
		w.elements[m[1]] = names
	}
	for _, m := range simpleRE.FindAllStringSubmatch(string(data), -1) {
		vals := map[string]bool{}
		for _, v := range valueRE.FindAllStringSubmatch(m[2], -1) {
			w.enums[m[1]] = append(w.enums[m[1]], v[1])
			vals[v[1]] = true
		}
		if len(vals) > 0 {
			w.values[m[1]] = vals
		}
	}
	return w, nil
}

func generate(dir string) (map[string][]byte, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var all []wsdl
	for _, e := range entries {
		m := fileVersion.FindStringSubmatch(e.Name())
		if m == nil {
			continue
		}
		v, _ := strconv.Atoi(m[1])
		w, err := read(filepath.Join(dir, e.Name()), v)
		if err != nil {
			return nil, err
		}
		all = append(all, w)
	}
	if len(all) < 2 {
		return nil, fmt.Errorf("%s: fewer than two metadata-vNN.0.wsdl files", dir)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].version < all[j].version })
	s, err := shape(all)
	if err != nil {
		return nil, err
	}
	schema, err := writeSchema(all, s)
	if err != nil {
		return nil, err
	}
	versions, err := writeVersions(all, s)
	if err != nil {
		return nil, err
	}
	return map[string][]byte{"schema_gen.go": schema, "versions_gen.go": versions}, nil
}

// genElement is an element of the generated schema.
type genElement struct {
	element
	kind    string // String, Boolean, Int, Enum, Complex, Opaque
	removed string // the version whose WSDL no longer has it
}

// schemaShape is the covered types, each with its elements, and the
// enumerations they use.
type schemaShape struct {
	types map[string][]genElement
	open  map[string]bool
	meta  map[string]bool
	enums map[string]bool
	order []string // types in the order they were reached
}

// shape walks the covered types from the roots, in the newest WSDL, adding
// the elements older WSDLs had and the newest lacks.
func shape(all []wsdl) (*schemaShape, error) {
	newest := all[len(all)-1]
	s := &schemaShape{types: map[string][]genElement{}, open: map[string]bool{}, meta: map[string]bool{}, enums: map[string]bool{}}
	var visit func(name string, plainEnums bool) error
	visit = func(name string, plainEnums bool) error {
		if _, done := s.types[name]; done {
			return nil
		}
		ct, ok := newest.complex[name]
		if !ok {
			return fmt.Errorf("type %s is not in the v%d.0 WSDL", name, newest.version)
		}
		s.types[name] = nil // reached: a cycle ends here
		s.order = append(s.order, name)
		s.meta[name] = ct.metadata
		els := ct.elements
		// elements an older WSDL had: kept, with the version that dropped them
		removedIn := map[string]string{}
		for i := len(all) - 2; i >= 0; i-- {
			old, ok := all[i].complex[name]
			if !ok {
				continue
			}
			for _, e := range old.elements {
				if !has(els, e.name) {
					els = append(els, e)
					removedIn[e.name] = fmt.Sprintf("%d.0", all[i+1].version)
				}
			}
		}
		sort.SliceStable(els, func(i, j int) bool { return els[i].name < els[j].name })
		kept, isOpen := openTypes[name]
		s.open[name] = isOpen
		var out []genElement
		for _, e := range els {
			if isOpen && !contains(kept, e.name) {
				continue
			}
			g := genElement{element: e, removed: removedIn[e.name]}
			if g.removed != "" {
				g.required = false // what a version no longer has, no version after it needs
			}
			key := name + "." + e.name
			switch {
			case opaqueElements[key] != "":
				g.kind = "Opaque"
			case g.removed != "" && e.typ != "string" && e.typ != "boolean" && e.typ != "int":
				g.kind = "Opaque" // gone with the element: nothing to check it against
			case documentedEnums[key] != "" && e.typ == "string":
				g.kind, g.typ = "Enum", documentedEnums[key]
			case e.typ == "string":
				g.kind = "String"
			case e.typ == "boolean":
				g.kind = "Boolean"
			case e.typ == "int":
				g.kind = "Int"
			case newest.enums[e.typ] != nil || oldEnum(all, e.typ):
				g.kind = "Enum"
				if plainEnums {
					g.kind = "Opaque"
				}
			case newest.complex[e.typ].elements != nil:
				g.kind = "Complex"
				if err := visit(e.typ, plainEnums); err != nil {
					return err
				}
			default:
				return fmt.Errorf("%s has WSDL type %s, which schemagen cannot model: list it in overlay.go", key, e.typ)
			}
			if g.kind == "Enum" {
				s.enums[g.typ] = true
			}
			out = append(out, g)
		}
		for key := range opaqueElements {
			if t, el, _ := strings.Cut(key, "."); t == name && !has(els, el) {
				return fmt.Errorf("overlay: %s is not in any WSDL", key)
			}
		}
		if len(out) > 64 {
			return fmt.Errorf("%s has %d elements; the validator keeps one bit per element (at most 64)", name, len(out))
		}
		s.types[name] = out
		return nil
	}
	for _, r := range roots {
		if err := visit(r.wsdl, r.enumsUnchecked); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func writeSchema(all []wsdl, s *schemaShape) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by schemagen from the Metadata API WSDLs v%d.0 to v%d.0; DO NOT EDIT.\n\n", all[0].version, all[len(all)-1].version)
	b.WriteString("package metadata\n\n")
	b.WriteString("// The covered types, as the newest WSDL defines them, with the elements\n// older WSDLs had and it lacks (marked with the version that dropped them).\nvar (\n")
	names := append([]string(nil), s.order...)
	sort.Strings(names)
	for _, name := range names {
		ctor := "complexType"
		if s.meta[name] {
			ctor = "metadataType"
		}
		fmt.Fprintf(&b, "\t%s = %s(%q,\n", goName(name), ctor, name)
		for _, e := range s.types[name] {
			var x string
			switch e.kind {
			case "String":
				x = fmt.Sprintf("str(%q)", e.name)
			case "Boolean":
				x = fmt.Sprintf("boolean(%q)", e.name)
			case "Int":
				x = fmt.Sprintf("integer(%q)", e.name)
			case "Enum":
				x = fmt.Sprintf("enum(%q, %q)", e.name, e.typ)
			case "Opaque":
				x = fmt.Sprintf("opaque(%q)", e.name)
			case "Complex":
				x = fmt.Sprintf("complexEl(%q, %s)", e.name, goName(e.typ))
			}
			if e.required {
				x = "req(" + x + ")"
			}
			if e.repeated {
				x = "rep(" + x + ")"
			}
			if e.removed != "" {
				x = fmt.Sprintf("removedIn(%s, %q)", x, e.removed)
			}
			fmt.Fprintf(&b, "\t\t%s,\n", x)
		}
		b.WriteString("\t)\n")
	}
	b.WriteString(")\n\n")
	b.WriteString("// openTypes check only the elements they list.\nfunc init() {\n")
	for _, name := range names {
		if s.open[name] {
			fmt.Fprintf(&b, "\t%s.Open = true\n", goName(name))
		}
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}

// goName is the Go variable of a type: typeNamedCredential.
func goName(wsdlType string) string { return "type" + wsdlType }

func writeVersions(all []wsdl, s *schemaShape) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by schemagen from the Metadata API WSDLs v%d.0 to v%d.0; DO NOT EDIT.\n\n", all[0].version, all[len(all)-1].version)
	b.WriteString("package metadata\n\n")
	fmt.Fprintf(&b, "// oldestWSDL is the oldest API version the versions below were read from:\n// what is in it may be older still.\nconst oldestWSDL = \"%d.0\"\n\n", all[0].version)
	b.WriteString("// elementVersions are, by type and element, the API version that added\n// it (\"\" if it is in the oldest WSDL) and the one that removed it (\"\" if\n// the newest has it), for the elements that are not in every WSDL.\n")
	b.WriteString("var elementVersions = map[string]map[string]Versions{\n")
	writeTable(&b, all, func(w wsdl) map[string]map[string]bool { return pick(w.elements, s.types) })
	b.WriteString("}\n\n")
	newest := all[len(all)-1]
	fmt.Fprintf(&b, "// enumValues are the values of each enumeration in the v%d.0 WSDL, in its order.\n", newest.version)
	b.WriteString("var enumValues = map[string][]string{\n")
	for _, e := range sortedKeys(s.enums) {
		vals := newest.enums[e]
		if len(vals) == 0 {
			continue // a documented list of a WSDL string: no WSDL values
		}
		quoted := make([]string, len(vals))
		for i, v := range vals {
			quoted[i] = strconv.Quote(v)
		}
		fmt.Fprintf(&b, "\t%q: {%s},\n", e, strings.Join(quoted, ", "))
	}
	b.WriteString("}\n\n")
	b.WriteString("// valueVersions are the same for the values of enumerations.\n")
	b.WriteString("var valueVersions = map[string]map[string]Versions{\n")
	writeTable(&b, all, func(w wsdl) map[string]map[string]bool { return pick(w.values, s.enums) })
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}

// pick keeps the entries of m whose keys are in keep.
func pick[V any](m map[string]map[string]bool, keep map[string]V) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for k, v := range m {
		if _, ok := keep[k]; ok {
			out[k] = v
		}
	}
	return out
}

// writeTable writes the entries of one table: for each type (or enum) and
// name that some WSDL lacks, when it arrived and when it left.
func writeTable(b *bytes.Buffer, all []wsdl, of func(wsdl) map[string]map[string]bool) {
	names := map[string]map[string]bool{}
	for _, w := range all {
		for t, els := range of(w) {
			if names[t] == nil {
				names[t] = map[string]bool{}
			}
			for e := range els {
				names[t][e] = true
			}
		}
	}
	for _, t := range sortedKeys(names) {
		var rows []string
		for _, e := range sortedKeys(names[t]) {
			added, removed, appeared := "", "", false
			for i, w := range all {
				has := of(w)[t][e]
				if has && !appeared {
					appeared = true // the first version that has it; a gap later does not move it
					if i > 0 {
						added = fmt.Sprintf("%d.0", w.version)
					}
				}
				if !has && i > 0 && of(all[i-1])[t][e] {
					removed = fmt.Sprintf("%d.0", w.version)
				}
				if has {
					removed = "" // back again: only the last removal counts
				}
			}
			if added != "" || removed != "" {
				rows = append(rows, fmt.Sprintf("\t\t%q: {Added: %q, Removed: %q},\n", e, added, removed))
			}
		}
		if len(rows) > 0 {
			fmt.Fprintf(b, "\t%q: {\n%s\t},\n", t, strings.Join(rows, ""))
		}
	}
}

func oldEnum(all []wsdl, name string) bool {
	for _, w := range all {
		if w.enums[name] != nil {
			return true
		}
	}
	return false
}

func has(els []element, name string) bool {
	for _, e := range els {
		if e.name == name {
			return true
		}
	}
	return false
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
