package main

// What the WSDLs do not say about the schema sfcheck checks against.

// roots are the types of the kinds sfcheck validates. For the newer parts
// of an External Client App, enumeration values are not checked
// (enumsUnchecked): their WSDL enumerations change from release to release,
// and a value a newer org writes must not fail an older sfcheck.
var roots = []struct {
	wsdl           string
	enumsUnchecked bool
}{
	{wsdl: "ExternalClientApplication"},
	{wsdl: "ExtlClntAppOauthSettings"},
	{wsdl: "ExtlClntAppGlobalOauthSettings"},
	{wsdl: "ExtlClntAppOauthConfigurablePolicies"},
	{wsdl: "ExtlClntAppConfigurablePolicies"},
	{"ExtlClntAppMobileSettings", true},
	{"ExtlClntAppMobileConfigurablePolicies", true},
	{"ExtlClntAppNotificationSettings", true},
	{"ExtlClntAppSamlConfigurablePolicies", true},
	{"ExtlClntAppSampleSettings", true},
	{"ExtlClntAppSampleConfigurablePolicies", true},
	{"ExtlClntAppPushSettings", true},
	{"ExtlClntAppPushConfigurablePolicies", true},
	{"ExtlClntAppCanvasSettings", true},
	{wsdl: "ExternalCredential"},
	{wsdl: "NamedCredential"},
	{wsdl: "ExternalAuthIdentityProvider"},
	{wsdl: "ConnectedApp"},
	{wsdl: "AuthProvider"},
	{wsdl: "PermissionSet"},
}

// openTypes check only the elements listed: a permission set has dozens of
// parts that have nothing to do with OAuth (and no rule reads them).
var openTypes = map[string][]string{
	"PermissionSet": {"externalCredentialPrincipalAccesses", "objectPermissions"},
}

// opaqueElements are complex elements sfcheck does not look into: parts of
// a Connected App or AuthProvider that no rule reads and whose types are
// large (canvas, mobile and SAML settings; MuleSoft's control plane).
var opaqueElements = map[string]string{
	"ConnectedApp.canvas":          "canvas app settings",
	"ConnectedApp.canvasConfig":    "canvas app settings",
	"ConnectedApp.mobileAppConfig": "mobile app settings",
	"ConnectedApp.samlConfig":      "SAML settings",
	"AuthProvider.controlPlane":    "MuleSoft control plane",
}

// documentedEnums are WSDL strings whose values the Metadata API
// documentation lists (metadata-reference.md): they are checked as
// enumerations, whose values are in metadata/schema.go's Enums.
var documentedEnums = map[string]string{
	"ExtlClntAppOauthConfigurablePolicies.ipRelaxationPolicyType":   "IpRelaxationPolicyType",
	"ExtlClntAppOauthConfigurablePolicies.refreshTokenValidityUnit": "RefreshTokenValidityUnit",
	"ConnectedAppOauthPolicy.ipRelaxation":                          "ConnectedAppIpRelaxation",
}
