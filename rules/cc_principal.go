package rules

import "github.com/sfcheck/sfcheck/metadata"

var ccPrincipal = register(&Rule{
	Code:     "SF208",
	Name:     "cc-principal",
	Severity: Error,
	Kinds:    []metadata.Kind{metadata.KindExternalCredential},
	Summary:  "a client-credentials credential has no named principal, or has a per-user principal",
	Doc: `In the client credentials flow the whole org shares one token obtained with
the app's client id and secret, which are stored on a named principal. A
per-user principal asks each user to authenticate, which this flow cannot do,
and without a named principal there is nowhere to store the client id and
secret, so no callout can get a token.`,
	Fix: "Add an externalCredentialParameters entry with parameterType NamedPrincipal, and remove PerUserPrincipal entries.",
	Bad: `-- externalCredentials/Api.externalCredential-meta.xml --
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Oauth</authenticationProtocol>
    <externalCredentialParameters>
        <parameterName>Oauth</parameterName>
        <parameterType>AuthProtocolVariant</parameterType>
        <parameterValue>ClientCredentialsClientSecretBasic</parameterValue>
    </externalCredentialParameters>
    <externalCredentialParameters>
        <parameterName>Users</parameterName>
        <parameterType>PerUserPrincipal</parameterType>
    </externalCredentialParameters>
    <label>Api</label>
</ExternalCredential>
`,
	Good: `-- externalCredentials/Api.externalCredential-meta.xml --
<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <authenticationProtocol>Oauth</authenticationProtocol>
    <externalCredentialParameters>
        <parameterName>Oauth</parameterName>
        <parameterType>AuthProtocolVariant</parameterType>
        <parameterValue>ClientCredentialsClientSecretBasic</parameterValue>
    </externalCredentialParameters>
    <externalCredentialParameters>
        <parameterName>Integration</parameterName>
        <parameterType>NamedPrincipal</parameterType>
        <sequenceNumber>1</sequenceNumber>
    </externalCredentialParameters>
    <label>Api</label>
</ExternalCredential>
`,
	Run: runCCPrincipal,
})

func runCCPrincipal(p *Pass) error {
	for _, ec := range p.Index.ExternalCredentials {
		if !isCCCredential(ec, p.Index) {
			continue
		}
		if len(ec.Params("NamedPrincipal")) == 0 {
			p.Report(ec.Root(), "client credentials external credential %q has no named principal to hold the client id and secret: add a NamedPrincipal parameter", ec.Name)
		}
		for _, prm := range ec.Params("PerUserPrincipal") {
			p.Report(prm, "client credentials external credential %q has per-user principal %q: the flow uses one named principal for everyone", ec.Name, prm.ParameterName.Text)
		}
	}
	return nil
}
