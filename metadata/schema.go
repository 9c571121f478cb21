package metadata

import (
	"slices"
	"sort"
)

// The schema of every covered type, as data: one table per complex type
// listing its elements, what each holds, and whether it is required,
// repeated, or removed from the API. The tables are generated from the
// Metadata API WSDLs of every version (schema_gen.go, by
// internal/schemagen, whose overlay.go holds what the WSDLs do not say);
// the enumerations below add the values only the documentation lists.

// ValueKind is what an element holds.
type ValueKind int

// Value kinds.
const (
	String  ValueKind = iota
	Boolean           // true or false
	Int               // xsd:int
	Enum              // one of Element.Enum
	Complex           // child elements, described by Element.Type
	Opaque            // child elements sfcheck does not look into
)

// Element describes one child element of a complex type.
type Element struct {
	Name     string
	Kind     ValueKind
	Enum     string       // enum name (Kind Enum)
	Type     *ComplexType // Kind Complex
	Required bool         // minOccurs 1: absent or empty is an error
	Repeated bool         // maxOccurs unbounded
	Removed  string       // API version that removed it ("58.0"), "" if current
	DocOnly  string       // API version that added it, when the oldest WSDL lacks it (from the generated versions)
	place    int          // index in its type's Elements
}

// ComplexType is a metadata type or one of its parts.
type ComplexType struct {
	Name     string
	Elements []Element
	// Open types only check the elements they list: PermissionSet has
	// dozens of parts that have nothing to do with OAuth.
	Open   bool
	byName map[string]*Element
	slots  [128]*Element // by slotHash of the name, first come: about four times the most elements a type has (34); names that share a slot are found in byName
}

// Lookup finds a child element by name.
func (t *ComplexType) Lookup(name string) *Element {
	// the slot table first: a tag is nearly always one of the type's, with
	// the schema's own string (the scanner interns element names)
	if name != "" {
		if e := t.slots[slotHash(name)&(len(t.slots)-1)]; e != nil && e.Name == name {
			return e
		}
	}
	return t.byName[name]
}

// Names lists the names of the elements the API still has, sorted: what
// a misspelt element may have meant.
func (t *ComplexType) Names() []string {
	out := make([]string, 0, len(t.Elements))
	for _, e := range t.Elements {
		if e.Removed == "" {
			out = append(out, e.Name)
		}
	}
	sort.Strings(out)
	return out
}

// Enums are the enumerations, by WSDL name: the values of the newest WSDL
// (enumValues, generated), then the documented ones below (set at init).
var Enums = map[string][]string{}

// documentedValues are the values no WSDL lists, from the sources
// metadata-reference.md cites: the value lists the documentation gives
// for elements the WSDL types as plain strings, and scope names that the
// documentation or real retrieved files use.
var documentedValues = map[string][]string{
	// ECA OAuth policies (metadata-reference.md, ExtlClntAppOauthConfigurablePolicies)
	"IpRelaxationPolicyType":   {"Enforce", "Bypass", "Bypass_2factor", "Enforce_RelaxRefresh"},
	"RefreshTokenValidityUnit": {"Days", "Hours", "Months"},
	// Connected App OAuth policy (metadata-reference.md, ConnectedAppOauthPolicy)
	"ConnectedAppIpRelaxation": {"ENFORCE", "BYPASS_2FACTOR", "BYPASS", "ENFORCE_RELAXREFRESH"},
	// SFApiPlatform: the v66 documentation's ECA scope list; DataCloudUserClaims:
	// real retrieved ECAs use it, no WSDL or documentation lists it yet
	"ConnectedAppOauthAccessScope": {"SFApiPlatform", "DataCloudUserClaims"},
}

func init() {
	for enum, values := range enumValues {
		Enums[enum] = append([]string(nil), values...)
	}
	for enum, values := range documentedValues {
		for _, v := range values {
			if !slices.Contains(Enums[enum], v) {
				Enums[enum] = append(Enums[enum], v)
			}
		}
	}
}

func str(name string) Element        { return Element{Name: name, Kind: String} }
func boolean(name string) Element    { return Element{Name: name, Kind: Boolean} }
func integer(name string) Element    { return Element{Name: name, Kind: Int} }
func enum(name, enum string) Element { return Element{Name: name, Kind: Enum, Enum: enum} }
func opaque(name string) Element     { return Element{Name: name, Kind: Opaque} }
func complexEl(name string, t *ComplexType) Element {
	return Element{Name: name, Kind: Complex, Type: t}
}
func req(e Element) Element { e.Required = true; return e }
func rep(e Element) Element { e.Repeated = true; return e }

// removedIn marks an element the WSDL of that API version no longer has.
func removedIn(e Element, v string) Element { e.Removed = v; return e }

func complexType(name string, els ...Element) *ComplexType {
	// every metadata type and part may carry fullName (from Metadata)
	if len(els) > 64 {
		panic("metadata: " + name + " has more than 64 elements; the validator keeps one bit per element")
	}
	t := &ComplexType{Name: name, Elements: els, byName: map[string]*Element{}}
	for i := range t.Elements {
		e := &t.Elements[i]
		e.place = i
		t.byName[e.Name] = e
		if slot := &t.slots[slotHash(e.Name)&(len(t.slots)-1)]; *slot == nil {
			*slot = e
		}
	}
	return t
}

func metadataType(name string, els ...Element) *ComplexType {
	return complexType(name, append([]Element{str("fullName")}, els...)...)
}

// CoveredTypes calls fn once for every complex type of the schema, the
// kinds' root types and every type inside them.
func CoveredTypes(fn func(t *ComplexType)) {
	seen := map[*ComplexType]bool{}
	var visit func(t *ComplexType)
	visit = func(t *ComplexType) {
		if seen[t] {
			return
		}
		seen[t] = true
		fn(t)
		for _, e := range t.Elements {
			if e.Type != nil {
				visit(e.Type)
			}
		}
	}
	for _, k := range AllKinds() {
		if s := Schema(k); s != nil {
			visit(s)
		}
	}
}

// HasRemoved reports whether the type, or a type inside it, has an element
// removed from the API.
func (t *ComplexType) HasRemoved() bool {
	for _, v := range elementVersions[t.Name] {
		if v.Removed != "" {
			return true // one the schema does not model (validator.otherVersion)
		}
	}
	for _, e := range t.Elements {
		if e.Removed != "" || (e.Type != nil && e.Type.HasRemoved()) {
			return true
		}
	}
	return false
}
