import type { AutomationUnit, UnitContext } from '../unit.js';

const SCENARIO = 'SAP_COM_0501';

async function current({ s4, desired }: UnitContext) {
  const [arrangement] = await s4.findArrangements({ scenario: SCENARIO, systemId: desired.systemId });
  return arrangement ?? null;
}

/** Steps 14–18: the SAP_COM_0501 arrangement for the system (one per system, D), bound to the inbound user. */
export const arrangementUnit: AutomationUnit = {
  id: 'arrangement',
  system: 's4hana',
  steps: [14, 15, 16, 17, 18],
  dependsOn: ['inboundUser'],
  async plan(ctx) {
    const found = await current(ctx);
    const object = `communication arrangement ${found?.Name ?? ctx.desired.arrangementName} (${SCENARIO})`;
    if (!found) return { action: 'create', object, summary: `Create ${object} for ${ctx.desired.systemId}.`, diff: [] };
    return { action: 'adopt', object, summary: `${object} exists for ${ctx.desired.systemId}; it is used as it is.`, diff: [] };
  },
  async apply(ctx) {
    const arrangement =
      (await current(ctx)) ??
      (await ctx.s4.createArrangement({ scenario: SCENARIO, systemId: ctx.desired.systemId, name: ctx.desired.arrangementName, inboundUserUuid: ctx.facts.inbound!.uuid }));
    return { stepValues: { arrangementName: arrangement.Name } };
  },
};
