import type { FeatureCollection, Geometry } from 'geojson';

export type RoleKey =
  | 'dispatcher'
  | 'commander'
  | 'officer'
  | 'auxiliary'
  | 'analyst'
  | 'grid-worker'
  | 'volunteer'
  | 'clerk'
  | 'staff-officer'
  | 'leader'
  | 'system-admin'
  | 'security-admin'
  | 'auditor';

export interface RoleInfo {
  key: RoleKey;
  name_zh: string;
  name_en: string;
}

export type ScopeKind = 'tenant' | 'area' | 'station' | 'grid';

export interface Scope {
  kind: ScopeKind;
  orgId: string;
  orgName: string;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: RoleKey[];
  scope: Scope;
  tenantCode: string;
}

export interface Health {
  status: 'ok';
  db: 'pglite' | 'postgres';
  demo: boolean;
  version: string;
  tenant: { code: string; name: string };
}

export type OrgKind = 'tenant' | 'area' | 'station' | 'brigade' | 'grid';

export interface OrgNode {
  id: string;
  name: string;
  kind: OrgKind;
  code: string;
  children: OrgNode[];
}

export interface OrgFeatureProperties {
  id: string;
  name: string;
  kind: OrgKind;
  code: string;
  parentId: string | null;
  areaKey?: string;
}

export type OrgFeatureCollection = FeatureCollection<Geometry, OrgFeatureProperties>;

export type UserStatus = 'active' | 'disabled';

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: RoleKey[];
  scope: Scope;
  status: UserStatus;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export type AuditOutcome = 'ok' | 'denied' | 'error';

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  actorId: string | null;
  action: string;
  resource: string;
  resourceId: string | null;
  outcome: AuditOutcome;
  reason: string | null;
  ip: string | null;
  detail: unknown;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBad?: { seq: number; problem: string };
}
