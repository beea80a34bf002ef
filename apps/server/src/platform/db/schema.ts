import type { ColumnType, Generated } from 'kysely';

/** Timestamps are written as Date or ISO strings and read back as Date. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills in by default. */
export type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null, string | null>;
/** int8, parsed to a number by both drivers (see database.ts). */
type BigInt8 = ColumnType<number, number, number>;

export interface TenantsTable {
  tenant_code: string;
  name: string;
  county: string;
  demo: Generated<boolean>;
  attribution: Json<string[]>;
  created_at: GeneratedTimestamp;
}

export interface OrgsTable {
  id: string;
  tenant_code: string;
  parent_id: string | null;
  kind: 'tenant' | 'area' | 'station' | 'brigade' | 'grid';
  code: string;
  name: string;
  area_key: string | null;
  boundary: NullableJson<unknown>;
  lon: number | null;
  lat: number | null;
  population: number | null;
  sort: Generated<number>;
  created_at: GeneratedTimestamp;
}

export interface DivisionsTable {
  tenant_code: string;
  code: string;
  level: 'township' | 'village';
  kind: string;
  name: string;
  parent_code: string | null;
  lon: number;
  lat: number;
  population: Generated<number>;
  station_id: string | null;
  grid_id: string | null;
}

export interface UsersTable {
  id: string;
  tenant_code: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  org_id: string;
  status: Generated<'active' | 'disabled'>;
  failed_logins: Generated<number>;
  locked_until: NullableTimestamp;
  last_login_at: NullableTimestamp;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface SessionsTable {
  token_hash: string;
  tenant_code: string;
  user_id: string;
  kind: 'session' | 'token';
  name: string | null;
  created_at: GeneratedTimestamp;
  last_seen_at: GeneratedTimestamp;
  expires_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface AuditLogTable {
  tenant_code: string;
  seq: BigInt8;
  at: Timestamp;
  actor_id: string | null;
  actor: string;
  action: string;
  resource: string;
  resource_id: string | null;
  outcome: 'ok' | 'denied' | 'error';
  reason: string | null;
  ip: string | null;
  detail: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

export interface OutboxTable {
  id: ColumnType<number, never, never>;
  tenant_code: string;
  topic: string;
  payload: Json<unknown>;
  org_ids: string[];
  created_at: GeneratedTimestamp;
  published_at: NullableTimestamp;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: GeneratedTimestamp;
}

/** Every table of the database, for Kysely. Modules add their tables here as they land. */
export interface DB {
  tenants: TenantsTable;
  orgs: OrgsTable;
  divisions: DivisionsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  schema_migrations: SchemaMigrationsTable;
}
