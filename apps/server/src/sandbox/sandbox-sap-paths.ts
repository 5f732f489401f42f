/**
 * The paths of SAP's APIs the product calls (sap-apis.md A.1–A.5, C, D, E): XSUAA's token endpoint, the Destination
 * service, and S/4's /sap/ services. On a sandbox host nothing else is reachable through the product.
 */
export const SANDBOX_SAP_PATHS = ['/oauth/token', '/token_keys', '/destination-configuration/v1/', '/sap/'];
