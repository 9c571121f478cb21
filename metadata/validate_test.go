package metadata

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// TestProblemPaths: a schema problem names its element by a path that
// holds without line numbers (baselines and SARIF fingerprints use it): a
// repeated element is keyed by its key child's text, or by its place when
// it has none, and the key of an element holds for problems below it.
func TestProblemPaths(t *testing.T) {
	const xc = `<?xml version="1.0" encoding="UTF-8"?>
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Oauth</authenticationProtocol>
    <externalCredentialParameters>
        <parameterName>Scope</parameterName>
        <parameterType>Sideways</parameterType>
    </externalCredentialParameters>
    <externalCredentialParameters>
        <bogus>x</bogus>
        <parameterType>AuthProviderUrl</parameterType>
    </externalCredentialParameters>
    <externalCredentialParameters>
        <parameterName>Codes</parameterName>
        <parameterType>AdditionalRefreshStatusCode</parameterType>
        <parameterValue>4O1</parameterValue>
        <sequenceNumber></sequenceNumber>
    </externalCredentialParameters>
    <label>X</label>
    <label>Y</label>
</ExternalCredential>
`
	doc, perr := Parse("X.externalCredential-meta.xml", []byte(xc), DefaultLimits)
	if perr != nil {
		t.Fatal(perr)
	}
	problems, more := Validate(doc, KindExternalCredential, "")
	var got []string
	for _, p := range problems {
		got = append(got, fmt.Sprintf("%v %d:%d %s", p.Kind, p.Node.Line, p.Node.Col, p.Node.Path()))
	}
	want := []string{
		fmt.Sprintf("%v 6:24 externalCredentialParameters[Scope]/parameterType", InvalidValue),
		fmt.Sprintf("%v 9:9 externalCredentialParameters[2]/bogus", UnknownElement),
		fmt.Sprintf("%v 8:5 externalCredentialParameters[2]", MissingElement),
		fmt.Sprintf("%v 16:9 externalCredentialParameters[Codes]/sequenceNumber", InvalidValue),
		fmt.Sprintf("%v 15:25 externalCredentialParameters[Codes]/parameterValue", InvalidValue),
		fmt.Sprintf("%v 19:5 label", DuplicateElement),
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") || more != 0 {
		t.Errorf("problems (more %d):\n%s\nwant:\n%s", more, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestVersionNumber: the shortcut for "NN.N" reads every such version as
// strconv.ParseFloat does.
func TestVersionNumber(t *testing.T) {
	for i := 0; i < 1000; i++ {
		v := fmt.Sprintf("%02d.%d", i/10, i%10)
		want, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Fatal(err)
		}
		if got := versionNumber(v); got != want {
			t.Errorf("versionNumber(%q) = %v, want %v", v, got, want)
		}
	}
	if versionNumber(" 63.0 ") != 63 || versionNumber("63") != 63 || versionNumber("x") != 0 {
		t.Error("versions in other forms are read by strconv")
	}
}

// TestLookup: the slot table finds what the map finds, for every element
// of every type and for every name of the other types (a tag that is not
// the type's, in a slot one of its elements holds).
func TestLookup(t *testing.T) {
	var all []string
	CoveredTypes(func(ct *ComplexType) {
		for _, e := range ct.Elements {
			all = append(all, e.Name)
		}
	})
	types := 0
	CoveredTypes(func(ct *ComplexType) {
		types++
		for i := range ct.Elements {
			if got := ct.Lookup(ct.Elements[i].Name); got != &ct.Elements[i] {
				t.Errorf("%s.Lookup(%q) = %v", ct.Name, ct.Elements[i].Name, got)
			}
		}
		for _, n := range append(all, "", "x", "fullNamе") {
			if got, want := ct.Lookup(n), ct.byName[n]; got != want {
				t.Errorf("%s.Lookup(%q) = %v, want %v", ct.Name, n, got, want)
			}
		}
	})
	if types < 10 || len(all) < 100 {
		t.Fatalf("only %d types, %d names", types, len(all))
	}
}

// TestStructInfoField: the decoder's slot table finds the field the map
// finds, for every tag of every model and for the tags of the others.
func TestStructInfoField(t *testing.T) {
	var infos []*structInfo
	var tags []string
	infoCache.Range(func(_, v any) bool {
		si := v.(*structInfo)
		infos = append(infos, si)
		for _, f := range si.fields {
			tags = append(tags, f.tag)
		}
		return true
	})
	if len(infos) < 8 || len(tags) < 50 {
		t.Fatalf("only %d models, %d tags", len(infos), len(tags))
	}
	for _, si := range infos {
		for _, n := range append(tags, "", "x") {
			got, gotOK := si.field(n)
			want, wantOK := si.byTag[n]
			if got != want || gotOK != wantOK {
				t.Errorf("field(%q) = %v %v, want %v %v", n, got, gotOK, want, wantOK)
			}
		}
	}
}
