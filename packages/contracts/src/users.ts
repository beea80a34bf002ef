import { z } from 'zod';
import { isoDateTime, listOf, uuidOf, uuidParams } from './common.ts';
import { roleKey } from './auth.ts';
import { orgKind } from './orgs.ts';

export const userStatus = z.enum(['active', 'disabled']);
export type UserStatus = z.infer<typeof userStatus>;

const roles = z.array(roleKey).min(1).max(5);
const displayName = z.string().trim().min(1).max(40);
const orgId = z.string().min(1).max(100);

export const userParams = uuidParams('a user');

/** `GET /api/users?q=&page=&pageSize=`. */
export const userListQuery = z
  .object({
    q: z.string().max(100).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  })
  .strict();
export type UserListQuery = z.infer<typeof userListQuery>;

export const createUserBody = z
  .object({
    username: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, '3–40 lowercase letters, digits, dot, dash or underscore'),
    displayName,
    password: z.string().min(1).max(200),
    roles,
    orgId,
  })
  .strict();
export type CreateUserBody = z.infer<typeof createUserBody>;

export const patchUserBody = z
  .object({
    displayName: displayName.optional(),
    roles: roles.optional(),
    orgId: orgId.optional(),
    status: userStatus.optional(),
  })
  .strict();
export type PatchUserBody = z.infer<typeof patchUserBody>;

export const userPasswordBody = z.object({ password: z.string().min(1).max(200) }).strict();
export type UserPasswordBody = z.infer<typeof userPasswordBody>;

/** A user account as administration sees it (never the password hash). */
export const user = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleKey),
  /** `unknown` when the user's org no longer exists. */
  scope: z.object({ kind: z.enum([...orgKind.options, 'unknown']), orgId: z.string(), orgName: z.string() }),
  status: userStatus,
  /** Set while a lock from failed logins lasts. */
  lockedUntil: isoDateTime.nullable(),
  lastLoginAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});
export type User = z.infer<typeof user>;

export const userList = listOf(user);
export type UserList = z.infer<typeof userList>;

/** A live session or bearer token of a user, as the security administrator sees it (never the secret). */
export const userSession = z.object({
  id: z.string(),
  kind: z.enum(['session', 'token']),
  /** The token's name; null for a browser session. */
  name: z.string().nullable(),
  createdAt: isoDateTime,
  /** Null for a browser session, which ends after the idle timeout instead. */
  expiresAt: isoDateTime.nullable(),
  lastUsedAt: isoDateTime,
});
export type UserSession = z.infer<typeof userSession>;
export const userSessionList = listOf(userSession);
export type UserSessionList = z.infer<typeof userSessionList>;

/** `DELETE /api/users/:id/sessions/:sessionId`. */
export const userSessionParams = z.object({ id: uuidOf('a user'), sessionId: uuidOf('a session') }).strict();
export type UserSessionParams = z.infer<typeof userSessionParams>;
