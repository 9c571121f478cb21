package metadata

// ConnectedApp is a ConnectedApp file.
type ConnectedApp struct {
	Meta
	OauthConfig *ConnectedAppOauthConfig `sf:"oauthConfig"`
	OauthPolicy *ConnectedAppOauthPolicy `sf:"oauthPolicy"`
}

// ConnectedAppOauthConfig is a Connected App's <oauthConfig>.
type ConnectedAppOauthConfig struct {
	*Anchor
	CallbackURL                   Value   `sf:"callbackUrl"`
	Certificate                   Value   `sf:"certificate"`
	ConsumerSecret                Value   `sf:"consumerSecret"`
	IsClientCredentialEnabled     Value   `sf:"isClientCredentialEnabled"`
	IsCodeCredentialEnabled       Value   `sf:"isCodeCredentialEnabled"`
	IsConsumerSecretOptional      Value   `sf:"isConsumerSecretOptional"`
	IsNamedUserJwtEnabled         Value   `sf:"isNamedUserJwtEnabled"`
	IsPkceRequired                Value   `sf:"isPkceRequired"`
	IsRefreshTokenRotationEnabled Value   `sf:"isRefreshTokenRotationEnabled"`
	IsTokenExchangeEnabled        Value   `sf:"isTokenExchangeEnabled"`
	OauthClientCredentialUser     Value   `sf:"oauthClientCredentialUser"`
	Scopes                        []Value `sf:"scopes"`
}

// ConnectedAppOauthPolicy is a Connected App's <oauthPolicy>.
type ConnectedAppOauthPolicy struct {
	*Anchor
	IsTokenExchangeFlowEnabled Value `sf:"isTokenExchangeFlowEnabled"`
}
