import type { SecretString } from '../../secrets/mask.js';
import type { SapHttp } from '../http/sap-http.js';

/**
 * A destination as the Destination service stores it: one flat object of string properties, standard keys
 * capitalised, authentication and additional keys as they are (sap-apis.md A.2; NOTES.md §1 schema Destination).
 */
export type Destination = Record<string, string> & { Name: string; Type: string };

/** An answer as it came: status and body text. Judging it is the service's job (btp-service.ts + errors.ts). */
export interface RawAnswer {
  status: number;
  text: string;
}

const reveal = (value: SecretString | string) => (typeof value === 'string' ? value : value.reveal());

/** OData string literal: a single quote is written twice (OData URL conventions §5.1.1.6.1). */
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * `Name in ('a','b')`. The Destination service's `$filter` knows only `Name in (…)`, `startswith(Name,…)`,
 * `endswith(Name,…)` and `modifiedwithin(…)` — no `eq`, no other property ([SPEC] via sap-field-facts.md, A.11).
 */
function namesFilter(names: string[]): string {
  if (names.length === 0) throw new Error('Name in (…) needs at least one name');
  return `Name in (${names.map(literal).join(',')})`;
}

export interface DestinationApiDeps {
  http: SapHttp;
  /** The service key's `url` (XSUAA) and `uri` (Destination service), sap-apis.md A.1. */
  xsuaaUrl: string;
  destinationUri: string;
}

/**
 * The raw Destination service REST API (sap-apis.md A.1–A.5, NOTES.md §1): one method per SAP call, no error
 * handling and no caching. Every call goes through `http` (createSapHttp), so timeouts, retries of idempotent
 * methods, the outbound guard and the call log apply. Secrets are revealed here and only here, where they are sent.
 */
export function createDestinationApi({ http, xsuaaUrl, destinationUri }: DestinationApiDeps) {
  const base = `${destinationUri.replace(/\/+$/, '')}/destination-configuration/v1`;
  const send = async (url: string, init: RequestInit & { method: string; retrySafe?: boolean }): Promise<RawAnswer> => {
    const response = await http(url, init);
    return { status: response.status, text: await response.text() };
  };
  const call = (token: SecretString, method: string, path: string, extra: { body?: unknown; headers?: Record<string, string> } = {}) =>
    send(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token.reveal()}`,
        accept: 'application/json',
        ...(extra.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...extra.headers,
      },
      body: extra.body === undefined ? undefined : JSON.stringify(extra.body),
    });
  const one = (name: string) => `/subaccountDestinations/${encodeURIComponent(name)}`;

  return {
    /** A.1: client credentials with client_id/client_secret in the form body, as SAP's doc (and SAP's SDK) send them. */
    requestToken: (clientId: string, clientSecret: SecretString | string) =>
      send(`${xsuaaUrl.replace(/\/+$/, '')}/oauth/token`, {
        method: 'POST',
        // A client-credentials token request changes nothing at XSUAA: safe to repeat after a lost answer.
        retrySafe: true,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: reveal(clientSecret) }).toString(),
      }),

    /**
     * A business user's token from the subaccount's XSUAA (OAuth 2.0 password grant, RFC 6749 §4.3), for Test
     * connection only. SAP's own tutorial requests an XSUAA user token this way with a service key's client
     * (SAP-samples/cloud-btp-cli-api-codejam exercises/09, cited in specs/NOTES.md §4); whether a given key's client
     * may use the grant is the subaccount's configuration (UNCERTAIN per plan): a refusal is reported as such.
     */
    requestUserToken: (clientId: string, clientSecret: SecretString | string, userName: string, password: SecretString) =>
      send(`${xsuaaUrl.replace(/\/+$/, '')}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'password', username: userName, password: password.reveal(), client_id: clientId, client_secret: reveal(clientSecret) }).toString(),
      }),

    /** A.2 list; `names` becomes `$filter=Name in (…)`. `$filter` is spelt out: some servers do not decode `%24`. */
    listSubaccountDestinations: (token: SecretString, names?: string[]) =>
      call(token, 'GET', `/subaccountDestinations${names ? `?$filter=${encodeURIComponent(namesFilter(names))}` : ''}`),
    readSubaccountDestination: (token: SecretString, name: string) => call(token, 'GET', one(name)),
    /** A.2: POST one object; a second POST of the same name answers 409. */
    createSubaccountDestination: (token: SecretString, destination: Destination) =>
      call(token, 'POST', '/subaccountDestinations', { body: destination }),
    /** A.2: PUT on the collection with the whole object (there is no PUT /{name}); it overwrites every property. */
    updateSubaccountDestination: (token: SecretString, destination: Destination) =>
      call(token, 'PUT', '/subaccountDestinations', { body: destination }),
    deleteSubaccountDestination: (token: SecretString, name: string) => call(token, 'DELETE', one(name)),

    /**
     * A.5 trust certificate ("Download Trust"): `{ certificate: PEM }`. [SPEC] via sap-field-facts.md (A.42–A.44): the POSTs
     * and the DELETE of the passive one answer 200; rotate without a passive certificate answers 404.
     */
    readTrustCertificate: (token: SecretString, slot: 'active' | 'passive' = 'active') =>
      call(token, 'GET', slot === 'active' ? '/saml2Metadata/certificate' : '/saml2Metadata/certificate/passive'),
    generatePassiveTrustCertificate: (token: SecretString) => call(token, 'POST', '/saml2Metadata/certificate/passive'),
    /** A.5: swaps active and passive; answers `{ activeCertificate, passiveCertificate }`. */
    rotateTrustCertificate: (token: SecretString) => call(token, 'POST', '/saml2Metadata/rotateCertificate'),

    /** A.3 find destination; a user JWT in X-user-token lets BTP fetch a SAML-bearer token for that user. */
    findDestination: (token: SecretString, name: string, userToken?: SecretString | string) =>
      call(token, 'GET', `/destinations/${encodeURIComponent(name)}`, { headers: userToken ? { 'x-user-token': reveal(userToken) } : {} }),
  };
}

export type DestinationApi = ReturnType<typeof createDestinationApi>;
