package metadata

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// wsdlType is one complexType or simpleType of the WSDL in Appendix A of
// metadata-reference.md.
type wsdlElement struct {
	name, typ          string
	required, repeated bool
}

func readWSDL(t *testing.T) (complexes, extra map[string][]wsdlElement, enums map[string][]string) {
	t.Helper()
	data, err := os.ReadFile("../../shared/spec/metadata-reference.md")
	if err != nil {
		t.Fatalf("metadata-reference.md is missing (%v): the shared folder must be beside the clone, as ../shared", err)
	}
	appendix := string(data)[strings.Index(string(data), "## Appendix A"):]
	complexes = map[string][]wsdlElement{}
	extra = map[string][]wsdlElement{}
	enums = map[string][]string{}
	blockRE := regexp.MustCompile("(?s)```xml\n(.*?)```")
	nameRE := regexp.MustCompile(`<xsd:(complexType|simpleType) name="(\w+)"`)
	elRE := regexp.MustCompile(`<xsd:element name="(\w+)"([^/]*)/>`)
	typeRE := regexp.MustCompile(`type="(?:tns:|xsd:)?(\w+)"`)
	enumRE := regexp.MustCompile(`enumeration value="([^"]*)"`)
	for _, m := range blockRE.FindAllStringSubmatch(appendix, -1) {
		n := nameRE.FindStringSubmatch(m[1])
		if n == nil {
			continue
		}
		if n[1] == "simpleType" {
			for _, v := range enumRE.FindAllStringSubmatch(m[1], -1) {
				enums[n[2]] = append(enums[n[2]], v[1])
			}
			continue
		}
		var els []wsdlElement
		if strings.Contains(m[1], `extension base="tns:Metadata"`) {
			els = append(els, wsdlElement{name: "fullName", typ: "string"}) // inherited from Metadata
		}
		for _, e := range elRE.FindAllStringSubmatch(m[1], -1) {
			els = append(els, wsdlElement{
				name: e[1], typ: typeRE.FindStringSubmatch(e[2])[1],
				required: !strings.Contains(e[2], `minOccurs="0"`), repeated: strings.Contains(e[2], "unbounded"),
			})
		}
		complexes[n[2]] = els
	}
	// types the appendix does not quote, and the elements it leaves out of
	// those it quotes, come from the newest WSDL itself
	wsdl, err := os.ReadFile("../../shared/spec/wsdl/metadata-v66.0.wsdl")
	if err != nil {
		t.Fatalf("the v66 WSDL is missing (%v): the shared folder must be beside the clone, as ../shared", err)
	}
	typeBlockRE := regexp.MustCompile(`(?s)<xsd:complexType name="(\w+)">(.*?)</xsd:complexType>`)
	for _, m := range typeBlockRE.FindAllStringSubmatch(string(wsdl), -1) {
		var els []wsdlElement
		if strings.Contains(m[2], `extension base="tns:Metadata"`) {
			els = append(els, wsdlElement{name: "fullName", typ: "string"})
		}
		for _, e := range elRE.FindAllStringSubmatch(m[2], -1) {
			els = append(els, wsdlElement{
				name: e[1], typ: typeRE.FindStringSubmatch(e[2])[1],
				required: !strings.Contains(e[2], `minOccurs="0"`), repeated: strings.Contains(e[2], "unbounded"),
			})
		}
		extra[m[1]] = els
	}
	if len(complexes) < 25 || len(enums) < 15 {
		t.Fatalf("read only %d complex types and %d enums from the WSDL appendix", len(complexes), len(enums))
	}
	return complexes, extra, enums
}

