import { taskCenterDestination } from '@tcc/shared';
import type { Destination } from '../../sap/btp/index.js';
import type { FieldDiff } from '@tcc/shared';
import { diffOf, type AutomationUnit, type UnitContext } from '../unit.js';
import { ANOTHER_CONNECTION, OWNER_PROPERTY, ownerOf } from './destination-owner.js';
import { hostDerivedOauth } from './oauth-details.js';

/**
 * Step 20: the Task Center destination with every property of sap-apis.md B.2, the password from the vault. Planned
 * before the S/4 side exists, the user is the one the run will create, and clientKey is empty: S/4 assigns the Client
 * ID when the run adds the inbound user (planDiff shows it as such).
 */
function desiredDestination({ desired, facts }: UnitContext): Destination {
  const properties = taskCenterDestination({
    destinationName: desired.destinationName,
    destinationUrl: `https://${desired.s4ApiHost}/`,
    ...hostDerivedOauth(desired),
    ...(facts.oauth ? { clientId: facts.oauth.clientId } : {}),
    communicationUserName: facts.user?.name ?? desired.communicationUserName,
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

/**
 * Every property that differs, in the first plan too: one confirmation then covers the whole run. A Client ID S/4 has
 * not assigned yet counts as a change (its new value is named, not guessed), whatever the destination holds now.
 */
function planDiff(ctx: UnitContext, found: Destination): FieldDiff[] {
  const known = Boolean(ctx.facts.oauth);
  const diff = diffOf(found, desiredDestination(ctx), ['tokenServicePassword']).filter((d) => known || d.field !== 'clientKey');
  if (!known) diff.push({ field: 'clientKey', current: found.clientKey ?? null, desired: null, secret: false, pending: 's4ClientId' });
  return [...diff, ...taskCenterLint(found)];
}

export const destinationUnit: AutomationUnit = {
  id: 'destination',
  system: 'btp',
  steps: [20],
  needs: { oauth: 'the client ID, as clientKey', user: 'the name of the Token Service User' },
  gives: [],
  async plan(ctx) {
    const found = await ctx.btp.getDestination(ctx.desired.destinationName);
    const object = `destination ${ctx.desired.destinationName}`;
    if (!found) return { action: 'create', object, summary: `Create the Task Center ${object} in the subaccount.`, diff: [] };
    const createdBy = ownerOf(ctx, found);
    const diff = planDiff(ctx, found);
    const pending = diff.some((d) => d.pending) ? ' Its clientKey becomes the Client ID S/4HANA assigns during the run.' : '';
    const differs = `differs in ${diff.length === 1 ? 'one property' : `${diff.length} properties`}`;
    // Adopting another connection's destination as it is would take it over silently: it is a change to confirm too.
    if (createdBy === 'another-connection') {
      const summary = `${object} ${ANOTHER_CONNECTION}${diff.length ? ` and ${differs}` : ''}; confirm to take it over for this connection.${pending}`;
      return { action: 'update', object, summary, diff, createdBy };
    }
    return diff.length
      ? { action: 'update', object, summary: `${object} exists but ${differs}; confirm to overwrite.${pending}`, diff, ...(createdBy ? { createdBy } : {}) }
      : { action: 'adopt', object, summary: `${object} exists and matches.`, diff, ...(createdBy ? { createdBy } : {}) };
  },
  async apply(ctx, { confirmChanges }) {
    const wanted = desiredDestination(ctx);
    // What the product writes carries this connection's mark; the comparison leaves it out, so a destination made by
    // hand that matches is still adopted as it is (no write), as before marks existed.
    const marked = { ...wanted, [OWNER_PROPERTY]: ctx.desired.connectionMark } as Destination;
    const found = await ctx.btp.getDestination(wanted.Name);
    if (!found) await ctx.btp.createDestination(marked);
    else {
      const takeover = ownerOf(ctx, found) === 'another-connection';
      if (takeover || diffOf(found, wanted).length || taskCenterLint(found).length) {
        if (!confirmChanges && takeover) throw new Error(`The destination ${wanted.Name} ${ANOTHER_CONNECTION}; review the plan and confirm taking it over.`);
        if (!confirmChanges) throw new Error(`The destination ${wanted.Name} differs from what Task Center needs; review the plan and confirm the changes.`);
        // Keeps the admin's own valid extras (tc.ui.label, tc.inbox.pull.days …); drops what Task Center refuses.
        const refused = new Set(taskCenterLint(found).map((d) => d.field));
        const kept = Object.fromEntries(Object.entries(found).filter(([key]) => !refused.has(key)));
        await ctx.btp.updateDestination({ ...kept, ...marked } as Destination);
      }
    }
    return { stepValues: { destinationName: wanted.Name } };
  },
};
