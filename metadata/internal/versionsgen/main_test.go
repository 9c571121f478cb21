package main

import (
	"bytes"
	"os"
	"regexp"
	"testing"
)

// TestGeneratedIsCurrent fails when metadata/versions_gen.go is not what
// the generator writes from ../shared/spec/wsdl: run go generate ./metadata.
func TestGeneratedIsCurrent(t *testing.T) {
	const wsdl = "../../../../shared/spec/wsdl"
	if _, err := os.Stat(wsdl); err != nil {
		t.Fatalf("the WSDLs are missing (%v): the shared folder must be beside the clone, as ../shared", err)
	}
	want, err := generate(wsdl)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../versions_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("metadata/versions_gen.go is stale: run go generate ./metadata")
	}
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
}
