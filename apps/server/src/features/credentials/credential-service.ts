import { randomBytes } from 'node:crypto';
import {
  DestinationServiceKeySchema,
  ERROR_CODES,
  serviceKeyHostProblems,
  type CredentialsStatus,
  type PutCredentialsSchema,
} from '@tcc/shared';
import type { z } from 'zod';
import { ConflictError, InputError, NotFoundError } from '../../http/errors.js';
import { SecretString, type Keyring } from '../../secrets/index.js';
import type { SecretKind, SecretRecord, Store } from '../../store/types.js';

/** Binds a ciphertext to its connection and field: moved anywhere else, it no longer decrypts. */
export const secretContext = (connectionId: string, kind: SecretKind) => `connection:${connectionId}:${kind}`;

/** ≥ 20 characters with special characters and no comma (SAP's rule, naming-rules.ts). */
const strongPassword = () => `Tc-${randomBytes(24).toString('base64url')}!`;

/**
 * Parses a pasted key and refuses one whose url or uri is not SAP's XSUAA / Destination service host for the
 * connection's landscape (issue 9 finding 2: any *.hana.ondemand.com host, e.g. an app a tenant admin deployed, was taken).
 */
function parseServiceKey(text: string, landscapeDomain: string): { clientid: string; url: string; uri: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError('The Destination service key is not valid JSON. Paste the whole key as the BTP cockpit shows it.', [{ field: 'destinationServiceKey', message: 'Not JSON.' }]);
  }
  const parsed = DestinationServiceKeySchema.safeParse(json);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({ field: 'destinationServiceKey', message: issue.message }));
    throw new InputError(`This is not a Destination service key: ${details.map((d) => d.message).join(' ')}`, details);
  }
  const hosts = serviceKeyHostProblems(parsed.data, landscapeDomain).map((problem) => ({ field: 'destinationServiceKey', message: problem.message }));
  if (hosts.length > 0) throw new InputError(hosts.map((d) => d.message).join(' '), hosts);
  return parsed.data;
}

function status(secrets: SecretRecord[]): CredentialsStatus {
  const of = (kind: SecretKind) => secrets.find((s) => s.kind === kind);
  const base = (secret?: SecretRecord) => ({ set: Boolean(secret), updatedAt: secret?.updatedAt ?? null, updatedBy: secret?.updatedBy ?? null });
  const key = of('destinationServiceKey');
  const management = of('communicationManagementPassword');
  return {
    destinationServiceKey: { ...base(key), clientId: key?.meta.clientId ?? null, xsuaaUrl: key?.meta.xsuaaUrl ?? null, destinationServiceUrl: key?.meta.destinationServiceUrl ?? null },
    communicationManagement: { ...base(management), user: management?.meta.user ?? null, refusedAt: management?.meta.refusedAt ?? null },
    taskCenterUserPassword: base(of('taskCenterUserPassword')),
    testUser: { ...base(of('testUserPassword')), user: of('testUserPassword')?.meta.user ?? null },
  };
}

