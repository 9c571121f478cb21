package metadata

import (
	"os"
	"testing"
)

// BenchmarkParseDecode parses and decodes one typical External Credential.
func BenchmarkParseDecode(b *testing.B) {
	data, err := os.ReadFile("../testdata/projects/same-org/force-app/main/default/externalCredentials/Same_Org_API_Access.externalCredential-meta.xml")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		doc, perr := Parse("x", data, DefaultLimits)
		if perr != nil {
			b.Fatal(perr)
		}
		Decode(doc, KindExternalCredential, "Same_Org_API_Access")
	}
}

// BenchmarkParse parses the same file without decoding it.
func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile("../testdata/projects/same-org/force-app/main/default/externalCredentials/Same_Org_API_Access.externalCredential-meta.xml")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, perr := Parse("x", data, DefaultLimits); perr != nil {
			b.Fatal(perr)
		}
	}
}
