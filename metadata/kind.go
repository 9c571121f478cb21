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

type kindInfo struct {
	suffix string // after the API name and a dot: Foo.<suffix>-meta.xml or <folder>/Foo.<suffix>
	folder string // default folder in both formats
	root   string // root element = Metadata API type name
}

var kinds = [numKinds]kindInfo{
	KindECA:                          {"eca", "externalClientApps", "ExternalClientApplication"},
	KindECAOauthSettings:             {"ecaOauth", "extlClntAppOauthSettings", "ExtlClntAppOauthSettings"},
	KindECAGlobalOauth:               {"ecaGlblOauth", "extlClntAppGlobalOauthSets", "ExtlClntAppGlobalOauthSettings"},
	KindECAOauthPolicies:             {"ecaOauthPlcy", "extlClntAppOauthPolicies", "ExtlClntAppOauthConfigurablePolicies"},
	KindECAPolicies:                  {"ecaPlcy", "extlClntAppPolicies", "ExtlClntAppConfigurablePolicies"},
	KindECAOauthSecurity:             {"ecaOauthSecurity", "extlClntAppOauthSecuritySettings", "ExtlClntAppOauthSecuritySettings"},
	KindExternalCredential:           {"externalCredential", "externalCredentials", "ExternalCredential"},
	KindNamedCredential:              {"namedCredential", "namedCredentials", "NamedCredential"},
	KindExternalAuthIdentityProvider: {"externalAuthIdentityProvider", "externalAuthIdentityProviders", "ExternalAuthIdentityProvider"},
	KindConnectedApp:                 {"connectedApp", "connectedApps", "ConnectedApp"},
	KindAuthProvider:                 {"authprovider", "authproviders", "AuthProvider"},
	KindPermissionSet:                {"permissionset", "permissionsets", "PermissionSet"},
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

// Folder is the default folder of the kind (`namedCredentials`).
func (k Kind) Folder() string { return kinds[k].folder }

func (k Kind) String() string {
	if k <= KindUnknown || k >= numKinds {
		return "Unknown"
	}
	return kinds[k].root
}

// Skipped reports whether files of the kind are recognised but not checked.
func (k Kind) Skipped() bool { return k == KindECAOauthSecurity }

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
