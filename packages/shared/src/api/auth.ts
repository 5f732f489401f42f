import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema } from './common.js';
import { AUTH_LIMITS, TENANT_ROLES } from './rules.js';

export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Enter your user name.')
  .max(AUTH_LIMITS.usernameMax, `A user name has at most ${AUTH_LIMITS.usernameMax} characters.`)
  .regex(/^[a-z0-9._@+-]+$/, 'A user name has letters, digits and . _ @ + - only.');

export const SignInSchema = z.object({
  username: UsernameSchema,
  password: z.string().min(1, 'Enter your password.').max(AUTH_LIMITS.passwordMax),
});
export type SignIn = z.infer<typeof SignInSchema>;

export const MembershipSchema = z.object({ tenantId: IdSchema, role: z.enum(TENANT_ROLES) });

/** The signed-in user, with the CSRF token to send as X-CSRF-Token on every change (cookie sessions only). */
export const SessionInfoSchema = z.object({
  /** canCreateTenants: config TENANT_CREATION (system admins only by default). */
  user: z.object({ id: IdSchema, username: z.string(), displayName: z.string(), systemAdmin: z.boolean(), canCreateTenants: z.boolean() }),
  csrfToken: z.string().nullable(),
  expiresAt: IsoDateTimeSchema.nullable(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const CreateUserSchema = z.object({
  username: UsernameSchema,
  displayName: z.string().trim().min(1, 'Enter the person’s name.').max(AUTH_LIMITS.usernameMax),
  password: z
    .string()
    .min(AUTH_LIMITS.passwordMin, `A password has at least ${AUTH_LIMITS.passwordMin} characters.`)
    .max(AUTH_LIMITS.passwordMax),
  systemAdmin: z.boolean().default(false),
});
export type CreateUser = z.input<typeof CreateUserSchema>;

/** `issuer`: 'local' for this app's own accounts, else the identity provider's: one user name can exist at several. */
export const UserSchema = z.object({ id: IdSchema, username: z.string(), displayName: z.string(), issuer: z.string(), systemAdmin: z.boolean(), disabled: z.boolean() });
export type User = z.infer<typeof UserSchema>;
export const UserListSchema = z.object({ items: z.array(UserSchema) });

export const MemberSchema = z.object({ userId: IdSchema, username: z.string(), displayName: z.string(), role: z.enum(TENANT_ROLES) });
export type Member = z.infer<typeof MemberSchema>;
export const MemberListSchema = z.object({ items: z.array(MemberSchema) });
export const PutMemberSchema = z.object({ role: z.enum(TENANT_ROLES) });
export const MemberParamsSchema = z.object({ tenantId: IdSchema, userId: IdSchema });

export const UserParamsSchema = z.object({ userId: IdSchema });

/** A system admin sets a user's password or disables them; either ends the user's open sessions. */
export const UpdateUserSchema = z
  .object({
    password: z
      .string()
      .min(AUTH_LIMITS.passwordMin, `A password has at least ${AUTH_LIMITS.passwordMin} characters.`)
      .max(AUTH_LIMITS.passwordMax)
      .optional(),
    disabled: z.boolean().optional(),
  })
  .refine((input) => input.password !== undefined || input.disabled !== undefined, 'Send a new password, or disabled true or false.');
export type UpdateUser = z.infer<typeof UpdateUserSchema>;
