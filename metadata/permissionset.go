package metadata

import "strings"

// PermissionSet is a PermissionSet file; only the parts about External
// Credentials are modelled.
type PermissionSet struct {
	Meta
	ExternalCredentialPrincipalAccesses []PrincipalAccess           `sf:"externalCredentialPrincipalAccesses"`
	ObjectPermissions                   []PermissionSetObjectAccess `sf:"objectPermissions"`
}

// PrincipalAccess is one <externalCredentialPrincipalAccesses>.
type PrincipalAccess struct {
	*Anchor
	Enabled                     Value `sf:"enabled"`
	ExternalCredentialPrincipal Value `sf:"externalCredentialPrincipal"`
}

// Split splits "EC-Principal" (or "ns__EC-Principal") at the first '-' after
// the optional namespace prefix: External Credential names cannot hold '-'.
func (a *PrincipalAccess) Split() (credential, principal string, ok bool) {
	s := a.ExternalCredentialPrincipal.Text
	start := 0
	if i := strings.Index(s, "__"); i > 0 && i < strings.IndexByte(s+"-", '-') {
		start = i + 2
	}
	j := strings.IndexByte(s[start:], '-')
	if j < 0 {
		return s, "", false
	}
	return s[:start+j], s[start+j+1:], true
}

// PermissionSetObjectAccess is one <objectPermissions>.
type PermissionSetObjectAccess struct {
	*Anchor
	AllowRead Value `sf:"allowRead"`
	Object    Value `sf:"object"`
}
