import { z } from 'zod';
import { isoDateTime, listOf, uuidParams } from './common.ts';
import { orgKind } from './orgs.ts';

/** The roles of Ronghui. System, security and audit administration are separate roles (三员分立). */
export const roleKey = z.enum([
  'dispatcher',
  'commander',
  'officer',
  'auxiliary',
  'analyst',
  'grid-worker',
  'volunteer',
  'clerk',
  'staff-officer',
  'leader',
  'system-admin',
  'security-admin',
  'auditor',
]);
export type RoleKey = z.infer<typeof roleKey>;

/** The three administrator roles (三员分立): never combined, their accounts made and reset only on the server. */
export const adminRoleKeys: readonly RoleKey[] = ['system-admin', 'security-admin', 'auditor'];

/** `POST /api/auth/login`. */
export const loginBody = z
  .object({
    username: z.string().trim().min(1, 'enter a username').max(64),
    password: z.string().min(1, 'enter a password').max(200),
    tenantCode: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
  })
  .strict();
export type LoginBody = z.infer<typeof loginBody>;

/** The signed-in user: `GET /api/auth/me`. */
export const me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleKey),
  /** The org whose data the user reaches (it and everything below it). */
  scope: z.object({ kind: orgKind, orgId: z.string(), orgName: z.string() }),
  tenantCode: z.string(),
});
export type Me = z.infer<typeof me>;

export const loginResult = z.object({ user: me });
export type LoginResult = z.infer<typeof loginResult>;

/** `GET /api/auth/roles`: every role with its Chinese and English name. */
export const roleInfo = z.object({ key: roleKey, nameZh: z.string(), nameEn: z.string() });
export type RoleInfo = z.infer<typeof roleInfo>;
export const roleList = listOf(roleInfo);
export type RoleList = z.infer<typeof roleList>;

/** `POST /api/auth/logout`: `everywhere` ends every session and bearer token of the user, not only this one. */
export const logoutBody = z
  .object({ everywhere: z.boolean().default(false) })
  .strict()
  .nullish();
export type LogoutBody = z.input<typeof logoutBody>;

/**
 * `POST /api/auth/tokens`: a bearer token for a device or script acting as you. `ttlDays` defaults to, and
 * may not exceed, the server's `TOKEN_MAX_DAYS`. Administrator accounts hold no tokens.
 */
export const createTokenBody = z
  .object({
    name: z.string().trim().min(1).max(80),
    ttlDays: z.number().int().min(1).max(365).optional(),
  })
  .strict();
export type CreateTokenBody = z.input<typeof createTokenBody>;

/** The token is shown once; only its SHA-256 is stored. `id` names it for listing and revoking. */
export const createdToken = z.object({ id: z.string(), token: z.string(), expiresAt: isoDateTime });
export type CreatedToken = z.infer<typeof createdToken>;

/** One live bearer token (never its secret): `GET /api/auth/tokens`. */
export const tokenInfo = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: isoDateTime,
  expiresAt: isoDateTime,
  /** Last request made with it (to within a minute), or its creation. */
  lastUsedAt: isoDateTime,
});
export type TokenInfo = z.infer<typeof tokenInfo>;
export const tokenList = listOf(tokenInfo);
export type TokenList = z.infer<typeof tokenList>;

/** `DELETE /api/auth/tokens/:id`. */
export const tokenParams = uuidParams('a token');
