import type { CommunicationSystem } from '../../sap/s4hana/index.js';
import { diffOf, type AutomationUnit, type UnitContext } from '../unit.js';
import { SIGNING_CERTIFICATE_BY_API } from './signing-certificate-choice.js';

/** Steps 4–9: the system with host, OAuth 2.0 IdP on, the signing certificate, issuer = CN, mapping by user UUID. */
function desiredFields({ desired, facts }: UnitContext): Record<string, string> {
  return {
    Name: desired.systemName,
    HostName: desired.s4UiHost,
    IsOAuth2IdentityProviderActive: 'true',
    OAuth2IdentityProviderName: facts.trust!.cn,
    OAuth2IdentityProviderUserLogonType: 'user_uuid',
    ...(SIGNING_CERTIFICATE_BY_API ? { OAuth2IdentityProviderCertificatePublicKeyBase64: facts.trust!.certificateBase64 } : {}),
  };
}

const currentFields = (system: CommunicationSystem): Record<string, string | undefined> => ({
  Name: system.Name,
  HostName: system.HostName,
  IsOAuth2IdentityProviderActive: String(Boolean(system.IsOAuth2IdentityProviderActive)),
  OAuth2IdentityProviderName: system.OAuth2IdentityProviderName,
  OAuth2IdentityProviderUserLogonType: system.OAuth2IdentityProviderUserLogonType,
  OAuth2IdentityProviderCertificatePublicKeyBase64: system.OAuth2IdentityProviderCertificatePublicKeyBase64,
});

function remember(ctx: UnitContext, system: CommunicationSystem) {
  ctx.facts.system = {
    uuid: system.UUID,
    id: system.ID,
    inboundUsers: (system.InboundUsers ?? []).map((u) => ({ uuid: u.UUID, userId: u.CommunicationUserID, clientId: u.OAuth2ClientID ?? null })),
  };
}

export const communicationSystemUnit: AutomationUnit = {
  id: 'communicationSystem',
  system: 's4hana',
  steps: [4, 5, 6, 7, 8, 9],
  dependsOn: ['trustCertificate'],
  async plan(ctx) {
    const found = await ctx.s4.findCommunicationSystem(ctx.desired.systemId);
    const object = `communication system ${ctx.desired.systemId}`;
    if (!found) return { action: 'create', object, summary: `Create ${object} for ${ctx.desired.s4UiHost} with the OAuth 2.0 identity provider set up.`, diff: [] };
    remember(ctx, found);
    const diff = diffOf(currentFields(found), desiredFields(ctx));
    return diff.length
      ? { action: 'update', object, summary: `${object} exists but differs in ${diff.length} field(s); confirm to change them.`, diff }
      : { action: 'adopt', object, summary: `${object} exists and matches.`, diff };
  },
  async apply(ctx, { confirmChanges }) {
    const { s4, desired } = ctx;
    let system = await s4.findCommunicationSystem(desired.systemId);
    const fresh = !system;
    system ??= await s4.createCommunicationSystem({ systemId: desired.systemId, name: desired.systemName, hostName: desired.s4UiHost });
    const diff = diffOf(currentFields(system), desiredFields(ctx));
    if (diff.length && !fresh && !confirmChanges) throw new Error(`The communication system ${desired.systemId} differs from what Task Center needs; review the plan and confirm the changes.`);
    if (diff.length) {
      await s4.updateCommunicationSystem(system.UUID, {
        name: desired.systemName,
        hostName: desired.s4UiHost,
        oauth2IdentityProviderActive: true,
        oauth2IdentityProviderName: ctx.facts.trust!.cn,
        userIdMappingMode: 'user_uuid',
        ...(SIGNING_CERTIFICATE_BY_API ? { signingCertificateBase64: ctx.facts.trust!.certificateBase64 } : {}),
      });
      system = (await s4.findCommunicationSystem(desired.systemId))!;
      // S/4 may take a PATCH and still hold another value (e.g. a certificate it cannot store): never record that as done.
      const left = diffOf(currentFields(system), desiredFields(ctx));
      if (left.length) throw new Error(`S/4HANA did not take ${left.map((d) => d.field).join(', ')} for the communication system ${desired.systemId}; set them in the Communication Systems app and use Verify.`);
    }
    remember(ctx, system);
    const manual = SIGNING_CERTIFICATE_BY_API
      ? undefined
      : 'Step 8 stays manual: download the trust certificate (step 8 in the wizard) and upload it under Upload Signing Certificate; Verify then checks it.';
    return { stepValues: { systemId: system.ID, systemName: system.Name }, manual, manualSteps: manual ? [8] : [] };
  },
};
