import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { TENANT_ROLES, TENANT_SORT_KEYS } from './rules.js';
import { ChangeStampSchema, IdSchema, listQuerySchema, pageSchema } from './common.js';

const TenantNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a tenant name, for example the customer’s company name.')
  .max(LIMITS.tenantNameMax, `A tenant name has at most ${LIMITS.tenantNameMax} characters.`);

export const CreateTenantSchema = z.object({ name: TenantNameSchema });
export type CreateTenant = z.infer<typeof CreateTenantSchema>;

export const RenameTenantSchema = z.object({ name: TenantNameSchema });
export type RenameTenant = z.infer<typeof RenameTenantSchema>;

export const TenantSchema = z
  .object({
    id: IdSchema,
    name: z.string(),
    connectionCount: z.number().int().nonnegative(),
    /** Connections whose current test passed (state working). */
    workingCount: z.number().int().nonnegative(),
    /** Connections with a failed step or a failed current test. */
    attentionCount: z.number().int().nonnegative(),
    /** Connections by health (health/): unknown counts those not checked yet too. */
    healthyCount: z.number().int().nonnegative(),
    warningCount: z.number().int().nonnegative(),
    brokenCount: z.number().int().nonnegative(),
    unknownCount: z.number().int().nonnegative(),
    /** The caller's role in this tenant: the UI offers only what it allows. */
    myRole: z.enum(TENANT_ROLES),
  })
  .extend(ChangeStampSchema.shape);
export type Tenant = z.infer<typeof TenantSchema>;

export const ListTenantsQuerySchema = listQuerySchema(TENANT_SORT_KEYS, 'name');
export type ListTenantsQuery = z.infer<typeof ListTenantsQuerySchema>;

export const TenantPageSchema = pageSchema(TenantSchema);
export type TenantPage = z.infer<typeof TenantPageSchema>;

export const TenantParamsSchema = z.object({ tenantId: IdSchema });
