import { taskCenterDestination } from '@tcc/shared';
import type { Destination } from '../../sap/btp/index.js';
import type { FieldDiff } from '@tcc/shared';
import { diffOf, type AutomationUnit, type UnitContext } from '../unit.js';

/** Step 20: the Task Center destination with every property of sap-apis.md B.2, the password from the vault. */
function desiredDestination({ desired, facts }: UnitContext): Destination {
  const properties = taskCenterDestination({
    destinationName: desired.destinationName,
    destinationUrl: `https://${desired.s4ApiHost}/`,
    samlAudience: facts.oauth!.samlAudience,
    clientId: facts.oauth!.clientId,
    tokenServiceUrl: facts.oauth!.tokenServiceUrl,
    communicationUserName: facts.user!.name,
    s4Client: desired.s4Client,
  });
  const destination = Object.fromEntries(properties.map((p) => [p.key, p.secret ? desired.taskCenterPassword.reveal() : (p.value ?? '')]));
  return destination as Destination;
}

/**
 * Task Center's own rules beyond the B.2 properties (sap-apis.md B.2): no deprecated SystemUser, tc.notifications.enabled
 * only true/false, tc.inbox.pull.days 0–180. An overwrite (PUT of the whole object) removes or corrects them.
 */
function taskCenterLint(found: Destination): FieldDiff[] {
  const wrong: FieldDiff[] = [];
  if (found.SystemUser !== undefined) wrong.push({ field: 'SystemUser', current: found.SystemUser, desired: null, secret: false });
  const notifications = found['tc.notifications.enabled'];
  if (notifications !== undefined && !['true', 'false'].includes(notifications)) wrong.push({ field: 'tc.notifications.enabled', current: notifications, desired: null, secret: false });
  const days = found['tc.inbox.pull.days'];
  if (days !== undefined && !(/^\d+$/.test(days) && Number(days) <= 180)) wrong.push({ field: 'tc.inbox.pull.days', current: days, desired: null, secret: false });
  return wrong;
}

export const destinationUnit: AutomationUnit = {
  id: 'destination',
  system: 'btp',
  steps: [20],
  dependsOn: ['oauthDetails'],
  async plan(ctx) {
    const found = await ctx.btp.getDestination(ctx.desired.destinationName);
    const object = `destination ${ctx.desired.destinationName}`;
    if (!found) return { action: 'create', object, summary: `Create the Task Center ${object} in the subaccount.`, diff: [] };
    if (!ctx.facts.oauth) return { action: 'update', object, summary: `${object} exists; it is compared once the S/4 side is set up.`, diff: [] };
    const diff = [...diffOf(found, desiredDestination(ctx), ['tokenServicePassword']), ...taskCenterLint(found)];
    return diff.length
      ? { action: 'update', object, summary: `${object} exists but differs in ${diff.length} property(ies); confirm to overwrite.`, diff }
      : { action: 'adopt', object, summary: `${object} exists and matches.`, diff };
  },
  async apply(ctx, { confirmChanges }) {
    const wanted = desiredDestination(ctx);
    const found = await ctx.btp.getDestination(wanted.Name);
    if (!found) await ctx.btp.createDestination(wanted);
    else if (diffOf(found, wanted).length || taskCenterLint(found).length) {
      if (!confirmChanges) throw new Error(`The destination ${wanted.Name} differs from what Task Center needs; review the plan and confirm the changes.`);
      // Keeps the admin's own valid extras (tc.ui.label, tc.inbox.pull.days …); drops what Task Center refuses.
      const refused = new Set(taskCenterLint(found).map((d) => d.field));
      const kept = Object.fromEntries(Object.entries(found).filter(([key]) => !refused.has(key)));
      await ctx.btp.updateDestination({ ...kept, ...wanted } as Destination);
    }
    return { stepValues: { destinationName: wanted.Name } };
  },
};
