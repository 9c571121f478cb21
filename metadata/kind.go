package metadata

import "strings"

// Kind is a metadata type sfcheck reads. The zero Kind is "not a file sfcheck reads".
type Kind int

// The kinds, in the order of metadata-reference.md §1.
const (
	KindUnknown Kind = iota
	KindECA
	KindECAOauthSettings
	KindECAGlobalOauth
	KindECAOauthPolicies
	KindECAPolicies
	KindECAOauthSecurity // recognised and skipped: its elements are not documented yet
	KindExternalCredential
	KindNamedCredential
	KindExternalAuthIdentityProvider
	KindConnectedApp
	KindAuthProvider
	KindPermissionSet
	numKinds
)

// kindInfo is everything sfcheck knows about a kind, declared once: adding
// a kind is one entry here (and its model type and schema).
type kindInfo struct {
	suffix string       // after the API name and a dot: Foo.<suffix>-meta.xml or <folder>/Foo.<suffix>
	root   string       // root element = Metadata API type name
	schema *ComplexType // nil: recognised and skipped (no documented elements yet)
	model  func() Model // a new, empty model of the kind
	index  func(b *indexBuilder, m Model)
}

var kinds = [numKinds]kindInfo{
	KindECA:                          {"eca", "ExternalClientApplication", ecaHeaderType, newModel[ECAHeader], addECAHeader},
	KindECAOauthSettings:             {"ecaOauth", "ExtlClntAppOauthSettings", ecaOauthSettingsType, newModel[ECAOauthSettings], addECAOauthSettings},
	KindECAGlobalOauth:               {"ecaGlblOauth", "ExtlClntAppGlobalOauthSettings", ecaGlobalOauthType, newModel[ECAGlobalOauth], addECAGlobalOauth},
	KindECAOauthPolicies:             {"ecaOauthPlcy", "ExtlClntAppOauthConfigurablePolicies", ecaOauthPoliciesType, newModel[ECAOauthPolicies], addECAOauthPolicies},
	KindECAPolicies:                  {"ecaPlcy", "ExtlClntAppConfigurablePolicies", ecaPoliciesType, newModel[ECAPolicies], addECAPolicies},
	KindECAOauthSecurity:             {"ecaOauthSecurity", "ExtlClntAppOauthSecuritySettings", nil, nil, nil},
	KindExternalCredential:           {"externalCredential", "ExternalCredential", externalCredentialType, newModel[ExternalCredential], addExternalCredential},
	KindNamedCredential:              {"namedCredential", "NamedCredential", namedCredentialType, newModel[NamedCredential], addNamedCredential},
	KindExternalAuthIdentityProvider: {"externalAuthIdentityProvider", "ExternalAuthIdentityProvider", externalAuthIdentityProviderType, newModel[ExternalAuthIdentityProvider], addIdentityProvider},
	KindConnectedApp:                 {"connectedApp", "ConnectedApp", connectedAppType, newModel[ConnectedApp], addConnectedApp},
	KindAuthProvider:                 {"authprovider", "AuthProvider", authProviderType, newModel[AuthProvider], addAuthProvider},
	KindPermissionSet:                {"permissionset", "PermissionSet", permissionSetType, newModel[PermissionSet], addPermissionSet},
}

// newModel makes an empty model of type T.
func newModel[T any, P interface {
	*T
	Model
}]() Model {
	return P(new(T))
}

// suffixKind maps a file suffix (case-sensitive, as Salesforce tools match it) to its Kind.
var suffixKind = func() map[string]Kind {
	m := make(map[string]Kind, numKinds)
	for k := KindECA; k < numKinds; k++ {
		m[kinds[k].suffix] = k
	}
	return m
}()

// TypeName is the Metadata API type name, which is also the root element.
func (k Kind) TypeName() string { return kinds[k].root }

// Suffix is the file suffix of the kind (`namedCredential`).
func (k Kind) Suffix() string { return kinds[k].suffix }

func (k Kind) String() string {
	if k <= KindUnknown || k >= numKinds {
		return "Unknown"
	}
	return kinds[k].root
}

// Skipped reports whether files of the kind are recognised but not checked.
func (k Kind) Skipped() bool { return k > KindUnknown && k < numKinds && kinds[k].model == nil }

// Schema returns the root type of a kind, or nil for kinds without one.
func Schema(k Kind) *ComplexType {
	if k <= KindUnknown || k >= numKinds {
		return nil
	}
	return kinds[k].schema
}

// AllKinds lists every kind sfcheck recognises.
func AllKinds() []Kind {
	out := make([]Kind, 0, numKinds-1)
	for k := KindECA; k < numKinds; k++ {
		out = append(out, k)
	}
	return out
}

// ClassifyName tells the kind and API name of a file from its base name:
// `Foo.namedCredential-meta.xml` (source format) or `Foo.namedCredential`
// (Metadata API format). Anything else is KindUnknown. It never reads the file.
func ClassifyName(base string) (Kind, string) {
	name := strings.TrimSuffix(base, "-meta.xml")
	dot := strings.LastIndexByte(name, '.')
	if dot <= 0 {
		return KindUnknown, ""
	}
	k, ok := suffixKind[name[dot+1:]]
	if !ok {
		return KindUnknown, ""
	}
	return k, name[:dot]
}
