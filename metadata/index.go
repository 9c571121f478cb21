package metadata

import "sort"

// Index is the read-only view of a whole project that cross-file rules use.
// It is built once from every model that parsed cleanly and never changes
// afterwards, so rules read it without locks.
type Index struct {
	ECAs                []*ECA // by app name
	ExternalCredentials []*ExternalCredential
	NamedCredentials    []*NamedCredential
	IdentityProviders   []*ExternalAuthIdentityProvider
	AuthProviders       []*AuthProvider
	ConnectedApps       []*ConnectedApp
	PermissionSets      []*PermissionSet

	credentialByName map[string]*ExternalCredential
	idpByName        map[string]*ExternalAuthIdentityProvider
	authProvByName   map[string]*AuthProvider
}

// NewIndex joins models into an Index. The result does not depend on the
// order of models: they are sorted by file first.
func NewIndex(models []Model) *Index {
	models = append([]Model(nil), models...)
	sort.SliceStable(models, func(i, j int) bool { return models[i].Base().File() < models[j].Base().File() })
	ix := &Index{
		credentialByName: map[string]*ExternalCredential{},
		idpByName:        map[string]*ExternalAuthIdentityProvider{},
		authProvByName:   map[string]*AuthProvider{},
	}
	apps := map[string]*ECA{}
	app := func(name string) *ECA {
		a := apps[name]
		if a == nil {
			a = &ECA{Name: name}
			apps[name] = a
		}
		return a
	}
	for _, m := range models {
		switch m := m.(type) {
		case *ECAHeader:
			a := app(m.Name)
			fill(&a.Header, m, a)
		case *ECAOauthSettings:
			a := app(m.ExternalClientApplication.Text)
			fill(&a.OauthSettings, m, a)
		case *ECAGlobalOauth:
			a := app(m.ExternalClientApplication.Text)
			fill(&a.GlobalOauth, m, a)
		case *ECAOauthPolicies:
			a := app(m.ExternalClientApplication.Text)
			fill(&a.OauthPolicies, m, a)
		case *ECAPolicies:
			a := app(m.ExternalClientApplication.Text)
			fill(&a.Policies, m, a)
		case *ExternalCredential:
			ix.ExternalCredentials = append(ix.ExternalCredentials, m)
			if ix.credentialByName[m.Name] == nil {
				ix.credentialByName[m.Name] = m
			}
		case *NamedCredential:
			ix.NamedCredentials = append(ix.NamedCredentials, m)
		case *ExternalAuthIdentityProvider:
			ix.IdentityProviders = append(ix.IdentityProviders, m)
			if ix.idpByName[m.Name] == nil {
				ix.idpByName[m.Name] = m
			}
		case *AuthProvider:
			ix.AuthProviders = append(ix.AuthProviders, m)
			if ix.authProvByName[m.Name] == nil {
				ix.authProvByName[m.Name] = m
			}
		case *ConnectedApp:
			ix.ConnectedApps = append(ix.ConnectedApps, m)
		case *PermissionSet:
			ix.PermissionSets = append(ix.PermissionSets, m)
		}
	}
	for _, a := range apps {
		ix.ECAs = append(ix.ECAs, a)
	}
	sort.Slice(ix.ECAs, func(i, j int) bool { return ix.ECAs[i].Name < ix.ECAs[j].Name })
	return ix
}

// fill puts an ECA part in its slot, or among the app's duplicates when the
// slot is taken (SF109 reports those).
func fill[T any](slot **T, part *T, a *ECA) {
	if *slot == nil {
		*slot = part
		return
	}
	a.Duplicates = append(a.Duplicates, any(part).(Model))
}

// ExternalCredential returns the External Credential of that API name, or nil.
func (ix *Index) ExternalCredential(name string) *ExternalCredential {
	return ix.credentialByName[name]
}

// IdentityProvider returns the External Auth Identity Provider of that name, or nil.
func (ix *Index) IdentityProvider(name string) *ExternalAuthIdentityProvider {
	return ix.idpByName[name]
}

// AuthProvider returns the AuthProvider of that name, or nil.
func (ix *Index) AuthProvider(name string) *AuthProvider { return ix.authProvByName[name] }
