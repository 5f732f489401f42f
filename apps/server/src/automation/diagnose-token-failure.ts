import { TOKEN_SERVICE_PATH } from '@tcc/shared';
import type { Destination } from '../sap/btp/index.js';
import { isSamlBearerClient, type CommunicationSystem } from '../sap/s4hana/index.js';
import { sameCertificate } from '../certificates/same-certificate.js';
import { explainTokenError } from './explain-test-failure.js';
import type { BtpService } from '../sap/btp/index.js';
import type { S4Service } from '../sap/s4hana/index.js';
import type { Desired } from './unit.js';
import { trustFactsOf } from './units/trust-certificate.js';

export interface Diagnosis {
  message: string;
  stepToFix: number | null;
}

/** RFC 6749 §5.2 codes, as the Destination service quotes the token service's answer in authTokens[0].error. */
const OAUTH_CODE = /\b(invalid_client|invalid_grant|invalid_request|unauthorized_client|unsupported_grant_type|invalid_scope)\b/;

/**
 * Why S/4's token endpoint refused, found by reading SAP rather than by its wording: S/4's error texts are not public
 * (sap-field-facts.md E.12), so the OAuth error code only says where to look, and SAP's objects — read with the
 * SAP_COM_0A48 user, changing nothing — confirm the cause. Where nothing confirms one, the code's own meaning is said,
 * or (no code at all) the text is matched as before.
 */
export async function diagnoseTokenFailure(ctx: DiagnosisContext, destination: Destination, sapError: string): Promise<Diagnosis> {
  const code = OAUTH_CODE.exec(sapError)?.[1];
  const read = ctx.s4 ? await readSap({ ...ctx, s4: ctx.s4 }, destination).catch(() => null) : null;
  if (!read) {
    const explained = explainTokenError(sapError);
    // Without the SAP_COM_0A48 user S/4's objects cannot be read: say the cause is the error's, not a confirmed one.
    return ctx.s4 ? explained : { ...explained, message: `${explained.message} (From SAP’s error alone: add the SAP_COM_0A48 user under Credentials and the test reads S/4HANA to confirm the cause.)` };
  }
  // The code says where to look first; without one (a format we do not know), every check runs.
  const checks =
    code === 'invalid_client' ? clientChecks(ctx, destination, read)
    : code === 'invalid_grant' ? grantChecks(ctx, destination, read)
    : [...clientChecks(ctx, destination, read), ...grantChecks(ctx, destination, read)];
  const found = checks.find((check) => check !== null);
  if (found) return found;
  if (code === 'invalid_client') {
    // Nothing S/4 shows explains it, and the password cannot be read back: say what is likely, not what is proven.
    return { message: 'S/4HANA refused the communication user, and everything S/4 shows for this client matches: most likely the destination’s Token Service User or Password is wrong.', stepToFix: 20 };
  }
  if (code === 'invalid_grant') {
    return { message: 'No business user in S/4HANA has this user’s UUID, or the assertion was outside its validity window: the business user must exist with the same user UUID as in the identity provider.', stepToFix: null };
  }
  return explainTokenError(sapError);
}

/** What the diagnosis reads with: BTP always; S/4 only when the SAP_COM_0A48 user is stored and not refused. */
export interface DiagnosisContext {
  btp: BtpService;
  s4: S4Service | null;
  desired: Pick<Desired, 'systemId' | 's4UiHost' | 's4ApiHost'>;
}
type ReadContext = DiagnosisContext & { s4: S4Service };

interface SapRead {
  trust: { cn: string; base64: string } | null;
  system: CommunicationSystem | null;
  user: { ID: string; Name: string; IsLocked?: boolean } | null;
  oauthClientId: string | null;
  oauthInboundUuid: string | null;
  arrangementBoundTo: string | null | undefined;
}

async function readSap({ btp, s4, desired }: ReadContext, destination: Destination): Promise<SapRead> {
  const pem = await btp.getTrustCertificate().catch(() => null);
  const read = pem ? trustFactsOf(pem) : null;
  const trust = read ? { cn: read.cn, base64: read.certificateBase64 } : null;
  const system = await s4.findCommunicationSystem(desired.systemId);
  const user = destination.tokenServiceUser ? await s4.findCommunicationUser(destination.tokenServiceUser) : null;
  const oauth = system && user ? (await s4.findInboundUsers(system.UUID, user.ID)).find(isSamlBearerClient) ?? null : null;
  const [arrangement] = system ? await s4.findArrangements({ scenario: 'SAP_COM_0501', systemId: system.ID }) : [];
  return {
    trust,
    system,
    user,
    oauthClientId: oauth?.OAuth2ClientID ?? null,
    oauthInboundUuid: oauth?.UUID ?? null,
    arrangementBoundTo: arrangement ? (arrangement.InboundUser?.CommunicationSystemInboundUserUUID ?? null) : undefined,
  };
}

