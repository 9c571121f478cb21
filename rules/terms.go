package rules

import (
	"net/url"
	"strings"
	"sync"

	"github.com/sfcheck/sfcheck/metadata"
)

// This file holds the terms of rules.md, one function each, so every rule
// means the same thing by "CC app" or "Salesforce host".

// isCCECA reports whether an External Client App is meant for the client
// credentials flow: either file enables it, a run-as user is set, or the
// config lists the app.
func isCCECA(a *metadata.ECA, cfg *Settings) bool {
	return (a.GlobalOauth != nil && a.GlobalOauth.IsClientCredentialsFlowEnabled.True()) ||
		(a.OauthPolicies != nil && (a.OauthPolicies.IsClientCredentialsFlowEnabled.True() ||
			!a.OauthPolicies.ClientCredentialsFlowUser.Empty())) ||
		cfg.listsApp(a.Name)
}

// isCCConnectedApp is isCCECA for a Connected App.
func isCCConnectedApp(ca *metadata.ConnectedApp, cfg *Settings) bool {
	if oc := ca.OauthConfig; oc != nil && (oc.IsClientCredentialEnabled.True() || !oc.OauthClientCredentialUser.Empty()) {
		return true
	}
	return cfg.listsApp(ca.Name)
}

// ecaInteractive reports whether an ECA enables a flow in which a user is
// redirected (so a callback URL is needed). PKCE does not count.
func ecaInteractive(a *metadata.ECA) bool {
	return (a.GlobalOauth != nil && (a.GlobalOauth.IsCodeCredFlowEnabled.True() || a.GlobalOauth.IsDeviceFlowEnabled.True())) ||
		(a.OauthPolicies != nil && a.OauthPolicies.IsGuestCodeCredFlowEnabled.True())
}

// connectedAppInteractive is ecaInteractive for a Connected App.
func connectedAppInteractive(ca *metadata.ConnectedApp) bool {
	return ca.OauthConfig != nil && ca.OauthConfig.IsCodeCredentialEnabled.True()
}

// variant returns the External Credential's Oauth flow variant parameter, or nil.
func variant(ec *metadata.ExternalCredential) *metadata.ExternalCredentialParameter {
	return ec.Param("AuthProtocolVariant")
}

// linkedIdentityProvider returns the name the credential links as its
// External Auth Identity Provider, if any.
func linkedIdentityProvider(ec *metadata.ExternalCredential) (metadata.Value, bool) {
	for _, p := range ec.Params("ExternalAuthIdentityProvider") {
		if !p.ExternalAuthIdentityProvider.Empty() {
			return p.ExternalAuthIdentityProvider, true
		}
	}
	return metadata.Value{}, false
}

// standardIdentityProvider returns the Salesforce-provided identity
// provider a credential names in the parameterValue of an
// ExternalAuthIdentityProvider parameter (sfdc.ALMDevOpsOrgStandardIdP,
// which DevOps Center generates), or "". Such providers are never in a
// project.
func standardIdentityProvider(ec *metadata.ExternalCredential) string {
	for _, p := range ec.Params("ExternalAuthIdentityProvider") {
		if v := p.ParameterValue.Text; strings.HasPrefix(v, "sfdc.") && len(v) > len("sfdc.") {
			return v
		}
	}
	return ""
}

// isCCCredential reports whether an External Credential uses the client
// credentials flow: protocol Oauth and a client-credentials variant, or a
// link to a client-credentials identity provider.
func isCCCredential(ec *metadata.ExternalCredential, ix *metadata.Index) bool {
	if !ec.AuthenticationProtocol.Is("Oauth") {
		return false
	}
	if v := variant(ec); v != nil && metadata.IsClientCredentialsVariant(v.ParameterValue.Text) {
		return true
	}
	if name, ok := linkedIdentityProvider(ec); ok {
		if idp := ix.IdentityProvider(name.Text); idp != nil && isCCIdentityProvider(idp) {
			return true
		}
	}
	return false
}

