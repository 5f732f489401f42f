import { z } from 'zod';
import { VALUE_KEYS } from '../catalogue/values.js';
import { LIMITS } from '../limits.js';
import { SAP_NAMING_RULES } from '../sap/naming-rules.js';
import { LANDSCAPE_DOMAIN_PATTERN } from '../sap/regions.js';
import { parseS4Host } from '../sap/s4-hosts.js';
import { GUID_PATTERN } from '../sap/trust-certificate-cn.js';
import { CertificateAnalysisSchema } from './certificates.js';
import { ChangeStampSchema, IdSchema, IsoDateTimeSchema, listQuerySchema, pageSchema, VersionSchema } from './common.js';
import { TEST_OUTCOMES } from './automation.js';
import { ConnectionHealthSummarySchema } from './health.js';
import { CONNECTION_STATES } from './progress.js';
import { FieldCheckSchema, StepProgressSchema } from './steps.js';

const DisplayNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a name for this connection, for example “Production”.')
  .max(LIMITS.connectionNameMax, `A connection name has at most ${LIMITS.connectionNameMax} characters.`);

export const SubaccountIdSchema = z
  .string()
  .trim()
  .regex(
    GUID_PATTERN,
    'The subaccount ID is a GUID such as 8f2d3c1a-5b6e-4f70-9a81-2c3d4e5f6a7b: copy it from the subaccount overview in the BTP cockpit.',
  )
  .transform((id) => id.toLowerCase());

export const LandscapeDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  // The commonest slip first (the API endpoint's domain), with its own message.
  .refine((domain) => !domain.startsWith('cfapps.'), { message: 'Leave out “cfapps.”: enter for example eu10.hana.ondemand.com.', abort: true })
  .regex(
    LANDSCAPE_DOMAIN_PATTERN,
    'Enter the landscape domain of the subaccount’s region under hana.ondemand.com (China: platform.sapcloud.cn), for example eu10.hana.ondemand.com.',
  );

export const S4HostInputSchema = z
  .string()
  .max(LIMITS.hostNameMax)
  .superRefine((value, ctx) => {
    const result = parseS4Host(value);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message });
  });

export const S4ClientSchema = z
  .string()
  .trim()
  .regex(SAP_NAMING_RULES.client.pattern, 'The client is a three-digit number, for example 100.');

export const CreateConnectionSchema = z.object({
  displayName: DisplayNameSchema,
  subaccountId: SubaccountIdSchema,
  landscapeDomain: LandscapeDomainSchema,
  s4Host: S4HostInputSchema,
  s4Client: S4ClientSchema.default('100'),
  /** Points the connection at the built-in sandbox (only while it runs): its calls go there, and it tests with a sandbox user. */
  sandbox: z.boolean().optional(),
});
export type CreateConnection = z.input<typeof CreateConnectionSchema>;

export const RenameConnectionSchema = z.object({ displayName: DisplayNameSchema, version: VersionSchema });
export type RenameConnection = z.infer<typeof RenameConnectionSchema>;

export const ConnectionSummarySchema = z
  .object({
    id: IdSchema,
    tenantId: IdSchema,
    displayName: z.string(),
    subaccountId: z.string(),
    landscapeDomain: z.string(),
    s4UiHost: z.string(),
    s4Client: z.string(),
    /** Points at the built-in SAP sandbox, not a real SAP system. */
    sandbox: z.boolean(),
    version: VersionSchema,
    progress: z.object({ finished: z.number().int(), total: z.number().int() }),
    state: z.enum(CONNECTION_STATES),
    certificateNotAfter: IsoDateTimeSchema.nullable(),
    /** automated once an assisted-setup run has succeeded; guided otherwise. */
    setupMode: z.enum(['guided', 'automated']),
    /** current: no step changed after the test, so it still speaks for the connection. */
    lastTest: z.object({ outcome: z.enum(TEST_OUTCOMES), at: IsoDateTimeSchema, current: z.boolean() }).nullable(),
    /** Why the state is needs_attention, and the seed step to fix (null when the cause names none). */
    attention: z.object({ message: z.string(), stepId: z.number().int().nullable() }).nullable(),
    /** What the scheduled read-only checks found now (health/); null until the connection is first scheduled. */
    health: ConnectionHealthSummarySchema.nullable(),
  })
  .extend(ChangeStampSchema.shape);
export type ConnectionSummary = z.infer<typeof ConnectionSummarySchema>;

export const ConnectionValuesSchema = z.partialRecord(z.enum(VALUE_KEYS), z.string());
export type ConnectionValues = z.infer<typeof ConnectionValuesSchema>;

export const DestinationPropertySchema = z.object({
  key: z.string(),
  value: z.string().nullable(),
  additional: z.boolean(),
  secret: z.boolean(),
  from: z.enum(VALUE_KEYS).nullable(),
});

export const ConnectionDetailSchema = ConnectionSummarySchema.extend({
  steps: z.array(StepProgressSchema),
  /** Every value known so far, entered or derived: the source of all copy buttons. */
  values: ConnectionValuesSchema,
  certificate: CertificateAnalysisSchema.nullable(),
  /** Field-by-field checks of the OAuth 2.0 details pasted at step 19. */
  checks: z.array(FieldCheckSchema),
  destination: z.array(DestinationPropertySchema),
});
export type ConnectionDetail = z.infer<typeof ConnectionDetailSchema>;

/** `health` sorts by severity: broken, warning, unknown (or not checked yet), healthy (ascending). */
export const CONNECTION_SORT_KEYS = ['displayName', 'updatedAt', 'progress', 'certificateNotAfter', 'health'] as const;
export const ListConnectionsQuerySchema = listQuerySchema(CONNECTION_SORT_KEYS, 'displayName').extend({
  /** 'true': only connections whose health is warning or broken ("needs attention"). Kept a string, as query values are. */
  needsAttention: z.enum(['true', 'false'], { error: 'needsAttention is true or false.' }).optional(),
});
export type ListConnectionsQuery = z.infer<typeof ListConnectionsQuerySchema>;

export const ConnectionPageSchema = pageSchema(ConnectionSummarySchema);
export type ConnectionPage = z.infer<typeof ConnectionPageSchema>;

export const ConnectionParamsSchema = z.object({ tenantId: IdSchema, connectionId: IdSchema });
export const DeleteConnectionQuerySchema = z.object({ version: z.coerce.number().int().nonnegative() });
