package metadata

import (
	"fmt"
	"os"
	"strings"
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

// BenchmarkParseKindPermissionSet parses a permission set shaped like a
// large org's (a field permission per field, one principal access): the
// bytes that ParseKind checks without building.
func BenchmarkParseKindPermissionSet(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PermissionSet xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n")
	sb.WriteString("    <externalCredentialPrincipalAccesses>\n        <enabled>true</enabled>\n" +
		"        <externalCredentialPrincipal>Api_XC-Principal</externalCredentialPrincipal>\n    </externalCredentialPrincipalAccesses>\n")
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&sb, "    <fieldPermissions>\n        <editable>true</editable>\n        <field>Object%d__c.Field_%d__c</field>\n"+
			"        <readable>true</readable>\n    </fieldPermissions>\n", i/20, i%20)
	}
	sb.WriteString("    <label>Access</label>\n</PermissionSet>\n")
	data := []byte(sb.String())
	p := new(Parser)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, perr := p.ParseKind("x", data, DefaultLimits, KindPermissionSet); perr != nil {
			b.Fatal(perr)
		}
	}
}
