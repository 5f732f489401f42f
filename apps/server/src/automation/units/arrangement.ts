import type { ErrorCode } from '@tcc/shared';
import { S4Error } from '../../sap/s4hana/index.js';
import type { AutomationUnit, UnitContext } from '../unit.js';

const SCENARIO = 'SAP_COM_0501';

async function current({ s4, desired }: UnitContext) {
  const [arrangement] = await s4.findArrangements({ scenario: SCENARIO, systemId: desired.systemId });
  return arrangement ?? null;
}

/**
 * What to do about SAP's arrangement message ids that are known ([3rd-verified] error table): the rest pass through
 * with SAP's own text and id (S4Error), which is what support needs.
 */
const ADVICE: Record<string, (systemId: string) => string> = {
  'CM_APS_CA/010': (id) => `mark the communication system ${id} Inbound Only (Task Center only pulls tasks), or add a user for outbound communication`,
  'CM_APS_CA/027': (id) => `mark the communication system ${id} Inbound Only (Task Center only pulls tasks), or add a user for outbound communication`,
  'CM_APS_CA/100': () => 'give the outbound user of the communication system a password',
};

function withAdvice(error: unknown, systemId: string): unknown {
  if (!(error instanceof S4Error) || !error.sapCode || !ADVICE[error.sapCode]) return error;
  const advice = ADVICE[error.sapCode]!;
  return new S4Error(error.code as ErrorCode, `${error.message} To fix it in S/4HANA: ${advice(systemId)}; then run assisted setup again.`, error.status, error.upstreamStatus, error.sapCode, error.details);
}

const boundTo = (arrangement: NonNullable<Awaited<ReturnType<typeof current>>>) => arrangement.InboundUser?.CommunicationSystemInboundUserUUID ?? null;

/**
 * Steps 14–18: the SAP_COM_0501 arrangement for the system (one per system, D), bound to our inbound user. An existing
 * arrangement bound to another user (or none) is repointed after confirmation: otherwise no token would be issued.
 */
export const arrangementUnit: AutomationUnit = {
  id: 'arrangement',
  system: 's4hana',
  steps: [14, 15, 16, 17, 18],
  needs: {
    inbound: 'the UUID of the inbound user the arrangement is bound to',
    // Named by the entered system ID, but S/4 refuses an arrangement for a system that does not exist (yet).
    system: 'the communication system itself',
  },
  gives: [],
  async plan(ctx) {
    const found = await current(ctx);
    const object = `communication arrangement ${found?.Name ?? ctx.desired.arrangementName} (${SCENARIO})`;
    if (!found) return { action: 'create', object, summary: `Create ${object} for ${ctx.desired.systemId}.`, diff: [] };
    const wanted = ctx.facts.inbound?.uuid ?? null;
    if (wanted && boundTo(found) === wanted) return { action: 'adopt', object, summary: `${object} exists for ${ctx.desired.systemId} with the inbound user.`, diff: [] };
    return {
      action: 'update',
      object,
      summary: `${object} exists but is not bound to ${ctx.desired.communicationUserName}; it will be repointed.`,
      diff: [{ field: 'InboundUser', current: boundTo(found), desired: wanted ?? `(the inbound user ${ctx.desired.communicationUserName})`, secret: false }],
    };
  },
  async apply(ctx, { confirmChanges }) {
    const inbound = ctx.facts.inbound!.uuid;
    let arrangement = await current(ctx);
    if (arrangement && boundTo(arrangement) !== inbound) {
      if (!confirmChanges) throw new Error(`The arrangement ${arrangement.Name} is bound to another inbound user; review the plan and confirm repointing it.`);
      await ctx.s4.setArrangementInboundUser(arrangement, inbound);
    }
    arrangement ??= await ctx.s4
      .createArrangement({ scenario: SCENARIO, systemId: ctx.desired.systemId, name: ctx.desired.arrangementName, inboundUserUuid: inbound })
      .catch((error: unknown) => {
        throw withAdvice(error, ctx.desired.systemId);
      });
    return { stepValues: { arrangementName: arrangement.Name } };
  },
};
