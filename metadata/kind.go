package metadata

import (
	"bytes"
	"path/filepath"
	"strings"
)

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
	// The other parts of an External Client App (the CLI registry's).
	KindECAMobile
	KindECAMobilePolicies
	KindECANotifications
	KindECASamlPolicies
	KindECASample
	KindECASamplePolicies
	KindECAPush
	KindECAPushPolicies
	KindECACanvas
	KindExternalCredential
	KindNamedCredential
	KindExternalAuthIdentityProvider
	KindConnectedApp
	KindAuthProvider
	KindPermissionSet
	// A permission set decomposed into a folder (the decomposePermissionSetBeta2
	// source option): the files holding its principal accesses and object
	// settings are parts of the permission set the folder names.
	KindPermissionSetPrincipalAccess
	KindPermissionSetObjectSettings
	// Files read only for their references to Named Credentials (a byte
	// search, not a parse): code and configuration that call out.
	KindApexClass
	KindApexTrigger
	KindFlow
	KindCustomMetadata
	KindCustomLabels
	KindExternalServiceRegistration
	KindExternalDataSource
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
	refs   refSyntax // for files read only for their references: how to find them
}

var kinds = [numKinds]kindInfo{
	KindECA:                          {"eca", "ExternalClientApplication", typeExternalClientApplication, newModel[ECAHeader], addECAHeader, refNone},
	KindECAOauthSettings:             {"ecaOauth", "ExtlClntAppOauthSettings", typeExtlClntAppOauthSettings, newModel[ECAOauthSettings], addECAOauthSettings, refNone},
	KindECAGlobalOauth:               {"ecaGlblOauth", "ExtlClntAppGlobalOauthSettings", typeExtlClntAppGlobalOauthSettings, newModel[ECAGlobalOauth], addECAGlobalOauth, refNone},
	KindECAOauthPolicies:             {"ecaOauthPlcy", "ExtlClntAppOauthConfigurablePolicies", typeExtlClntAppOauthConfigurablePolicies, newModel[ECAOauthPolicies], addECAOauthPolicies, refNone},
	KindECAPolicies:                  {"ecaPlcy", "ExtlClntAppConfigurablePolicies", typeExtlClntAppConfigurablePolicies, newModel[ECAPolicies], addECAPolicies, refNone},
	KindECAOauthSecurity:             {"ecaOauthSecurity", "ExtlClntAppOauthSecuritySettings", nil, nil, nil, refNone},
	KindECAMobile:                    {"ecaMobile", "ExtlClntAppMobileSettings", typeExtlClntAppMobileSettings, newModel[ECAOtherPart], addECAOtherPart, refNone},
	KindECAMobilePolicies:            {"ecaMobilePlcy", "ExtlClntAppMobileConfigurablePolicies", typeExtlClntAppMobileConfigurablePolicies, newModel[ECAOtherPart], addECAOtherPart, refNone},
	KindECANotifications:             {"ecaNotifications", "ExtlClntAppNotificationSettings", typeExtlClntAppNotificationSettings, newModel[ECAOtherPart], addECAOtherPart, refNone},
	KindECASamlPolicies:              {"ecaSamlPlcy", "ExtlClntAppSamlConfigurablePolicies", typeExtlClntAppSamlConfigurablePolicies, newModel[ECAOtherPart], addECAOtherPart, refNone},
	KindECASample:                    {"ecaSmpl", "ExtlClntAppSampleSettings", typeExtlClntAppSampleSettings, newModel[ECAOtherPart], addECAOtherPart, refNone},
	KindECASamplePolicies:            {"ecaSmplPlcy", "ExtlClntAppSampleConfigurablePolicies", typeExtlClntAppSampleConfigurablePolicies, newModel[ECAOtherPart], addECAOtherPart, refNone},
	KindECAPush:                      {"ecaPush", "ExtlClntAppPushSettings", typeExtlClntAppPushSettings, newModel[ECAOtherPart], addECAOtherPart, refNone},
	KindECAPushPolicies:              {"ecaPushPlcy", "ExtlClntAppPushConfigurablePolicies", typeExtlClntAppPushConfigurablePolicies, newModel[ECAOtherPart], addECAOtherPart, refNone},
	KindECACanvas:                    {"ecaCanvas", "ExtlClntAppCanvasSettings", typeExtlClntAppCanvasSettings, newModel[ECAOtherPart], addECAOtherPart, refNone},
	KindExternalCredential:           {"externalCredential", "ExternalCredential", typeExternalCredential, newModel[ExternalCredential], addExternalCredential, refNone},
	KindNamedCredential:              {"namedCredential", "NamedCredential", typeNamedCredential, newModel[NamedCredential], addNamedCredential, refNone},
	KindExternalAuthIdentityProvider: {"externalAuthIdentityProvider", "ExternalAuthIdentityProvider", typeExternalAuthIdentityProvider, newModel[ExternalAuthIdentityProvider], addIdentityProvider, refNone},
	KindConnectedApp:                 {"connectedApp", "ConnectedApp", typeConnectedApp, newModel[ConnectedApp], addConnectedApp, refNone},
	KindAuthProvider:                 {"authprovider", "AuthProvider", typeAuthProvider, newModel[AuthProvider], addAuthProvider, refNone},
	KindPermissionSet:                {"permissionset", "PermissionSet", typePermissionSet, newModel[PermissionSet], addPermissionSet, refNone},
	KindPermissionSetPrincipalAccess: {"externalCredentialPrincipalAccess", "PermissionSet", typePermissionSet, newModel[PermissionSet], addPermissionSet, refNone},
	KindPermissionSetObjectSettings:  {"objectSettings", "PermissionSet", typePermissionSet, newModel[PermissionSet], addPermissionSet, refNone},
	KindApexClass:                    {"cls", "ApexClass", nil, nil, addReferences, refApex},
	KindApexTrigger:                  {"trigger", "ApexTrigger", nil, nil, addReferences, refApex},
	KindFlow:                         {"flow", "Flow", nil, nil, addReferences, refXML},
	KindCustomMetadata:               {"md", "CustomMetadata", nil, nil, addReferences, refXML},
	KindCustomLabels:                 {"labels", "CustomLabels", nil, nil, addReferences, refXML},
	KindExternalServiceRegistration:  {"externalServiceRegistration", "ExternalServiceRegistration", nil, nil, addReferences, refXML},
	KindExternalDataSource:           {"dataSource", "ExternalDataSource", nil, nil, addReferences, refXML},
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
func (k Kind) Skipped() bool {
	return k > KindUnknown && k < numKinds && kinds[k].model == nil && kinds[k].refs == refNone
}

// Parsed reports whether files of the kind are metadata sfcheck parses
// (and validates when it has a schema).
func (k Kind) Parsed() bool { return k > KindUnknown && k < numKinds && kinds[k].model != nil }

// ReferenceSource reports whether files of the kind are read only for
// their references to Named Credentials.
func (k Kind) ReferenceSource() bool {
	return k > KindUnknown && k < numKinds && kinds[k].refs != refNone
}

// ReferencesInXML reports a kind read only for its references whose files
// are XML (a Flow, custom labels): its sfcheck-ignore comments count.
func (k Kind) ReferencesInXML() bool {
	return k.ReferenceSource() && kinds[k].refs == refXML
}

// Schema returns the root type of a kind, or nil for kinds without one.
func Schema(k Kind) *ComplexType {
	if k <= KindUnknown || k >= numKinds {
		return nil
	}
	return kinds[k].schema
}

// ParsedKinds lists the kinds sfcheck parses.
func ParsedKinds() []Kind {
	var out []Kind
	for _, k := range AllKinds() {
		if k.Parsed() {
			out = append(out, k)
		}
	}
	return out
}

// ScannedKinds lists the kinds whose values are searched for credential
// formats: the parsed kinds but permission sets (see scanFormats).
func ScannedKinds() []Kind {
	var out []Kind
	for _, k := range ParsedKinds() {
		if k != KindPermissionSet && !k.IsPermissionSetPart() {
			out = append(out, k)
		}
	}
	return out
}

// ReferenceKinds lists the kinds read only for their references.
func ReferenceKinds() []Kind {
	var out []Kind
	for _, k := range AllKinds() {
		if k.ReferenceSource() {
			out = append(out, k)
		}
	}
	return out
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
	name, meta := strings.CutSuffix(base, "-meta.xml")
	dot := strings.LastIndexByte(name, '.')
	if dot <= 0 {
		return KindUnknown, ""
	}
	k, ok := suffixKind[name[dot+1:]]
	if !ok {
		return KindUnknown, ""
	}
	if kinds[k].refs == refApex && meta {
		return KindUnknown, "" // Foo.cls-meta.xml describes the class; Foo.cls is the code
	}
	return k, name[:dot]
}

// knownName reports whether ClassifyName knows the name, without making a
// string of it. ClassifyPath only narrows what ClassifyName knows, so a
// name it does not know is no metadata file wherever it lies.
func knownName(base []byte) bool {
	name, meta := bytes.CutSuffix(base, []byte("-meta.xml"))
	dot := bytes.LastIndexByte(name, '.')
	if dot <= 0 {
		return false
	}
	k, ok := suffixKind[string(name[dot+1:])]
	return ok && !(kinds[k].refs == refApex && meta)
}

// ClassifyPath is ClassifyName for a path: a custom metadata record in
// Metadata API format (Foo.md) counts only in a customMetadata folder, so
// a README.md is not one; the part of a decomposed permission set is named
// by its folder under permissionsets/.
func ClassifyPath(path string) (Kind, string) {
	base := filepath.Base(path)
	k, name := ClassifyName(base)
	switch k {
	case KindCustomMetadata:
		if !strings.HasSuffix(base, "-meta.xml") && filepath.Base(filepath.Dir(path)) != "customMetadata" {
			return KindUnknown, ""
		}
	case KindPermissionSetPrincipalAccess, KindPermissionSetObjectSettings:
		// permissionsets/NAME/NAME.externalCredentialPrincipalAccess-meta.xml,
		// permissionsets/NAME/objectSettings/OBJECT.objectSettings-meta.xml
		for d := filepath.Dir(path); filepath.Dir(d) != d; d = filepath.Dir(d) {
			if filepath.Base(filepath.Dir(d)) == "permissionsets" {
				return k, filepath.Base(d)
			}
		}
		return KindUnknown, ""
	}
	return k, name
}

// IsPermissionSetPart reports the kinds that are parts of a decomposed
// permission set.
func (k Kind) IsPermissionSetPart() bool {
	return k == KindPermissionSetPrincipalAccess || k == KindPermissionSetObjectSettings
}

// IsPermissionSet reports whether a file of the kind is a permission set
// or a part of one.
func (k Kind) IsPermissionSet() bool { return k == KindPermissionSet || k.IsPermissionSetPart() }

// PermissionSetKinds are the files a permission set is written in: one
// file, or a folder of parts (the decomposePermissionSetBeta2 option).
func PermissionSetKinds() []Kind { return kindsWhere(Kind.IsPermissionSet) }

// ECAKinds are the checked files an External Client App is written in:
// the header and every part the CLI registry knows.
func ECAKinds() []Kind {
	return kindsWhere(func(k Kind) bool {
		return !k.Skipped() && (k.TypeName() == "ExternalClientApplication" || strings.HasPrefix(k.TypeName(), "ExtlClntApp"))
	})
}

// kindsWhere lists the kinds keep accepts, in the kind table's order.
func kindsWhere(keep func(Kind) bool) []Kind {
	var out []Kind
	for k := KindECA; k < numKinds; k++ {
		if keep(k) {
			out = append(out, k)
		}
	}
	return out
}
