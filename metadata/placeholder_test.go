package metadata

import (
	"strings"
	"testing"
)

// TestIsPlaceholder: stand-ins for a secret are told from secrets, and
// nothing a generator or a person choosing a password would produce is
// taken for one.
func TestIsPlaceholder(t *testing.T) {
	for _, s := range []string{"xxx", "XXXXXXXX", "****", "  ...  ", "<api-key>", "{API_KEY}", "${API_KEY}", "%API_KEY%",
		"changeme", "ChangeMe123", "YOUR_API_KEY", "your-token-here", "dummy", "AKIAIOSFODNN7EXAMPLE", "placeholder",
		"REDACTED", "Bearer <token>", "Basic ****", "Bearer YOUR_TOKEN",
		"REPLACE_WITH_YOUR_PASSWORD", "••••••••", "[PASSWORD]", "xxxx-xxxx-xxxx", "your_client_secret_here"} {
		if !IsPlaceholder(s) {
			t.Errorf("IsPlaceholder(%q) = false, want true", s)
		}
	}
	for _, s := range []string{"", "hunter2", "k3y-d0-n0t-c0mm1t", "Winter-Sunrise-42!xyz", "AKIAZ7Q3M5K2T9RWX4VD",
		"Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc", "{!$Credential.Api.apiKey}x", "aab", "{x",
		"MyExampleCorp#2024", "Dummyrun-Prod-77", "correct horse battery xxx", "password",
		"Yourmajesty#1987", `{"apiKey":"sk_live_51HqLyjWDarjtT1zdp7dc4eC39"}`, "Your Stripe key is sk_live_51HqLyjWDarjtT1zdp7dc4eC39"} {
		if IsPlaceholder(s) {
			t.Errorf("IsPlaceholder(%q) = true, want false", s)
		}
	}
}

// TestMatchFormatShortest: the shortest value of each format is found,
// and none is shorter than minFormatLen, below which no value is tried;
// words that merely hold a marker are not.
func TestMatchFormatShortest(t *testing.T) {
	for _, c := range []struct{ value, format string }{
		{"sk_live_4eC39HqLyj", "Stripe secret key"},
		{"rk_test_4eC39HqLyj", "Stripe test secret key"},
		{"ghp_" + strings.Repeat("a1B2", 9), "GitHub token"},
		{"github_pat_" + strings.Repeat("x9", 11), "GitHub fine-grained token"},
		{"xoxb-1234567890", "Slack token"},
		{"AIza" + strings.Repeat("Sy9", 11) + "Qx", "Google API key"},
		{"-----BEGIN PRIVATE KEY-----", "private key"},
		{"AKIAZ7Q3M5K2T9RWX4VD", "AWS access key id"},
		{"user ASIAY34FZKBOKMUTVV7A here", "AWS access key id"},
		{"Your Stripe key is sk_live_51HqLyjWDarjtT1zdp7dc4eC39", "Stripe secret key"},
		{`{"apiKey":"sk_live_51HqLyjWDarjtT1zdp7dc4eC39"}`, "Stripe secret key"},
	} {
		f, ok := MatchFormat(c.value)
		if !ok || f.Name != c.format {
			t.Errorf("MatchFormat(%q) = %q, %v; want %q", c.value, f.Name, ok, c.format)
		}
		if len(c.value) < minFormatLen {
			t.Errorf("%q (%s) is %d bytes, under minFormatLen %d", c.value, c.format, len(c.value), minFormatLen)
		}
	}
	for _, v := range []string{"through the highway", "xoxb-123", "Account.AKIA_Field__c", "ghp_short", "a Sky-high ASIAN fusion",
		"sk_live_XXXXXXXXXXXXXXXXXXXXXXXX", "ghp_" + strings.Repeat("x", 36), "AKIAXXXXXXXXXXXXXXXX", "AKIAIOSFODNN7EXAMPLE"} {
		if f, ok := MatchFormat(v); ok {
			t.Errorf("MatchFormat(%q) = %q, want none", v, f.Name)
		}
	}
}

// TestMarkersIn: the one search per first byte finds exactly the rules one
// of whose markers a value holds (as a search per marker would): at the
// start, the end, overlapping, repeated, next to a near miss.
func TestMarkersIn(t *testing.T) {
	want := func(text string) (bits uint32) {
		for i, r := range formatRules {
			for _, m := range r.markers {
				if strings.Contains(text, m) {
					bits |= 1 << i
				}
			}
		}
		return bits
	}
	values := []string{"", "k", "x", "through the highway", "kk_live_", "gh_ghp_", "ghghr_x", "AKIASIA", "AIzAIza", "xoxox",
		"PRIVATE KE", "-----BEGIN RSA PRIVATE KEY-----", "github_pat", "github_pat_", "a Sky-high ASIAN fusion"}
	for _, r := range formatRules {
		for _, m := range r.markers {
			values = append(values, m, "x"+m, m+"x", "ab "+m+" "+m[:len(m)-1], m[:len(m)-1])
		}
	}
	found := 0
	for _, v := range values {
		if got, w := markersIn(v), want(v); got != w {
			t.Errorf("markersIn(%q) = %b, want %b", v, got, w)
		} else if got != 0 {
			found++
		}
	}
	if found < 2*len(markerGroups) {
		t.Fatalf("only %d values hold a marker", found)
	}
}
