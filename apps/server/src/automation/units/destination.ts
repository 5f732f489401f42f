import { taskCenterDestination } from '@tcc/shared';
import type { Destination } from '../../sap/btp/index.js';
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
    const diff = diffOf(found, desiredDestination(ctx), ['tokenServicePassword']);
    return diff.length
      ? { action: 'update', object, summary: `${object} exists but differs in ${diff.length} property(ies); confirm to overwrite.`, diff }
      : { action: 'adopt', object, summary: `${object} exists and matches.`, diff };
  },
  async apply(ctx, { confirmChanges }) {
    const wanted = desiredDestination(ctx);
    const found = await ctx.btp.getDestination(wanted.Name);
    if (!found) await ctx.btp.createDestination(wanted);
    else if (diffOf(found, wanted).length) {
      if (!confirmChanges) throw new Error(`The destination ${wanted.Name} differs from what Task Center needs; review the plan and confirm the changes.`);
      await ctx.btp.updateDestination(wanted);
    }
    return { stepValues: { destinationName: wanted.Name } };
  },
};
