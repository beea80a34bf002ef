import type { Kysely } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { canReach } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { EventBus } from '../../platform/bus/bus.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { FieldCrypto } from '../../platform/privacy/field-crypto.ts';
import type { SmsGateway } from '../../platform/sms/sms-gateway.ts';
import type { HazardsService } from '../hazards/index.ts';
import { type IncidentsRepo, loadTenantGazetteer, resolveLocation } from '../incidents/index.ts';
import type { OrgDirectory, OrgsService } from '../orgs/index.ts';
import type { RegistryRepo } from '../registry/index.ts';
import type { ServiceOfficeService } from '../services/index.ts';

/** Who takes in warnings (by hand, from a file, from an incident). */
export const WARNING_INTAKE: readonly Role[] = ['dispatcher', 'commander', 'officer'];
/** Who signs for, calls, dissuades and reports back on warnings, and records visits. */
export const OUTREACH_WORK: readonly Role[] = ['commander', 'officer', 'auxiliary'];
/** Who keeps the register of vulnerable residents and plans visits. */
export const REGISTER_WORK: readonly Role[] = ['commander', 'officer'];
/** Who may see a name, phone or ID number in full (with a reason, audited). */
export const OUTREACH_REVEAL: readonly Role[] = ['dispatcher', 'commander', 'officer'];

export interface OutreachDeps {
  db: Kysely<DB>;
  orgs: OrgsService;
  audit: AuditService;
  bus: EventBus;
  clock: Clock;
  crypto: FieldCrypto;
  sms: SmsGateway;
  incidentsRepo: IncidentsRepo;
  registryRepo: RegistryRepo;
  /** Opens a home-service request (上门办证) from a visit. */
  homeService: Pick<ServiceOfficeService, 'createHomeVisit'>;
  /** Opens a grid hazard from a visit. */
  hazards: Pick<HazardsService, 'create'>;
}

export const iso = (d: Date | string | null | undefined): string | null =>
  d == null ? null : new Date(d).toISOString();

/** The org path a station's record is reached by (the county root when no station answers for it). */
export function pathOfStation(dir: OrgDirectory, stationId: string | null): string[] {
  if (stationId) return dir.pathOf(stationId);
  const root = dir.root();
  return root ? [root.id] : [];
}

export function reaches(principal: Principal, dir: OrgDirectory, stationId: string | null): boolean {
  return canReach(principal, pathOfStation(dir, stationId));
}

export interface Place {
  stationId: string | null;
  townshipCode: string | null;
  lon: number | null;
  lat: number | null;
}

/** The station answering for an address, found through the gazetteer as incidents do (null when none). */
export function createPlaceFinder(deps: Pick<OutreachDeps, 'db' | 'orgs' | 'incidentsRepo'>) {
  const cache = new Map<string, { until: number; geo: ReturnType<typeof loadTenantGazetteer> }>();
  return async function placeOf(tenantCode: string, address: string): Promise<Place> {
    const now = Date.now();
    let hit = cache.get(tenantCode);
    if (!hit || hit.until < now) {
      hit = { until: now + 60_000, geo: loadTenantGazetteer(deps.db, deps.incidentsRepo, tenantCode) };
      cache.set(tenantCode, hit);
    }
    const [geo, dir] = await Promise.all([hit.geo, deps.orgs.directory(tenantCode)]);
    try {
      const place = resolveLocation({ ...geo, dir }, { address });
      return {
        stationId: place.stationId,
        townshipCode: place.townshipCode,
        lon: place.point[0],
        lat: place.point[1],
      };
    } catch {
      return { stationId: null, townshipCode: null, lon: null, lat: null };
    }
  };
}

/** Display names of users by id. */
export async function userNames(
  db: Kysely<DB>,
  tenantCode: string,
  ids: (string | null)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('tenant_code', '=', tenantCode)
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
