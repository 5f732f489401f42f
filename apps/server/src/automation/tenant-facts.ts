import type { SapFact, SapFactId } from '@tcc/shared';
import { entitySetsAndProperties, type S4Service, writeRestrictions } from '../sap/s4hana/index.js';
import { isSamlBearerClient } from '../sap/s4hana/index.js';
import { S4CredentialRefusedError } from '../sap/s4hana/errors.js';

/**
 * What only a live tenant settles (sap-field-facts.md "What only a live tenant can settle"), read without changing
 * anything: the three services' $metadata and the tenant's existing OAuth 2.0 inbound users. Each fact is `settled`
 * when something was read that answers it, else `assumed` with the product's default — and the units check the
 * assumption as they go (a write is always read back), so an assumption never turns into a false success.
 */

/** The product's documented choice for the OAuth 2.0 client ID (config S4_CLIENT_ID), the other kept working. */
export type ClientIdChoice = 'user-name' | 'as-derived';

export interface TenantFacts {
  /** Fields the plan relies on that the services lack: then assisted setup cannot run (the guided steps can). */
  missing: string[];
  /** Whether the API takes the signing certificate; false when settled read-only, so step 8 is manual from the start. */
  signingCertificateWritable: boolean;
  /** Whether subject and issuer of the certificate are fields a client writes (the [3rd] migrator does, NOTES.md 2.2). */
  signingCertificateNamesWritable: boolean;
  facts: SapFact[];
}

const SYSTEM_TYPE = 'CommunicationSystems';
const CERTIFICATE = 'OAuth2IdentityProviderCertificatePublicKeyBase64';

/** What the plan relies on in the SAP_COM_0A48 services (sap-apis.md D; NOTES.md §2 found no EDMX). */
const REQUIRED: Record<'users' | 'systems' | 'arrangements', Record<string, string[]>> = {
  users: { CommunicationUsers: ['ID', 'Name', 'Description', 'Password'] },
  systems: {
    CommunicationSystems: ['UUID', 'ID', 'Name', 'HostName', 'IsInboundOnly', 'IsOAuth2IdentityProviderActive', 'OAuth2IdentityProviderName', 'OAuth2IdentityProviderUserLogonType'],
    InboundUsers: ['UUID', 'CommunicationSystemUUID', 'CommunicationUserID', 'AuthenticationMethod', 'OAuth2GrantType', 'OAuth2ClientID'],
  },
  arrangements: { CommunicationArrangements: ['UUID', 'CommunicationScenarioID', 'CommunicationSystemID', 'Name'] },
};

const fact = (id: SapFactId, question: string, answer: string, settled: boolean, evidence: string, consequence: string): SapFact => ({
  id,
  question,
  answer,
  status: settled ? 'settled' : 'assumed',
  evidence,
  consequence,
});

