import { localDate } from '@ronghui/services';
import type { Kysely, Selectable } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { canReach } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { EventBus } from '../../platform/bus/bus.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB, ServiceCasesTable, ServiceHallsTable } from '../../platform/db/schema.ts';
import type { FieldCrypto } from '../../platform/privacy/field-crypto.ts';
import type { SmsGateway } from '../../platform/sms/sms-gateway.ts';
import type { OrgDirectory, OrgsService } from '../orgs/index.ts';

/** Who works cases, ratings and follow-ups at a counter (the access rows' SERVICE_WORK). */
export const SERVICE_WORK: readonly Role[] = ['clerk', 'officer', 'auxiliary'];
/** Who may ask for a home visit: the counter, and a grid worker for an elder of the grid. */
export const HOME_REQUEST: readonly Role[] = ['clerk', 'officer', 'auxiliary', 'grid-worker'];
/** Who triages, schedules and completes home visits at the station. */
export const HOME_WORK: readonly Role[] = ['officer', 'auxiliary', 'commander'];

export interface ServiceOfficeDeps {
  db: Kysely<DB>;
  orgs: OrgsService;
  audit: AuditService;
  bus: EventBus;
  clock: Clock;
  crypto: FieldCrypto;
  sms: SmsGateway;
  settings: {
    /** Working days to rectify after a bad review. */
    rectifyWorkingDays: number;
    /** The tenant public routes (progress, ratings by phone, deadline) answer for. */
    tenantCode: string;
  };
}

export type HallRow = Selectable<ServiceHallsTable>;
export type CaseRow = Selectable<ServiceCasesTable>;

export const OPEN_CASE = ['accepted', 'processing'] as const;

export const iso = (d: Date | string | null | undefined): string | null =>
  d == null ? null : new Date(d).toISOString();

/** Today's date in Beijing. */
export const today = (clock: Clock) => localDate(clock.now());

/** Halls whose org the principal's scope reaches (every hall for a tenant-wide role). */
export async function hallsInScope(
  db: Kysely<DB>,
  principal: Principal,
  dir: OrgDirectory,
): Promise<HallRow[]> {
  const halls = await db
    .selectFrom('service_halls')
    .selectAll()
    .where('tenant_code', '=', principal.tenantCode)
    .orderBy('id')
    .execute();
  return halls.filter((h) => canReach(principal, dir.pathOf(h.org_id)));
}

/** A station the principal works for: in their scope, or the station of their grid. */
export function reachesStation(principal: Principal, dir: OrgDirectory, stationId: string): boolean {
  return canReach(principal, dir.pathOf(stationId)) || dir.pathOf(principal.orgId).includes(stationId);
}

/** The audit actor of a citizen's public action (no session). */
export const citizen = (tenantCode: string) => ({ tenantCode, userId: 'public', username: 'citizen' });
