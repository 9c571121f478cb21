package metadata

import "strings"

// ECAHeader is an ExternalClientApplication header file (.eca).
type ECAHeader struct {
	Meta
	ContactEmail         Value `sf:"contactEmail"`
	OrgScopedExternalApp Value `sf:"orgScopedExternalApp"`
}

// ECAOauthSettings is an ExtlClntAppOauthSettings file (.ecaOauth).
type ECAOauthSettings struct {
	Meta
	ExternalClientApplication Value `sf:"externalClientApplication"`
	CommaSeparatedOauthScopes Value `sf:"commaSeparatedOauthScopes"`
	OauthLink                 Value `sf:"oauthLink"`
}

// Scopes splits commaSeparatedOauthScopes ("Api, RefreshToken").
func (s *ECAOauthSettings) Scopes() []string {
	var out []string
	for _, sc := range strings.Split(s.CommaSeparatedOauthScopes.Text, ",") {
		if sc = strings.TrimSpace(sc); sc != "" {
			out = append(out, sc)
		}
	}
	return out
}

// ECAGlobalOauth is an ExtlClntAppGlobalOauthSettings file (.ecaGlblOauth):
// the consumer credentials and the flows the developer enabled.
type ECAGlobalOauth struct {
	Meta
	ExternalClientApplication      Value `sf:"externalClientApplication"`
	CallbackURL                    Value `sf:"callbackUrl"`
	Certificate                    Value `sf:"certificate"`
	ConsumerKey                    Value `sf:"consumerKey"`
	ConsumerSecret                 Value `sf:"consumerSecret"`
	IsClientCredentialsFlowEnabled Value `sf:"isClientCredentialsFlowEnabled"`
	IsCodeCredFlowEnabled          Value `sf:"isCodeCredFlowEnabled"`
	IsConsumerSecretOptional       Value `sf:"isConsumerSecretOptional"`
	IsDeviceFlowEnabled            Value `sf:"isDeviceFlowEnabled"`
	IsNamedUserJwtEnabled          Value `sf:"isNamedUserJwtEnabled"`
	IsPkceRequired                 Value `sf:"isPkceRequired"`
	IsRefreshTokenRotationEnabled  Value `sf:"isRefreshTokenRotationEnabled"`
	IsTokenExchangeEnabled         Value `sf:"isTokenExchangeEnabled"`
}

// ECAOauthPolicies is an ExtlClntAppOauthConfigurablePolicies file
// (.ecaOauthPlcy): the admin's policies, including the run-as user.
type ECAOauthPolicies struct {
	Meta
	ExternalClientApplication      Value `sf:"externalClientApplication"`
	ClientCredentialsFlowUser      Value `sf:"clientCredentialsFlowUser"`
	IsClientCredentialsFlowEnabled Value `sf:"isClientCredentialsFlowEnabled"`
	IsGuestCodeCredFlowEnabled     Value `sf:"isGuestCodeCredFlowEnabled"`
	IsTokenExchangeFlowEnabled     Value `sf:"isTokenExchangeFlowEnabled"`
}

// ECAPolicies is an ExtlClntAppConfigurablePolicies file (.ecaPlcy).
type ECAPolicies struct {
	Meta
	ExternalClientApplication Value `sf:"externalClientApplication"`
	IsEnabled                 Value `sf:"isEnabled"`
	IsOauthPluginEnabled      Value `sf:"isOauthPluginEnabled"`
}

// ECAOtherPart is one of the other parts of an External Client App
// (mobile, notification, SAML, sample, push and canvas settings and
// policies); only what joins it to its app, and the push settings'
// secrets, are modelled.
type ECAOtherPart struct {
	Meta
	ExternalClientApplication Value              `sf:"externalClientApplication"`
	AndroidPushConfig         *AndroidPushConfig `sf:"androidPushConfig"`
	ApplePushConfig           *ApplePushConfig   `sf:"applePushConfig"`
}

// AndroidPushConfig is an .ecaPush file's <androidPushConfig>.
type AndroidPushConfig struct {
	*Anchor
	ServiceAccount Value `sf:"serviceAccount"`
}

// ApplePushConfig is an .ecaPush file's <applePushConfig>.
type ApplePushConfig struct {
	*Anchor
	Password   Value `sf:"password"`
	SigningKey Value `sf:"signingKey"`
}

// ECA is one External Client App assembled from its parts, which name it in
// <externalClientApplication> (file names say nothing). Any part may be
// missing; Duplicates holds second parts of a kind already filled.
type ECA struct {
	Name          string
	Header        *ECAHeader
	OauthSettings *ECAOauthSettings
	GlobalOauth   *ECAGlobalOauth
	OauthPolicies *ECAOauthPolicies
	Policies      *ECAPolicies
	Others        []*ECAOtherPart // the other parts, one of each kind
	Duplicates    []Model
}

// Anchor is where findings about the app as a whole, or about a missing
// part, point: the header's root, else the global settings' root, else the
// root of the first part there is.
func (a *ECA) Anchor() Node {
	for _, m := range a.Parts() {
		return m.Base().Root()
	}
	return Node{}
}

// Parts lists the parts present, header first.
func (a *ECA) Parts() []Model {
	var out []Model
	if a.Header != nil {
		out = append(out, a.Header)
	}
	if a.GlobalOauth != nil {
		out = append(out, a.GlobalOauth)
	}
	if a.OauthSettings != nil {
		out = append(out, a.OauthSettings)
	}
	if a.OauthPolicies != nil {
		out = append(out, a.OauthPolicies)
	}
	if a.Policies != nil {
		out = append(out, a.Policies)
	}
	for _, o := range a.Others {
		out = append(out, o)
	}
	return out
}
