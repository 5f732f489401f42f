/**
 * Whether the signing certificate (seed step 8) is uploaded through the communication-system API.
 * sap-apis.md D marks it UNCERTAIN whether OAuth2IdentityProviderCertificatePublicKeyBase64 is writable; the sandbox
 * accepts it. If a live tenant refuses it, set this to false: step 8 then stays manual, and the plan says so.
 */
export const SIGNING_CERTIFICATE_BY_API = true;
