import { isSamlBearerClient, S4Error, type InboundUser } from '../../sap/s4hana/index.js';
import type { AutomationUnit, UnitContext } from '../unit.js';

/** The user's OAuth 2.0 SAML-bearer entry on the system; a basic entry beside it (Fiori makes both) is not the one (row 7). */
async function existing({ s4, facts }: UnitContext): Promise<InboundUser | null> {
  const entries = await s4.findInboundUsers(facts.system!.uuid, facts.user!.id);
  return entries.find(isSamlBearerClient) ?? null;
}

/**
 * The client ID the destination must carry is what S/4 holds (sap-field-facts.md row 2): through the API often the
 * internal `CC…` ID. With S4_CLIENT_ID=user-name it is renamed to the user's name (PATCH, the [3rd-verified] fix),
 * as in Fiori (6e5e004); if S/4 refuses, the derived ID is kept — read back either way, never assumed.
 */
async function settleClientId(ctx: UnitContext, inbound: InboundUser, mayRename: boolean): Promise<string> {
  const name = ctx.facts.user!.name;
  const held = inbound.OAuth2ClientID ?? '';
  if (ctx.desired.clientIdChoice !== 'user-name' || held === name) return held;
  // Our destination already carries the ID S/4 holds (an earlier run where S/4 refused the rename): it works as it is.
  if (await carriedByDestination(ctx, held)) return held;
  // A client that existed before this run may be in use under its ID (another destination, an earlier setup): rename only after confirmation.
  if (!mayRename) throw new Error(`The OAuth 2.0 client of ${name} exists with client ID ${held}; renaming it to ${name} could break what uses it. Review the plan and confirm the change.`);
  try {
    return (await ctx.s4.setInboundUserClientId(inbound, name)).OAuth2ClientID ?? '';
  } catch (error) {
    if (error instanceof S4Error && error.code === 'S4_RULE') return (await existing(ctx))?.OAuth2ClientID ?? held;
    throw error;
  }
}

/** Only decides whether to rename: the preflight's listing of moments before serves, when there is one. */
async function carriedByDestination(ctx: UnitContext, clientId: string): Promise<boolean> {
  const name = ctx.desired.destinationName;
  const destination = ctx.destinations ? (ctx.destinations.find((d) => d.Name === name) ?? null) : await ctx.btp.getDestination(name);
  return destination?.clientKey === clientId;
}

/**
 * Steps 10, 12, 13: the communication user as OAuth 2.0 inbound user with the SAML 2.0 bearer grant (seed step 18 asks
 * to confirm exactly this; sap-field-facts.md row 1). Posted separately: no deep insert (D).
 */
export const inboundUserUnit: AutomationUnit = {
  id: 'inboundUser',
  system: 's4hana',
  steps: [10, 12, 13],
  needs: { system: 'the UUID of the system the inbound user is added to', user: 'the ID of the user added, and its name as the client ID wanted' },
  gives: ['inbound'],
  async plan(ctx) {
    const object = `OAuth 2.0 inbound user ${ctx.desired.communicationUserName} of ${ctx.desired.systemId}`;
    const found = ctx.facts.system && ctx.facts.user ? await existing(ctx) : null;
    const rename =
      ctx.desired.clientIdChoice === 'user-name' && found && found.OAuth2ClientID !== ctx.desired.communicationUserName && !(await carriedByDestination(ctx, found.OAuth2ClientID ?? ''));
    // The destination's plan compares with the ID the run will leave (the renamed one, when S/4 allows it).
    if (found?.OAuth2ClientID) ctx.facts.inbound = { uuid: found.UUID, clientId: rename ? ctx.desired.communicationUserName : found.OAuth2ClientID };
    if (found && rename) {
      return {
        action: 'update',
        object,
        summary: `${object} exists with client ID ${found.OAuth2ClientID}; it will be renamed to ${ctx.desired.communicationUserName} (if S/4 allows it, else ${found.OAuth2ClientID} is used).`,
        diff: [{ field: 'OAuth2ClientID', current: found.OAuth2ClientID ?? null, desired: ctx.desired.communicationUserName, secret: false }],
      };
    }
    return found
      ? { action: 'adopt', object, summary: `${object} exists with client ID ${found.OAuth2ClientID}.`, diff: [] }
      : { action: 'create', object, summary: `Add ${ctx.desired.communicationUserName} as user for inbound communication with OAuth 2.0 (SAML 2.0 bearer assertion).`, diff: [] };
  },
  async apply(ctx, { confirmChanges }) {
    const found = await existing(ctx);
    const inbound = found ?? (await ctx.s4.createInboundUser(ctx.facts.system!.uuid, ctx.facts.user!.id, { authenticationMethod: 'oauth2', oauth2GrantType: 'saml2-bearer' }));
    const clientId = await settleClientId(ctx, inbound, !found || confirmChanges);
    if (!clientId) throw new Error(`S/4HANA holds no OAuth 2.0 client ID for the inbound user ${ctx.facts.user!.name}; check it in the Communication Systems app.`);
    ctx.facts.inbound = { uuid: inbound.UUID, clientId };
    return {};
  },
};
