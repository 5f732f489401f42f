import type { RunningSandbox } from '../../src/start-sandbox.js';

export const COMM_USER = 'TASKCENTER_USER';
export const COMM_PASSWORD = 'Task-Center-Pull-2026!x';
export const DESTINATION = 'S4HANACloud';

export async function json(response: Response): Promise<any> {
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** A client-credentials token of the Destination service key, over HTTP. */
export async function serviceToken(sb: RunningSandbox): Promise<string> {
  const key = sb.descriptor.btp.loopbackDestinationServiceKey;
  const answer = await fetch(`${key.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: key.clientid, client_secret: key.clientsecret }),
  });
  return (await json(answer)).access_token;
}

/** A business user's JWT (password grant), as an app bound to XSUAA gets it. */
export async function userToken(sb: RunningSandbox, userName = sb.descriptor.businessUsers[0]!.userName): Promise<string> {
  const user = sb.descriptor.businessUsers.find((u) => u.userName === userName)!;
  const client = sb.descriptor.btp.userTokenClient;
  const answer = await fetch(`${sb.descriptor.baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username: user.userName, password: user.password, client_id: client.clientid, client_secret: client.clientsecret }),
  });
  return (await json(answer)).access_token;
}

async function fiori(sb: RunningSandbox, path: string, body?: object) {
  const answer = await fetch(`${sb.descriptor.baseUrl}/sandbox/fiori${path}`, {
    method: body ? 'POST' : 'GET',
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!answer.ok) throw new Error(`${path}: ${answer.status} ${await answer.text()}`);
  return answer;
}

export interface ManualSetupOptions {
  samlIssuer?: string;
  userIdMappingMode?: string;
  audience?: string;
  tokenServicePassword?: string;
  destination?: Record<string, string>;
}

/** The seed procedure done by hand in the sandbox: steps 1–19 in S/4 and the Task Center destination in BTP. */
export async function manualSetup(sb: RunningSandbox, options: ManualSetupOptions = {}) {
  const pem = await (await fiori(sb, '/trust-certificate.pem')).text();
  const cn = sb.descriptor.btp.trustCertificateCn;
  await fiori(sb, '/communication-users', { name: COMM_USER, description: 'Task Center', password: COMM_PASSWORD });
  await fiori(sb, '/communication-systems', {
    systemId: 'TASKCENTER',
    systemName: 'SAP Task Center',
    hostName: sb.descriptor.s4.uiHost,
    signingCertificatePem: pem,
    samlIssuer: options.samlIssuer ?? cn,
    userIdMappingMode: options.userIdMappingMode ?? 'User UUID',
    inboundUserName: COMM_USER,
  });
  await fiori(sb, '/communication-arrangements', { scenario: 'SAP_COM_0501', name: 'SAP_COM_0501_TASKCENTER', systemId: 'TASKCENTER' });
  const details = await json(await fiori(sb, '/communication-arrangements/SAP_COM_0501_TASKCENTER/oauth2-details'));
  const destination = {
    Name: DESTINATION,
    Type: 'HTTP',
    URL: `https://${sb.descriptor.s4.apiHost}/`,
    ProxyType: 'Internet',
    Authentication: 'OAuth2SAMLBearerAssertion',
    audience: options.audience ?? details.samlAudience,
    authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:X509',
    clientKey: details.clientId,
    tokenServiceURLType: 'Dedicated',
    tokenServiceURL: details.tokenServiceUrl,
    tokenServiceUser: COMM_USER,
    tokenServicePassword: options.tokenServicePassword ?? COMM_PASSWORD,
    'tc.enabled': 'true',
    'tc.provider_type': 'S/4HANACloud',
    userIdSource: 'user_uuid',
    'URL.queries.sap-client': sb.descriptor.s4.client,
    ...options.destination,
  };
  const created = await fetch(`${sb.descriptor.baseUrl}/destination-configuration/v1/subaccountDestinations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await serviceToken(sb)}`, 'content-type': 'application/json' },
    body: JSON.stringify(destination),
  });
  if (created.status !== 201) throw new Error(`destination: ${created.status} ${await created.text()}`);
  return { details, pem, cn };
}

/** Find destination as an app does it: the service's token, the user's JWT in X-user-token. */
export async function findDestination(sb: RunningSandbox, userJwt?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${await serviceToken(sb)}` };
  if (userJwt) headers['x-user-token'] = userJwt;
  const answer = await fetch(`${sb.descriptor.baseUrl}/destination-configuration/v1/destinations/${DESTINATION}`, { headers });
  return { status: answer.status, body: await json(answer) };
}
