import { createHash, randomUUID } from 'node:crypto';
import {
  HAZARD_KINDS,
  HAZARD_PHOTO_TYPES,
  type HazardCreateBody,
  type HazardDeadlines,
  type HazardDeadlinesBody,
  type HazardDetail,
  type HazardIncidentBody,
  type HazardList,
  type HazardListQuery,
  type HazardPhoto,
  type HazardStepBody,
} from '@ronghui/contracts';
import { chinaDateKey, type GeoJSON, type LngLat, pointInPolygon } from '@ronghui/geo';
import {
  DEFAULT_DEADLINE_DAYS,
  deadlineOf,
  type HazardKind,
  type HazardState,
  nextState,
  type OverdueLevel,
  overdueLevel,
} from '@ronghui/hazards';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { canReach, requireRole } from '../../platform/auth/guard.ts';
import { type Principal, systemPrincipal } from '../../platform/auth/principal.ts';
import type { EventBus } from '../../platform/bus/bus.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import { canonicalJson } from '../../platform/canonical-json.ts';
import type { Clock } from '../../platform/clock.ts';
import { startSweepLoop } from '../../platform/sweep.ts';
import type { DB } from '../../platform/db/schema.ts';
import { conflict, DomainError, invalid, notFound } from '../../platform/http/errors.ts';
import { appendTimelineEntry, type IncidentsService, incidentAudience } from '../incidents/index.ts';
import type { OrgDirectory, OrgsService } from '../orgs/index.ts';
import {
  ACTION_ROLES,
  INCIDENT_ROLES,
  READ_ROLES,
  REFER_ROLES,
  REPORT_ROLES,
  SETTINGS_ROLES,
  WORK_ROLES,
} from './hazard-access.ts';
import { presentDetail, presentHazard, presentPhoto } from './hazards.presenter.ts';
import type { HazardRow, HazardsRepo } from './hazards.repo.ts';

type PhotoType = (typeof HAZARD_PHOTO_TYPES)[number];

/** Largest photo accepted: a phone's picture, compressed before it is sent. */
export const HAZARD_PHOTO_MAX_BYTES = 5 * 1024 * 1024;

/** The first bytes of each image format: a body must be what its content type says. */
const MAGIC: Record<PhotoType, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (b) =>
    b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};

const LEVEL_RANK: Record<OverdueLevel, number> = { none: 0, warning: 1, overdue: 2, escalated: 3 };

export interface HazardsDeps {
  db: Kysely<DB>;
  repo: HazardsRepo;
  orgs: OrgsService;
  incidents: IncidentsService;
  audit: AuditService;
  bus: EventBus;
  clock: Clock;
  /** The community grid at a point (kept on the hazard for the grid statistics). */
  communityGridAt?:
    | ((tenantCode: string, lon: number, lat: number, executor?: Kysely<DB>) => Promise<string | null>)
    | undefined;
}

function gridAt(dir: OrgDirectory, point: LngLat): string | null {
  for (const grid of dir.ofKind('grid')) {
    const boundary = grid.boundary as GeoJSON.Polygon | GeoJSON.MultiPolygon | null;
    if (boundary && pointInPolygon(point, boundary)) return grid.id;
  }
  return null;
}

const movedMeanwhile = (number: string) =>
  conflict(`hazard ${number} was changed by someone else meanwhile: reload it and try again`);

