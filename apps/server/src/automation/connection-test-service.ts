import { TASK_REPLICATION_SERVICE_PATH, type ConnectionTest } from '@tcc/shared';
import type { CredentialService } from '../features/credentials/credential-service.js';
import { NotFoundError } from '../http/errors.js';
import type { OutboundFor } from '../outbound/index.js';
import type { Store } from '../store/types.js';
import { automationContext } from './automation-context.js';
import { diagnoseTokenFailure } from './diagnose-token-failure.js';
import { userTokenTrust } from './user-token-trust.js';

/** Where a business user's JWT comes from: the caller's own bearer token (JWT mode), or the sandbox's demo user. */
export type UserTokenSource = (connection: { sandbox: boolean }, callerBearer: string | null) => Promise<string | null>;

/**
 * The end-to-end proof no SAP tool gives (the cockpit's Check Connection passes on a 401): find destination with a
 * business user's token, so the Destination service runs the SAML bearer flow, then a call of api_task_spi_replication
 * with the token it returns.
 */
export function createConnectionTestService({ store, credentials, outboundFor, clock, userToken }: { store: Store; credentials: CredentialService; outboundFor: OutboundFor; clock: () => Date; userToken: UserTokenSource }) {
  return async function test(tenantId: string, connectionId: string, callerBearer: string | null): Promise<ConnectionTest> {
    const aggregate = await store.getConnection(tenantId, connectionId);
    if (!aggregate) throw new NotFoundError('This connection does not exist (any more).');
    const at = clock().toISOString();
    const result = (outcome: ConnectionTest['outcome'], message: string, stepToFix: number | null = null, sapError: string | null = null): ConnectionTest => ({ outcome, at, message, stepToFix, sapError });
    const finish = async (test: ConnectionTest) => (await store.saveTest(tenantId, connectionId, test), test);

    const built = await automationContext(aggregate, { credentials, outbound: outboundFor(aggregate.connection), clock, log: () => {} });
    if (!built.ok) return finish(result('failed', built.blockers.join(' ')));
    const { btp, desired, s4 } = built.context;
    const token = await userToken(aggregate.connection, callerBearer);
    if (token) {
      const destination = await btp.getDestination(desired.destinationName);
      if (!destination) return finish(result('failed', `The subaccount has no destination ${desired.destinationName}.`, 20));
      const trust = userTokenTrust(token, btp.xsuaaUrl, destination);
      if (!trust.trusted) {
        return finish(
          result(
            'no-user-token',
            `Your sign-in token comes from ${trust.issuer}, which this subaccount does not accept for user propagation (only its own XSUAA, or issuers named in the destination’s x_user_token.jwks or x_user_token.jwks_uri), so the SAML bearer flow could not be run. Nothing is claimed as working.`,
          ),
        );
      }
    }
    const lookup = await btp.findDestination(desired.destinationName, token ?? undefined);
    if (!lookup) return finish(result('failed', `The subaccount has no destination ${desired.destinationName}.`, 20));
    if (lookup.destinationConfiguration['tc.enabled'] !== 'true') return finish(result('failed', 'The destination lacks tc.enabled=true, so Task Center ignores it.', 20));
    if (!token) return finish(result('no-user-token', 'No business user’s token is available here, so the SAML bearer flow could not be run. Sign in through the identity provider (AUTH_MODE=jwt) to test with your own user. Nothing is claimed as working.'));
    const issued = lookup.authTokens?.[0];
    if (!issued?.value) {
      const sapError = issued?.error ?? 'find destination returned no token';
      const { message, stepToFix } = await diagnoseTokenFailure(built.context, lookup.destinationConfiguration, sapError);
      return finish(result('failed', message, stepToFix, sapError));
    }
    const answer = await s4.callTaskReplication(issued.value);
    if (answer.status === 200) return finish(result('succeeded', `Task Center can read tasks: the token was issued and ${TASK_REPLICATION_SERVICE_PATH} answered 200.`));
    return finish(result('failed', `The token was issued but api_task_spi_replication answered ${answer.status}: check that the SAP_COM_0501 arrangement still exists and the business user has the task catalogs.`, 18, `HTTP ${answer.status}`));
  };
}

export type ConnectionTestService = ReturnType<typeof createConnectionTestService>;
