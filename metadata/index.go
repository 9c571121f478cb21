package metadata

import (
	"sort"
	"strings"
)

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
	References          []*ReferenceFile // code and configuration that call out
	Formats             []ModelFormat    // values in a credential format, in every file

	credentialByName map[string]*ExternalCredential
	idpByName        map[string]*ExternalAuthIdentityProvider
	authProvByName   map[string]*AuthProvider
	ncByName         map[string]*NamedCredential
	ncByFold         map[string]*NamedCredential // by lower-case name
	ncNameSum        int                         // bytes of the names, for NearNamedCredential
	replaced         func(file, text string) bool
}

// SetReplaced tells the index which values a deploy replaces (the
// project's string replacements); the driver calls it before any rule
// runs, and the index is read-only afterwards.
func (ix *Index) SetReplaced(fn func(file, text string) bool) { ix.replaced = fn }

// Replaced reports whether a deploy replaces the value (in part or whole):
// what the repository holds is then a placeholder, not the value.
func (ix *Index) Replaced(v Value) bool {
	if ix.replaced == nil || !v.Set {
		return false
	}
	return ix.replaced(v.Node().File, v.Text)
}

// NewIndex joins models into an Index. The result does not depend on the
// order of models: they are sorted by file first.
func NewIndex(models []Model) *Index {
	models = append([]Model(nil), models...)
	sort.SliceStable(models, func(i, j int) bool { return models[i].Base().File() < models[j].Base().File() })
	b := &indexBuilder{
		ix: &Index{
			credentialByName: map[string]*ExternalCredential{},
			idpByName:        map[string]*ExternalAuthIdentityProvider{},
			authProvByName:   map[string]*AuthProvider{},
			ncByName:         map[string]*NamedCredential{},
			ncByFold:         map[string]*NamedCredential{},
		},
		apps:     map[string]*ECA{},
		psByName: map[string]*PermissionSet{},
	}
	for _, m := range models {
		for _, h := range m.Base().Formats {
			b.ix.Formats = append(b.ix.Formats, ModelFormat{FormatHit: h, Model: m})
		}
		if add := kinds[m.Base().Kind].index; add != nil {
			add(b, m)
		}
	}
	ix := b.ix
	for _, a := range b.apps {
		ix.ECAs = append(ix.ECAs, a)
	}
	sort.Slice(ix.ECAs, func(i, j int) bool { return ix.ECAs[i].Name < ix.ECAs[j].Name })
	return ix
}

// indexBuilder holds what NewIndex needs while it adds models: each kind's
// entry in the kind table says how a model of it joins the index.
type indexBuilder struct {
	ix       *Index
	apps     map[string]*ECA
	psByName map[string]*PermissionSet
}

// app returns the ECA of that name, made when first asked for.
func (b *indexBuilder) app(name string) *ECA {
	a := b.apps[name]
	if a == nil {
		a = &ECA{Name: name}
		b.apps[name] = a
	}
	return a
}

// ECA parts join their app on <externalClientApplication>, never on the
// file name; the header's app is its own API name.
func addECAHeader(b *indexBuilder, m Model) {
	h := m.(*ECAHeader)
	a := b.app(h.Name)
	fill(&a.Header, h, a)
}

func addECAOauthSettings(b *indexBuilder, m Model) {
	p := m.(*ECAOauthSettings)
	a := b.app(p.ExternalClientApplication.Text)
	fill(&a.OauthSettings, p, a)
}

func addECAGlobalOauth(b *indexBuilder, m Model) {
	p := m.(*ECAGlobalOauth)
	a := b.app(p.ExternalClientApplication.Text)
	fill(&a.GlobalOauth, p, a)
}

func addECAOauthPolicies(b *indexBuilder, m Model) {
	p := m.(*ECAOauthPolicies)
	a := b.app(p.ExternalClientApplication.Text)
	fill(&a.OauthPolicies, p, a)
}

func addECAPolicies(b *indexBuilder, m Model) {
	p := m.(*ECAPolicies)
	a := b.app(p.ExternalClientApplication.Text)
	fill(&a.Policies, p, a)
}

func addECAOtherPart(b *indexBuilder, m Model) {
	p := m.(*ECAOtherPart)
	a := b.app(p.ExternalClientApplication.Text)
	for _, o := range a.Others {
		if o.Kind == p.Kind {
			a.Duplicates = append(a.Duplicates, p)
			return
		}
	}
	a.Others = append(a.Others, p)
}

