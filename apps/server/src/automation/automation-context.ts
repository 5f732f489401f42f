import { DestinationServiceKeySchema, SUGGESTED_NAMES } from '@tcc/shared';
import type { CredentialService } from '../features/credentials/credential-service.js';
import type { GuardedFetch } from '../outbound/index.js';
import { createBtpService } from '../sap/btp/index.js';
import type { CallLog } from '../sap/http/call-log.js';
import { createSapHttp } from '../sap/http/sap-http.js';
import { createS4Service } from '../sap/s4hana/index.js';
import { S4CredentialRefusedError } from '../sap/s4hana/errors.js';
import { SecretString } from '../secrets/index.js';
import type { ConnectionAggregate } from '../store/types.js';
import type { ClientIdChoice } from './tenant-facts.js';
import type { Desired, UnitContext } from './unit.js';

/** The names used where the admin entered none in the wizard: the ones the wizard suggests. */
const DEFAULTS = SUGGESTED_NAMES;

function desiredOf({ connection, steps }: ConnectionAggregate, taskCenterPassword: SecretString, passwordChangedAt: string | null, clientIdChoice: ClientIdChoice): Desired {
  const entered = Object.assign({}, ...steps.map((s) => s.values)) as Record<string, string | undefined>;
  const pick = (key: keyof typeof DEFAULTS) => entered[key] || DEFAULTS[key];
  return {
    subaccountId: connection.subaccountId,
    communicationUserName: pick('communicationUserName'),
    communicationUserDescription: pick('communicationUserDescription'),
    systemId: pick('systemId'),
    systemName: pick('systemName'),
    arrangementName: pick('arrangementName'),
    destinationName: pick('destinationName'),
    s4UiHost: connection.s4UiHost,
    s4ApiHost: connection.s4ApiHost,
    s4Client: connection.s4Client,
    taskCenterPassword,
    passwordSetInS4: passwordSetByUs(steps, passwordChangedAt),
    clientIdChoice,
    connectionMark: `${connection.tenantId}/${connection.id}`,
  };
}

/** Step 3 recorded by assisted setup after the password was last stored: then S/4 holds that password. */
function passwordSetByUs(steps: ConnectionAggregate['steps'], passwordChangedAt: string | null): boolean {
  const step3 = steps.find((s) => s.stepId === 3);
  return Boolean(step3 && step3.status === 'done' && step3.updatedBy.endsWith('(assisted setup)') && passwordChangedAt && step3.updatedAt >= passwordChangedAt);
}

type AdapterDeps = { outbound: GuardedFetch; log: CallLog; timeoutMs?: number };

/** The BTP adapter for the subaccount of a stored Destination service key. */
export function btpFromKey(key: SecretString, { outbound, log, clock, timeoutMs }: AdapterDeps & { clock: () => Date }) {
  const serviceKey = DestinationServiceKeySchema.parse(JSON.parse(key.reveal()));
  return createBtpService({
    http: createSapHttp({ fetch: outbound, system: 'btp', log, retry: timeoutMs ? { timeoutMs } : {} }),
    serviceKey: { clientid: serviceKey.clientid, url: serviceKey.url, uri: serviceKey.uri, clientsecret: new SecretString(serviceKey.clientsecret) },
    clock,
  });
}

/** The S/4 adapter signed in as the SAP_COM_0A48 user; a 401 marks that very credential as refused. */
export function s4WithManagementUser(
  aggregate: ConnectionAggregate,
  management: { user: string; password: SecretString; updatedAt: string },
  { credentials, outbound, log, timeoutMs }: AdapterDeps & { credentials: CredentialService },
) {
  const { tenantId, id } = aggregate.connection;
  return createS4Service({
    http: createSapHttp({ fetch: outbound, system: 's4hana', log, retry: timeoutMs ? { timeoutMs } : {} }),
    host: { apiHost: aggregate.connection.s4ApiHost },
    client: aggregate.connection.s4Client,
    user: management.user,
    password: management.password,
    onRefused: () => credentials.markCommunicationManagementRefused(tenantId, id, management.updatedAt),
  });
}

/** The names of the SAP objects of a connection: entered in the wizard, else the defaults assisted setup uses. */
export function objectNamesOf({ connection, steps }: ConnectionAggregate) {
  const entered = Object.assign({}, ...steps.map((s) => s.values)) as Record<string, string | undefined>;
  const pick = (key: keyof typeof DEFAULTS) => entered[key] || DEFAULTS[key];
  return { systemId: pick('systemId'), destinationName: pick('destinationName'), s4UiHost: connection.s4UiHost, s4ApiHost: connection.s4ApiHost };
}

export type ContextResult = { ok: true; context: UnitContext } | { ok: false; blockers: string[] };

/** Everything a run needs for one connection: its credentials (decrypted only here), both adapters and the names. */
export async function automationContext(
  aggregate: ConnectionAggregate,
  { credentials, outbound, clock, log, timeoutMs, clientIdChoice = 'user-name' }: { credentials: CredentialService; outbound: GuardedFetch; clock: () => Date; log: CallLog; timeoutMs?: number; clientIdChoice?: ClientIdChoice },
): Promise<ContextResult> {
  const { tenantId, id } = aggregate.connection;
  const [key, management, taskCenterPassword, status] = await Promise.all([
    credentials.reveal(tenantId, id, 'destinationServiceKey'),
    credentials.revealCommunicationManagement(tenantId, id),
    credentials.reveal(tenantId, id, 'taskCenterUserPassword'),
    credentials.status(tenantId, id),
  ]);
  const blockers = [
    !key && 'Add the Destination service key of the subaccount (Credentials).',
    !management && 'Add the SAP_COM_0A48 communication user and its password (Credentials).',
    !taskCenterPassword && 'Set or generate the password of the Task Center communication user (Credentials).',
  ].filter((b): b is string => Boolean(b));
  // S/4 refused this very user and password before (here or on another server): not one more failed logon with it.
  if (management?.refusedAt) blockers.push(new S4CredentialRefusedError(management.user, management.refusedAt).message);
  if (blockers.length) return { ok: false, blockers };
  const btp = btpFromKey(key!, { outbound, log, clock, timeoutMs });
  const s4 = s4WithManagementUser(aggregate, management!, { credentials, outbound, log, timeoutMs });
  return { ok: true, context: { btp, s4, desired: desiredOf(aggregate, taskCenterPassword!, status.taskCenterUserPassword.updatedAt, clientIdChoice), facts: {} } };
}
