import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema, pageSchema } from './common.js';
import { HEALTH_STATES } from './rules.js';

/**
 * Alert channels (apps/server/src/alerts): where a tenant hears about health transitions — became warning, became
 * broken, recovered, certificate expiry thresholds. Managed by tenant admins; secrets are write-only.
 */
export const ALERT_CHANNEL_KINDS = ['email', 'webhook'] as const;
export type AlertChannelKind = (typeof ALERT_CHANNEL_KINDS)[number];

/** What an alert reports; `test` is "Send test alert". */
export const ALERT_EVENTS = ['warning', 'broken', 'recovered', 'certificate-expiry', 'test'] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];

export const ALERT_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

const NameSchema = z.string().trim().min(1, 'Give the channel a name.').max(100, 'A channel name has at most 100 characters.');
const RecipientSchema = z.email({ message: 'Enter e-mail addresses such as ops@example.com.' }).max(254);
const RecipientsSchema = z.array(RecipientSchema).min(1, 'Add at least one recipient.').max(20, 'At most 20 recipients per channel.');
/** Checked again on the server against the webhook outbound policy (https, public address, port 443). */
const WebhookUrlSchema = z.string().trim().min(1, 'Enter the https:// URL of the webhook receiver.').max(2048);
/** Given: stored write-only. Absent on creation: the server generates one and shows it once. */
const WebhookSecretSchema = z.string().min(16, 'A signing secret has at least 16 characters; leave it empty to have one generated.').max(256);

export const CreateAlertChannelSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('email'), name: NameSchema, recipients: RecipientsSchema, digest: z.boolean().default(false), enabled: z.boolean().default(true) }).strict(),
  z.object({ kind: z.literal('webhook'), name: NameSchema, url: WebhookUrlSchema, secret: WebhookSecretSchema.optional(), digest: z.boolean().default(false), enabled: z.boolean().default(true) }).strict(),
]);

/** Fields not sent stay as they are; `rotateSecret` makes the server generate a new webhook secret (shown once). */
export const UpdateAlertChannelSchema = z
  .object({
    name: NameSchema.optional(),
    recipients: RecipientsSchema.optional(),
    url: WebhookUrlSchema.optional(),
    secret: WebhookSecretSchema.optional(),
    rotateSecret: z.boolean().optional(),
    digest: z.boolean().optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

export const AlertChannelSchema = z.object({
  id: IdSchema,
  kind: z.enum(ALERT_CHANNEL_KINDS),
  name: z.string(),
  /** email only. */
  recipients: z.array(z.string()).nullable(),
  /** webhook only. */
  url: z.string().nullable(),
  /** webhook: whether a signing secret is stored (never its value). */
  secretSet: z.boolean(),
  digest: z.boolean(),
  enabled: z.boolean(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  updatedBy: z.string(),
});
export type AlertChannel = z.infer<typeof AlertChannelSchema>;

/** The answer to creating (or rotating the secret of) a webhook channel: the only time the secret is shown. */
export const AlertChannelWithSecretSchema = AlertChannelSchema.extend({ secret: z.string().nullable() });
export const AlertChannelListSchema = z.object({ items: z.array(AlertChannelSchema) });

export const AlertChannelParamsSchema = z.object({ tenantId: IdSchema, channelId: IdSchema });

export const AlertDeliverySchema = z.object({
  /** Also the X-TCC-Delivery header and the e-mail's Message-ID: receivers dedupe by it. */
  id: IdSchema,
  channelId: IdSchema,
  channelName: z.string(),
  event: z.enum(ALERT_EVENTS),
  connectionId: IdSchema.nullable(),
  state: z.enum(HEALTH_STATES).nullable(),
  status: z.enum(ALERT_DELIVERY_STATUSES),
  attempts: z.number().int().nonnegative(),
  /** Status code of the last webhook answer, if one came. */
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: IsoDateTimeSchema,
  nextAttemptAt: IsoDateTimeSchema.nullable(),
  deliveredAt: IsoDateTimeSchema.nullable(),
  /** Delivered inside a daily digest. */
  digest: z.boolean(),
});
export type AlertDelivery = z.infer<typeof AlertDeliverySchema>;
export const AlertDeliveryPageSchema = pageSchema(AlertDeliverySchema);
export const AlertDeliveryQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  channelId: IdSchema.optional(),
});

export const AlertTestResultSchema = z.object({ deliveryId: IdSchema, status: z.enum(ALERT_DELIVERY_STATUSES), lastError: z.string().nullable() });
