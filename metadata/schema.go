package metadata

import "sort"

// The schema of every covered type, as data: one table per complex type
// listing its elements, what each holds, and whether it is required,
// repeated, or removed from the API. It is the union of the Metadata API
// WSDL (v63) and the v66 documentation (metadata-reference.md, Appendix A);
// schema_test.go checks it against the WSDL definitions.

// ValueKind is what an element holds.
type ValueKind int

// Value kinds.
const (
	String  ValueKind = iota
	Boolean           // true or false
	Int               // xsd:int
	Enum              // one of Element.Enum
	Complex           // child elements, described by Element.Type
	Opaque            // child elements sfcheck does not look into
)

// Element describes one child element of a complex type.
type Element struct {
	Name     string
	Kind     ValueKind
	Enum     string       // enum name (Kind Enum)
	Type     *ComplexType // Kind Complex
	Required bool         // minOccurs 1: absent or empty is an error
	Repeated bool         // maxOccurs unbounded
	Removed  string       // API version that removed it ("58.0"), "" if current
	DocOnly  string       // API version that added it, when the v63 WSDL lacks it (the WSDL or documentation of that version has it)
	place    int          // index in its type's Elements
}

// ComplexType is a metadata type or one of its parts.
type ComplexType struct {
	Name     string
	Elements []Element
	// Open types only check the elements they list: PermissionSet has
	// dozens of parts that have nothing to do with OAuth.
	Open   bool
	byName map[string]*Element
}

// Lookup finds a child element by name.
func (t *ComplexType) Lookup(name string) *Element {
	return t.byName[name]
}

// Names lists the element names, sorted.
func (t *ComplexType) Names() []string {
	out := make([]string, 0, len(t.Elements))
	for _, e := range t.Elements {
		out = append(out, e.Name)
	}
	sort.Strings(out)
	return out
}

