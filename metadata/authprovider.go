package metadata

// AuthProvider is an AuthProvider file (browser OAuth flows).
type AuthProvider struct {
	Meta
	AuthorizeURL   Value `sf:"authorizeUrl"`
	ConsumerSecret Value `sf:"consumerSecret"`
	DefaultScopes  Value `sf:"defaultScopes"`
	ProviderType   Value `sf:"providerType"`
	TokenURL       Value `sf:"tokenUrl"`
	UserInfoURL    Value `sf:"userInfoUrl"`
}

// AuthProviderSecretPlaceholder is what retrieve returns instead of a real
// consumer secret.
const AuthProviderSecretPlaceholder = "Placeholder_Value"
