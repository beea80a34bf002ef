import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Role } from './roles.ts';

/** What signing in needs to know of an account (the users module keeps the accounts). */
export interface AuthUser {
  id: string;
  tenantCode: string;
  username: string;
  displayName: string;
  passwordHash: string;
  roles: Role[];
  orgId: string;
  status: 'active' | 'disabled';
  lastLoginAt: Date | null;
}

/** The accounts as the auth service reads and updates them; implemented by the users module. */
export interface UserStore {
  findByUsername(db: Kysely<DB>, tenantCode: string, username: string): Promise<AuthUser | undefined>;
  findById(db: Kysely<DB>, tenantCode: string, id: string): Promise<AuthUser | undefined>;
  recordLoginSuccess(db: Kysely<DB>, tenantCode: string, id: string, now: Date): Promise<void>;
}
