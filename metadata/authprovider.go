package metadata

// AuthProvider is an AuthProvider file (browser OAuth flows).
type AuthProvider struct {
	Meta
	AuthorizeURL                  Value `sf:"authorizeUrl"`
	ConsumerKey                   Value `sf:"consumerKey"`
	ConsumerSecret                Value `sf:"consumerSecret"`
	DefaultScopes                 Value `sf:"defaultScopes"`
	FriendlyName                  Value `sf:"friendlyName"`
	IsPkceEnabled                 Value `sf:"isPkceEnabled"`
	ProviderType                  Value `sf:"providerType"`
	SendClientCredentialsInHeader Value `sf:"sendClientCredentialsInHeader"`
	TokenURL                      Value `sf:"tokenUrl"`
	UserInfoURL                   Value `sf:"userInfoUrl"`
}

// AuthProviderSecretPlaceholder is what retrieve returns instead of a real
// consumer secret.
const AuthProviderSecretPlaceholder = "Placeholder_Value"