/** Write-only credentials per connection, encrypted at rest; the API only ever shows their status. */
export function createCredentialService({ store, keyring, clock }: { store: Store; keyring: Keyring; clock: () => Date }) {
  const exists = async (tenantId: string, connectionId: string) => {
    const aggregate = await store.getConnection(tenantId, connectionId);
    if (!aggregate) throw new NotFoundError('This connection does not exist (any more).');
    return aggregate;
  };

  return {
    async status(tenantId: string, connectionId: string): Promise<CredentialsStatus> {
      await exists(tenantId, connectionId);
      return status(await store.getSecrets(tenantId, connectionId));
    },

    async put(tenantId: string, connectionId: string, input: z.output<typeof PutCredentialsSchema>, actor: string): Promise<CredentialsStatus> {
      const { connection } = await exists(tenantId, connectionId);
      if ((input.communicationManagementUser === undefined) !== (input.communicationManagementPassword === undefined)) {
        throw new InputError('Send the SAP_COM_0A48 communication user and its password together.', [{ field: 'communicationManagementPassword', message: 'User and password go together.' }]);
      }
      if ((input.testUserName === undefined) !== (input.testUserPassword === undefined)) {
        throw new InputError('Send the test user’s name and password together.', [{ field: 'testUserPassword', message: 'User and password go together.' }]);
      }
      const at = clock().toISOString();
      const record = (kind: SecretKind, plaintext: string, meta: Record<string, string> = {}): SecretRecord => ({
        kind,
        ciphertext: keyring.encrypt(plaintext, secretContext(connectionId, kind)),
        meta,
        updatedAt: at,
        updatedBy: actor,
      });
      const secrets: SecretRecord[] = [];
      if (input.destinationServiceKey !== undefined) {
        const key = parseServiceKey(input.destinationServiceKey, connection.landscapeDomain);
        secrets.push(record('destinationServiceKey', input.destinationServiceKey, { clientId: key.clientid, xsuaaUrl: key.url, destinationServiceUrl: key.uri }));
      }
      if (input.communicationManagementPassword !== undefined) {
        secrets.push(record('communicationManagementPassword', input.communicationManagementPassword, { user: input.communicationManagementUser! }));
      }
      const taskCenterPassword = input.generateTaskCenterUserPassword ? strongPassword() : input.taskCenterUserPassword;
      if (taskCenterPassword !== undefined) secrets.push(record('taskCenterUserPassword', taskCenterPassword));
      if (input.testUserPassword !== undefined) secrets.push(record('testUserPassword', input.testUserPassword, { user: input.testUserName! }));
      if (secrets.length === 0) throw new InputError('Send at least one credential to set.');
      const outcome = await store.changeConnection(tenantId, connectionId, input.version, { secrets }, { at, by: actor });
      if (outcome === 'stale') throw new ConflictError(ERROR_CODES.staleVersion, 'Someone changed this connection since you opened it. Reload; nothing was saved.');
      return status(await store.getSecrets(tenantId, connectionId));
    },

    /**
     * S/4 answered 401 to the SAP_COM_0A48 user: remember it on that very credential, so no further call is made with it
     * (from any request or server) until an admin saves it again — S/4 locks a user after a few failed logons.
     * `updatedAt` names the credential that was used (revealCommunicationManagement): one saved since stays unmarked.
     */
    async markCommunicationManagementRefused(tenantId: string, connectionId: string, updatedAt: string): Promise<void> {
      const secret = (await store.getSecrets(tenantId, connectionId)).find((s) => s.kind === 'communicationManagementPassword');
      if (secret && secret.updatedAt === updatedAt && !secret.meta.refusedAt) {
        await store.markSecretRefused(tenantId, connectionId, secret.kind, updatedAt, clock().toISOString());
      }
    },

    /**
     * The SAP_COM_0A48 user and password as one stored record: `updatedAt` identifies it (for the refusal mark), and
     * `refusedAt` says S/4 refused it — then it must not be sent again. Null when none is stored.
     */
    async revealCommunicationManagement(
      tenantId: string,
      connectionId: string,
    ): Promise<{ user: string; password: SecretString; updatedAt: string; refusedAt: string | null } | null> {
      const secret = (await store.getSecrets(tenantId, connectionId)).find((s) => s.kind === 'communicationManagementPassword');
      if (!secret) return null;
      const password = new SecretString(keyring.decrypt(secret.ciphertext, secretContext(connectionId, secret.kind)));
      return { user: secret.meta.user ?? '', password, updatedAt: secret.updatedAt, refusedAt: secret.meta.refusedAt ?? null };
    },

    /** The business user Test connection signs in as (PutCredentials testUserName/testUserPassword); null when none is set. */
    async revealTestUser(tenantId: string, connectionId: string): Promise<{ user: string; password: SecretString } | null> {
      const secret = (await store.getSecrets(tenantId, connectionId)).find((s) => s.kind === 'testUserPassword');
      if (!secret) return null;
      return { user: secret.meta.user ?? '', password: new SecretString(keyring.decrypt(secret.ciphertext, secretContext(connectionId, secret.kind))) };
    },

    /** The plaintext for the SAP adapters, wrapped so it cannot leak into logs or JSON by accident. */
    async reveal(tenantId: string, connectionId: string, kind: SecretKind): Promise<SecretString | null> {
      const secret = (await store.getSecrets(tenantId, connectionId)).find((s) => s.kind === kind);
      return secret ? new SecretString(keyring.decrypt(secret.ciphertext, secretContext(connectionId, kind))) : null;
    },
  };
}

export type CredentialService = ReturnType<typeof createCredentialService>;