export function createHazardsService(deps: HazardsDeps) {
  const { db, repo, orgs, incidents, audit, bus, clock } = deps;
  const communityGridAt = deps.communityGridAt ?? (async () => null);

  /** May this principal see this hazard? Its org subtree, the station it was sent to, and its reporter. */
  function reaches(principal: Principal, dir: OrgDirectory, row: HazardRow): boolean {
    if (principal.scopeKind === 'tenant') return true;
    if (row.reported_by_id === principal.userId) return true;
    const extra =
      row.responsible_kind === 'station' && row.responsible_id ? dir.pathOf(row.responsible_id) : [];
    return canReach(principal, [...dir.pathOf(row.org_id), ...extra]);
  }

  async function load(principal: Principal, dir: OrgDirectory, id: string, executor: Kysely<DB> = db) {
    const row = await repo.findById(executor, principal.tenantCode, id);
    if (!row || !reaches(principal, dir, row)) throw notFound('hazard', id);
    return row;
  }

  /** The orgs whose users hear of a hazard: its org path, and the station it was sent to. */
  function audience(
    dir: OrgDirectory,
    row: Pick<HazardRow, 'org_id' | 'responsible_kind' | 'responsible_id' | 'escalated_to'>,
  ) {
    const ids = new Set(dir.pathOf(row.org_id));
    if (row.responsible_kind === 'station' && row.responsible_id)
      for (const id of dir.pathOf(row.responsible_id)) ids.add(id);
    if (row.escalated_to) for (const id of dir.pathOf(row.escalated_to)) ids.add(id);
    return [...ids];
  }

  async function announce(
    trx: Kysely<DB>,
    dir: OrgDirectory,
    tenantCode: string,
    row: HazardRow,
    change: 'created' | 'step' | 'photo' | 'incident' | 'overdue',
  ) {
    await enqueue(
      trx,
      tenantCode,
      'hazard.changed',
      {
        hazardId: row.id,
        number: row.number,
        kind: row.kind,
        status: row.status,
        change,
        gridId: row.grid_id,
        stationId: row.station_id,
        lon: row.lon,
        lat: row.lat,
      },
      audience(dir, row),
    );
  }

  async function event(
    trx: Kysely<DB>,
    actor: Principal | null,
    tenantCode: string,
    hazardId: string,
    e: {
      kind: string;
      from?: string | null;
      to?: string | null;
      note?: string | null;
      detail?: Record<string, unknown>;
    },
  ) {
    await repo.appendEvent(trx, {
      tenant_code: tenantCode,
      hazard_id: hazardId,
      at: clock.now(),
      actor_id: actor?.userId ?? null,
      actor: actor?.username ?? 'timer',
      kind: e.kind,
      from_status: e.from ?? null,
      to_status: e.to ?? null,
      note: e.note ?? null,
      detail: JSON.stringify(e.detail ?? {}),
    });
  }

  async function deadlineDays(tenantCode: string, executor: Kysely<DB> = db) {
    const rows = await repo.deadlines(executor, tenantCode);
    const days: Record<HazardKind, number> = { ...DEFAULT_DEADLINE_DAYS };
    for (const r of rows)
      if ((HAZARD_KINDS as readonly string[]).includes(r.kind)) days[r.kind as HazardKind] = r.days;
    return days;
  }

  async function detail(principal: Principal, dir: OrgDirectory, id: string): Promise<HazardDetail> {
    const row = await load(principal, dir, id);
    const [timeline, photos] = await Promise.all([
      repo.timeline(db, principal.tenantCode, id),
      repo.photos(db, principal.tenantCode, id),
    ]);
    return presentDetail(principal, dir, row, timeline, photos);
  }

  /** Inserts a hazard with its first timeline entry, audit record and event (in the caller's transaction). */
  async function insertHazard(
    trx: Kysely<DB>,
    principal: Principal,
    dir: OrgDirectory,
    row: Omit<HazardRow, 'overdue' | 'number' | 'community_grid_id' | 'demo'>,
    audited: Record<string, unknown>,
  ): Promise<HazardRow> {
    const now = clock.now();
    const day = chinaDateKey(now);
    const n = await repo.nextNumber(trx, principal.tenantCode, day);
    const number = `YH${day}${String(n).padStart(4, '0')}`;
    const full = {
      ...row,
      number,
      community_grid_id: await communityGridAt(principal.tenantCode, row.lon, row.lat, trx),
      demo: false,
    };
    await repo.insert(trx, full);
    await event(trx, principal, principal.tenantCode, row.id, {
      kind: 'created',
      to: row.status,
      detail: { kind: row.kind, gridId: row.grid_id, stationId: row.station_id, ...audited },
    });
    await audit.write(trx, principal, {
      action: 'hazard.create',
      resource: 'hazard',
      resourceId: row.id,
      detail: { number, kind: row.kind, gridId: row.grid_id, stationId: row.station_id, ...audited },
    });
    const inserted = { ...full, overdue: 'none' };
    await announce(trx, dir, principal.tenantCode, inserted, 'created');
    return inserted;
  }

  return {
    /** A hazard reported from the field (or a console). The same client id again answers the first one. */
    async create(
      principal: Principal,
      body: HazardCreateBody,
    ): Promise<{ created: boolean; hazard: HazardDetail }> {
      requireRole(principal, REPORT_ROLES, 'Reporting hazards');
      const dir = await orgs.directory(principal.tenantCode);
      const hash = createHash('sha256').update(canonicalJson(body)).digest('hex');
      if (body.id) {
        const existing = await repo.findById(db, principal.tenantCode, body.id);
        if (existing) {
          if (existing.reported_by_id !== principal.userId || existing.request_hash !== hash)
            throw conflict('a different hazard was already reported with this id', { hazardId: body.id });
          return { created: false, hazard: await detail(principal, dir, body.id) };
        }
      }
      const point: LngLat = [body.location.lon, body.location.lat];
      let gridId: string | null;
      if (body.gridId) {
        const grid = dir.get(body.gridId);
        if (grid?.kind !== 'grid') throw invalid('/gridId', `no police grid "${body.gridId}"`);
        gridId = grid.id;
      } else {
        gridId = gridAt(dir, point);
      }
      // Outside every grid: the reporter's own station (or grid) answers for it.
      const own = dir.get(principal.orgId);
      if (!gridId && own?.kind === 'grid') gridId = own.id;
      const stationId =
        (gridId && dir.get(gridId)?.parentId) ||
        dir.pathOf(principal.orgId).find((id) => dir.get(id)?.kind === 'station') ||
        null;
      const root = dir.root();
      const orgId = gridId ?? stationId ?? root?.id;
      if (!orgId) throw invalid('/location', 'no grid, station or county answers for this point');
      const now = clock.now();
      const id = body.id ?? randomUUID();
      try {
        await db.transaction().execute(async (trx) => {
          await insertHazard(
            trx,
            principal,
            dir,
            {
              tenant_code: principal.tenantCode,
              id,
              kind: body.kind,
              status: 'reported',
              description: body.description,
              lon: point[0],
              lat: point[1],
              address: body.address ?? null,
              grid_id: gridId,
              station_id: stationId,
              org_id: orgId,
              responsible_kind: null,
              responsible_id: null,
              responsible_name: null,
              reported_by_id: principal.userId,
              reported_by: principal.username,
              reported_at: now,
              registered_at: null,
              deadline_at: null,
              closed_at: null,
              escalated_to: null,
              rating: null,
              incident_id: null,
              incident_number: null,
              from_incident_id: null,
              from_incident_number: null,
              request_hash: hash,
              updated_at: now,
            },
            {},
          );
        });
      } catch (error) {
        // The same id sent twice at once: the second answers the first.
        if (body.id && (error as { code?: unknown }).code === '23505') {
          const existing = await repo.findById(db, principal.tenantCode, body.id);
          if (existing?.reported_by_id === principal.userId && existing.request_hash === hash)
            return { created: false, hazard: await detail(principal, dir, body.id) };
          if (existing)
            throw conflict('a different hazard was already reported with this id', { hazardId: body.id });
        }
        throw error;
      }
      bus.kick();
      return { created: true, hazard: await detail(principal, dir, id) };
    },

    async list(principal: Principal, query: HazardListQuery): Promise<HazardList> {
      requireRole(principal, READ_ROLES, 'Reading hazards');
      const dir = await orgs.directory(principal.tenantCode);
      const result = await repo.list(db, principal.tenantCode, {
        orgIds: principal.scopeKind === 'tenant' ? undefined : dir.subtreeIds(principal.orgId),
        userId: principal.userId,
        statuses: query.status,
        kind: query.kind,
        mine: query.mine === 'true',
        overdue: query.overdue === 'true',
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      const counts = await repo.photoCounts(
        db,
        principal.tenantCode,
        result.items.map((r) => r.id),
      );
      return {
        items: result.items.map((r) => presentHazard(principal, dir, r, counts.get(r.id) ?? 0)),
        total: result.total,
      };
    },

    async get(principal: Principal, id: string): Promise<HazardDetail> {
      requireRole(principal, READ_ROLES, 'Reading hazards');
      return detail(principal, await orgs.directory(principal.tenantCode), id);
    },

    /** One step of the closed loop (register, dispatch, start, report back, verify, reject, close, evaluate). */
    async step(principal: Principal, id: string, body: HazardStepBody): Promise<HazardDetail> {
      requireRole(principal, WORK_ROLES, 'Moving hazards on');
      const dir = await orgs.directory(principal.tenantCode);
      const row = await load(principal, dir, id);
      requireRole(principal, ACTION_ROLES[body.action], `The step "${body.action}" of a hazard`);
      const from = row.status as HazardState;
      const next = nextState(from, body.action);
      if (!next.ok) throw conflict(next.reason, { from, action: body.action });
      if (body.action === 'dispatch' && !body.unit) throw invalid('/unit', 'say which unit is to fix it');
      if (body.unit && body.action !== 'dispatch') throw invalid('/unit', 'is given only when dispatching');
      if (body.action === 'evaluate' && !body.rating)
        throw invalid('/rating', 'say how satisfied: satisfied, basically-satisfied or dissatisfied');
      if (body.rating && body.action !== 'evaluate')
        throw invalid('/rating', 'is given only when evaluating');
      if (body.action === 'reject' && !body.note) throw invalid('/note', 'say what is still to be done');
      const now = clock.now();
      const values: Partial<HazardRow> = { status: next.to, updated_at: now };
      const detailOf: Record<string, unknown> = {};
      if (body.action === 'register') {
        const days = await deadlineDays(principal.tenantCode);
        values.registered_at = now;
        values.deadline_at = new Date(deadlineOf(row.kind as HazardKind, now.getTime(), days));
        detailOf.deadlineAt = values.deadline_at.toISOString();
      }
      if (body.unit) {
        const u = body.unit;
        if (u.kind === 'station') {
          const org = dir.get(u.orgId);
          if (org?.kind !== 'station') throw invalid('/unit/orgId', `no station "${u.orgId}"`);
          Object.assign(values, {
            responsible_kind: 'station',
            responsible_id: org.id,
            responsible_name: org.name,
          });
        } else if (u.kind === 'village') {
          const v = await repo.village(db, principal.tenantCode, u.code);
          if (v?.level !== 'village') throw invalid('/unit/code', `no village "${u.code}" in this county`);
          Object.assign(values, {
            responsible_kind: 'village',
            responsible_id: v.code,
            responsible_name: v.name,
          });
        } else {
          Object.assign(values, {
            responsible_kind: 'department',
            responsible_id: null,
            responsible_name: u.name,
          });
        }
        detailOf.unit = {
          kind: values.responsible_kind,
          id: values.responsible_id,
          name: values.responsible_name,
        };
      }
      if (body.action === 'close') values.closed_at = now;
      if (body.rating) {
        values.rating = body.rating;
        detailOf.rating = body.rating;
      }
      await db.transaction().execute(async (trx) => {
        const changed = await repo.update(trx, principal.tenantCode, id, values, from);
        if (changed === 0) throw movedMeanwhile(row.number);
        const after = { ...row, ...values } as HazardRow;
        await event(trx, principal, principal.tenantCode, id, {
          kind: body.action,
          from,
          to: next.to,
          note: body.note ?? null,
          detail: detailOf,
        });
        await audit.write(trx, principal, {
          action: `hazard.${body.action}`,
          resource: 'hazard',
          resourceId: id,
          detail: { number: row.number, from, to: next.to, ...detailOf },
        });
        await announce(trx, dir, principal.tenantCode, after, 'step');
        // A grid case closed: the 110 incident it came from says what became of it.
        if (body.action === 'close' && row.from_incident_id) {
          await appendTimelineEntry(trx, {
            tenantCode: principal.tenantCode,
            incidentId: row.from_incident_id,
            at: now,
            actorId: principal.userId,
            actor: principal.username,
            kind: 'grid-case-closed',
            note: body.note ?? null,
            detail: { hazardId: id, hazardNumber: row.number, responsible: row.responsible_name },
          });
          await enqueue(
            trx,
            principal.tenantCode,
            'incident.updated',
            {
              incidentId: row.from_incident_id,
              number: row.from_incident_number ?? '',
              status: 'closed',
              change: 'grid-case',
            },
            await incidentAudience(trx, principal.tenantCode, row.from_incident_id),
          );
        }
      });
      bus.kick();
      return detail(principal, dir, id);
    },

    /** Police business: the hazard becomes an incident (source `grid`), each naming the other. */
    async toIncident(principal: Principal, id: string, body: HazardIncidentBody) {
      requireRole(principal, INCIDENT_ROLES, 'Making an incident of a hazard');
      const dir = await orgs.directory(principal.tenantCode);
      const row = await load(principal, dir, id);
      if (row.incident_id)
        throw conflict(`hazard ${row.number} is already incident ${row.incident_number}`, {
          incidentId: row.incident_id,
        });
      if (row.from_incident_id)
        throw conflict(`hazard ${row.number} came from incident ${row.from_incident_number}`, {
          incidentId: row.from_incident_id,
        });
      const { incident } = await incidents.create(
        principal,
        {
          source: 'grid',
          category: body.category,
          priority: body.priority,
          description: `${row.description}（隐患 ${row.number}）`,
          location: { lon: row.lon, lat: row.lat },
          ...(row.address && row.address.length >= 2 ? { address: row.address } : {}),
        },
        `hazard-${row.id}`,
      );
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const changed = await repo.update(trx, principal.tenantCode, id, {
          incident_id: incident.id,
          incident_number: incident.number,
          updated_at: now,
        });
        if (changed === 0) throw movedMeanwhile(row.number);
        await event(trx, principal, principal.tenantCode, id, {
          kind: 'incident',
          note: body.note ?? null,
          detail: { incidentId: incident.id, incidentNumber: incident.number },
        });
        await appendTimelineEntry(trx, {
          tenantCode: principal.tenantCode,
          incidentId: incident.id,
          at: now,
          actorId: principal.userId,
          actor: principal.username,
          kind: 'from-hazard',
          note: body.note ?? null,
          detail: { hazardId: id, hazardNumber: row.number, hazardKind: row.kind },
        });
        await audit.write(trx, principal, {
          action: 'hazard.incident',
          resource: 'hazard',
          resourceId: id,
          detail: { number: row.number, incidentId: incident.id, incidentNumber: incident.number },
        });
        await announce(trx, dir, principal.tenantCode, { ...row, incident_id: incident.id }, 'incident');
        await enqueue(
          trx,
          principal.tenantCode,
          'incident.updated',
          { incidentId: incident.id, number: incident.number, status: incident.status, change: 'grid-case' },
          await incidentAudience(trx, principal.tenantCode, incident.id),
        );
      });
      bus.kick();
      return detail(principal, dir, id);
    },

    /**
     * 非警务警情: a 110 call that is not police business goes to the grid centre as a grid case (a hazard
     * of kind `referred-call`, already registered, its deadline running). Once per incident.
     */
    async gridCase(principal: Principal, incidentId: string, note: string | undefined) {
      requireRole(principal, REFER_ROLES, 'Handing a call to the grid centre');
      const incident = await incidents.get(principal, incidentId);
      const dir = await orgs.directory(principal.tenantCode);
      const existing = await repo.findByIncident(db, principal.tenantCode, incidentId);
      if (existing)
        throw conflict(`incident ${incident.number} is already grid case ${existing.number}`, {
          hazardId: existing.id,
        });
      const point: LngLat = [incident.location.lon, incident.location.lat];
      const gridId = incident.grid?.id ?? gridAt(dir, point);
      const stationId = (gridId && dir.get(gridId)?.parentId) || incident.station?.id || null;
      const orgId = gridId ?? stationId ?? dir.root()?.id;
      if (!orgId) throw invalid('/location', 'no grid, station or county answers for this incident');
      const now = clock.now();
      const days = await deadlineDays(principal.tenantCode);
      const id = randomUUID();
      await db.transaction().execute(async (trx) => {
        const row = await insertHazard(
          trx,
          principal,
          dir,
          {
            tenant_code: principal.tenantCode,
            id,
            kind: 'referred-call',
            status: 'registered',
            description: incident.description,
            lon: point[0],
            lat: point[1],
            address: incident.location.address,
            grid_id: gridId,
            station_id: stationId,
            org_id: orgId,
            responsible_kind: null,
            responsible_id: null,
            responsible_name: null,
            reported_by_id: principal.userId,
            reported_by: principal.username,
            reported_at: now,
            registered_at: now,
            deadline_at: new Date(deadlineOf('referred-call', now.getTime(), days)),
            closed_at: null,
            escalated_to: null,
            rating: null,
            incident_id: null,
            incident_number: null,
            from_incident_id: incidentId,
            from_incident_number: incident.number,
            request_hash: createHash('sha256').update(`incident:${incidentId}`).digest('hex'),
            updated_at: now,
          },
          { fromIncidentId: incidentId, fromIncidentNumber: incident.number },
        );
        await appendTimelineEntry(trx, {
          tenantCode: principal.tenantCode,
          incidentId,
          at: now,
          actorId: principal.userId,
          actor: principal.username,
          kind: 'grid-case',
          note: note ?? null,
          detail: { hazardId: id, hazardNumber: row.number },
        });
        await enqueue(
          trx,
          principal.tenantCode,
          'incident.updated',
          { incidentId, number: incident.number, status: incident.status, change: 'grid-case' },
          await incidentAudience(trx, principal.tenantCode, incidentId),
        );
      });
      bus.kick();
      return detail(principal, dir, id);
    },

    async addPhoto(
      principal: Principal,
      id: string,
      contentType: string,
      body: unknown,
    ): Promise<{ created: boolean; photo: HazardPhoto }> {
      requireRole(principal, REPORT_ROLES, 'Adding photos to hazards');
      if (!Buffer.isBuffer(body))
        throw new DomainError(
          'unsupported-media-type',
          'Unsupported media type',
          `send the photo itself as the body, with Content-Type ${HAZARD_PHOTO_TYPES.join(', ')}`,
        );
      const type = contentType.split(';')[0]!.trim().toLowerCase() as PhotoType;
      if (!HAZARD_PHOTO_TYPES.includes(type))
        throw invalid('/headers/content-type', `a photo must be ${HAZARD_PHOTO_TYPES.join(', ')}`);
      if (body.length === 0) throw invalid('/body', 'the photo is empty');
      if (!MAGIC[type](body))
        throw invalid('/body', `the body is not a ${type.slice(6).toUpperCase()} image`);
      const dir = await orgs.directory(principal.tenantCode);
      const row = await load(principal, dir, id);
      const sha256 = createHash('sha256').update(body).digest('hex');
      const result = await db.transaction().execute(async (trx) => {
        const existing = await repo.photoBySha(trx, principal.tenantCode, id, sha256);
        if (existing) return { created: false, photo: presentPhoto(existing) };
        const photo = {
          tenant_code: principal.tenantCode,
          id: randomUUID(),
          hazard_id: id,
          content_type: type,
          size_bytes: body.length,
          sha256,
          created_by: principal.username,
          created_at: clock.now(),
        };
        await repo.insertPhoto(trx, { ...photo, bytes: body });
        await repo.update(trx, principal.tenantCode, id, { updated_at: photo.created_at });
        await event(trx, principal, principal.tenantCode, id, {
          kind: 'photo',
          detail: { photoId: photo.id, sizeBytes: body.length, sha256 },
        });
        await audit.write(trx, principal, {
          action: 'hazard.photo',
          resource: 'hazard',
          resourceId: id,
          detail: { number: row.number, photoId: photo.id, sizeBytes: body.length, sha256 },
        });
        await announce(trx, dir, principal.tenantCode, row, 'photo');
        return { created: true, photo: presentPhoto(photo) };
      });
      if (result.created) bus.kick();
      return result;
    },

    /** The image itself; every read is audited (a photo may show people). */
    async readPhoto(principal: Principal, id: string, photoId: string) {
      requireRole(principal, READ_ROLES, 'Reading hazards');
      const dir = await orgs.directory(principal.tenantCode);
      await load(principal, dir, id);
      const photo = await repo.photoBytes(db, principal.tenantCode, id, photoId);
      if (!photo) throw notFound('photo', photoId);
      await audit.record(principal, {
        action: 'hazard.photo.read',
        resource: 'hazard',
        resourceId: id,
        detail: { photoId },
      });
      return { contentType: photo.content_type, bytes: Buffer.from(photo.bytes) };
    },

    async deadlines(principal: Principal): Promise<HazardDeadlines> {
      requireRole(principal, READ_ROLES, 'Reading hazard deadlines');
      return { days: await deadlineDays(principal.tenantCode) };
    },

    async setDeadlines(principal: Principal, body: HazardDeadlinesBody): Promise<HazardDeadlines> {
      requireRole(principal, SETTINGS_ROLES, 'Setting hazard deadlines');
      await db.transaction().execute(async (trx) => {
        for (const [kind, days] of Object.entries(body.days))
          if (days !== undefined) await repo.setDeadline(trx, principal.tenantCode, kind, days);
        await audit.write(trx, principal, {
          action: 'hazard.deadlines',
          resource: 'hazard',
          resourceId: principal.tenantCode,
          detail: { days: body.days },
        });
      });
      return { days: await deadlineDays(principal.tenantCode) };
    },

    /**
     * Overdue warnings and escalation: a hazard near its deadline is warned once, one past it is escalated
     * to its station, one far past it to the county; each step once, on the timeline, audited, live.
     */
    async sweep(tenantCode: string): Promise<number> {
      const now = clock.now().getTime();
      const open = await repo.running(db, tenantCode);
      if (!open.length) return 0;
      const dir = await orgs.directory(tenantCode);
      const root = dir.root();
      if (!root) return 0;
      const timer = systemPrincipal(tenantCode, root.id, 'hazard-timer');
      let count = 0;
      for (const row of open) {
        const level = overdueLevel(
          row.status as HazardState,
          row.registered_at ? new Date(row.registered_at).getTime() : null,
          row.deadline_at ? new Date(row.deadline_at).getTime() : null,
          now,
        );
        if (LEVEL_RANK[level] <= LEVEL_RANK[row.overdue as OverdueLevel]) continue;
        const escalatedTo =
          level === 'escalated'
            ? root.id
            : level === 'overdue'
              ? (row.station_id ?? root.id)
              : row.escalated_to;
        await db.transaction().execute(async (trx) => {
          const changed = await trx
            .updateTable('hazards')
            .set({ overdue: level, escalated_to: escalatedTo })
            .where('tenant_code', '=', tenantCode)
            .where('id', '=', row.id)
            .where('overdue', '=', row.overdue)
            .executeTakeFirst();
          if (Number(changed.numUpdatedRows) === 0) return;
          await event(trx, null, tenantCode, row.id, {
            kind: 'overdue',
            detail: { level, deadlineAt: new Date(row.deadline_at!).toISOString(), escalatedTo },
          });
          await audit.write(trx, timer, {
            action: 'hazard.overdue',
            resource: 'hazard',
            resourceId: row.id,
            detail: { number: row.number, level, escalatedTo },
          });
          await announce(
            trx,
            dir,
            tenantCode,
            { ...row, overdue: level, escalated_to: escalatedTo },
            'overdue',
          );
          count++;
        });
      }
      if (count) bus.kick();
      return count;
    },

    /** Sweeps every `everyMs` for the given tenants until stopped. */
    watch(tenants: () => Promise<string[]>, log: Logger, everyMs = 60_000) {
      return startSweepLoop({
        sweep: (t) => this.sweep(t),
        tenants,
        log,
        failure: 'hazard deadline sweep failed',
        everyMs,
      });
    },
  };
}
export type HazardsService = ReturnType<typeof createHazardsService>;
