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
