import { TASK_REPLICATION_SERVICE_PATH, type ConnectionTest } from '@tcc/shared';
import type { CredentialService } from '../features/credentials/credential-service.js';
import { NotFoundError } from '../http/errors.js';
import type { OutboundFor } from '../outbound/index.js';
import { createSapHttp } from '../sap/http/sap-http.js';
import { createTaskReplicationProbe } from '../sap/s4hana/index.js';
import type { SecretString } from '../secrets/index.js';
import type { ConnectionAggregate, Store } from '../store/types.js';
import { btpFromKey, objectNamesOf, s4WithManagementUser } from './automation-context.js';
import { diagnoseTokenFailure } from './diagnose-token-failure.js';

/** The business user a connection labelled sandbox tests with when no test user is stored: the sandbox's own. */
export type SandboxTestUser = (connection: { sandbox: boolean }) => { user: string; password: SecretString } | null;

/**
 * The end-to-end proof no SAP tool gives (the cockpit's Check Connection passes on a 401): find destination with a
 * business user's token, so the Destination service runs the SAML bearer flow, then a call of api_task_spi_replication
 * with the token it returns.
 *
 * The business user is the connection's own test user (or, for a sandbox connection, the sandbox's), signed in at the
 * subaccount's XSUAA. The product's own sign-in token is never sent: the hosts called come from tenant data (the
 * service key), and a token sent there could be replayed against the product (finding 2 of "Tell the admin the truth").
 * The test needs only what it uses — the Destination service key and a test user; the SAP_COM_0A48 user, where stored,
 * only sharpens the diagnosis. When it cannot run, the outcome is not-tested with what is missing, never failed.
 */
export function createConnectionTestService({ store, credentials, outboundFor, clock, sandboxTestUser }: { store: Store; credentials: CredentialService; outboundFor: OutboundFor; clock: () => Date; sandboxTestUser: SandboxTestUser }) {
  /** `record: false` (the scheduled health check) leaves the recorded last test, which says what someone proved, as it is. */
  return async function test(tenantId: string, connectionId: string, { record = true }: { record?: boolean } = {}): Promise<ConnectionTest> {
    const aggregate = await store.getConnection(tenantId, connectionId);
    if (!aggregate) throw new NotFoundError('This connection does not exist (any more).');
    const at = clock().toISOString();
    const result = (outcome: ConnectionTest['outcome'], message: string, stepToFix: number | null = null, sapError: string | null = null): ConnectionTest => ({ outcome, at, message, stepToFix, sapError });
    const finish = async (test: ConnectionTest) => (record && (await store.saveTest(tenantId, connectionId, test)), test);
    const notTested = (missing: string) => finish(result('not-tested', `Not tested: ${missing} Nothing is claimed as working.`));

    const key = await credentials.reveal(tenantId, connectionId, 'destinationServiceKey');
    if (!key) return notTested('add the Destination service key of the subaccount (Credentials).');
    const outbound = outboundFor(aggregate.connection);
    const btp = btpFromKey(key, { outbound, log: () => {}, clock });
    const names = objectNamesOf(aggregate);

    const testUser = (await credentials.revealTestUser(tenantId, connectionId)) ?? sandboxTestUser(aggregate.connection);
    if (!testUser) {
      return notTested('add a test user under Credentials — a business user of the subaccount’s identity provider who exists in S/4HANA with the same user UUID and may see tasks.');
    }
    const signedIn = await btp.userToken(testUser.user, testUser.password);
    if ('refused' in signedIn) return notTested(`the subaccount’s XSUAA did not sign in the test user ${testUser.user}: ${signedIn.refused}. Check the test user’s name and password (Credentials).`);
    const token = signedIn.token;

    // The token comes from the subaccount's own XSUAA, which find destination always accepts as X-user-token ([SPEC]).
    const lookup = await btp.findDestination(names.destinationName, token);
    if (!lookup) return finish(result('failed', `The subaccount has no destination ${names.destinationName}.`, 20));
    if (lookup.destinationConfiguration['tc.enabled'] !== 'true') return finish(result('failed', 'The destination lacks tc.enabled=true, so Task Center ignores it.', 20));
    const issued = lookup.authTokens?.[0];
    if (!issued?.value) {
      const sapError = issued?.error ?? 'find destination returned no token';
      const s4 = await managementReader(aggregate, outbound);
      const { message, stepToFix } = await diagnoseTokenFailure({ btp, s4, desired: names }, lookup.destinationConfiguration, sapError);
      return finish(result('failed', message, stepToFix, sapError));
    }
    const probe = createTaskReplicationProbe({ http: createSapHttp({ fetch: outbound, system: 's4hana', log: () => {} }), host: { apiHost: aggregate.connection.s4ApiHost }, client: aggregate.connection.s4Client });
    const answer = await probe.callTaskReplication(issued.value);
    if (answer.status === 200) return finish(result('succeeded', `Task Center can read tasks: the token was issued for ${testUser.user} and ${TASK_REPLICATION_SERVICE_PATH} answered 200.`));
    return finish(result('failed', `The token was issued but api_task_spi_replication answered ${answer.status}: check that the SAP_COM_0501 arrangement still exists and the business user has the task catalogs.`, 18, `HTTP ${answer.status}`));
  };

  /** S/4 read with the SAP_COM_0A48 user, for the diagnosis only; none when it is not stored or S/4 refused it. */
  async function managementReader(aggregate: ConnectionAggregate, outbound: ReturnType<OutboundFor>) {
    const management = await credentials.revealCommunicationManagement(aggregate.connection.tenantId, aggregate.connection.id);
    if (!management || management.refusedAt) return null;
    return s4WithManagementUser(aggregate, management, { credentials, outbound, log: () => {} });
  }
}

export type ConnectionTestService = ReturnType<typeof createConnectionTestService>;
