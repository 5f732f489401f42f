import { entitySetsAndProperties } from '../sap/s4hana/index.js';
import type { UnitContext } from './unit.js';
import { SIGNING_CERTIFICATE_BY_API } from './units/signing-certificate-choice.js';

/**
 * What the plan relies on in the SAP_COM_0A48 services (sap-apis.md D; NOTES.md §2 found no EDMX, so a live
 * tenant's $metadata settles it here, before anything changes).
 */
const REQUIRED: Record<'users' | 'systems' | 'arrangements', Record<string, string[]>> = {
  users: { CommunicationUsers: ['ID', 'Name', 'Description', 'Password'] },
  systems: {
    CommunicationSystems: [
      'UUID', 'ID', 'Name', 'HostName', 'IsOAuth2IdentityProviderActive', 'OAuth2IdentityProviderName', 'OAuth2IdentityProviderUserLogonType',
      ...(SIGNING_CERTIFICATE_BY_API ? ['OAuth2IdentityProviderCertificatePublicKeyBase64'] : []),
    ],
    InboundUsers: ['UUID', 'CommunicationSystemUUID', 'CommunicationUserID'],
  },
  arrangements: { CommunicationArrangements: ['UUID', 'CommunicationScenarioID', 'CommunicationSystemID', 'Name'] },
};

/** Problems to fix before a run may change anything; each says what to do. Errors of the calls become problems too. */
export async function preflight({ s4, btp, desired }: UnitContext): Promise<string[]> {
  const problems: string[] = [];
  for (const service of Object.keys(REQUIRED) as (keyof typeof REQUIRED)[]) {
    try {
      const found = entitySetsAndProperties(await s4.readMetadata(service));
      for (const [set, properties] of Object.entries(REQUIRED[service])) {
        const missing = found[set] ? properties.filter((p) => !found[set]!.includes(p)) : ['(the entity set itself)'];
        if (missing.length) problems.push(`The S/4HANA ${service} service lacks ${set} ${missing.join(', ')}: the tenant's release or the SAP_COM_0A48 arrangement does not offer what assisted setup needs; use the guided steps.`);
      }
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  try {
    // Task Center duplicates tasks when two destinations point at the same S/4HANA system (sap-apis.md B.2 notes).
    const others = (await btp.listDestinations()).filter((d) => d.Name !== desired.destinationName && (d.URL ?? '').includes(desired.s4ApiHost));
    for (const other of others) problems.push(`The destination ${other.Name} already points at ${desired.s4ApiHost}; a second one would make Task Center duplicate tasks. Delete it or use its name.`);
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  return problems;
}