// isCCIdentityProvider reports whether an External Auth Identity Provider
// runs the client credentials flow.
func isCCIdentityProvider(idp *metadata.ExternalAuthIdentityProvider) bool {
	return idp.AuthenticationFlow.Is("ClientCredentials")
}

// tokenURL returns the credential's AuthProviderUrl parameter value.
func tokenURL(ec *metadata.ExternalCredential) (metadata.Value, bool) {
	if p := ec.Param("AuthProviderUrl"); p != nil && !p.ParameterValue.Empty() {
		return p.ParameterValue, true
	}
	return metadata.Value{}, false
}

// idpURL returns an identity provider's URL parameter of a type (TokenUrl).
func idpURL(idp *metadata.ExternalAuthIdentityProvider, typ string) (metadata.Value, bool) {
	if p := idp.Param(typ); p != nil && !p.ParameterValue.Empty() {
		return p.ParameterValue, true
	}
	return metadata.Value{}, false
}

// credentialTokenHost is the host a credential gets its tokens from: its own
// AuthProviderUrl, else its linked identity provider's TokenUrl.
func credentialTokenHost(ec *metadata.ExternalCredential, ix *metadata.Index) string {
	u, _ := credentialTokenURL(ec, ix)
	return hostOf(u.Text)
}

// credentialTokenURL is the URL a credential gets its tokens from, and
// where it is written: its own AuthProviderUrl, else its linked identity
// provider's TokenUrl.
func credentialTokenURL(ec *metadata.ExternalCredential, ix *metadata.Index) (metadata.Value, bool) {
	if u, ok := tokenURL(ec); ok {
		return u, true
	}
	if name, ok := linkedIdentityProvider(ec); ok {
		if idp := ix.IdentityProvider(name.Text); idp != nil {
			return idpURL(idp, "TokenUrl")
		}
	}
	return metadata.Value{}, false
}

// isNamespaced reports whether a reference names a managed package's
// component (ns__Name): such components are not in the project.
func isNamespaced(name string) bool {
	i := strings.Index(name, "__")
	return i > 0 && i+2 < len(name)
}

