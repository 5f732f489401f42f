import type { KeyPairWithCertificate } from './crypto/keys.js';

/**
 * A simulated business user: a user of an identity provider the subaccount's XSUAA trusts and, when `inS4` is true, a
 * business user in S/4 whose user UUID equals `userUuid` (the SAML NameID under User ID Mapping Mode "User UUID").
 */
export interface BusinessUser {
  /**
   * The `user_uuid` claim XSUAA passes on from the identity provider (specs/NOTES.md §4): SAP Cloud Identity Services
   * sets a GUID; SAP ID service an SAP user ID such as `P000123` / `I347491`, not a GUID, which no S/4 user UUID equals.
   */
  userUuid: string;
  userName: string;
  email: string;
  password: string;
  inS4: boolean;
  /**
   * XSUAA's `origin` claim: the origin key of the user's identity provider (UNCERTAIN.xsuaaOrigins): `sap.default` = SAP ID
   * service, the IAS trust's key (`sap.custom`) for users of the subaccount's IAS tenant. Absent in states saved before it
   * existed: those users were IAS-like (GUID user_uuid).
   */
  origin: string;
}

export interface TrustKeys {
  active: KeyPairWithCertificate | null;
  passive: KeyPairWithCertificate | null;
}

/** A destination as the Destination service stores it: a flat object of string properties (sap-apis.md A.2). */
export type Destination = Record<string, string> & { Name: string; Type: string };

export interface BtpState {
  subaccountId: string;
  landscapeDomain: string;
  subdomain: string;
  /** The tenant GUID (zid) of the subaccount's identity zone. */
  zoneId: string;
  /** Clients allowed at XSUAA: the Destination service key's, and the demo app's for user tokens. */
  clients: Map<string, { secret: string; kind: 'destination-service' | 'app' }>;
  trust: TrustKeys;
  destinations: Map<string, Destination>;
  /**
   * When each destination was last created or overwritten through the API (epoch ms), for `$filter=modifiedwithin(…)`;
   * kept apart so it never shows as a destination property. Absent in states saved before it existed.
   */
  destinationModifiedAt?: Map<string, number>;
  /** Signs XSUAA tokens; published at /token_keys. */
  tokenSigningKey: KeyPairWithCertificate;
}

export interface CommunicationUser {
  ID: string;
  Name: string;
  Type: string;
  Description: string;
  Password: string;
  IsLocked: boolean;
  failedLogons: number;
  ChangedAt: string;
  ChangedBy: string;
}

export interface CommunicationSystem {
  UUID: string;
  ID: string;
  Name: string;
  Type: string;
  Description: string;
  HostName: string;
  IsInboundOnly: boolean;
  IsOAuth2IdentityProviderActive: boolean;
  OAuth2IdentityProviderName: string;
  OAuth2IdentityProviderUserLogonType: string;
  OAuth2IdentityProviderCertificateSubject: string;
  OAuth2IdentityProviderCertificateIssuer: string;
  /** The uploaded signing certificate, DER in base64 (see UNCERTAIN.signingCertificateFieldHoldsWholeCertificate). */
  OAuth2IdentityProviderCertificatePublicKeyBase64: string;
}

export interface InboundUser {
  UUID: string;
  CommunicationSystemUUID: string;
  CommunicationUserID: string;
  AuthenticationMethod: string;
  OAuth2ClientID: string;
  OAuth2GrantType: string;
}

export interface CommunicationArrangement {
  UUID: string;
  CommunicationScenarioID: string;
  CommunicationSystemID: string;
  Name: string;
  Description: string;
  /** The inbound user bound to the arrangement (InboundUsers.UUID of the system), or '' when none. */
  InboundUserUUID: string;
}

export interface S4State {
  tenant: string;
  uiHost: string;
  apiHost: string;
  client: string;
  /**
   * The SAP_COM_0A48 communication user that the admin creates by hand before any automation (bootstrap).
   * `failedLogons`: wrong Basic passwords since the last good logon; at the profile's `lockAfterFailedLogons` the user is
   * `locked` (SAP-docs 0377ade: "locked after three unsuccessful login attempts") and refused even with the right password
   * until unlocked (action unlock-communication-management-user). Both are absent in states saved before they existed.
   */
  managementUser: { name: string; password: string; failedLogons?: number; locked?: boolean };
  communicationUsers: Map<string, CommunicationUser>;
  communicationSystems: Map<string, CommunicationSystem>;
  inboundUsers: Map<string, InboundUser>;
  arrangements: Map<string, CommunicationArrangement>;
  /** Access tokens issued by /sap/bc/sec/oauth2/token: token → user and expiry. */
  accessTokens: Map<string, { userUuid: string; clientId: string; expiresAt: number }>;
  /** CSRF tokens handed out per session cookie. */
  csrfTokens: Map<string, { token: string; expiresAt: number }>;
  nextUserNumber: number;
}

export interface SandboxState {
  btp: BtpState;
  s4: S4State;
  users: BusinessUser[];
}
