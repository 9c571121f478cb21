package metadata

// ExternalAuthIdentityProvider is an ExternalAuthIdentityProvider file: the
// token and authorize endpoints an External Credential can delegate to.
type ExternalAuthIdentityProvider struct {
	Meta
	AuthenticationFlow     Value                                   `sf:"authenticationFlow"`
	AuthenticationProtocol Value                                   `sf:"authenticationProtocol"`
	Parameters             []ExternalAuthIdentityProviderParameter `sf:"externalAuthIdentityProviderParameters"`
}

// ExternalAuthIdentityProviderParameter is one <externalAuthIdentityProviderParameters>.
type ExternalAuthIdentityProviderParameter struct {
	*Anchor
	ParameterName  Value `sf:"parameterName"`
	ParameterType  Value `sf:"parameterType"`
	ParameterValue Value `sf:"parameterValue"`
}

// Param returns the first parameter of a parameterType, or nil.
func (p *ExternalAuthIdentityProvider) Param(parameterType string) *ExternalAuthIdentityProviderParameter {
	for i := range p.Parameters {
		if p.Parameters[i].ParameterType.Is(parameterType) {
			return &p.Parameters[i]
		}
	}
	return nil
}

// Option returns the IdentityProviderOptions parameter of a name (PkceEnabled), or nil.
func (p *ExternalAuthIdentityProvider) Option(name string) *ExternalAuthIdentityProviderParameter {
	for i := range p.Parameters {
		if p.Parameters[i].ParameterType.Is("IdentityProviderOptions") && p.Parameters[i].ParameterName.Is(name) {
			return &p.Parameters[i]
		}
	}
	return nil
}