// TestSchemaMatchesWSDL checks every covered type against the WSDL: each
// WSDL element is in the schema with the same kind, required and repeated
// flags; each schema element is in the WSDL unless it is marked as newer
// documentation or removed; each WSDL enum value is accepted.
func TestSchemaMatchesWSDL(t *testing.T) {
	complexes, extra, enums := readWSDL(t)
	checked := map[string]bool{}
	var check func(ct *ComplexType)
	check = func(ct *ComplexType) {
		if checked[ct.Name] {
			return
		}
		checked[ct.Name] = true
		wsdl, ok := complexes[ct.Name]
		if !ok {
			wsdl, ok = extra[ct.Name] // a type the appendix does not quote
		}
		if !ok {
			t.Errorf("%s is not in the WSDL appendix", ct.Name)
			return
		}
		inWSDL := map[string]bool{}
		for _, w := range wsdl {
			inWSDL[w.name] = true
			e := ct.Lookup(w.name)
			if e == nil {
				if !ct.Open {
					t.Errorf("%s.%s (WSDL %s) is not in the schema", ct.Name, w.name, w.typ)
				}
				continue
			}
			if e.Required != w.required || e.Repeated != w.repeated {
				t.Errorf("%s.%s: required=%v repeated=%v, WSDL says %v %v", ct.Name, w.name, e.Required, e.Repeated, w.required, w.repeated)
			}
			switch {
			case w.typ == "boolean":
				if e.Kind != Boolean {
					t.Errorf("%s.%s is a WSDL boolean", ct.Name, w.name)
				}
			case w.typ == "int":
				if e.Kind != Int {
					t.Errorf("%s.%s is a WSDL int", ct.Name, w.name)
				}
			case w.typ == "string":
				// documented value lists of WSDL strings are checked as enums
				if e.Kind != String && e.Kind != Enum {
					t.Errorf("%s.%s is a WSDL string", ct.Name, w.name)
				}
			case enums[w.typ] != nil:
				if e.Kind != Enum || e.Enum != w.typ {
					t.Errorf("%s.%s is the WSDL enum %s", ct.Name, w.name, w.typ)
				}
				for _, v := range enums[w.typ] {
					if !contains(Enums[w.typ], v) {
						t.Errorf("enum %s lacks the WSDL value %s", w.typ, v)
					}
				}
			case complexes[w.typ] != nil:
				if e.Kind != Complex || e.Type.Name != w.typ {
					t.Errorf("%s.%s is the WSDL type %s", ct.Name, w.name, w.typ)
				} else {
					check(e.Type)
				}
			case extra[w.typ] != nil && e.Kind == Complex: // a WSDL type the appendix does not quote, modelled
				if e.Type.Name != w.typ {
					t.Errorf("%s.%s is the WSDL type %s", ct.Name, w.name, w.typ)
				} else {
					check(e.Type)
				}
			default: // a type the appendix does not define: not looked into
				if e.Kind != Opaque {
					t.Errorf("%s.%s has WSDL type %s, which is not in the appendix: it should be Opaque", ct.Name, w.name, w.typ)
				}
			}
		}
		for _, w := range extra[ct.Name] { // the appendix quotes some types in part
			inWSDL[w.name] = true
		}
		for _, e := range ct.Elements {
			if !inWSDL[e.Name] && e.DocOnly == "" && e.Removed == "" {
				t.Errorf("%s.%s is not in the WSDL and not marked as newer documentation", ct.Name, e.Name)
			}
		}
	}
	for _, k := range AllKinds() {
		if s := Schema(k); s != nil {
			check(s)
		}
	}
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// TestMarkersAgreeWithWSDLs: the schema's removed markers (written by the
// generator from each type's elements in each WSDL) and the version table
// (written from the element names of each WSDL) are two readings of the
// same WSDLs, and must agree.
func TestMarkersAgreeWithWSDLs(t *testing.T) {
	checked := 0
	CoveredTypes(func(ct *ComplexType) {
		for _, e := range ct.Elements {
			v, ok := elementVersions[ct.Name][e.Name]
			if !ok {
				continue
			}
			checked++
			if v.Added != "" && e.DocOnly != v.Added {
				t.Errorf("%s.%s: the schema says added in %q, the WSDLs in %s", ct.Name, e.Name, e.DocOnly, v.Added)
			}
			if v.Removed != "" && e.Removed != v.Removed {
				t.Errorf("%s.%s: the schema says removed in %q, the WSDLs in %s", ct.Name, e.Name, e.Removed, v.Removed)
			}
			if v.Added == "" && e.DocOnly != "" {
				t.Errorf("%s.%s: the schema says added in %s, but the oldest WSDL (%s) has it", ct.Name, e.Name, e.DocOnly, oldestWSDL)
			}
		}
	})
	if checked < 50 {
		t.Fatalf("only %d schema elements have versions from the WSDLs", checked)
	}
}

// TestSchemaHasEveryWSDLElement: the reference's appendix quotes some types
// in part, so every element the newest WSDL gives a covered, closed type
// must be in the schema too, or a valid file gets a false SF003.
func TestSchemaHasEveryWSDLElement(t *testing.T) {
	_, wsdl, _ := readWSDL(t) // every type of the v66 WSDL, whole
	checked := 0
	CoveredTypes(func(ct *ComplexType) {
		for _, w := range wsdl[ct.Name] {
			checked++
			if ct.Lookup(w.name) == nil && !ct.Open {
				t.Errorf("%s.%s is in the v66 WSDL but not in the schema", ct.Name, w.name)
			}
		}
	})
	if checked < 200 {
		t.Fatalf("only %d WSDL elements checked", checked)
	}
}
