import { z } from 'zod';
import { SAP_NAMING_RULES } from '../sap/naming-rules.js';
import { IsoDateTimeSchema, VersionSchema } from './common.js';

/**
 * An https URL without user-info: `https://user:password@host` would store a password in a field shown to every
 * member (finding 16 of "Tell the admin the truth"); SAP's keys never carry one.
 */
const https = (what: string) =>
  z
    .string({ error: `The service key has no ${what}.` })
    .regex(/^https:\/\/[^\s/]+/, `The service key’s ${what} must be an https URL.`)
    .refine((value) => !/^https:\/\/[^/?#]*@/.test(value), `The service key’s ${what} must not contain a user name or password (user@host): remove it.`);
const required = (field: string, extra = '') => z.string({ error: `The service key has no ${field}.${extra}` }).min(1, `The service key has no ${field}.${extra}`);

/**
 * A Destination service key as the BTP cockpit shows it (sap-apis.md A.1): clientid, clientsecret, url (XSUAA) and
 * uri (the Destination service). Other fields of the key are kept as they are.
 */
export const DestinationServiceKeySchema = z
  .object({
    clientid: required('clientid'),
    clientsecret: required('clientsecret', ' Keys with X.509 credentials are not supported yet.'),
    url: https('url (XSUAA)'),
    uri: https('uri (Destination service)'),
  })
  .loose();
export type DestinationServiceKey = z.infer<typeof DestinationServiceKeySchema>;

const rules = SAP_NAMING_RULES.communicationUserPassword;
export const CommunicationPasswordSchema = z
  .string()
  .min(rules.minLength, `SAP requires at least ${rules.minLength} characters for a communication user password.`)
  .max(128)
  .regex(rules.special, 'SAP requires at least one special character.')
  .refine((value) => !rules.forbidden.test(value), 'A comma cannot be used: the destination’s password field does not accept it.');

/** Write-only: each field is optional, and only the fields sent are replaced. */
export const PutCredentialsSchema = z.object({
  /** The key as pasted (JSON text) or uploaded. */
  destinationServiceKey: z.string().max(16_384).optional(),
  communicationManagementUser: z.string().trim().min(1).max(40).optional(),
  communicationManagementPassword: z.string().min(1).max(128).optional(),
  taskCenterUserPassword: CommunicationPasswordSchema.optional(),
  /** Generates a strong Task Center communication user password instead of taking one. */
  generateTaskCenterUserPassword: z.boolean().optional(),
  /**
   * A business user of the subaccount's identity provider for Test connection (user name and password together): its
   * token is fetched from the subaccount's XSUAA with the password grant, so the test runs in every sign-in mode.
   */
  testUserName: z.string().trim().min(1, 'Enter the test user’s name.').max(256).optional(),
  testUserPassword: z.string().min(1, 'Enter the test user’s password.').max(256).optional(),
  version: VersionSchema,
});
export type PutCredentials = z.input<typeof PutCredentialsSchema>;

const SecretStatus = z.object({ set: z.boolean(), updatedAt: IsoDateTimeSchema.nullable(), updatedBy: z.string().nullable() });

/** What the API shows of credentials: whether each is set, when and by whom — never a secret. */
export const CredentialsStatusSchema = z.object({
  destinationServiceKey: SecretStatus.extend({ clientId: z.string().nullable(), xsuaaUrl: z.string().nullable(), destinationServiceUrl: z.string().nullable() }),
  /** refusedAt: S/4 refused this user's logon then; the product makes no further call with it until it is changed (S/4 locks users after failed logons). */
  communicationManagement: SecretStatus.extend({ user: z.string().nullable(), refusedAt: z.string().nullable().default(null) }),
  taskCenterUserPassword: SecretStatus,
  /** The business user Test connection signs in as; a sandbox connection uses the sandbox's own when none is set. */
  testUser: SecretStatus.extend({ user: z.string().nullable() }).default({ set: false, updatedAt: null, updatedBy: null, user: null }),
});
export type CredentialsStatus = z.infer<typeof CredentialsStatusSchema>;

/** "Fill credentials from the sandbox" (a connection labelled sandbox only): the sandbox's own key and users. */
export const FillSandboxCredentialsSchema = z.object({ version: VersionSchema });