// Enums are the enumerations, by WSDL name.
var Enums = map[string][]string{
	"ExtlClntAppDistState":     {"Local", "Packaged", "Managed", "AutoInstalled"},
	"ExtlClntAppManagedType":   {"Local", "Global"},
	"PermittedUsersPolicyType": {"AllSelfAuthorized", "AdminApprovedPreAuthorized"},
	"PolicyAction":             {"Block", "RaiseSessionLevel"},
	"RefreshTokenPolicyType":   {"Infinite", "Zero", "SpecificLifetime", "SpecificInactivity"},
	"SessionSecurityLevel":     {"LOW", "STANDARD", "HIGH_ASSURANCE"},
	"JWTSessionTimeoutType":    {"UserSession", "Custom"},                                       // v65 documentation
	"IpRelaxationPolicyType":   {"Enforce", "Bypass", "Bypass_2factor", "Enforce_RelaxRefresh"}, // documented values of a WSDL string
	"RefreshTokenValidityUnit": {"Days", "Hours", "Months"},                                     // documented values of a WSDL string
	"ExtlClntAppStartPage":     {"None", "Custom", "OAuth", "SAML"},
	"AuthenticationProtocol":   {"NoAuthentication", "Oauth", "Password", "AwsSv4", "Jwt", "JwtExchange", "Custom", "Basic"},
	"ExternalCredentialParamType": {"ExternalAuthIdentityProvider", "AuthProvider", "AuthProviderUrl",
		"AuthProviderUrlQueryParameter", "SigningCertificate", "AuthParameter", "NamedPrincipal", "PerUserPrincipal",
		"AwsStsPrincipal", "GlobalNamedPrincipal", "SystemUserPrincipal", "AuthHeader", "AuthProtocolVariant",
		"JwtBodyClaim", "JwtHeaderClaim", "CreatedByNamespace", "AdditionalRefreshStatusCode",
		"ManagedByComponent", "ManagedByFeature", "SfHttpRequestExtensionName", // the last three: v66 documentation
		"ParameterGroup", "FormulaVariable", "AuthProviderAuthParameter", "AuthContext", "AuthQueryParameter",
		"TenantPrincipal"}, // the last six: the v66 WSDL
	"NamedCredentialType": {"Legacy", "SecuredEndpoint", "PrivateEndpoint", "Standard"},
	"NamedCredentialParamType": {"Url", "HttpHeader", "ClientCertificate", "Authentication", "OutboundNetworkConnection",
		"AllowedManagedPackageNamespaces", "CreatedByNamespace", "CustomParameter", "StandardNamedCredentialType",
		"ManagedByFeature", "ManagedByComponent", "ConnectionStatus",
		"UrlQueryParameter", "HttpCookie", "ServerCertificate", "FormulaVariable", "SfHttpRequestExtensionName",
		"NamedCredentialOptions", "ManagedByNamespace"}, // the last seven: the v66 WSDL
	"CalloutStatus":                {"Enabled", "Disabled"},
	"ExternalPrincipalType":        {"Anonymous", "PerUser", "NamedUser"},
	"IdentityProviderAuthFlow":     {"AuthorizationCode", "SalesforceDefined", "ClientCredentials"}, // ClientCredentials: v66 documentation
	"IdentityProviderAuthProtocol": {"OAuth", "SalesforceDefined"},
	"ExtlIdentityProviderParmType": {"AuthorizeUrl", "TokenUrl", "CreatedByNamespace", "UserInfoUrl", "ClientAuthentication",
		"IdentityProviderOptions", "AuthorizeRequestQueryParameter", "TokenRequestQueryParameter",
		"TokenRequestBodyParameter", "TokenRequestHttpHeader", "RefreshRequestQueryParameter",
		"RefreshRequestBodyParameter", "RefreshRequestHttpHeader", "StandardExternalIdentityProvider",
		"ManagedByComponent", "ManagedByFeature"}, // the last two: v66 documentation
	// Scopes: the WSDL enum plus the values the v66 documentation lists
	// for ECA scopes (SFApiPlatform, MCP, SCRT).
	"ConnectedAppOauthAccessScope": {"Basic", "Api", "Web", "Full", "Chatter", "CustomApplications", "RefreshToken",
		"OpenID", "Profile", "Email", "Address", "Phone", "OfflineAccess", "CustomPermissions", "Wave", "Eclair",
		"Pardot", "Lightning", "Content", "CDPIngest", "CDPProfile", "CDPQuery", "Chatbot", "CDPSegment",
		"CDPIdentityResolution", "CDPCalculatedInsight", "ForgotPassword", "UserRegistration", "SFAP", "Interaction",
		"CDP", "EinsteinGPT", "PwdlessLogin", "SFApiPlatform", "MCP", "SCRT",
		"DataCloudUserClaims"}, // in real retrieved ECAs; no WSDL or documentation lists it yet
	"ConnectedAppIpRelaxation": {"ENFORCE", "BYPASS_2FACTOR", "BYPASS", "ENFORCE_RELAXREFRESH"}, // documented values of a WSDL string
	"AuthProviderType": {"Facebook", "Janrain", "Salesforce", "OpenIdConnect", "MicrosoftACS", "LinkedIn", "Twitter",
		"Google", "GitHub", "Custom", "Apple", "Evergreen", "Slack", "HubSpot", "Microsoft", "MuleSoft", "Bitbucket",
		"SlackSeamless", "SlackFirst", "SlackFirstDev", "MuleSoftSeamless", "MuleSoftAnypointPlatform", "Confluence3LO"}, // the last six: the v66 WSDL
}

func str(name string) Element        { return Element{Name: name, Kind: String} }
func boolean(name string) Element    { return Element{Name: name, Kind: Boolean} }
func integer(name string) Element    { return Element{Name: name, Kind: Int} }
func enum(name, enum string) Element { return Element{Name: name, Kind: Enum, Enum: enum} }
func opaque(name string) Element     { return Element{Name: name, Kind: Opaque} }
func complexEl(name string, t *ComplexType) Element {
	return Element{Name: name, Kind: Complex, Type: t}
}
func req(e Element) Element { e.Required = true; return e }
func rep(e Element) Element { e.Repeated = true; return e }

// since marks an element the WSDL of that API version added after v63.
func since(e Element, v string) Element     { e.DocOnly = v; return e }
func removedIn(e Element, v string) Element { e.Removed = v; return e }