/** Reads the facts; an S/4 error (wrong credentials, a locked user…) is thrown, as the preflight reports it. */
export async function readTenantFacts(s4: S4Service, clientIdChoice: ClientIdChoice): Promise<TenantFacts> {
  // Asked together: the adapter still sends one call alone until S/4 accepts the password (communication-api.ts).
  const [users, systemsEdmx, arrangements, clientIdDerivation] = await Promise.all([s4.readMetadata('users'), s4.readMetadata('systems'), s4.readMetadata('arrangements'), clientIdFact(s4)]);
  const metadata = { users, systems: systemsEdmx, arrangements };
  const missing: string[] = [];
  for (const service of Object.keys(REQUIRED) as (keyof typeof REQUIRED)[]) {
    const found = entitySetsAndProperties(metadata[service]);
    for (const [set, properties] of Object.entries(REQUIRED[service])) {
      const lacks = found[set] ? properties.filter((p) => !found[set]!.includes(p)) : ['(the entity set itself)'];
      if (lacks.length) missing.push(`${set} ${lacks.join(', ')} (${service} service)`);
    }
  }
  const systems = entitySetsAndProperties(metadata.systems)[SYSTEM_TYPE] ?? [];
  const restrictions = writeRestrictions(metadata.systems);
  const readOnly = (property: string) => [...restrictions.readOnly].some((entry) => entry.endsWith(`/${property}`));
  const certificateListed = systems.includes(CERTIFICATE);
  const certificateWritable = certificateListed && !readOnly(CERTIFICATE);
  const namesListed = ['Subject', 'Issuer'].every((n) => systems.includes(`OAuth2IdentityProviderCertificate${n}`));
  const namesWritable = namesListed && !['Subject', 'Issuer'].some((n) => readOnly(`OAuth2IdentityProviderCertificate${n}`));
  // Any of the three services may protect its entities; each $metadata says so for its own sets.
  const concurrency = [...new Set([metadata.users, metadata.systems, metadata.arrangements].flatMap((edmx) => [...writeRestrictions(edmx).optimisticConcurrency]))];

  const facts: SapFact[] = [
    fact('servicesOffered', 'Do the SAP_COM_0A48 services offer every entity set and field assisted setup uses?', missing.length ? 'No' : 'Yes', true,
      missing.length ? `$metadata lacks ${missing.join('; ')}.` : '$metadata of the users, systems and arrangements services lists every one.',
      missing.length ? 'Assisted setup cannot run; use the guided steps.' : 'Assisted setup can run.'),
    certificateListed
      ? fact('signingCertificateWritable', 'Can the API upload the signing certificate (step 8)?', certificateWritable ? 'Yes (assumed)' : 'No', !certificateWritable,
        certificateWritable ? `$metadata does not mark ${CERTIFICATE} computed or immutable; whether S/4 stores it is known only after a write, which is read back.` : `$metadata marks ${CERTIFICATE} computed or immutable.`,
        certificateWritable ? 'Assisted setup writes it and reads it back; if S/4 does not keep it, step 8 is left to do by hand.' : 'Step 8 stays manual: upload the trust certificate in the Communication Systems app.')
      : fact('signingCertificateWritable', 'Can the API upload the signing certificate (step 8)?', 'No', true, `$metadata of the systems service has no ${CERTIFICATE}.`, 'Step 8 stays manual.'),
    fact('signingCertificateNamesWritable', 'Does S/4 want the certificate’s subject and issuer written beside it?', namesWritable ? 'Yes' : 'No', namesListed,
      namesListed ? (namesWritable ? 'Subject and issuer are fields without a read-only annotation.' : 'Subject and issuer are marked computed: S/4 derives them.') : 'The fields are not in $metadata.',
      namesWritable ? 'They are written from the certificate, as the SAP Communication Migrator does.' : 'They are not sent.'),
    fact('optimisticConcurrency', 'Do changes need If-Match (ETags)?', concurrency.length ? 'Yes' : 'No (assumed)', concurrency.length > 0,
      concurrency.length ? `$metadata puts ${concurrency.join(', ')} under Core.OptimisticConcurrency.` : 'No Core.OptimisticConcurrency annotation in $metadata.',
      'Every change sends the ETag S/4 returned when the object was read, whenever S/4 returns one.'),
    clientIdDerivation,
    fact('clientIdChoice', 'Which OAuth 2.0 client ID goes into the destination’s clientKey?', clientIdChoice === 'user-name' ? 'The communication user’s name' : 'The ID S/4 derived', true,
      `Product setting S4_CLIENT_ID=${clientIdChoice}.`,
      clientIdChoice === 'user-name'
        ? 'A derived CC… ID is renamed to the user name (PATCH of the inbound user); if S/4 refuses, the derived ID is read back and used.'
        : 'The client ID is read back from S/4 after creation and used as it is.'),
  ];
  return { missing, signingCertificateWritable: certificateWritable, signingCertificateNamesWritable: namesWritable, facts };
}

/** How this tenant derives client IDs, from the OAuth 2.0 SAML-bearer inbound users that already exist. */
async function clientIdFact(s4: S4Service): Promise<SapFact> {
  const question = 'What client ID does S/4 give an OAuth 2.0 inbound user created through the API?';
  const consequence = 'The product reads the client ID back after creating the inbound user, whatever S/4 derived.';
  // Informational only: a tenant that refuses this filter must not block the run.
  const listed = await s4.listInboundUsers().catch((error: unknown) => {
    if (error instanceof S4CredentialRefusedError) throw error;
    return error instanceof Error ? error : new Error(String(error));
  });
  if (listed instanceof Error) {
    return fact('clientIdDerivation', question, 'The internal CC… ID (assumed, [3rd-verified] source)', false, `The OAuth 2.0 inbound users could not be listed: ${listed.message}`, consequence);
  }
  const oauth = listed.filter(isSamlBearerClient);
  const internal = oauth.find((u) => u.OAuth2ClientID && u.OAuth2ClientID === u.CommunicationUserID);
  if (internal) return fact('clientIdDerivation', question, 'The internal CC… ID', true, `Inbound user ${internal.UUID} has client ID ${internal.OAuth2ClientID}, its user’s internal ID.`, consequence);
  const evidence = oauth.length
    ? `${oauth.length} OAuth 2.0 inbound user(s) exist, none with the internal ID as client ID (they may have been made in Fiori).`
    : 'No OAuth 2.0 inbound user exists yet.';
  return fact('clientIdDerivation', question, 'The internal CC… ID (assumed, [3rd-verified] source)', false, evidence, consequence);
}