type Check = Diagnosis | null;
const when = (failed: boolean, message: string, stepToFix: number | null): Check => (failed ? { message, stepToFix } : null);

/** invalid_client: S/4 did not accept the client — who signs in, as which OAuth client, for which issuer. */
function clientChecks({ desired }: DiagnosisContext, destination: Destination, r: SapRead): Check[] {
  const user = destination.tokenServiceUser ?? '';
  return [
    when(!r.user, `S/4HANA has no communication user ${user}, the destination’s Token Service User: create it or correct the destination.`, 2),
    when(Boolean(r.user?.IsLocked), `The communication user ${user} is locked after failed logons: unlock it in Maintain Communication Users and check the destination’s Token Service Password.`, 3),
    when(!r.system, `S/4HANA has no communication system ${desired.systemId}.`, 5),
    when(!r.system?.IsOAuth2IdentityProviderActive, `The communication system ${desired.systemId} is not an OAuth 2.0 identity provider: switch it on.`, 7),
    when(Boolean(r.trust && r.system?.OAuth2IdentityProviderName !== r.trust.cn), 'S/4HANA does not trust the issuer: the communication system’s OAuth 2.0 SAML Issuer must be the trust certificate’s CN exactly.', 9),
    when(!r.oauthClientId, `${user} is no OAuth 2.0 (SAML 2.0 bearer) user for inbound communication of ${desired.systemId}: add it with that authentication method.`, 10),
    when(
      r.oauthClientId !== null && destination.clientKey !== r.oauthClientId,
      `The destination’s clientKey is ${destination.clientKey ?? '(empty)'}, but S/4HANA knows the OAuth 2.0 client as ${r.oauthClientId}: set clientKey to ${r.oauthClientId}.`,
      20,
    ),
    when(r.arrangementBoundTo === undefined, `No SAP_COM_0501 communication arrangement exists for ${desired.systemId}, so no communication arrangement allows this client: create it.`, 17),
    when(r.arrangementBoundTo !== r.oauthInboundUuid, `The SAP_COM_0501 arrangement of ${desired.systemId} is bound to another inbound user: select ${user} with OAuth 2.0.`, 18),
  ];
}

/** invalid_grant: the client was accepted, the assertion was not — signature, audience, recipient, user mapping. */
function grantChecks({ desired }: DiagnosisContext, destination: Destination, r: SapRead): Check[] {
  return [
    when(
      Boolean(r.trust && r.system && !sameCertificate(r.system.OAuth2IdentityProviderCertificatePublicKeyBase64, r.trust.base64)),
      'S/4HANA holds another signing certificate than the subaccount signs with (for example after the BTP trust was renewed): upload the current trust certificate to the communication system.',
      8,
    ),
    when(destination.audience !== `https://${desired.s4UiHost}`, 'The SAML2 Audience does not match: the destination’s audience must be https://<S/4 host> without “-api”.', 20),
    when(
      (destination.assertionRecipient ?? destination.tokenServiceURL) !== `https://${desired.s4ApiHost}${TOKEN_SERVICE_PATH}`,
      'The assertion’s recipient does not match the token endpoint: check the destination’s Token Service URL.',
      20,
    ),
    when(r.system?.OAuth2IdentityProviderUserLogonType !== 'user_uuid', `The communication system ${desired.systemId} does not map users by User UUID, which Task Center’s userIdSource=user_uuid needs.`, 9),
    // Without userIdSource the NameID is user_name or email (3cb7b81), which S/4 mapping by User UUID never finds.
    when(
      !['user_uuid', '$.user_uuid'].includes(destination.userIdSource ?? ''),
      `The destination sends ${destination.userIdSource ? `the ${destination.userIdSource} claim` : 'the user name'} as NameID, but S/4HANA maps users by User UUID: set userIdSource to user_uuid.`,
      20,
    ),
  ];
}