func addExternalCredential(b *indexBuilder, m Model) {
	ec := m.(*ExternalCredential)
	b.ix.ExternalCredentials = append(b.ix.ExternalCredentials, ec)
	if b.ix.credentialByName[ec.Name] == nil {
		b.ix.credentialByName[ec.Name] = ec
	}
}

func addNamedCredential(b *indexBuilder, m Model) {
	nc := m.(*NamedCredential)
	b.ix.NamedCredentials = append(b.ix.NamedCredentials, nc)
	b.ix.ncNameSum += min(len(nc.Name), maxAPIName)
	if fold := strings.ToLower(nc.Name); b.ix.ncByFold[fold] == nil {
		b.ix.ncByFold[fold] = nc
	}
	if b.ix.ncByName[nc.Name] == nil {
		b.ix.ncByName[nc.Name] = nc
	}
}

func addIdentityProvider(b *indexBuilder, m Model) {
	idp := m.(*ExternalAuthIdentityProvider)
	b.ix.IdentityProviders = append(b.ix.IdentityProviders, idp)
	if b.ix.idpByName[idp.Name] == nil {
		b.ix.idpByName[idp.Name] = idp
	}
}

func addAuthProvider(b *indexBuilder, m Model) {
	ap := m.(*AuthProvider)
	b.ix.AuthProviders = append(b.ix.AuthProviders, ap)
	if b.ix.authProvByName[ap.Name] == nil {
		b.ix.authProvByName[ap.Name] = ap
	}
}

func addConnectedApp(b *indexBuilder, m Model) {
	b.ix.ConnectedApps = append(b.ix.ConnectedApps, m.(*ConnectedApp))
}

// addPermissionSet adds a permission set, or joins the part of a
// decomposed one (a folder of files) to the permission set of its name.
func addPermissionSet(b *indexBuilder, m Model) {
	ps := m.(*PermissionSet)
	if first := b.psByName[ps.Name]; first != nil && (ps.Kind.IsPermissionSetPart() || first.Kind.IsPermissionSetPart()) {
		first.ExternalCredentialPrincipalAccesses = append(first.ExternalCredentialPrincipalAccesses, ps.ExternalCredentialPrincipalAccesses...)
		first.ObjectPermissions = append(first.ObjectPermissions, ps.ObjectPermissions...)
		return
	}
	if b.psByName[ps.Name] == nil {
		b.psByName[ps.Name] = ps
	}
	b.ix.PermissionSets = append(b.ix.PermissionSets, ps)
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

// CalledNamedCredential returns the Named Credential a callout:NAME
// reference reaches: the one of that name, else one whose name differs only
// in case (API names are unique regardless of case, so a reference in
// another case is not reported missing).
func (ix *Index) CalledNamedCredential(name string) *NamedCredential {
	if nc := ix.ncByName[name]; nc != nil {
		return nc
	}
	return ix.ncByFold[strings.ToLower(name)]
}

// maxAPIName is the longest API name Salesforce allows.
const maxAPIName = 80

// NearNamedCredential returns the Named Credential whose name is a likely
// typo of name (ignoring case, two letters apart at most, one for names of
// five bytes or fewer; the first of the nearest), or nil. It spends at most
// budget units (a unit compares two bytes) and returns what it spent: a
// project of many credentials and many missing names must not make the
// suggestions quadratic in both.
func (ix *Index) NearNamedCredential(name string, budget int) (*NamedCredential, int) {
	if len(name) > maxAPIName {
		return nil, 0
	}
	cost := len(name) * ix.ncNameSum
	if cost > budget {
		return nil, 0
	}
	// a typo is a letter or two: names of one family (Invoices_Prod,
	// Invoices_Sbx) are not typos of each other
	limit := 2
	if len(name) <= 5 {
		limit = 1
	}
	var best *NamedCredential
	lower := strings.ToLower(name)
	for _, nc := range ix.NamedCredentials {
		if len(nc.Name) > maxAPIName {
			continue
		}
		if d := editDistance(lower, strings.ToLower(nc.Name)); d <= limit {
			best, limit = nc, d-1 // a nearer one only
		}
	}
	return best, cost
}

// ReplacedFormat reports whether a deploy replaces a value found in a
// credential format (see Replaced).
func (ix *Index) ReplacedFormat(h FormatHit) bool {
	return ix.replaced != nil && ix.replaced(h.File, h.text)
}

// ModelFormat is a value in a credential format and the model it is in.
type ModelFormat struct {
	FormatHit
	Model Model
}
