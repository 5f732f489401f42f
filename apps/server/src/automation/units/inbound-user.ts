import type { AutomationUnit, UnitContext } from '../unit.js';

const existing = ({ facts }: UnitContext) => facts.system?.inboundUsers.find((u) => u.userId === facts.user?.id);

/** Steps 10, 12, 13: the communication user as inbound user of the system (posted separately: no deep insert, D). */
export const inboundUserUnit: AutomationUnit = {
  id: 'inboundUser',
  system: 's4hana',
  steps: [10, 12, 13],
  dependsOn: ['communicationUser', 'communicationSystem'],
  async plan(ctx) {
    const object = `inbound user ${ctx.desired.communicationUserName} of ${ctx.desired.systemId}`;
    const found = existing(ctx);
    if (found) ctx.facts.inbound = { uuid: found.uuid, clientId: found.clientId || ctx.facts.user!.name };
    return found
      ? { action: 'adopt', object, summary: `${object} exists.`, diff: [] }
      : { action: 'create', object, summary: `Add ${ctx.desired.communicationUserName} as user for inbound communication.`, diff: [] };
  },
  async apply(ctx) {
    const found = existing(ctx);
    const inbound = found
      ? { uuid: found.uuid, clientId: found.clientId }
      : await ctx.s4.createInboundUser(ctx.facts.system!.uuid, ctx.facts.user!.id).then((u) => ({ uuid: u.UUID, clientId: u.OAuth2ClientID ?? null }));
    // [SAP-doc] configuration-tasks-6e5e004.md: the client key is the communication user's name.
    ctx.facts.inbound = { uuid: inbound.uuid, clientId: inbound.clientId || ctx.facts.user!.name };
    return {};
  },
};
