import type { SandboxDescriptor } from '@tcc/sandbox';
import type { UserTokenSource } from '../automation/connection-test-service.js';
import type { GuardedFetch } from '../outbound/index.js';

/**
 * A business user's JWT for connection tests: the caller's own bearer token when there is one (JWT mode); for a
 * sandbox connection, the sandbox's first demo user that exists in S/4 — fetched like any SAP call, by host name
 * through the guarded client.
 */
export function createUserTokenSource(outbound: GuardedFetch, sandbox: SandboxDescriptor | null): UserTokenSource {
  return async (connection, callerBearer) => {
    if (callerBearer) return callerBearer;
    if (!connection.sandbox || !sandbox) return null;
    const user = sandbox.businessUsers.find((u) => u.inS4)!;
    const client = sandbox.btp.userTokenClient;
    const answer = await outbound(`${sandbox.btp.destinationServiceKey.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username: user.userName, password: user.password, client_id: client.clientid, client_secret: client.clientsecret }),
    });
    return answer.ok ? ((await answer.json()) as { access_token: string }).access_token : null;
  };
}
