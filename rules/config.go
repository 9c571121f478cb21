package rules

// Config is what a project's .sfcheck.yaml can change; the zero value (or
// nil) means the defaults of rules.md.
type Config struct {
	// Severity overrides severities by rule code; Off switches a rule off.
	Severity map[string]Severity
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
	// Exclude lists globs of files whose findings are not reported;
	// RuleExclude does so per rule (by code). Globs are relative to Dir,
	// the config file's folder.
	Exclude     []string
	RuleExclude map[string][]string
	Dir         string
	File        string // the config file, "" for none
}

func (c *Config) listsApp(name string) bool {
	if c == nil {
		return false
	}
	for _, a := range c.ClientCredentialsApps {
		if a == name {
			return true
		}
	}
	return false
}

func (c *Config) myDomain() string {
	if c == nil {
		return ""
	}
	return c.MyDomain
}

func (c *Config) placeholderHosts() []string {
	if c == nil {
		return nil
	}
	return c.PlaceholderHosts
}

func (c *Config) hasNamespace(ns string) bool {
	if c == nil {
		return false
	}
	for _, n := range c.Namespaces {
		if n == ns {
			return true
		}
	}
	return false
}
