import type { IncidentSource } from '@ronghui/contracts';
import type { Kysely } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { canReach } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { EventBus } from '../../platform/bus/bus.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Privacy } from '../../platform/privacy/privacy.ts';
import type { OrgsService } from '../orgs/index.ts';
import type { EmergencyResource } from './incident-eido.ts';
import { loadTenantGazetteer, type TenantGazetteer, type TenantGeo } from './incident-context.ts';
import type { IncidentRow, IncidentsRepo } from './incidents.repo.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';

export interface IncidentsDeps {
  db: Kysely<DB>;
  repo: IncidentsRepo;
  orgs: OrgsService;
  audit: AuditService;
  privacy: Privacy;
  bus: EventBus;
  clock: Clock;
  /** The units working an incident (from the units module); none when not wired. */
  resources?:
    | ((db: Kysely<DB>, tenantCode: string, incidentId: string) => Promise<EmergencyResource[]>)
    | undefined;
}

/** Who may take an incident from each source: 110 and video at the command centre, walk-ins at stations. */
const COMMAND: Role[] = ['dispatcher', 'commander'];
const STATION: Role[] = [...COMMAND, 'officer', 'auxiliary'];
export const INTAKE_ROLES: Readonly<Record<IncidentSource, readonly Role[]>> = {
  '110': COMMAND,
  video: COMMAND,
  'walk-in': STATION,
  patrol: STATION,
  grid: [...STATION, 'grid-worker'],
  volunteer: [...STATION, 'grid-worker', 'volunteer'],
};
export const READ_ROLES: readonly Role[] = READ_ACCESS.incident;
export const MOVE_ROLES: readonly Role[] = STATION;
/** Resolving, closing and the callback are an officer's or the command centre's decision. */
export const DECIDE_ROLES: readonly Role[] = [...COMMAND, 'officer'];
export const MERGE_ROLES: readonly Role[] = COMMAND;
export const SETTINGS_ROLES: readonly Role[] = ['commander'];

/** Divisions and places change by import, settings through this module: a short cache is enough. */
const GAZETTEER_TTL_MS = 60_000;

export function createIncidentAccess(deps: IncidentsDeps) {
  const { db, repo, orgs, clock } = deps;
  const cache = new Map<string, { until: number; gazetteer: Promise<TenantGazetteer> }>();
  return {
    /**
     * The tenant's gazetteer and settings (cached for a minute, dropped when the settings change) with
     * the current org directory. Pass the transaction when called inside one (PGlite has one connection).
     */
    async geo(tenantCode: string, executor: Kysely<DB> = db): Promise<TenantGeo> {
      const now = clock.now().getTime();
      let hit = cache.get(tenantCode);
      if (!hit || hit.until <= now) {
        const gazetteer = loadTenantGazetteer(executor, repo, tenantCode);
        hit = { until: now + GAZETTEER_TTL_MS, gazetteer };
        cache.set(tenantCode, hit);
        gazetteer.catch(() => cache.delete(tenantCode));
      }
      const [dir, gazetteer] = await Promise.all([orgs.directory(tenantCode), hit.gazetteer]);
      return { ...gazetteer, dir };
    },
    invalidate(tenantCode: string): void {
      cache.delete(tenantCode);
    },
    /** The incident if it exists and lies within the principal's scope; otherwise not found. */
    async load(principal: Principal, geo: TenantGeo, id: string): Promise<IncidentRow> {
      const row = await repo.findById(db, principal.tenantCode, id);
      if (!row) throw notFound('incident', id);
      if (principal.scopeKind === 'tenant') return row;
      const links = await repo.orgsOf(db, principal.tenantCode, id);
      if (!links.some((l) => canReach(principal, geo.dir.pathOf(l.org_id)))) throw notFound('incident', id);
      return row;
    },
  };
}
export type IncidentAccess = ReturnType<typeof createIncidentAccess>;
