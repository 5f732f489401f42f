import type { CommunicationSystem, SystemPatch } from '../../sap/s4hana/index.js';
import { S4Error } from '../../sap/s4hana/index.js';
import type { FieldDiff } from '@tcc/shared';
import { sameCertificate } from '../../certificates/same-certificate.js';
import { diffOf, type AutomationUnit, type UnitContext } from '../unit.js';
import { SIGNING_CERTIFICATE_BY_API } from './signing-certificate-choice.js';

const CERTIFICATE = 'OAuth2IdentityProviderCertificatePublicKeyBase64';
const STEP_8_BY_HAND =
  'Step 8 is to be done by hand: download the trust certificate (step 1 in the wizard), upload it in the Communication Systems app under Upload Signing Certificate, then use Verify.';

/** Whether this run writes the signing certificate: the product's choice, unless the tenant's $metadata settled it read-only. */
const certificateByApi = (ctx: UnitContext) => SIGNING_CERTIFICATE_BY_API && (ctx.tenant?.signingCertificateWritable ?? true);

/** Steps 4–9 without step 8: the system with host, OAuth 2.0 IdP on, issuer = CN, mapping by user UUID. */
function desiredFields({ desired, facts }: UnitContext): Record<string, string> {
  return {
    Name: desired.systemName,
    HostName: desired.s4UiHost,
    IsOAuth2IdentityProviderActive: 'true',
    OAuth2IdentityProviderName: facts.trust!.cn,
    OAuth2IdentityProviderUserLogonType: 'user_uuid',
  };
}

const currentFields = (system: CommunicationSystem): Record<string, string | undefined> => ({
  Name: system.Name,
  HostName: system.HostName,
  IsOAuth2IdentityProviderActive: String(Boolean(system.IsOAuth2IdentityProviderActive)),
  OAuth2IdentityProviderName: system.OAuth2IdentityProviderName,
  OAuth2IdentityProviderUserLogonType: system.OAuth2IdentityProviderUserLogonType,
  [CERTIFICATE]: system.OAuth2IdentityProviderCertificatePublicKeyBase64,
});

/**
 * Step 8 compared on its own: S/4 holds the subaccount's current trust certificate (the renewal case, sap-apis.md E.2),
 * in whatever form it stores it (sameCertificate).
 */
function certificateDiff(ctx: UnitContext, system: CommunicationSystem): FieldDiff[] {
  const wanted = ctx.facts.trust!.certificateBase64;
  const held = system.OAuth2IdentityProviderCertificatePublicKeyBase64;
  return sameCertificate(held, wanted) ? [] : [{ field: CERTIFICATE, current: held || null, desired: wanted, secret: false }];
}

function remember(ctx: UnitContext, system: CommunicationSystem) {
  ctx.facts.system = { uuid: system.UUID, id: system.ID };
}

/**
 * Writes the signing certificate (step 8) and reads it back. Whether S/4 takes it through the API is not documented
 * (sap-field-facts.md row 5): a refusal or a value S/4 did not keep leaves step 8 to the admin — never a false "done".
 */
async function uploadCertificate(ctx: UnitContext, system: CommunicationSystem): Promise<boolean> {
  const { s4, desired, facts } = ctx;
  const names: SystemPatch = ctx.tenant?.signingCertificateNamesWritable ? { signingCertificateSubject: facts.trust!.subject, signingCertificateIssuer: facts.trust!.issuer } : {};
  try {
    await s4.updateCommunicationSystem(system, { signingCertificateBase64: facts.trust!.certificateBase64, ...names });
  } catch (error) {
    if (error instanceof S4Error && error.code === 'S4_RULE') return false;
    throw error;
  }
  const read = await s4.findCommunicationSystem(desired.systemId);
  return read !== null && certificateDiff(ctx, read).length === 0;
}

export const communicationSystemUnit: AutomationUnit = {
  id: 'communicationSystem',
  system: 's4hana',
  steps: [4, 5, 6, 7, 8, 9],
  needs: { trust: 'the CN, sent as the OAuth 2.0 identity provider (issuer), and the certificate of step 8' },
  gives: ['system'],
  async plan(ctx) {
    const found = await ctx.s4.findCommunicationSystem(ctx.desired.systemId);
    const object = `communication system ${ctx.desired.systemId}`;
    const manual = certificateByApi(ctx) ? '' : ` ${STEP_8_BY_HAND}`;
    if (!found) return { action: 'create', object, summary: `Create ${object} (inbound only) for ${ctx.desired.s4UiHost} with the OAuth 2.0 identity provider set up.${manual}`, diff: [] };
    remember(ctx, found);
    const diff = [...diffOf(currentFields(found), desiredFields(ctx)), ...(certificateByApi(ctx) ? certificateDiff(ctx, found) : [])];
    return diff.length
      ? { action: 'update', object, summary: `${object} exists but differs in ${diff.length} field(s); confirm to change them.${manual}`, diff }
      : { action: 'adopt', object, summary: `${object} exists and matches.${manual}`, diff };
  },
  async apply(ctx, { confirmChanges }) {
    const { s4, desired } = ctx;
    let system = await s4.findCommunicationSystem(desired.systemId);
    const fresh = !system;
    system ??= await s4.createCommunicationSystem({
      systemId: desired.systemId,
      name: desired.systemName,
      hostName: desired.s4UiHost,
      identityProvider: { issuer: ctx.facts.trust!.cn, userIdMappingMode: 'user_uuid' },
    });
    const diff = diffOf(currentFields(system), desiredFields(ctx));
    const certificateDiffers = certificateDiff(ctx, system).length > 0;
    if ((diff.length || (certificateDiffers && certificateByApi(ctx))) && !fresh && !confirmChanges) {
      throw new Error(`The communication system ${desired.systemId} differs from what Task Center needs; review the plan and confirm the changes.`);
    }
    if (diff.length) {
      await s4.updateCommunicationSystem(system, {
        name: desired.systemName,
        hostName: desired.s4UiHost,
        oauth2IdentityProviderActive: true,
        oauth2IdentityProviderName: ctx.facts.trust!.cn,
        userIdMappingMode: 'user_uuid',
      });
      system = (await s4.findCommunicationSystem(desired.systemId))!;
      // S/4 may take a PATCH and still hold another value: never record that as done.
      const left = diffOf(currentFields(system), desiredFields(ctx));
      if (left.length) throw new Error(`S/4HANA did not take ${left.map((d) => d.field).join(', ')} for the communication system ${desired.systemId}; set them in the Communication Systems app and use Verify.`);
    }
    const certificateInPlace = !certificateDiffers || (certificateByApi(ctx) && (await uploadCertificate(ctx, system)));
    remember(ctx, system);
    const manual = certificateInPlace ? undefined : STEP_8_BY_HAND;
    return { stepValues: { systemId: system.ID, systemName: system.Name }, manual, manualSteps: manual ? [8] : [] };
  },
};