// parseURL parses an absolute URL; ok is false for anything without a
// scheme and host. The result is shared: callers must not change it.
func parseURL(raw string) (*url.URL, bool) {
	// Most rules look at the same few URLs of a credential, and projects
	// repeat hosts: parse each distinct string once per process.
	if v, ok := parsedURLs.Load(raw); ok {
		u := v.(*url.URL)
		return u, u != nil
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Scheme == "" || u.Host == "" {
		u = nil
	}
	parsedURLs.Store(raw, u)
	return u, u != nil
}

var parsedURLs sync.Map // raw string -> *url.URL (nil: not an absolute URL)

// hostOf returns the normalised host of a URL (lower case, no port, no
// trailing dot), or "".
func hostOf(raw string) string {
	u, ok := parseURL(raw)
	if !ok {
		return ""
	}
	return normalizeHost(u.Hostname())
}

func normalizeHost(h string) string {
	return strings.TrimSuffix(strings.ToLower(h), ".")
}

var salesforceSuffixes = []string{".salesforce.com", ".force.com", ".salesforce.mil", ".cloudforce.com", ".database.com"}

// isSiteHost reports whether a host serves an Experience Cloud site, which
// no host rule checks. Of the force.com hosts only the Lightning UI
// (*.lightning.force.com) is an org host; the others are Salesforce Sites
// (site.force.com, secure.force.com and their subdomains).
func isSiteHost(h string) bool {
	switch {
	case strings.HasSuffix(h, ".my.site.com"), strings.HasSuffix(h, ".salesforce-sites.com"):
		return true
	case strings.HasSuffix(h, ".force.com"):
		return !strings.HasSuffix(h, ".lightning.force.com")
	}
	return false
}

// isSalesforceHost reports whether a host belongs to Salesforce (org and
// login hosts; Experience Cloud sites excluded).
func isSalesforceHost(h string) bool {
	if isSiteHost(h) {
		return false
	}
	for _, s := range salesforceSuffixes {
		if strings.HasSuffix(h, s) {
			return true
		}
	}
	return false
}

// isGenericLoginHost reports login.salesforce.com and its siblings.
func isGenericLoginHost(h string) bool {
	switch h {
	case "login.salesforce.com", "test.salesforce.com", "welcome.salesforce.com":
		return true
	}
	return false
}

// isInstanceHost reports a pod host such as na123.salesforce.com or
// usa77.salesforce.com: letters then digits, directly under salesforce.com.
func isInstanceHost(h string) bool {
	label, ok := strings.CutSuffix(h, ".salesforce.com")
	if !ok || strings.Contains(label, ".") {
		return false
	}
	i := 0
	for i < len(label) && label[i] >= 'a' && label[i] <= 'z' {
		i++
	}
	if i == 0 || i == len(label) {
		return false
	}
	for _, c := range label[i:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// isMyDomainHost reports hosts under my.salesforce.com (or .mil), any partition.
func isMyDomainHost(h string) bool {
	return strings.HasSuffix(h, ".my.salesforce.com") || strings.HasSuffix(h, ".my.salesforce.mil")
}

// myDomainName returns the My Domain name of a My Domain host: its first
// label up to "--" (acme--uat.sandbox.my.salesforce.com is acme).
func myDomainName(h string) string {
	label, _, _ := strings.Cut(h, ".")
	name, _, _ := strings.Cut(label, "--")
	return name
}

// isLoopbackHost reports hosts that never leave the machine.
func isLoopbackHost(h string) bool {
	return h == "localhost" || h == "127.0.0.1" || h == "::1" || strings.HasPrefix(h, "127.")
}

// isPlaceholderURL reports whether a callback URL is a placeholder: empty,
// a reserved or loopback host, a configured placeholder host, or a My
// Domain's own /services/oauth2/callback (the guides' suggested dummy).
func isPlaceholderURL(raw string, cfg *Settings) bool {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return true
	}
	u, ok := parseURL(raw)
	if !ok {
		return false
	}
	h := normalizeHost(u.Hostname())
	switch {
	case isLoopbackHost(h), h == "example.com",
		strings.HasSuffix(h, ".example"), strings.HasSuffix(h, ".example.com"),
		strings.HasSuffix(h, ".test"), strings.HasSuffix(h, ".invalid"):
		return true
	case isMyDomainHost(h) && strings.TrimSuffix(u.Path, "/") == "/services/oauth2/callback":
		return true
	}
	for _, p := range cfg.placeholderHosts() {
		if normalizeHost(p) == h {
			return true
		}
	}
	return false
}

// callbackURLs splits a callback element: a Connected App may list several
// URLs, one per line.
func callbackURLs(v metadata.Value) []string {
	var out []string
	for _, line := range strings.Split(v.Text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// isFormula reports whether a parameter value is (or contains) a formula,
// {!...}, rather than a literal.
func isFormula(s string) bool { return strings.Contains(s, "{!") }

// hasToken reports whether a space-separated scope list holds tok (case-insensitive).
func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// shownURL is how a message quotes a URL: scheme, host and path, with any
// user name, password, query or fragment left out (they may carry a
// secret, such as ?client_secret=...). A value that is not a URL is not
// quoted at all.
func shownURL(raw string) string {
	u, ok := parseURL(raw)
	if !ok {
		return "(not a URL)"
	}
	out := u.Scheme + "://" + u.Host + u.EscapedPath()
	if u.RawQuery != "" || u.ForceQuery {
		out += "?…"
	}
	if u.Fragment != "" {
		out += "#…"
	}
	return out
}

// permissionSetKinds are the files a permission set is written in.
func permissionSetKinds() []metadata.Kind { return metadata.PermissionSetKinds() }

// ecaKinds are the files an External Client App is written in.
func ecaKinds() []metadata.Kind { return metadata.ECAKinds() }
