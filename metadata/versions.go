package metadata

//go:generate go run ./internal/schemagen -wsdl ../../shared/spec/wsdl -o .

// Versions says when the Metadata API added an element or a value of an
// enumeration, and when it removed it ("" for neither: it is in every WSDL
// sfcheck was generated from).
type Versions struct {
	Added, Removed string
}

// The generated versions become the schema's markers: an element that
// arrived after the oldest WSDL gets the version that added it (the
// generated schema already marks the ones that left).
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
}

// ValueVersions returns when the API added and removed a value of an
// enumeration (zero Versions for a value in every WSDL, or not in any).
func ValueVersions(enum, value string) Versions {
	return valueVersions[enum][value]
}
