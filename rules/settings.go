package rules

import "slices"

// Settings are the facts about a project that rules cannot read from its
// metadata: the parts of .sfcheck.yaml that change what a rule means. The
// zero value means the defaults of rules.md. Severities and file exclusions
// are not here: they are the driver's business, not a rule's.
type Settings struct {
	// ClientCredentialsApps names apps to treat as client-credentials apps
	// even when their files do not say so.
	ClientCredentialsApps []string
	// MyDomain, when set, is the only My Domain name Salesforce token and
	// Named Credential URLs may use.
	MyDomain string
	// PlaceholderHosts are hosts a callback URL may use as a placeholder.
	PlaceholderHosts []string
	// Namespaces are prefixes of installed packages' components.
	Namespaces []string
	// ExternalNamedCredentials are Named Credentials that exist only in the
	// org (created there, not in source): references to them resolve.
	ExternalNamedCredentials []string
	// APIVersion is the API version the project deploys at ("63.0"); ""
	// for the newest sfcheck knows. The schema rules validate at it.
	APIVersion string
}

func (s *Settings) apiVersion() string {
	if s == nil {
		return ""
	}
	return s.APIVersion
}

func (s *Settings) listsApp(name string) bool {
	return s != nil && slices.Contains(s.ClientCredentialsApps, name)
}

func (s *Settings) myDomain() string {
	if s == nil {
		return ""
	}
	return s.MyDomain
}

func (s *Settings) placeholderHosts() []string {
	if s == nil {
		return nil
	}
	return s.PlaceholderHosts
}

func (s *Settings) hasNamespace(ns string) bool {
	return s != nil && slices.Contains(s.Namespaces, ns)
}
