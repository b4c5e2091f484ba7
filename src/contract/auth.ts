/** Sign-in, users, API tokens and the audit log in the HTTP contract. */
import { z } from 'zod';
import { ROLES } from '../auth/roles.js';
import { cleanText, cursorQuery, isoDateSchema } from './common.js';

export const roleSchema = z.enum(ROLES);

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  notifyOnJobEnd: z.boolean(),
  /** Signed in with a one-time password from an admin's reset: must choose a new one first. */
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UserDto = z.infer<typeof userSchema>;

/** Who is who, for "by …" columns: every user's display name and nothing else (any signed-in user). */
export const userNamesResponseSchema = z.object({
  users: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type UserNameDto = z.infer<typeof userNamesResponseSchema>['users'][number];

const email = z.email('must be an e-mail address').max(254);
/** Length here; the rest of the policy (common passwords, the e-mail) in security/password-policy.ts. */
const password = z.string().min(12, 'must be at least 12 characters').max(200);

export const loginRequestSchema = z.strictObject({
  email: z.string().max(254),
  password: z.string().max(200),
});
export const loginResponseSchema = z.object({ user: userSchema, token: z.string(), expiresAt: z.string() });
export const meResponseSchema = z.object({
  user: userSchema,
  permissions: z.array(z.string()),
  via: z.enum(['cookie', 'bearer']),
});

export const createUserRequestSchema = z.strictObject({
  email,
  name: cleanText().min(1).max(200).optional(),
  role: roleSchema,
  /** Omit to have one generated (returned once). */
  password: password.optional(),
});
export const createUserResponseSchema = z.object({ user: userSchema, password: z.string().nullable() });
export const updateUserRequestSchema = z
  .strictObject({
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    name: cleanText().min(1).max(200).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export const userIdParamsSchema = z.object({
  id: z.string().regex(/^usr_[0-9a-z]{26}$/, 'must be a user id'),
});

export const changePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().max(200),
  newPassword: password,
});
export const changePasswordResponseSchema = z.object({ user: userSchema });

export const resetPasswordResponseSchema = z.object({
  user: userSchema,
  /** Shown only in this answer; it works once, then the user must choose their own. */
  password: z.string(),
  mustChangePassword: z.literal(true),
});

export const updatePreferencesRequestSchema = z.strictObject({ notifyOnJobEnd: z.boolean() });

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  userId: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const createTokenRequestSchema = z.strictObject({ name: cleanText().min(1).max(100) });
export const createTokenResponseSchema = z.object({ token: z.string(), apiToken: apiTokenSchema });
export const tokenIdParamsSchema = z.object({
  id: z.string().regex(/^tok_[0-9a-z]{26}$/, 'must be a token id'),
});

export const auditQuerySchema = z.strictObject({
  userId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  targetType: z.string().max(64).optional(),
  targetId: z.string().max(64).optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  ...cursorQuery,
});
export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  userEmail: z.string().nullable(),
  /** The client's IP address for changes made over HTTP; null for the system. */
  ip: z.string().nullable(),
  /** Who made the change: a person (`user`, see userId), the monthly schedule, or the system. */
  actor: z.enum(['user', 'schedule', 'system']),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export const auditResponseSchema = z.object({
  entries: z.array(auditEntrySchema),
  nextCursor: z.string().nullable(),
});