func complexType(name string, els ...Element) *ComplexType {
	// every metadata type and part may carry fullName (from Metadata)
	if len(els) > 64 {
		panic("metadata: " + name + " has more than 64 elements; the validator keeps one bit per element")
	}
	t := &ComplexType{Name: name, Elements: els, byName: map[string]*Element{}}
	for i := range t.Elements {
		t.Elements[i].place = i
		t.byName[t.Elements[i].Name] = &t.Elements[i]
	}
	return t
}

func metadataType(name string, els ...Element) *ComplexType {
	return complexType(name, append([]Element{str("fullName")}, els...)...)
}

var (
	formulaKey = func(name string) *ComplexType {
		return complexType(name, req(str("formula")), req(str("key")))
	}

	ecaHeaderType = metadataType("ExternalClientApplication",
		str("contactEmail"), str("contactPhone"), str("description"), enum("distributionState", "ExtlClntAppDistState"),
		str("iconUrl"), str("infoUrl"), boolean("isProtected"), str("label"), str("logoUrl"),
		enum("managedType", "ExtlClntAppManagedType"), str("orgScopedExternalApp"))

	ecaOauthSettingsType = metadataType("ExtlClntAppOauthSettings",
		boolean("areAttributesIncludedInAssetToken"), boolean("areCustomPermsIncludedInAssetToken"),
		str("assetTokenAudiences"), str("assetTokenSigningCertificate"), integer("assetTokenValidity"),
		str("clientAssertionCertificate"), str("commaSeparatedCustomScopes"), str("commaSeparatedOauthScopes"),
		rep(complexEl("customAttributes", formulaKey("ExtlClntAppOauthSettingsAttribute"))),
		req(str("externalClientApplication")), boolean("isFirstPartyAppEnabled"), str("label"), str("oauthLink"),
		str("singleLogoutUrl"),
		rep(complexEl("trustedIpRanges", complexType("ExtlClntAppOauthIpRange",
			str("description"), req(str("endIpAddress")), req(str("startIpAddress"))))))

	ecaGlobalOauthType = metadataType("ExtlClntAppGlobalOauthSettings",
		str("callbackUrl"), str("certificate"), str("consumerKey"), str("consumerSecret"),
		req(str("externalClientApplication")),
		complexEl("idTokenConfig", complexType("ExternalAppIdTokenConfig",
			str("idTokenAudience"), boolean("idTokenIncludeAttributes"), boolean("idTokenIncludeCustomPermissions"),
			boolean("idTokenIncludeStandardClaims"), integer("idTokenValidityInMinutes"))),
		boolean("isClientCredentialsFlowEnabled"), boolean("isCodeCredFlowEnabled"), boolean("isCodeCredPostOnly"),
		boolean("isConsumerSecretOptional"), boolean("isDeviceFlowEnabled"), boolean("isIntrospectAllTokens"),
		boolean("isNamedUserJwtEnabled"), boolean("isPkceRequired"), boolean("isRefreshTokenRotationEnabled"),
		boolean("isSecretRequiredForRefreshToken"), boolean("isSecretRequiredForTokenExchange"),
		boolean("isTokenExchangeEnabled"), str("label"), boolean("shouldRotateConsumerKey"),
		boolean("shouldRotateConsumerSecret"))

	ecaOauthPoliciesType = metadataType("ExtlClntAppOauthConfigurablePolicies",
		str("apexHandler"), str("clientCredentialsFlowUser"), str("commaSeparatedCustomScopes"),
		str("commaSeparatedPermissionSet"), str("commaSeparatedProfile"),
		rep(complexEl("customAttributes", formulaKey("ExtlClntAppOauthPoliciesAttribute"))),
		str("executeHandlerAs"), req(str("externalClientApplication")), integer("guestJwtTimeout"),
		since(enum("guestJwtSessionTimeoutType", "JWTSessionTimeoutType"), "65.0"),
		enum("ipRelaxationPolicyType", "IpRelaxationPolicyType"), boolean("isClientCredentialsFlowEnabled"),
		boolean("isGuestCodeCredFlowEnabled"), removedIn(boolean("isNamedUserJwtEnabled"), "64.0"), boolean("isTokenExchangeFlowEnabled"),
		str("label"), integer("namedUserJwtTimeout"), since(enum("namedUserJwtSessionTimeoutType", "JWTSessionTimeoutType"), "65.0"),
		enum("permittedUsersPolicyType", "PermittedUsersPolicyType"), enum("policyAction", "PolicyAction"),
		enum("refreshTokenPolicyType", "RefreshTokenPolicyType"), integer("refreshTokenValidityPeriod"),
		enum("refreshTokenValidityUnit", "RefreshTokenValidityUnit"), enum("requiredSessionLevel", "SessionSecurityLevel"),
		integer("sessionTimeoutInMinutes"), str("singleLogoutUrl"), str("startUrl"))

	ecaPoliciesType = metadataType("ExtlClntAppConfigurablePolicies",
		req(str("externalClientApplication")), req(boolean("isEnabled")), since(boolean("isCanvasPluginEnabled"), "65.0"),
		boolean("isMobilePluginEnabled"), boolean("isNotificationPluginEnabled"), boolean("isOauthPluginEnabled"),
		boolean("isPushPluginEnabled"), boolean("isSamlPluginEnabled"), str("label"),
		enum("startPage", "ExtlClntAppStartPage"), str("startUrl"))

	// The other parts of an External Client App, from the WSDL (v57-v66).
	// Values of enum types are not checked here: the WSDL enumerations of
	// these newer parts change from release to release.
	ecaMobileType = metadataType("ExtlClntAppMobileSettings",
		req(str("externalClientApplication")), req(boolean("isScreenLockEnabled")), str("label"))
	ecaMobilePoliciesType = metadataType("ExtlClntAppMobileConfigurablePolicies",
		req(str("externalClientApplication")), str("label"), req(opaque("screenLockTimeout")))
	ecaNotificationsType = metadataType("ExtlClntAppNotificationSettings",
		req(str("externalClientApplication")), str("label"),
		rep(complexEl("notificationTypes", complexType("ExtlClntAppNotificationType",
			req(str("notificationType")), boolean("pushByDefault")))))
	ecaSamlPoliciesType = metadataType("ExtlClntAppSamlConfigurablePolicies",
		req(str("acsUrl")), str("certificate"), str("commaSeparatedPermissionSet"), str("commaSeparatedProfile"),
		rep(complexEl("customAttributes", formulaKey("ExtlClntAppSamlConfigurablePoliciesAttribute"))),
		str("encryptionCertificate"), opaque("encryptionType"), req(str("entityUrl")), req(str("externalClientApplication")),
		str("issuer"), str("label"), opaque("nameIdFormat"), opaque("signingAlgorithmType"), opaque("singleLogoutBindingType"),
		str("singleLogoutUrl"), str("subjectCustomAttribute"), opaque("subjectType"))
	ecaSampleType = metadataType("ExtlClntAppSampleSettings",
		req(opaque("devicePlatform")), req(opaque("deviceType")), req(str("externalClientApplication")), req(str("label")),
		str("minimumOsVersion"), str("policy1"), boolean("policy1DevManaged"), str("policy2"), boolean("policy2DevManaged"),
		str("version"))
	ecaSamplePoliciesType = metadataType("ExtlClntAppSampleConfigurablePolicies",
		str("adminOnlyPolicy"), req(str("externalClientApplication")), req(str("label")), str("policy1"), str("policy2"))
	ecaPushType = metadataType("ExtlClntAppPushSettings",
		complexEl("androidPushConfig", complexType("ExtlClntAppAndroidPushConfig", req(str("fcmProject")), req(str("serviceAccount")))),
		complexEl("applePushConfig", complexType("ExtlClntAppApplePushConfig",
			str("applicationBundle"), str("certificate"), req(opaque("environment")), str("keyIdentifier"), str("password"),
			str("signingKey"), str("teamIdentifier"))),
		req(str("externalClientApplication")), str("label"), str("pushConfigLink"), req(opaque("pushServiceType")))
	ecaPushPoliciesType = metadataType("ExtlClntAppPushConfigurablePolicies",
		req(str("externalClientApplication")), req(boolean("isFullContent")), str("label"))
	ecaCanvasType = metadataType("ExtlClntAppCanvasSettings",
		opaque("accessMethod"), rep(opaque("canvasLocationOptions")), rep(opaque("canvasOptions")), req(str("canvasUrl")),
		req(str("externalClientApplication")), str("label"), str("lifeCycleHandler"), opaque("samlInitiationMethod"))

	externalCredentialParameterType = complexType("ExternalCredentialParameter",
		str("authProvider"), str("certificate"), str("description"), str("externalAuthIdentityProvider"),
		str("parameterGroup"), req(str("parameterName")), req(enum("parameterType", "ExternalCredentialParamType")),
		str("parameterValue"), integer("sequenceNumber"),
		removedIn(str("principal"), "58.0"))

	externalCredentialType = metadataType("ExternalCredential",
		req(enum("authenticationProtocol", "AuthenticationProtocol")), str("description"),
		rep(complexEl("externalCredentialParameters", externalCredentialParameterType)), req(str("label")))

	namedCredentialType = metadataType("NamedCredential",
		boolean("allowMergeFieldsInBody"), boolean("allowMergeFieldsInHeader"), str("authProvider"),
		str("authTokenEndpointUrl"), str("awsAccessKey"), str("awsAccessSecret"), str("awsRegion"), str("awsService"),
		enum("calloutStatus", "CalloutStatus"), str("certificate"), str("endpoint"), boolean("generateAuthorizationHeader"),
		str("jwtAudience"), str("jwtFormulaSubject"), str("jwtIssuer"), str("jwtSigningCertificate"), str("jwtTextSubject"),
		integer("jwtValidityPeriodSeconds"), req(str("label")), since(str("description"), "64.0"),
		rep(complexEl("namedCredentialParameters", complexType("NamedCredentialParameter",
			str("certificate"), str("description"), str("externalCredential"), boolean("globalNamedPrincipalCredential"),
			boolean("managedFeatureEnabledCallout"), str("outboundNetworkConnection"), req(str("parameterName")),
			req(enum("parameterType", "NamedCredentialParamType")), str("parameterValue"),
			boolean("readOnlyNamedCredential"), integer("sequenceNumber"), boolean("systemUserNamedCredential")))),
		enum("namedCredentialType", "NamedCredentialType"), str("oauthRefreshToken"), str("oauthScope"), str("oauthToken"),
		str("outboundNetworkConnection"), str("password"), enum("principalType", "ExternalPrincipalType"),
		enum("protocol", "AuthenticationProtocol"), str("username"))

	externalAuthIdentityProviderType = metadataType("ExternalAuthIdentityProvider",
		req(enum("authenticationFlow", "IdentityProviderAuthFlow")),
		req(enum("authenticationProtocol", "IdentityProviderAuthProtocol")), str("description"),
		rep(complexEl("externalAuthIdentityProviderParameters", complexType("ExternalAuthIdentityProviderParameter",
			str("description"), req(str("parameterName")), req(enum("parameterType", "ExtlIdentityProviderParmType")),
			str("parameterValue"), integer("sequenceNumber")))),
		req(str("label")))

	connectedAppType = metadataType("ConnectedApp",
		rep(complexEl("attributes", formulaKey("ConnectedAppAttribute"))), opaque("canvas"), opaque("canvasConfig"),
		req(str("contactEmail")), str("contactPhone"), str("description"), str("iconUrl"), str("infoUrl"),
		rep(complexEl("ipRanges", complexType("ConnectedAppIpRange", str("description"), req(str("end")), req(str("start"))))),
		req(str("label")), str("logoUrl"), opaque("mobileAppConfig"), str("mobileStartUrl"),
		complexEl("oauthConfig", complexType("ConnectedAppOauthConfig",
			complexEl("assetTokenConfig", complexType("ConnectedAppOauthAssetToken",
				req(str("assetAudiences")), req(boolean("assetIncludeAttributes")), req(boolean("assetIncludeCustomPerms")),
				req(str("assetSigningCertId")), req(integer("assetValidityPeriod")))),
			req(str("callbackUrl")), str("certificate"), str("consumerKey"), str("consumerSecret"),
			complexEl("idTokenConfig", complexType("ConnectedAppOauthIdToken",
				str("idTokenAudience"), boolean("idTokenIncludeAttributes"), boolean("idTokenIncludeCustomPerms"),
				boolean("idTokenIncludeStandardClaims"), integer("idTokenValidity"))),
			boolean("isAdminApproved"), boolean("isClientCredentialEnabled"), boolean("isCodeCredentialEnabled"),
			boolean("isCodeCredentialPostOnly"), boolean("isConsumerSecretOptional"), boolean("isIntrospectAllTokens"),
			boolean("isNamedUserJwtEnabled"), boolean("isPkceRequired"), boolean("isRefreshTokenRotationEnabled"),
			boolean("isSecretRequiredForRefreshToken"), boolean("isSecretRequiredForTokenExchange"),
			boolean("isTokenExchangeEnabled"), str("oauthClientCredentialUser"),
			rep(enum("scopes", "ConnectedAppOauthAccessScope")), str("singleLogoutUrl"))),
		complexEl("oauthPolicy", complexType("ConnectedAppOauthPolicy",
			req(enum("ipRelaxation", "ConnectedAppIpRelaxation")), boolean("isTokenExchangeFlowEnabled"),
			req(str("refreshTokenPolicy")), str("singleLogoutUrl"))),
		rep(str("permissionSetName")), str("plugin"), str("pluginExecutionUser"), rep(str("profileName")),
		opaque("samlConfig"),
		complexEl("sessionPolicy", complexType("ConnectedAppSessionPolicy",
			str("policyAction"), str("sessionLevel"), integer("sessionTimeout"))),
		str("startUrl"))

	authProviderType = metadataType("AuthProvider",
		str("appleTeam"), str("authorizeUrl"), str("consumerKey"), str("consumerSecret"), opaque("controlPlane"),
		str("customMetadataTypeRecord"), str("defaultScopes"), str("ecKey"), str("errorUrl"), str("executionUser"),
		since(str("flow"), "64.0"), since(str("flowDefaultAccount"), "64.0"), since(str("flowDefaultProfile"), "64.0"), req(str("friendlyName")), str("iconUrl"), str("idTokenIssuer"),
		boolean("includeOrgIdInIdentifier"), boolean("isPkceEnabled"), str("linkKickoffUrl"), str("logoutUrl"),
		str("oauthKickoffUrl"),
		rep(complexEl("paramForwardAllowlist", complexType("AuthProvParamFwdAllowlist", str("description"), req(str("param"))))),
		str("plugin"), str("portal"), req(enum("providerType", "AuthProviderType")), str("registrationHandler"),
		boolean("requireMfa"), boolean("sendAccessTokenInHeader"), boolean("sendClientCredentialsInHeader"),
		boolean("sendSecretInApis"), str("ssoKickoffUrl"), str("tokenUrl"), str("userInfoUrl"))

	// PermissionSet: only the parts about External Credentials are checked.
	permissionSetType = func() *ComplexType {
		t := metadataType("PermissionSet",
			rep(complexEl("externalCredentialPrincipalAccesses", complexType("PermissionSetExternalCredentialPrincipalAccess",
				req(boolean("enabled")), req(str("externalCredentialPrincipal"))))),
			rep(complexEl("objectPermissions", complexType("PermissionSetObjectPermissions",
				req(boolean("allowCreate")), req(boolean("allowDelete")), req(boolean("allowEdit")), req(boolean("allowRead")),
				boolean("customizeSetup"), boolean("deleteSetup"), req(boolean("modifyAllRecords")), req(str("object")),
				boolean("viewAllFields"), req(boolean("viewAllRecords")), boolean("viewSetup")))))
		t.Open = true
		return t
	}()
)

// CoveredTypes calls fn once for every complex type of the schema, the
// kinds' root types and every type inside them.
func CoveredTypes(fn func(t *ComplexType)) {
	seen := map[*ComplexType]bool{}
	var visit func(t *ComplexType)
	visit = func(t *ComplexType) {
		if seen[t] {
			return
		}
		seen[t] = true
		fn(t)
		for _, e := range t.Elements {
			if e.Type != nil {
				visit(e.Type)
			}
		}
	}
	for _, k := range AllKinds() {
		if s := Schema(k); s != nil {
			visit(s)
		}
	}
}

// HasRemoved reports whether the type, or a type inside it, has an element
// removed from the API.
func (t *ComplexType) HasRemoved() bool {
	for _, v := range elementVersions[t.Name] {
		if v.Removed != "" {
			return true // one the schema does not model (validator.otherVersion)
		}
	}
	for _, e := range t.Elements {
		if e.Removed != "" || (e.Type != nil && e.Type.HasRemoved()) {
			return true
		}
	}
	return false
}
