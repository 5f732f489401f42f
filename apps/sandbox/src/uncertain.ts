/**
 * Every choice the sandbox makes where ../shared/reference/sap-apis.md marks a fact UNCERTAIN (or no source states
 * it). One place, so a live tenant can settle each by editing a line here. Section letters refer to sap-apis.md.
 */
export const UNCERTAIN = {
  /**
   * A.2: status codes of the Destination service come only from a [3rd] summary (POST 201, conflict 409, DELETE 204…).
   * [SPEC] via sap-field-facts.md gives 201 for a bulk POST in which every item was created; for one object it is still assumed.
   */
  destinationCreatedStatus: 201,
  destinationConflictStatus: 409,
  /** A.3: the exact error text of find destination without a user JWT for OAuth2SAMLBearerAssertion is not published. */
  findDestinationNoUserMessage:
    'Retrieval of OAuthToken failed due to: No user found in the request. A user JWT (Authorization or X-user-token header) is required for authentication type OAuth2SAMLBearerAssertion.',
  /** A.3: how the Destination service words a token service error in authTokens[0].error (format not published). */
  tokenRetrievalFailedMessage: (status: number, error: string, description: string) =>
    `Retrieval of OAuthToken failed due to: ${status} ${error}${description ? `: ${description}` : ''}`,
  tokenServiceUnreachableMessage: (url: string) => `Retrieval of OAuthToken failed due to: token service ${url} could not be reached`,
  /**
   * A.3/3cb7b81: "If not found on any level, the operation would fail" and, for custom user attributes, "user ID could not be
   * determined"; the words around them are not published. Also used when nameIdFormat is neither emailAddress nor unspecified
   * ("otherwise an exception is thrown").
   */
  userIdNotDeterminedMessage: (source: string) => `Retrieval of OAuthToken failed due to: user ID could not be determined (looked for '${source}' in the user JWT)`,
  nameIdFormatInvalidMessage: (format: string) =>
    `Retrieval of OAuthToken failed due to: nameIdFormat '${format}' needs userIdSource; without it only emailAddress or unspecified are supported`,
  /**
   * sap-field-facts.md row 3 / c69ea6a: an X-user-token the subaccount does not trust (not from its XSUAA, and not verifiable
   * with the destination's x_user_token.jwks / x_user_token.jwks_uri) yields no token. SAP documents no HTTP status or text
   * for it: the sandbox answers 200 with the reason in authTokens[0].error, like every other token-retrieval failure.
   */
  xUserTokenUntrustedMessage: (reason: string) => `Retrieval of OAuthToken failed due to: the JWT in the X-user-token header is not trusted: ${reason}`,
  /**
   * c69ea6a: x_user_token.jwks is a "Base64-encoded JSON web key set" (RFC 7517 §5) — settled. Which key fields are read is
   * not: the sandbox takes RSA keys (kty RSA, n, e; the key whose `kid` matches the JWT's, else any) and RS256 only.
   */
  xUserTokenAlgorithms: ['RS256'] as const,
  /** c69ea6a: x_user_token.jwks_uri is fetched with this timeout (not published; the token service timeouts default to 10 s). */
  xUserTokenJwksTimeoutMs: 10_000,
  /** A.5: the trust certificate's full subject beyond the CN is seen only in a [3rd] guide. */
  trustCertificateSubject: (cn: string) => [
    { shortName: 'OU', value: 'CP Destination Configuration' },
    { shortName: 'O', value: 'SAP' },
    { shortName: 'CN', value: cn },
  ],
  /** A.5: 404 text when the subaccount has no key pair ([3rd] Go client). */
  trustCertificateMissingMessage: 'The requested resource could not be found or the subaccount has no Key Pair generated',
  /* D: whether the comm-system API accepts the signing certificate: a switch, profile.ts signingCertificateWritable. */
  /** D: OAuth2IdentityProviderCertificatePublicKeyBase64 holds the whole DER certificate in base64 (not only the public key). */
  signingCertificateFieldHoldsWholeCertificate: true,
  /** D: OAuth2IdentityProviderUserLogonType enumeration (the doc lists only these two). */
  userLogonTypes: ['user_uuid', 'user_name'] as const,
  /* D/C: the client ID of an API-created OAuth 2.0 inbound user, and whether it can be renamed: profile.ts switches. */
  /** E.4: S/4 enforces Recipient and NotBefore/NotOnOrAfter (expected per RFC 7522). Allowed clock skew in seconds. */
  assertionClockSkewSeconds: 60,
  /** E: error texts of the token endpoint (invalid_client / invalid_grant); shaped like SAP's, exact wording unknown. */
  tokenErrors: {
    noClientAuthentication: 'No OAuth 2.0 client authentication credentials',
    clientAuthenticationFailed: 'Client authentication failed',
    userLocked: 'Client authentication failed: user is locked',
    unknownIssuer: 'Error in ST program SAML2_ASSERTION: issuer is not a trusted OAuth 2.0 identity provider',
    badSignature: 'Error in ST program SAML2_ASSERTION: signature of the assertion is not valid',
    wrongAudience: 'Error in ST program SAML2_ASSERTION: audience restriction is not fulfilled',
    wrongRecipient: 'Error in ST program SAML2_ASSERTION: recipient does not match the token endpoint',
    expired: 'Error in ST program SAML2_ASSERTION: assertion is expired or not yet valid',
    unknownUser: 'Error in ST program SAML2_ASSERTION: no user found for the name ID',
    noArrangement: 'No communication arrangement allows this client for SAML 2.0 bearer assertions',
  },
  /**
   * C/NOTES §3: no entity or property names of api_task_spi_replication were found. The sandbox offers one entity set
   * of tasks; the product's connection test reads only the service document, which needs no names.
   */
  taskReplication: {
    entitySet: 'Tasks',
    entityType: 'TaskType',
    key: 'TaskInstanceID',
    demoTasks: [
      { TaskTitle: 'Approve purchase order 4500000101', TaskDefinitionName: 'Purchase Order Approval', Priority: 'HIGH', Status: 'READY' },
      { TaskTitle: 'Approve supplier invoice 5105600042', TaskDefinitionName: 'Supplier Invoice Approval', Priority: 'MEDIUM', Status: 'READY' },
      { TaskTitle: 'Release purchase requisition 10000023', TaskDefinitionName: 'Purchase Requisition Release', Priority: 'LOW', Status: 'READY' },
    ],
  },
  /* Failed logons after which a communication user is locked: profile.ts lockAfterFailedLogons (0377ade says three). */
  /** A.1/NOTES §4: XSUAA's expires_in (12 h less a second, as seen in practice [3rd]); exp = iat + this. */
  xsuaaTokenLifetimeSeconds: 43199,
  /**
   * NOTES.md §4: XSUAA's `origin` is the origin key of the identity provider the user signed in with (`sap.default` = SAP ID
   * service). The origin key of the subaccount's trust to its SAP Cloud Identity Services tenant is chosen when the trust is
   * set up; `sap.custom` (the cockpit's default for a custom IAS trust, as remembered, not sourced) is assumed.
   */
  xsuaaOrigins: { sapIdService: 'sap.default', ias: 'sap.custom' },
  /** A.1: a wrong user password (password grant) or a bad assertion (jwt-bearer) — RFC 6749 §5.2 says 400 invalid_grant; XSUAA's exact text is unknown. */
  xsuaaInvalidGrant: { status: 400, badUserPassword: 'User authentication failed: Bad credentials', badAssertion: 'Invalid JWT assertion' },
  /** A.2: paging response headers for $pageCount=true / $entityCount=true; names taken from the parameter names, not from a spec. */
  destinationPagingHeaders: { pageCount: 'Page-Count', entityCount: 'Entity-Count' },
  /** A.2: the page size when $page is given without $pageSize (not published). */
  destinationDefaultPageSize: 50,
  /** A.2/NOTES §1: DELETE of one destination returns `Update` ({ Count }), so 200 rather than the [3rd] summary's 204. */
  destinationDeletedStatus: 200,
  /**
   * A.18: [SPEC] via sap-field-facts.md settles the bulk POST (201 all created, 207 BulkResponse[] on partial failure; see
   * subaccount-destinations.ts). Not settled: whether a 201 carries the BulkResponse[] too (the sandbox sends it), the status
   * when every item failed (the sandbox answers 207: each item's status says why), and the status of a bulk PUT (kept at 200).
   */
  destinationBulkUpdateStatus: 200,
  /**
   * A.11: [SPEC] via sap-field-facts.md lists the $filter forms (filter.ts). Not published: the argument of modifiedwithin
   * (the sandbox takes an ISO 8601 duration of days/hours/minutes/seconds, bare or quoted: modifiedwithin(PT1H),
   * modifiedwithin('P7D')); whether forms combine with and/or (filter.ts parses one form only: 400). The modification time
   * it filters on is kept beside the destination (BtpState.destinationModifiedAt), never as a visible property; SAP's Python
   * SDK knows a `$includeMetadata` list parameter (utils/_params.py) that may expose such metadata — not modelled.
   */
  destinationFilter: { modifiedWithinArgument: 'iso8601-duration' as const },
  /** A.2: Destination service error texts ({ ErrorMessage }); only the not-found text is confirmed (sap-cloud-sdk.md). */
  destinationErrors: {
    unauthorized: 'Unauthorized: a valid OAuth access token of the Destination service is required',
    conflict: (name: string) => `Destination with name '${name}' already exists`,
    nameRequired: 'Destination name is required',
    typeRequired: 'Destination type is required',
    typeInvalid: (type: string) => `Invalid destination type '${type}'; expected one of HTTP, RFC, MAIL, LDAP`,
    filterRequired: 'The $filter query parameter is required',
    filterInvalid: (filter: string) => `Invalid $filter expression: ${filter}`,
    bodyInvalid: 'The request body must be a destination object or an array of destinations',
  },
  /**
   * A.44: rotate without a passive certificate answers 404 "Passive Keypair … does not exist" ([SPEC] via sap-field-facts.md,
   * settled in trust-certificate.ts); the words the audit elided ("for subaccount <id>") are the sandbox's guess.
   */
  trustRotateWithoutPassiveMessage: (subaccountId: string) => `Passive Keypair for subaccount ${subaccountId} does not exist`,
  /**
   * A.5 documents the passive certificate, its generation and the swap; these choices about it are not documented:
   * - the passive certificate has the same subject (CN `cfapps.<landscape>/<subaccount>`) as the active one, so S/4's
   *   issuer (step 9) stays as it is (the product checks the CN anyway and moves the issuer with a differing one);
   * - find destination signs with the active certificate only, from the moment rotate answers (no grace period, no
   *   cached SAML tokens of the previous certificate);
   * - a communication system trusts exactly one signing certificate (the one field), so a switch has a window in which
   *   the systems disagree — the rotation makes it as short as two writes back to back.
   */
  trustRotation: { passiveSameSubject: true, signsWithActiveOnlyFromRotate: true, s4SigningCertificatesPerSystem: 1 },
  /** D: the tenant's SAP system ID, used in the Basic realm "[SID/client]" and the session cookie SAP_SESSIONID_<SID>_<client>; not derivable from the host. */
  s4SystemId: 'SBX',
  /** D: CSRF token lifetime of the SAP_COM_0A48 services (Gateway ties it to the session; 30 minutes assumed). */
  csrfTokenLifetimeSeconds: 1800,
  /** D: CommunicationUsers.Type values accepted on create ([3rd] api-reference says customer_communication; a [3rd] copy tool sends 'B'). */
  communicationUserTypes: ['customer_communication'] as const,
  /** D: LockStatus / PasswordStatus texts of CommunicationUsers (INVENTED: the fields exist per [3rd], their values are unknown). */
  communicationUserLockStatus: { locked: 'locked', unlocked: 'unlocked' },
  communicationUserPasswordStatus: { set: 'productive', none: 'initial' },
  /** D.21 (sap-field-facts.md "Wrong but harmless"): a duplicate user, system or arrangement answers 400 "already used/exists", not 409. */
  communicationManagementDuplicateStatus: 400,
  /** D: how subject/issuer of the uploaded signing certificate are rendered (node's RDNs joined with ", "); S/4's format is unknown. */
  certificateDnSeparator: ', ',
  /**
   * D: error codes of the SAP_COM_0A48 services. Only CM_APS_CS/026 is published ([3rd] NOTES.md 2.3: deep insert of users, or OAuth2ClientID
   * without CommunicationUserID); CM_APS_CA/100 exists but is not simulated. Every other code here is INVENTED in SAP's message-class shape.
   */
  communicationManagementErrors: {
    userDescriptionRequired: 'CM_APS_CU/001',
    userNameRequired: 'CM_APS_CU/002',
    userNameTaken: 'CM_APS_CU/003',
    userPasswordRule: 'CM_APS_CU/004',
    userTypeInvalid: 'CM_APS_CU/005',
    userNameImmutable: 'CM_APS_CU/006',
    userNotFound: 'CM_APS_CU/404',
    deepInsertOrClientIdWithoutUser: 'CM_APS_CS/026',
    systemIdRequired: 'CM_APS_CS/001',
    systemNameRequired: 'CM_APS_CS/002',
    systemIdTaken: 'CM_APS_CS/003',
    systemIdImmutable: 'CM_APS_CS/004',
    systemInUse: 'CM_APS_CS/005',
    systemValueInvalid: 'CM_APS_CS/006',
    signingCertificateInvalid: 'CM_APS_CS/007',
    signingCertificateNotWritable: 'CM_APS_CS/008',
    inboundUserDuplicate: 'CM_APS_CS/010',
    inboundUserInUse: 'CM_APS_CS/011',
    inboundUserNeedsCommunicationUser: 'CM_APS_CS/012',
    systemNotFound: 'CM_APS_CS/404',
    inboundUserNotFound: 'CM_APS_CS/405',
    clientIdTaken: 'CM_APS_CS/013',
    inboundUserFieldImmutable: 'CM_APS_CS/014',
    scenarioUnknown: 'CM_APS_CA/001',
    arrangementNameRequired: 'CM_APS_CA/002',
    arrangementNameTaken: 'CM_APS_CA/003',
    arrangementSystemNotFound: 'CM_APS_CA/004',
    arrangementInboundUserRequired: 'CM_APS_CA/005',
    arrangementInboundUserWrongSystem: 'CM_APS_CA/006',
    scenarioAlreadyArrangedForSystem: 'CM_APS_CA/007',
    arrangementPartNotSimulated: 'CM_APS_CA/008',
    /** SAP_COM_0501's inbound user must be OAuth 2.0 SAML bearer (seed step 18, 6e5e004); the code is invented. */
    arrangementInboundUserNotOAuth: 'CM_APS_CA/009',
    /** [3rd] sap-field-facts.md row 6 names CM_APS_CA/027 for a missing outbound part; its wording is not public. */
    arrangementOutboundUserMissing: 'CM_APS_CA/027',
    arrangementNotFound: 'CM_APS_CA/404',
  },
  /** D: protocol-level OData errors of the Gateway V4 runtime (INVENTED codes; SAP uses /IWBEP/CM_V4_* message classes). */
  odataErrors: {
    csrfValidationFailed: { code: '/IWBEP/CM_V4_RUNTIME/021', message: 'CSRF token validation failed' },
    resourceNotFound: '/IWBEP/CM_V4_RUNTIME/005',
    invalidQueryOption: '/IWBEP/CM_V4_RUNTIME/020',
    invalidPayload: '/IWBEP/CM_V4_RUNTIME/030',
    methodNotAllowed: '/IWBEP/CM_V4_RUNTIME/040',
    /** profile.ts patchRequiresIfMatch: 428 without If-Match, 412 with a stale ETag (OData 4.01 §8.2.4 / §11.4.1.1). */
    preconditionRequired: '/IWBEP/CM_V4_RUNTIME/050',
    preconditionFailed: '/IWBEP/CM_V4_RUNTIME/051',
  },
} as const;
