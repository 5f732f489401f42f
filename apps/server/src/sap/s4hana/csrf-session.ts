/**
 * SAP Gateway's CSRF protection as a client sees it (sap-apis.md D "CSRF", sap-cloud-sdk.md "CSRF"): a GET with
 * `X-CSRF-Token: Fetch` answers a token bound to the session cookies it sets; every write must send both back.
 * One session per communication-api instance, i.e. per tenant and SAP_COM_0A48 user: never shared across tenants.
 */
export interface CsrfSession {
  /** The token to send, or null when one must be fetched first. */
  token(): string | null;
  /** Headers for a write: the token and the session cookies. */
  writeHeaders(): Record<string, string>;
  /** Takes the token and cookies from the answer to a Fetch; false when Gateway sent no token. */
  accept(response: Response): boolean;
  /** Forgets token and cookies, so the next fetch starts a new Gateway session (the old one was refused). */
  reset(): void;
}

export const CSRF_HEADER = 'x-csrf-token';

/** Gateway's answer to a write with a missing or stale token: 403 with `x-csrf-token: Required`. */
export function isCsrfRefusal(response: Response): boolean {
  return response.status === 403 && response.headers.get(CSRF_HEADER)?.toLowerCase() === 'required';
}

export function createCsrfSession(): CsrfSession {
  let token: string | null = null;
  const cookies = new Map<string, string>();
  return {
    token: () => token,
    writeHeaders() {
      const headers: Record<string, string> = {};
      if (token) headers[CSRF_HEADER] = token;
      if (cookies.size > 0) headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
      return headers;
    },
    accept(response) {
      // Only name=value matters: the cookies go back to the same host, and attributes like Path=/ cover every service.
      for (const line of response.headers.getSetCookie()) {
        const pair = line.split(';', 1)[0]!;
        const eq = pair.indexOf('=');
        if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
      }
      const value = response.headers.get(CSRF_HEADER);
      token = value && value.toLowerCase() !== 'required' ? value : null;
      return token !== null;
    },
    reset() {
      token = null;
      cookies.clear();
    },
  };
}
