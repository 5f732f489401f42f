import type { SandboxDescriptor } from '@tcc/sandbox';
import type { SandboxTestUser } from '../automation/connection-test-service.js';
import { SecretString } from '../secrets/index.js';

/**
 * The test user of every connection labelled sandbox (unless it has its own): the sandbox's first business user that
 * exists in S/4. Its token is fetched like any test user's, at the subaccount's XSUAA through the guarded client.
 */
export function createSandboxTestUser(sandbox: SandboxDescriptor | null): SandboxTestUser {
  return (connection) => {
    if (!connection.sandbox || !sandbox) return null;
    const user = sandbox.businessUsers.find((u) => u.inS4)!;
    return { user: user.userName, password: new SecretString(user.password) };
  };
}
