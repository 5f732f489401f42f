/**
 * The S/4 objects as the SAP_COM_0A48 services return them: SAP's field names (sap-apis.md D, NOTES.md §2.2/2.3), so a
 * reader can compare them with $metadata. Only the fields the seed steps read are typed; S/4 returns more.
 * No official EDMX was found (NOTES.md §2): check types against readMetadata on a real tenant.
 */

/** Present where the tenant protects the entity with optimistic concurrency: send it back as If-Match. */
export interface WithEtag {
  '@odata.etag'?: string;
}

export interface CommunicationUser extends WithEtag {
  /** Generated, `CC0000000NN`; what inbound users refer to. */
  ID: string;
  /** The name typed in Fiori; the Basic-auth logon name and the OAuth client ID of SAP_COM_0501 (sap-apis.md C). */
  Name: string;
  Description: string;
  IsLocked?: boolean;
  LockStatus?: string;
  PasswordStatus?: string;
}

export type AuthenticationMethod = 'x509' | 'basic' | 'none' | 'oauth2' | 'oauth2_mtls' | 'sso2' | 'oauth1';
export type OAuth2GrantType = 'authorization_code' | 'saml2-bearer' | 'ropc' | 'client_credentials';
/** "User ID Mapping Mode": Task Center needs user_uuid (sap-apis.md C, E.5). */
export type UserLogonType = 'user_uuid' | 'user_name';

export interface InboundUser extends WithEtag {
  UUID: string;
  CommunicationSystemUUID: string;
  /** The communication user's `CC…` ID, not its name. */
  CommunicationUserID: string;
  AuthenticationMethod: string;
  /** The OAuth 2.0 client ID of an oauth2 entry ('' for basic): through the API often the internal `CC…` ID ([3rd-verified]). */
  OAuth2ClientID?: string;
  OAuth2GrantType?: string;
}

/** What SAP_COM_0501 needs for the SAML 2.0 bearer flow (seed step 18; 6e5e004; sap-field-facts.md row 1). */
export const isSamlBearerClient = (u: Pick<InboundUser, 'AuthenticationMethod' | 'OAuth2GrantType'>) => u.AuthenticationMethod === 'oauth2' && u.OAuth2GrantType === 'saml2-bearer';

export interface CommunicationSystem extends WithEtag {
  /** Key (computed by S/4). */
  UUID: string;
  /** The System ID typed in Fiori; arrangements refer to the system by it. */
  ID: string;
  Name: string;
  HostName?: string;
  IsInboundOnly?: boolean;
  IsOAuth2IdentityProviderActive?: boolean;
  /** Probably the UI's "OAuth 2.0 SAML Issuer" (sap-apis.md D, UNCERTAIN). */
  OAuth2IdentityProviderName?: string;
  OAuth2IdentityProviderUserLogonType?: string;
  OAuth2IdentityProviderCertificateSubject?: string;
  OAuth2IdentityProviderCertificateIssuer?: string;
  OAuth2IdentityProviderCertificatePublicKeyBase64?: string;
  /** Present when read with $expand=InboundUsers. */
  InboundUsers?: InboundUser[];
}

/** The arrangement's inbound-user binding (deep-insert shape, sap-apis.md D). */
export interface ArrangementInboundUser {
  CommunicationSystemInboundUserUUID: string;
  CommunicationUserID?: string;
  AuthenticationMethod?: string;
  OAuth2ClientID?: string;
}

export interface CommunicationArrangement extends WithEtag {
  UUID: string;
  /** e.g. SAP_COM_0501 */
  CommunicationScenarioID: string;
  /** The system's string ID, not its UUID. */
  CommunicationSystemID: string;
  Name: string;
  Description?: string;
  /** Present when read with $expand=InboundUser; null when none is assigned. */
  InboundUser?: ArrangementInboundUser | null;
}

/** An OData V4 collection answer. */
export interface Collection<T> {
  value: T[];
}
