package metadata

import "slices"

//go:generate go run ./internal/versionsgen -wsdl ../../shared/spec/wsdl -o versions_gen.go

// Versions says when the Metadata API added an element or a value of an
// enumeration, and when it removed it ("" for neither: it is in every WSDL
// sfcheck was generated from).
type Versions struct {
	Added, Removed string
}

// The generated versions become the schema's markers, where the hand-written
// schema has none: an element that arrived after the oldest WSDL gets the
// version that added it, one that left, the version that removed it.
func init() {
	CoveredTypes(func(t *ComplexType) {
		for i := range t.Elements {
			e := &t.Elements[i]
			if v, ok := elementVersions[t.Name][e.Name]; ok {
				if e.DocOnly == "" {
					e.DocOnly = v.Added
				}
				if e.Removed == "" {
					e.Removed = v.Removed
				}
			}
		}
	})
	// every value the newest WSDL lists is valid, whatever the written
	// lists hold (the reference quotes some enumerations in part)
	for enum, values := range enumValues {
		for _, v := range values {
			if !slices.Contains(Enums[enum], v) {
				Enums[enum] = append(Enums[enum], v)
			}
		}
	}
}

// ValueVersions returns when the API added and removed a value of an
// enumeration (zero Versions for a value in every WSDL, or not in any).
func ValueVersions(enum, value string) Versions {
	return valueVersions[enum][value]
}
