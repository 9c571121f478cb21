package metadata

// NamedCredential is a NamedCredential file, new format (parameters, linked
// to an External Credential) or legacy (endpoint and credentials inline).
type NamedCredential struct {
	Meta
	AllowMergeFieldsInBody      Value                      `sf:"allowMergeFieldsInBody"`
	AllowMergeFieldsInHeader    Value                      `sf:"allowMergeFieldsInHeader"`
	CalloutStatus               Value                      `sf:"calloutStatus"`
	GenerateAuthorizationHeader Value                      `sf:"generateAuthorizationHeader"`
	NamedCredentialType         Value                      `sf:"namedCredentialType"`
	Parameters                  []NamedCredentialParameter `sf:"namedCredentialParameters"`

	// Legacy format.
	AuthTokenEndpointURL Value `sf:"authTokenEndpointUrl"`
	AwsAccessKey         Value `sf:"awsAccessKey"`
	AwsAccessSecret      Value `sf:"awsAccessSecret"`
	Endpoint             Value `sf:"endpoint"`
	OauthRefreshToken    Value `sf:"oauthRefreshToken"`
	OauthScope           Value `sf:"oauthScope"`
	OauthToken           Value `sf:"oauthToken"`
	Password             Value `sf:"password"`
	Protocol             Value `sf:"protocol"`
}

// NamedCredentialParameter is one <namedCredentialParameters>.
type NamedCredentialParameter struct {
	*Anchor
	ExternalCredential Value `sf:"externalCredential"`
	ParameterName      Value `sf:"parameterName"`
	ParameterType      Value `sf:"parameterType"`
	ParameterValue     Value `sf:"parameterValue"`
}

// IsLegacy reports whether the Named Credential uses the deprecated legacy
// format: retrieved legacy files leave namedCredentialType out.
func (nc *NamedCredential) IsLegacy() bool {
	return !nc.NamedCredentialType.Set || nc.NamedCredentialType.Is("Legacy")
}

// Params returns the parameters of one parameterType, in file order.
func (nc *NamedCredential) Params(parameterType string) []*NamedCredentialParameter {
	var out []*NamedCredentialParameter
	for i := range nc.Parameters {
		if nc.Parameters[i].ParameterType.Is(parameterType) {
			out = append(out, &nc.Parameters[i])
		}
	}
	return out
}

// URL is the callout URL: the Url parameter, or the legacy endpoint.
func (nc *NamedCredential) URL() (Value, bool) {
	for _, p := range nc.Params("Url") {
		return p.ParameterValue, true
	}
	if nc.Endpoint.Set {
		return nc.Endpoint, true
	}
	return Value{}, false
}

// ExternalCredentialRef is the External Credential named by the
// Authentication parameter, if any.
func (nc *NamedCredential) ExternalCredentialRef() (Value, bool) {
	for _, p := range nc.Params("Authentication") {
		if p.ExternalCredential.Set {
			return p.ExternalCredential, true
		}
	}
	return Value{}, false
}
