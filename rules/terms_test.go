package rules

import "testing"

func TestHosts(t *testing.T) {
	cases := []struct {
		url                                   string
		salesforce, login, instance, myDomain bool
		name                                  string
	}{
		{"https://login.salesforce.com/services/oauth2/token", true, true, false, false, ""},
		{"https://TEST.Salesforce.com.:443/x", true, true, false, false, ""},
		{"https://welcome.salesforce.com", true, true, false, false, ""},
		{"https://na123.salesforce.com", true, false, true, false, ""},
		{"https://usa77.salesforce.com/", true, false, true, false, ""},
		{"https://acme.my.salesforce.com", true, false, false, true, "acme"},
		{"https://orgfarm-ae0-dev-ed.develop.my.salesforce.com", true, false, false, true, "orgfarm-ae0-dev-ed"},
		{"https://acme--uat.sandbox.my.salesforce.com", true, false, false, true, "acme"},
		{"https://acme.my.salesforce.mil", true, false, false, true, "acme"},
		{"https://acme.lightning.force.com", true, false, false, false, ""},
		{"https://acme.my.site.com/services/oauth2/token", false, false, false, false, ""},
		{"https://acme.secure.force.com", false, false, false, false, ""},
		{"https://acme.my.salesforce-sites.com", false, false, false, false, ""},
		{"https://api.mypurecloud.com.au", false, false, false, false, ""},
		{"https://salesforce.com.evil.net", false, false, false, false, ""},
		{"https://na1b.salesforce.com", true, false, false, false, ""},
		{"not a url", false, false, false, false, ""},
	}
	for _, c := range cases {
		h := hostOf(c.url)
		if got := isSalesforceHost(h); got != c.salesforce {
			t.Errorf("isSalesforceHost(%q) = %v", h, got)
		}
		if got := isGenericLoginHost(h); got != c.login {
			t.Errorf("isGenericLoginHost(%q) = %v", h, got)
		}
		if got := isInstanceHost(h); got != c.instance {
			t.Errorf("isInstanceHost(%q) = %v", h, got)
		}
		if got := isMyDomainHost(h); got != c.myDomain {
			t.Errorf("isMyDomainHost(%q) = %v", h, got)
		}
		if c.myDomain && myDomainName(h) != c.name {
			t.Errorf("myDomainName(%q) = %q, want %q", h, myDomainName(h), c.name)
		}
	}
}

func TestPlaceholderURL(t *testing.T) {
	cfg := &Settings{PlaceholderHosts: []string{"Not-Used.acme.internal"}}
	for url, want := range map[string]bool{
		"":                                 true,
		"  ":                               true,
		"https://localhost":                true,
		"http://127.0.0.1:1717/cb":         true,
		"https://[::1]/cb":                 true,
		"https://example.com/cb":           true,
		"https://app.example.com/cb":       true,
		"https://cb.example":               true,
		"https://cb.test":                  true,
		"https://cb.invalid":               true,
		"https://not-used.acme.internal/x": true,
		"https://acme.my.salesforce.com/services/oauth2/callback":  true,
		"https://acme.my.salesforce.com/services/oauth2/callback/": true,
		"https://acme.my.salesforce.com/apex/page":                 false,
		"https://login.salesforce.com/services/oauth2/callback":    false,
		"https://oauth.pstmn.io/v1/browser-callback":               false,
		"https://example.org/cb":                                   false,
		"myapp://callback":                                         false,
	} {
		if got := isPlaceholderURL(url, cfg); got != want {
			t.Errorf("isPlaceholderURL(%q) = %v, want %v", url, got, want)
		}
	}
}

func TestIsNamespaced(t *testing.T) {
	for name, want := range map[string]bool{"acme__Api": true, "Api": false, "__Api": false, "acme__": false, "My_Api": false} {
		if got := isNamespaced(name); got != want {
			t.Errorf("isNamespaced(%q) = %v", name, got)
		}
	}
}
