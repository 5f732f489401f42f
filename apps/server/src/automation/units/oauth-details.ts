import { TOKEN_SERVICE_PATH } from '@tcc/shared';
import type { AutomationUnit, Desired } from '../unit.js';

/** The two OAuth 2.0 details that follow from the hosts alone: known before S/4 holds anything (sap-apis.md C). */
export const hostDerivedOauth = (desired: Pick<Desired, 's4ApiHost' | 's4UiHost'>) => ({
  tokenServiceUrl: `https://${desired.s4ApiHost}${TOKEN_SERVICE_PATH}`,
  samlAudience: `https://${desired.s4UiHost}`,
});

/**
 * Step 19: the arrangement's OAuth 2.0 details. The API has no "OAuth 2.0 Details" entity; the values follow from the
 * inbound user and the host (sap-apis.md C: Client ID = the communication user, Token Service URL on the -api host,
 * SAML2 Audience the UI host).
 */
export const oauthDetailsUnit: AutomationUnit = {
  id: 'oauthDetails',
  system: 's4hana',
  steps: [19],
  // Not the arrangement: the details are the inbound user's client ID and the hosts, whatever the arrangement holds.
  needs: { inbound: 'the client ID S/4 holds for the inbound user' },
  gives: ['oauth'],
  async plan(ctx) {
    // Known already when the inbound user exists: lets the destination's plan compare every property.
    if (ctx.facts.inbound) await this.apply(ctx, { confirmChanges: false });
    return { action: 'read', object: 'OAuth 2.0 details', summary: 'Take Client ID, Token Service URL and SAML2 Audience for the destination.', diff: [] };
  },
  async apply({ desired, facts }) {
    facts.oauth = { clientId: facts.inbound!.clientId, ...hostDerivedOauth(desired) };
    return { stepValues: facts.oauth };
  },
};
