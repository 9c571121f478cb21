package main

import (
	"bytes"
	"os"
	"regexp"
	"testing"
)

// TestGeneratedIsCurrent fails when metadata/schema_gen.go or
// versions_gen.go is not what the generator writes from
// ../shared/spec/wsdl: run go generate ./metadata.
func TestGeneratedIsCurrent(t *testing.T) {
	const wsdl = "../../../../shared/spec/wsdl"
	if _, err := os.Stat(wsdl); err != nil {
		t.Fatalf("the WSDLs are missing (%v): the shared folder must be beside the clone, as ../shared", err)
	}
	files, err := generate(wsdl)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile("../../" + name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("metadata/%s is stale: run go generate ./metadata", name)
		}
	}
	want := files["versions_gen.go"]
	for _, fact := range []string{
		`"TenantPrincipal": +\{Added: "66.0", Removed: ""\}`,                     // ExternalCredentialParamType
		`"isNamedUserJwtEnabled": +\{Added: "61.0", Removed: "64.0"\}`,           // ECA OAuth policies
		`"AuthProviderHttpHeader": +\{Added: "", Removed: "61.0"\}`,              // ExternalCredentialParamType
		`"externalCredentialPrincipalAccesses": +\{Added: "59.0", Removed: ""\}`, // PermissionSet
	} {
		if !regexp.MustCompile(fact).Match(want) {
			t.Errorf("the generated versions lack a fact the WSDLs state: %s", fact)
		}
	}
	schema := files["schema_gen.go"]
	for _, fact := range []string{
		`str\("description"\),\n`, // NamedCredential, since API 64.0
		`req\(enum\("parameterType", "ExternalCredentialParamType"\)\)`,
		`rep\(complexEl\("namedCredentialParameters", typeNamedCredentialParameter\)\)`,
		`removedIn\(boolean\("isNamedUserJwtEnabled"\), "64.0"\)`,    // ECA OAuth policies
		`opaque\("screenLockTimeout"\)`,                              // a newer ECA part's enumeration
		`enum\("ipRelaxationPolicyType", "IpRelaxationPolicyType"\)`, // documented values of a WSDL string
		`typePermissionSet.Open = true`,
	} {
		if !regexp.MustCompile(fact).Match(schema) {
			t.Errorf("the generated schema lacks a fact the WSDLs and overlay state: %s", fact)
		}
	}
}
