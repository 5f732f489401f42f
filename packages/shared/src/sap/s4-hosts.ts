/**
 * URL rules for an SAP S/4HANA Cloud public edition tenant.
 *
 * - UI host `myNNNNNN.s4hana.ondemand.com`; newer tenants `myNNNNNN.s4hana.cloud.sap` ([3rd], sap-apis.md C).
 *   SAP's own examples show both 6 and 7 digits (my123456-api…, my1234567-api…), so the digit count is not fixed.
 * - API host: the UI host with `-api` after the tenant name (sap-apis.md B.2 URL, C Token Service URL).
 * - Token Service URL `https://<api host>/sap/bc/sec/oauth2/token`; SAML2 Audience `https://<ui host>` (no -api).
 * - Destination URL: the arrangement's service URL minus the service path, e.g. `https://example-api.s4hana.ondemand.com/`.
 */
export const S4_DOMAINS = ['s4hana.ondemand.com', 's4hana.cloud.sap'] as const;
export type S4Domain = (typeof S4_DOMAINS)[number];

const S4_HOST = /^(my\d{6,})(-api)?\.(s4hana\.ondemand\.com|s4hana\.cloud\.sap)$/;

export const TOKEN_SERVICE_PATH = '/sap/bc/sec/oauth2/token';
export const TASK_REPLICATION_SERVICE_PATH =
  '/sap/opu/odata4/sap/api_task_spi_replication/default/sap/api_task_spi_replication/0001/';

export interface S4Host {
  /** e.g. my123456 */
  tenant: string;
  domain: S4Domain;
  uiHost: string;
  apiHost: string;
  /** True when the admin entered the -api host; the UI host is derived from it. */
  enteredApiHost: boolean;
}

export type S4HostResult = { ok: true; host: S4Host } | { ok: false; message: string };

/** Accepts a bare host or a pasted URL (scheme, path, query and a trailing dot are ignored). */
export function parseS4Host(input: string): S4HostResult {
  const raw = input.trim().toLowerCase();
  if (raw === '') return { ok: false, message: 'Enter the S/4HANA Cloud host name, for example my123456.s4hana.ondemand.com.' };
  const withoutScheme = raw.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  const host = withoutScheme.split(/[/?#]/, 1)[0]!.replace(/\.$/, '');
  if (host.includes('@') || host.includes(':')) {
    return { ok: false, message: 'Enter only the host name, without user name or port, for example my123456.s4hana.ondemand.com.' };
  }
  const match = S4_HOST.exec(host);
  if (!match) {
    return {
      ok: false,
      message: `"${host}" is not an SAP S/4HANA Cloud host. Expected my<digits>.s4hana.ondemand.com or my<digits>.s4hana.cloud.sap, as shown in the address bar of the S/4HANA Fiori launchpad.`,
    };
  }
  const [, tenant, api, domain] = match as unknown as [string, string, string | undefined, S4Domain];
  return {
    ok: true,
    host: {
      tenant,
      domain,
      uiHost: `${tenant}.${domain}`,
      apiHost: `${tenant}-api.${domain}`,
      enteredApiHost: api !== undefined,
    },
  };
}

export interface S4Endpoints {
  uiHost: string;
  apiHost: string;
  tokenServiceUrl: string;
  samlAudience: string;
  destinationUrl: string;
  replicationServiceUrl: string;
}

export function s4Endpoints(host: Pick<S4Host, 'uiHost' | 'apiHost'>, client: string): S4Endpoints {
  return {
    uiHost: host.uiHost,
    apiHost: host.apiHost,
    tokenServiceUrl: `https://${host.apiHost}${TOKEN_SERVICE_PATH}`,
    samlAudience: `https://${host.uiHost}`,
    destinationUrl: `https://${host.apiHost}/`,
    replicationServiceUrl: `https://${host.apiHost}${TASK_REPLICATION_SERVICE_PATH}?sap-client=${client}`,
  };
}
