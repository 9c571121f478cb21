package metadata

// ExternalCredential is an ExternalCredential file: how Salesforce
// authenticates callouts (protocol, flow variant, token URL, principals).
type ExternalCredential struct {
	Meta
	AuthenticationProtocol Value                         `sf:"authenticationProtocol"`
	Description            Value                         `sf:"description"`
	Label                  Value                         `sf:"label"`
	Parameters             []ExternalCredentialParameter `sf:"externalCredentialParameters"`
}

// ExternalCredentialParameter is one <externalCredentialParameters>.
type ExternalCredentialParameter struct {
	Node
	AuthProvider                 Value `sf:"authProvider"`
	Certificate                  Value `sf:"certificate"`
	Description                  Value `sf:"description"`
	ExternalAuthIdentityProvider Value `sf:"externalAuthIdentityProvider"`
	ParameterGroup               Value `sf:"parameterGroup"`
	ParameterName                Value `sf:"parameterName"`
	ParameterType                Value `sf:"parameterType"`
	ParameterValue               Value `sf:"parameterValue"`
	Principal                    Value `sf:"principal"`
	SequenceNumber               Value `sf:"sequenceNumber"`
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
