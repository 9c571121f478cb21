package metadata

// ExternalCredential is an ExternalCredential file: how Salesforce
// authenticates callouts (protocol, flow variant, token URL, principals).
type ExternalCredential struct {
	Meta
	AuthenticationProtocol Value                         `sf:"authenticationProtocol"`
	Parameters             []ExternalCredentialParameter `sf:"externalCredentialParameters"`
}

// ExternalCredentialParameter is one <externalCredentialParameters>.
type ExternalCredentialParameter struct {
	*Anchor
	AuthProvider                 Value `sf:"authProvider"`
	ExternalAuthIdentityProvider Value `sf:"externalAuthIdentityProvider"`
	ParameterName                Value `sf:"parameterName"`
	ParameterType                Value `sf:"parameterType"`
	ParameterValue               Value `sf:"parameterValue"`
}

// Params returns the parameters of one parameterType, in file order.
func (ec *ExternalCredential) Params(parameterType string) []*ExternalCredentialParameter {
	var out []*ExternalCredentialParameter
	for i := range ec.Parameters {
		if ec.Parameters[i].ParameterType.Is(parameterType) {
			out = append(out, &ec.Parameters[i])
		}
	}
	return out
}

// Param returns the first parameter of a parameterType, or nil.
func (ec *ExternalCredential) Param(parameterType string) *ExternalCredentialParameter {
	for i := range ec.Parameters {
		if ec.Parameters[i].ParameterType.Is(parameterType) {
			return &ec.Parameters[i]
		}
	}
	return nil
}

// authProtocolVariants are the values of the AuthProtocolVariant parameter
// (the Connect API's list; the WSDL types it as a string), and whether
// each runs the client credentials flow.
var authProtocolVariants = []struct {
	name              string
	clientCredentials bool
}{
	{"ClientCredentialsClientSecret", true},
	{"ClientCredentialsClientSecretBasic", true},
	{"ClientCredentialsJwtAssertion", true},
	{"JwtBearer", false},
	{"NoAuthentication", false},
	{"AwsSv4_STS", false},
	{"RolesAnywhere", false},
}

// AuthProtocolVariants lists the known AuthProtocolVariant values.
func AuthProtocolVariants() []string {
	out := make([]string, len(authProtocolVariants))
	for i, v := range authProtocolVariants {
		out[i] = v.name
	}
	return out
}

// IsClientCredentialsVariant reports whether an AuthProtocolVariant value
// is one of the client credentials flow (case-sensitive, as Salesforce
// reads it).
func IsClientCredentialsVariant(v string) bool {
	for _, x := range authProtocolVariants {
		if x.name == v {
			return x.clientCredentials
		}
	}
	return false
}
