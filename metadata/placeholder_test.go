package metadata

import "testing"

// TestIsPlaceholder: stand-ins for a secret are told from secrets, and
// nothing a generator or a person choosing a password would produce is
// taken for one.
func TestIsPlaceholder(t *testing.T) {
	for _, s := range []string{"xxx", "XXXXXXXX", "****", "  ...  ", "<api-key>", "{API_KEY}", "${API_KEY}", "%API_KEY%",
		"changeme", "ChangeMe123", "YOUR_API_KEY", "your-token-here", "dummy", "AKIAIOSFODNN7EXAMPLE", "placeholder",
		"REDACTED", "Bearer <token>", "Basic ****", "Bearer YOUR_TOKEN"} {
		if !IsPlaceholder(s) {
			t.Errorf("IsPlaceholder(%q) = false, want true", s)
		}
	}
	for _, s := range []string{"", "hunter2", "k3y-d0-n0t-c0mm1t", "Winter-Sunrise-42!xyz", "AKIAZ7Q3M5K2T9RWX4VD",
		"Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc", "{!$Credential.Api.apiKey}x", "aab", "{x"} {
		if IsPlaceholder(s) {
			t.Errorf("IsPlaceholder(%q) = true, want false", s)
		}
	}
}
