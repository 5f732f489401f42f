import type { OutboundFor } from '../../outbound/index.js';
import { NO_CALL_LOG } from '../../sap/http/call-log.js';
import { createSapHttp } from '../../sap/http/sap-http.js';
import { createS4Service, isSamlBearerClient, S4Error, type CommunicationArrangement, type S4Service } from '../../sap/s4hana/index.js';
import { credentialRefusedMessage } from '../../sap/s4hana/errors.js';
import type { HeldClientId } from '../../steps/index.js';
import type { ConnectionAggregate } from '../../store/types.js';
import type { CredentialService } from '../credentials/credential-service.js';

export type ReadHeldClientId = (aggregate: ConnectionAggregate) => Promise<HeldClientId>;

const SCENARIO = 'SAP_COM_0501';
/** A click on "done" waits for this: fewer and shorter attempts than a background run. */
const INTERACTIVE_RETRY = { maxAttempts: 2, timeoutMs: 10_000 };

const derived = (why: string): HeldClientId => ({ source: 'derived', why });
const sameGuid = (a: string | undefined, b: string) => (a ?? '').toLowerCase() === b.toLowerCase();

/** The arrangement the admin named at step 17, else the one of the system named at step 5, else the only SAP_COM_0501 one. */
async function arrangementOf(s4: S4Service, entered: { arrangementName?: string; systemId?: string }): Promise<CommunicationArrangement | string> {
  const byName = entered.arrangementName ? await s4.findArrangements({ scenario: SCENARIO, name: entered.arrangementName }) : [];
  const found = byName.length ? byName : await s4.findArrangements({ scenario: SCENARIO, ...(entered.systemId ? { systemId: entered.systemId } : {}) });
  const where = entered.systemId ? ` for the communication system ${entered.systemId}` : '';
  if (found.length === 1) return found[0]!;
  if (found.length === 0) return `S/4HANA shows no ${SCENARIO} communication arrangement${entered.arrangementName ? ` named ${entered.arrangementName}` : ''}${where}`;
  return `S/4HANA shows several ${SCENARIO} communication arrangements${where} (${found.map((a) => a.Name).join(', ')}); enter the arrangement name at step 17`;
}

/**
 * The OAuth 2.0 client ID of the arrangement's inbound user (steps 18–19). Read from the system's InboundUsers, whose
 * OAuth2ClientID is [3rd-verified] (sap-field-facts.md row 2); the arrangement's own InboundUser copy of it is INFERRED
 * (the sandbox's CommArrangement InboundUser properties), so it is only the fallback.
 */
async function clientIdOf(s4: S4Service, arrangement: CommunicationArrangement): Promise<HeldClientId> {
  const bound = arrangement.InboundUser?.CommunicationSystemInboundUserUUID;
  if (!bound) return derived(`the ${SCENARIO} arrangement ${arrangement.Name} has no inbound user in S/4HANA`);
  const inbound = (await s4.listInboundUsers()).find((u) => sameGuid(u.UUID, bound));
  const clientId = inbound && isSamlBearerClient(inbound) ? inbound.OAuth2ClientID : arrangement.InboundUser?.OAuth2ClientID;
  if (!clientId) return derived(`the inbound user of the ${SCENARIO} arrangement ${arrangement.Name} is no OAuth 2.0 (SAML 2.0 bearer) client in S/4HANA`);
  return { source: 's4', clientId, arrangement: arrangement.Name };
}

/**
 * Reads, changing nothing, the Client ID S/4HANA holds for the connection's SAP_COM_0501 arrangement, with the
 * SAP_COM_0A48 user as assisted setup does (automation-context.ts). Never throws for S/4's sake: where S/4 cannot be
 * asked or does not tell, the answer says why, and step 19 compares with the derived value instead.
 */
export function createHeldClientIdReader({ credentials, outboundFor, timeoutMs }: { credentials: CredentialService; outboundFor: OutboundFor; timeoutMs: number }): ReadHeldClientId {
  return async ({ connection, steps }) => {
    const management = await credentials.revealCommunicationManagement(connection.tenantId, connection.id);
    if (!management) return derived('no SAP_COM_0A48 communication user is saved under Credentials');
    // One more logon with a password S/4 refused could lock the user (automation-context.ts does the same).
    if (management.refusedAt) return derived(credentialRefusedMessage(management.user, management.refusedAt));
    const s4 = createS4Service({
      http: createSapHttp({ fetch: outboundFor(connection), system: 's4hana', log: NO_CALL_LOG, retry: { ...INTERACTIVE_RETRY, timeoutMs: Math.min(timeoutMs, INTERACTIVE_RETRY.timeoutMs) } }),
      host: { apiHost: connection.s4ApiHost },
      client: connection.s4Client,
      user: management.user,
      password: management.password,
      onRefused: () => credentials.markCommunicationManagementRefused(connection.tenantId, connection.id, management.updatedAt),
    });
    const entered = Object.assign({}, ...steps.map((s) => s.values)) as { arrangementName?: string; systemId?: string };
    try {
      const arrangement = await arrangementOf(s4, entered);
      return typeof arrangement === 'string' ? derived(arrangement) : await clientIdOf(s4, arrangement);
    } catch (error) {
      if (error instanceof S4Error) return derived(error.message);
      throw error;
    }
  };
}
