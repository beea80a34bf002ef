import type { Unit as UnitView, UnitDetail } from '@ronghui/contracts';
import {
  type IncidentStatus,
  isOpen,
  isUnitStatus,
  UNIT_STATUS_NAMES,
  type UnitStatus,
} from '@ronghui/dispatch';
import type { Kysely } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { canReach, requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { EventBus } from '../../platform/bus/bus.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { DomainError, invalid, notFound } from '../../platform/http/errors.ts';
import type { OrgsService } from '../orgs/index.ts';
import { enqueueUnitStatus } from './unit-status.ts';
import type { Unit, UnitsRepo } from './units.repo.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';

const READ: readonly Role[] = READ_ACCESS.unit;
const SET_STATUS: Role[] = ['dispatcher', 'commander', 'officer', 'auxiliary'];
/** The roles that work a unit in the field and sign on to it from the phone app. */
const CREW: Role[] = ['officer', 'auxiliary'];

export function createUnitsService(deps: {
  db: Kysely<DB>;
  repo: UnitsRepo;
  orgs: OrgsService;
  audit: AuditService;
  bus: EventBus;
  clock: Clock;
  /**
   * The incident a status names, as the reporting user may read it through the API (the incidents module
   * answers; it throws not-found when the incident is missing or out of the user's scope).
   */
  incidentOf?: (principal: Principal, incidentId: string) => Promise<{ status: string }>;
  /**
   * A unit reported a state while working an incident (inside the report's transaction): the incidents
   * module stamps it on the incident's timeline and times.
   */
  incidentProgress?: (
    trx: Kysely<DB>,
    principal: Principal,
    report: { incidentId: string; unitId: string; callsign: string; status: string; at: Date },
  ) => Promise<void>;
}) {
  const { db, repo, orgs, audit, bus, clock, incidentOf, incidentProgress } = deps;

  /** A status may tie a unit only to an open incident the reporting user can read. */
  async function requireOpenIncident(principal: Principal, incidentId: string): Promise<void> {
    if (!incidentOf) return;
    let incident: { status: string };
    try {
      incident = await incidentOf(principal, incidentId);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not-found')
        throw invalid('/incidentId', `incident "${incidentId}" does not exist or is outside your scope`);
      throw error;
    }
    if (!isOpen(incident.status as IncidentStatus))
      throw invalid(
        '/incidentId',
        `incident "${incidentId}" is ${incident.status}: a unit cannot be tied to it`,
      );
  }

  async function present(units: Unit[], tenantCode: string): Promise<UnitView[]> {
    const dir = await orgs.directory(tenantCode);
    const onDuty = await repo.onDutyIds(db, tenantCode, clock.now());
    return units.map((u) => ({
      id: u.id,
      callsign: u.callsign,
      name: u.name,
      kind: u.kind,
      stationId: u.stationId,
      stationName: dir.get(u.stationId)?.name ?? '',
      pool: u.pool,
      capabilities: u.capabilities,
      status: u.status as UnitStatus,
      statusName: isUnitStatus(u.status) ? UNIT_STATUS_NAMES[u.status] : { zh: u.status, en: u.status },
      onDuty: onDuty.has(u.id),
      incidentId: u.incidentId,
      position: u.position && { ...u.position, at: u.position.at.toISOString() },
    }));
  }

  /** Units a principal may see: their scope's stations (the county sees all). */
  async function visibleStationIds(principal: Principal): Promise<string[] | undefined> {
    if (principal.scopeKind === 'tenant') return undefined;
    const dir = await orgs.directory(principal.tenantCode);
    return dir
      .subtreeIds(principal.orgId)
      .filter((id) => dir.get(id)?.kind === 'station' || dir.get(id)?.kind === 'brigade');
  }

  async function load(principal: Principal, id: string): Promise<Unit> {
    const unit = await repo.get(db, principal.tenantCode, id);
    const dir = await orgs.directory(principal.tenantCode);
    if (!unit || !canReach(principal, dir.pathOf(unit.stationId))) throw notFound('unit', id);
    return unit;
  }

  /** The unit the caller works (上岗), with since when. */
  async function mine(principal: Principal): Promise<{ unit: UnitView | null; since: string | null }> {
    requireRole(principal, READ, 'Viewing units');
    const crew = await repo.crewOf(db, principal.tenantCode, principal.userId);
    const unit = crew && (await repo.get(db, principal.tenantCode, crew.unitId));
    const dir = await orgs.directory(principal.tenantCode);
    // A unit since moved out of the user's scope (or removed) is no longer theirs to work.
    if (!crew || !unit || !canReach(principal, dir.pathOf(unit.stationId)))
      return { unit: null, since: null };
    const [view] = await present([unit], principal.tenantCode);
    return { unit: view!, since: crew.since.toISOString() };
  }

  return {
    present,
    onDutyIds: (tenantCode: string) => repo.onDutyIds(db, tenantCode, clock.now()),
    async list(principal: Principal, filter: { station?: string | undefined; status?: string | undefined }) {
      requireRole(principal, READ, 'Viewing units');
      let stationIds = await visibleStationIds(principal);
      if (filter.station) stationIds = (stationIds ?? [filter.station]).filter((s) => s === filter.station);
      return present(
        await repo.list(db, principal.tenantCode, { stationIds, status: filter.status }),
        principal.tenantCode,
      );
    },
    async get(principal: Principal, id: string): Promise<UnitDetail> {
      requireRole(principal, READ, 'Viewing units');
      const unit = await load(principal, id);
      const [view] = await present([unit], principal.tenantCode);
      const history = await repo.history(db, principal.tenantCode, id);
      return {
        ...view!,
        history: history.map((h) => ({
          status: h.status,
          at: new Date(h.at).toISOString(),
          position:
            h.lon !== null && h.lat !== null
              ? { lon: h.lon, lat: h.lat, speedKmh: h.speed_kmh, heading: h.heading }
              : null,
          incidentId: h.incident_id,
          note: h.note,
          actor: h.actor,
        })),
      };
    },
    /** Status reports from a unit (or for it, by its command room); appended to the unit's history. */
    async setStatus(
      principal: Principal,
      id: string,
      input: { status: UnitStatus; incidentId?: string | null | undefined; note?: string | undefined },
    ) {
      requireRole(principal, SET_STATUS, 'Reporting unit status');
      const unit = await load(principal, id);
      if (input.status === 'available' && input.incidentId)
        throw invalid('/incidentId', 'an available unit is not tied to an incident');
      const incidentId =
        input.incidentId === undefined
          ? input.status === 'available'
            ? null
            : unit.incidentId
          : input.incidentId;
      if (incidentId && incidentId !== unit.incidentId) await requireOpenIncident(principal, incidentId);
      const dir = await orgs.directory(principal.tenantCode);
      const at = clock.now();
      await db.transaction().execute(async (trx) => {
        await repo.setStatus(trx, principal.tenantCode, unit, {
          status: input.status,
          incidentId,
          note: input.note ?? null,
          at,
          actor: principal.username,
        });
        await audit.write(trx, principal, {
          action: 'unit.status',
          resource: 'unit',
          resourceId: id,
          detail: { from: unit.status, to: input.status, incidentId },
        });
        await enqueueUnitStatus(trx, {
          tenantCode: principal.tenantCode,
          unit,
          status: input.status,
          incidentId,
          at,
          orgPath: dir.pathOf(unit.stationId),
        });
        // The incident it works (or the one it leaves: returning, available) stamps the report.
        const worked = incidentId ?? unit.incidentId;
        if (worked && incidentProgress)
          await incidentProgress(trx, principal, {
            incidentId: worked,
            unitId: unit.id,
            callsign: unit.callsign,
            status: input.status,
            at,
          });
      });
      bus.kick();
      return (await present([(await repo.get(db, principal.tenantCode, id))!], principal.tenantCode))[0]!;
    },

    mine,

    /** Signs the caller on to a unit of their scope (上岗); the unit they worked before is left. */
    async signOn(principal: Principal, unitId: string) {
      requireRole(principal, CREW, 'Signing on to a unit');
      const unit = await load(principal, unitId);
      const before = await repo.crewOf(db, principal.tenantCode, principal.userId);
      const at = clock.now();
      await db.transaction().execute(async (trx) => {
        await repo.signOn(trx, principal.tenantCode, principal.userId, unit.id, at);
        await audit.write(trx, principal, {
          action: 'unit.sign-on',
          resource: 'unit',
          resourceId: unit.id,
          detail: { callsign: unit.callsign, left: before?.unitId ?? null },
        });
      });
      return mine(principal);
    },

    /** Signs the caller off the unit they work (下岗); nothing to do when they work none. */
    async signOff(principal: Principal) {
      requireRole(principal, CREW, 'Signing off a unit');
      const before = await repo.crewOf(db, principal.tenantCode, principal.userId);
      if (before)
        await db.transaction().execute(async (trx) => {
          await repo.signOff(trx, principal.tenantCode, principal.userId);
          await audit.write(trx, principal, {
            action: 'unit.sign-off',
            resource: 'unit',
            resourceId: before.unitId,
            detail: {},
          });
        });
      return { unit: null, since: null };
    },
  };
}
export type UnitsService = ReturnType<typeof createUnitsService>;
