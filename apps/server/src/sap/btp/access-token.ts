import { ERROR_CODES } from '@tcc/shared';
import { SecretString } from '../../secrets/mask.js';
import { SapTransportError } from '../http/sap-http.js';
import type { DestinationApi } from './destination-api.js';
import { BtpError, toBtpError } from './errors.js';

/** Renew this long before expires_in runs out, so a token never expires between the check and BTP reading it. */
const EXPIRY_MARGIN_SECONDS = 60;

export interface AccessTokenDeps {
  api: Pick<DestinationApi, 'requestToken'>;
  clientId: string;
  clientSecret: SecretString;
  xsuaaUrl: string;
  destinationUri: string;
  clock: () => Date;
}

/**
 * The Destination service's access token (sap-apis.md A.1, client credentials at XSUAA), kept until
 * expires_in − 60 s. Callers waiting at the same time share one token request. The token itself is a SecretString:
 * it is a bearer credential for the whole subaccount's destinations.
 */
export function createAccessToken({ api, clientId, clientSecret, xsuaaUrl, destinationUri, clock }: AccessTokenDeps) {
  let cached: { token: SecretString; expiresAt: number } | null = null;
  let pending: Promise<SecretString> | null = null;
  const operation = 'get an access token for the Destination service';
  const fail = (failure: number | SapTransportError, body: string) =>
    toBtpError(failure, body, { operation, endpoint: 'xsuaa', xsuaaUrl, destinationUri, secrets: [clientSecret.reveal()] });

  async function request(): Promise<SecretString> {
    const answer = await api.requestToken(clientId, clientSecret).catch((error: unknown) => {
      throw error instanceof SapTransportError ? fail(error, '') : error;
    });
    if (answer.status !== 200) throw fail(answer.status, answer.text);
    let body: { access_token?: unknown; expires_in?: unknown } = {};
    try {
      body = JSON.parse(answer.text) as typeof body;
    } catch {
      // handled below: no token in it
    }
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw new BtpError(ERROR_CODES.btpUnavailable, `XSUAA at ${xsuaaUrl} answered without an access token; try again in a few minutes.`, 502, answer.status);
    }
    const lifetime = Number(body.expires_in) || 0;
    const token = new SecretString(body.access_token);
    cached = { token, expiresAt: clock().getTime() + Math.max(0, lifetime - EXPIRY_MARGIN_SECONDS) * 1000 };
    return token;
  }

  return {
    /** A valid token: the cached one, else a new one. */
    get(): Promise<SecretString> {
      if (cached && clock().getTime() < cached.expiresAt) return Promise.resolve(cached.token);
      pending ??= request().finally(() => {
        pending = null;
      });
      return pending;
    },
    /** Whether get() would answer without asking XSUAA. */
    isCached: () => cached !== null && clock().getTime() < cached.expiresAt,
    /** Forget the token: BTP refused it before it expired (e.g. the service key was deleted and created again). */
    drop(): void {
      cached = null;
    },
  };
}

export type AccessToken = ReturnType<typeof createAccessToken>;
