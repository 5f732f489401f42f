/**
 * The app side of sdk-https.test.ts, run in its own process: NODE_EXTRA_CA_CERTS (the sandbox's test CA) is read only
 * at process start, and the SAP Cloud SDK's caches and circuit breaker are process-wide. It trusts the sandbox only
 * through that CA (no NODE_TLS_REJECT_UNAUTHORIZED), sets the sandbox up by hand over https as the seed procedure says,
 * then lets the SDK (VCAP_SERVICES from the parent) find the Task Center destination with a user JWT and write through a
 * Basic destination with CSRF. Prints one line `RESULT <json>` on stdout.
 *
 * Env: SANDBOX_DESCRIPTOR (the descriptor as JSON), BASIC_DESTINATION (name for the SAP_COM_0A48 destination),
 * NEW_COMMUNICATION_USER (name of the communication user to create).
 */
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { getDestination } from '@sap-cloud-sdk/connectivity';
import { executeHttpRequest } from '@sap-cloud-sdk/http-client';
import type { RunningSandbox } from '../../src/start-sandbox.js';
import { UNCERTAIN } from '../../src/uncertain.js';
import { DESTINATION, json, manualSetup, serviceToken, userToken } from './manual-setup.js';

const CU = '/sap/opu/odata4/sap/aps_com_cu_a4c_odata/srvd_a2x/sap/aps_com_cu_a4c_odata/0001';
const REPLICATION = '/sap/opu/odata4/sap/api_task_spi_replication/default/sap/api_task_spi_replication/0001';

const sb = { descriptor: JSON.parse(process.env.SANDBOX_DESCRIPTOR!) } as RunningSandbox;
const { baseUrl } = sb.descriptor;
const result: Record<string, unknown> = { nodeExtraCaCerts: process.env.NODE_EXTRA_CA_CERTS ?? null, tlsRejectUnauthorized: process.env.NODE_TLS_REJECT_UNAUTHORIZED ?? null };

/** The SDK's own requests (node:http/https; fetch is not seen here), per step: where it sent them and over what. */
interface SdkCall {
  method: string;
  protocol: string;
  host: string;
  path: string;
  xZid: string | null;
  csrf: string | null;
}
let calls: SdkCall[] = [];
subscribe('http.client.request.start', (message) => {
  const { request } = message as { request: ClientRequest };
  const header = (name: string) => (request.getHeader(name) === undefined ? null : String(request.getHeader(name)));
  calls.push({ method: request.method, protocol: request.protocol, host: request.host, path: request.path.split('?')[0]!, xZid: header('x-zid'), csrf: header('x-csrf-token') });
});
const sdkCalls: Record<string, SdkCall[]> = {};
result.sdkCalls = sdkCalls;

const step = async (name: string, run: () => Promise<unknown>) => {
  calls = [];
  try {
    result[name] = await run();
  } catch (error) {
    const e = error as Error & { cause?: Error; response?: { status?: number; data?: unknown } };
    result[name] = { error: e.message, cause: e.cause?.message, status: e.response?.status, data: e.response?.data };
  }
  if (calls.length) sdkCalls[name] = calls;
};

await step('setup', async () => {
  await manualSetup(sb);
  return 'done';
});

// A business user S/4 knows (the descriptor marks them inS4), as an app bound to XSUAA gets its JWT.
const user = sb.descriptor.businessUsers.find((u) => u.inS4)!;
const jwt = await userToken(sb, user.userName);
result.user = { userName: user.userName, userUuid: user.userUuid, gotJwt: typeof jwt === 'string' && jwt.split('.').length === 3 };

await step('samlDestination', async () => {
  const destination = await getDestination({ destinationName: DESTINATION, jwt, useCache: false });
  if (!destination) return null;
  const [token] = destination.authTokens ?? [];
  return {
    name: destination.name,
    url: destination.url,
    authentication: destination.authentication,
    authTokens: (destination.authTokens ?? []).length,
    token: token ? { type: token.type, value: token.value, error: token.error ?? null, header: token.http_header } : null,
  };
});

// The token S/4 issued opens the task service for that user, over https.
const samlToken = (result.samlDestination as { token?: { value?: string } } | null)?.token?.value;
await step('tasks', async () => {
  if (!samlToken) return null;
  const answer = await fetch(`${baseUrl}${REPLICATION}/${UNCERTAIN.taskReplication.entitySet}`, { headers: { authorization: `Bearer ${samlToken}` } });
  const body = await json(answer);
  return { status: answer.status, recipients: Array.isArray(body?.value) ? body.value.map((t: { RecipientUserUUID: string }) => t.RecipientUserUUID) : null };
});

// A Basic destination to SAP_COM_0A48's communication user service on the sandbox's https URL.
const basicName = process.env.BASIC_DESTINATION!;
await step('basicDestinationCreated', async () => {
  const { user: mgmtUser, password } = sb.descriptor.s4.communicationManagement;
  const answer = await fetch(`${baseUrl}/destination-configuration/v1/subaccountDestinations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await serviceToken(sb)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ Name: basicName, Type: 'HTTP', URL: `${baseUrl}${CU}`, Authentication: 'BasicAuthentication', ProxyType: 'Internet', User: mgmtUser, Password: password }),
  });
  return answer.status;
});

await step('csrfWrite', async () => {
  const name = process.env.NEW_COMMUNICATION_USER!;
  const response = await executeHttpRequest(
    { destinationName: basicName, useCache: false },
    { method: 'post', url: '/CommunicationUsers', data: { Name: name, Description: 'created by the SAP Cloud SDK over https', Password: 'Sdk-Https-Write-2026!x' } },
  );
  return { status: response.status, name: response.data?.Name, id: response.data?.ID ?? null };
});

process.stdout.write(`\nRESULT ${JSON.stringify(result)}\n`);
