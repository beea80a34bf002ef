import type {
  IncidentAddressSuggestions,
  IncidentDetail,
  IncidentList,
  IncidentListQuery,
  IncidentRevealed,
  IncidentStatusBody,
  IncidentTrendQuery,
} from '@ronghui/contracts';
import { canTransition, type IncidentStatus, isOpen, suggestAddresses } from '@ronghui/dispatch';
import type { Kysely } from 'kysely';
import { requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import type { DB } from '../../platform/db/schema.ts';
import { conflict, DomainError, invalid, notFound } from '../../platform/http/errors.ts';
import {
  createIncidentAccess,
  DECIDE_ROLES,
  type IncidentsDeps,
  MERGE_ROLES,
  MOVE_ROLES,
  READ_ROLES,
} from './incident-access.ts';
import type { TenantGeo } from './incident-context.ts';
import { buildEido } from './incident-eido.ts';
import { createIntake } from './incident-intake.ts';
import { presentIncident, presentTimeline, TIME_COLUMNS } from './incident-presenter.ts';
import { createSettingsUseCases } from './incident-settings.ts';
import type { IncidentRow } from './incidents.repo.ts';
import { compareYears, trendWindow } from './incident-trend.ts';
import { incidentAudience } from './incident-audience.ts';
import { createIncidentAttachments } from './incident-attachments.ts';

const movedMeanwhile = (number: string) =>
  conflict(`incident ${number} was changed by someone else meanwhile: reload it and try again`);

/** The joint-service area named by id or key (e.g. north), or a 400 naming it. */
function areaIdOf(geo: TenantGeo, area: string | undefined): string | undefined {
  if (!area) return undefined;
  const found = geo.dir.ofKind('area').find((a) => a.id === area || a.areaKey === area);
  if (!found) throw invalid('/area', `no joint-service area "${area}" (give its id or key, e.g. north)`);
  return found.id;
}

/** Where the first unit en route or on scene moves an incident that has not got that far yet (or nowhere). */
export function progressFor(from: IncidentStatus, unitStatus: string): 'en-route' | 'on-scene' | null {
  const before = (states: readonly IncidentStatus[]) => states.includes(from);
  if (unitStatus === 'en-route' && before(['dispatched', 'acknowledged'])) return 'en-route';
  if (unitStatus === 'on-scene' && before(['dispatched', 'acknowledged', 'en-route'])) return 'on-scene';
  return null;
}

export function createIncidentsService(deps: IncidentsDeps) {
  const { db, repo, audit, privacy, bus, clock } = deps;
  const access = createIncidentAccess(deps);

  async function detail(principal: Principal, geo: TenantGeo, row: IncidentRow): Promise<IncidentDetail> {
    const timeline = await repo.timeline(db, principal.tenantCode, row.id);
    return { ...presentIncident(row, geo), timeline: presentTimeline(timeline) };
  }

  /** Writes a timeline entry, the audit record and the `incident.updated` event of one change. */
  async function recordChange(
    trx: Kysely<DB>,
    principal: Principal,
    row: IncidentRow,
    change: {
      kind: 'status' | 'merged' | 'merged-into';
      to: string;
      note?: string | null;
      detail: Record<string, unknown>;
    },
  ) {
    const now = clock.now();
    await repo.appendEvent(trx, {
      tenant_code: principal.tenantCode,
      incident_id: row.id,
      at: now,
      actor_id: principal.userId,
      actor: principal.username,
      kind: change.kind,
      from_status: row.status,
      to_status: change.to,
      note: change.note ?? null,
      detail: JSON.stringify(change.detail),
    });
    await audit.write(trx, principal, {
      action: change.kind === 'status' ? 'incident.status' : `incident.${change.kind}`,
      resource: 'incident',
      resourceId: row.id,
      detail: { number: row.number, from: row.status, to: change.to, ...change.detail },
    });
    await enqueue(
      trx,
      principal.tenantCode,
      'incident.updated',
      { incidentId: row.id, number: row.number, status: change.to, change: change.kind },
      await incidentAudience(trx, principal.tenantCode, row.id),
    );
  }

  const attachments = createIncidentAttachments(deps, access, async (principal, id) => {
    const geo = await access.geo(principal.tenantCode);
    return detail(principal, geo, await access.load(principal, geo, id));
  });

  return {
    addNote: attachments.addNote,
    addPhoto: attachments.addPhoto,
    listAttachments: attachments.list,
    readAttachment: attachments.read,
    create: createIntake(deps, access),
    ...createSettingsUseCases(deps, access.invalidate),
    /** Intake autocomplete: townships, villages and named places for what has been typed so far. */
    async suggestAddresses(
      principal: Principal,
      q: string,
      limit: number,
    ): Promise<IncidentAddressSuggestions> {
      requireRole(principal, READ_ROLES, 'Looking up addresses');
      const geo = await access.geo(principal.tenantCode);
      const items = suggestAddresses(q, geo.gazetteer, limit).map((s) => ({
        text: s.text,
        kind: s.candidate.kind,
        name: s.candidate.name,
        township: s.township,
        lon: s.candidate.position[0],
        lat: s.candidate.position[1],
      }));
      return { items, total: items.length };
    },

    async get(principal: Principal, id: string) {
      requireRole(principal, READ_ROLES, 'Reading incidents');
      const geo = await access.geo(principal.tenantCode);
      return detail(principal, geo, await access.load(principal, geo, id));
    },

    async list(principal: Principal, query: IncidentListQuery): Promise<IncidentList> {
      requireRole(principal, READ_ROLES, 'Listing incidents');
      const geo = await access.geo(principal.tenantCode);
      const areaId = areaIdOf(geo, query.area);
      const from = query.from ? new Date(query.from) : undefined;
      const to = query.to ? new Date(query.to) : undefined;
      if (from && to && from >= to) throw invalid('/from', 'must be earlier than to');
      const result = await repo.list(db, principal.tenantCode, {
        statuses: query.status,
        areaId,
        from,
        to,
        orgIds: principal.scopeKind === 'tenant' ? undefined : geo.dir.subtreeIds(principal.orgId),
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      return { items: result.items.map((r) => presentIncident(r, geo)), total: result.total };
    },

    /**
     * 比降: incidents per day over the last `days` days (Beijing time, today included) against the same
     * calendar days a year earlier, in total and by kind, for an area or the caller's scope.
     */
    async trend(principal: Principal, query: IncidentTrendQuery) {
      requireRole(principal, READ_ROLES, 'Reading incident trends');
      const geo = await access.geo(principal.tenantCode);
      const areaId = areaIdOf(geo, query.area);
      const window = trendWindow(clock.now(), query.days);
      const orgIds = principal.scopeKind === 'tenant' ? undefined : geo.dir.subtreeIds(principal.orgId);
      const [current, previous] = await Promise.all([
        repo.dailyCounts(db, principal.tenantCode, { ...window.current, areaId, orgIds }),
        repo.dailyCounts(db, principal.tenantCode, { ...window.lastYear, areaId, orgIds }),
      ]);
      return compareYears(window, current, previous);
    },

    async changeStatus(principal: Principal, id: string, body: IncidentStatusBody) {
      const deciding = body.status === 'resolved' || body.status === 'closed' || body.status === 'callback';
      requireRole(principal, deciding ? DECIDE_ROLES : MOVE_ROLES, `Setting an incident to "${body.status}"`);
      const geo = await access.geo(principal.tenantCode);
      const row = await access.load(principal, geo, id);
      const from = row.status as IncidentStatus;
      if (!canTransition(from, body.status))
        throw conflict(`an incident cannot go from "${from}" to "${body.status}"`, { from, to: body.status });
      if (body.status === 'resolved' && !body.disposition)
        throw invalid('/disposition', 'say how the incident was resolved');
      if (body.disposition && body.status !== 'resolved')
        throw invalid('/disposition', 'is given only when resolving');
      const now = clock.now();
      const column = body.status === 'merged' ? undefined : TIME_COLUMNS[body.status];
      await db.transaction().execute(async (trx) => {
        const changed = await repo.update(
          trx,
          principal.tenantCode,
          id,
          {
            status: body.status,
            ...(column ? { [column]: now } : {}),
            ...(body.disposition ? { disposition: body.disposition } : {}),
            updated_at: now,
          },
          from,
        );
        if (changed === 0) throw movedMeanwhile(row.number);
        await recordChange(trx, principal, row, {
          kind: 'status',
          to: body.status,
          note: body.note ?? null,
          detail: body.disposition ? { disposition: body.disposition } : {},
        });
      });
      bus.kick();
      return detail(principal, geo, (await repo.findById(db, principal.tenantCode, id))!);
    },

    /**
     * A unit reported a state while working this incident (the units module calls this inside its own
     * transaction): the timeline stamps it, and the first unit en route or on scene moves the incident on,
     * stamping its 出警 or 到场 time. The units module audits the report itself.
     */
    async unitProgress(
      trx: Kysely<DB>,
      principal: Principal,
      report: { incidentId: string; unitId: string; callsign: string; status: string; at: Date },
    ): Promise<void> {
      const row = await repo.findById(trx, principal.tenantCode, report.incidentId);
      if (!row) return;
      const detail = { unitId: report.unitId, callsign: report.callsign, status: report.status };
      await repo.appendEvent(trx, {
        tenant_code: principal.tenantCode,
        incident_id: row.id,
        at: report.at,
        actor_id: principal.userId,
        actor: principal.username,
        kind: 'unit-status',
        from_status: null,
        to_status: null,
        note: null,
        detail: JSON.stringify(detail),
      });
      const from = row.status as IncidentStatus;
      const to = progressFor(from, report.status);
      if (to) {
        const changed = await repo.update(
          trx,
          principal.tenantCode,
          row.id,
          { status: to, [TIME_COLUMNS[to]]: report.at, updated_at: report.at },
          from,
        );
        if (changed === 0) throw movedMeanwhile(row.number);
        await recordChange(trx, principal, row, { kind: 'status', to, detail });
        return;
      }
      await repo.update(trx, principal.tenantCode, row.id, { updated_at: report.at });
      await enqueue(
        trx,
        principal.tenantCode,
        'incident.updated',
        { incidentId: row.id, number: row.number, status: row.status, change: 'unit-status' },
        await incidentAudience(trx, principal.tenantCode, row.id),
      );
    },

    /** Merges a duplicate report into the incident it repeats; both timelines say so. */
    async merge(principal: Principal, id: string, into: string) {
      requireRole(principal, MERGE_ROLES, 'Merging incidents');
      if (id === into) throw invalid('/into', 'an incident cannot be merged into itself');
      const geo = await access.geo(principal.tenantCode);
      const source = await access.load(principal, geo, id);
      const target = await access.load(principal, geo, into);
      if (!isOpen(source.status as IncidentStatus))
        throw conflict(`incident ${source.number} is "${source.status}" and can no longer be merged`);
      if (target.status === 'merged')
        throw conflict(`incident ${target.number} was itself merged into another; merge into that one`);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const changed = await repo.update(
          trx,
          principal.tenantCode,
          id,
          { status: 'merged', merged_into: into, updated_at: now },
          source.status,
        );
        if (changed === 0) throw movedMeanwhile(source.number);
        await repo.update(trx, principal.tenantCode, into, { updated_at: now });
        await recordChange(trx, principal, source, {
          kind: 'merged-into',
          to: 'merged',
          detail: { into, intoNumber: target.number },
        });
        await recordChange(trx, principal, target, {
          kind: 'merged',
          to: target.status,
          detail: { from: id, fromNumber: source.number },
        });
      });
      bus.kick();
      return detail(principal, geo, (await repo.findById(db, principal.tenantCode, into))!);
    },

    async reveal(
      principal: Principal,
      id: string,
      field: IncidentRevealed['field'],
      reason: string,
    ): Promise<IncidentRevealed> {
      requireRole(principal, READ_ROLES, 'Reading incidents');
      await privacy.requireUnmaskRole(principal, { resource: 'incident', resourceId: id, field, reason });
      const geo = await access.geo(principal.tenantCode);
      const row = await access.load(principal, geo, id);
      const value = field === 'callerPhone' ? row.caller_phone : row.caller_name;
      if (!value)
        throw new DomainError('unprocessable', 'Nothing to reveal', `incident ${row.number} has no ${field}`);
      const revealed = await privacy.reveal(principal, {
        resource: 'incident',
        resourceId: id,
        field,
        kind: field === 'callerPhone' ? 'phone' : 'name',
        value,
        reason,
      });
      return { field, value: revealed };
    },

    async eido(principal: Principal, id: string) {
      requireRole(principal, READ_ROLES, 'Reading incidents');
      const geo = await access.geo(principal.tenantCode);
      const row = await access.load(principal, geo, id);
      const timeline = await repo.timeline(db, principal.tenantCode, id);
      const resources = (await deps.resources?.(db, principal.tenantCode, id)) ?? [];
      return buildEido(row, timeline, geo, principal.tenantCode, resources);
    },

    /**
     * For other modules (dispatch, requests): the incident now concerns this org too, so its users see
     * it. Runs in the caller's transaction (the caller audits its own action and kicks the bus).
     */
    async linkOrg(
      trx: Kysely<DB>,
      principal: Principal,
      incidentId: string,
      orgId: string,
      role: string,
      note: string | null = null,
    ) {
      const row = await repo.findById(trx, principal.tenantCode, incidentId);
      if (!row) throw notFound('incident', incidentId);
      if (!(await repo.orgExists(trx, principal.tenantCode, orgId)))
        throw invalid('/orgId', `org "${orgId}" does not exist in this tenant`);
      await repo.linkOrgs(trx, principal.tenantCode, incidentId, [{ orgId, role }]);
      await repo.appendEvent(trx, {
        tenant_code: principal.tenantCode,
        incident_id: incidentId,
        at: clock.now(),
        actor_id: principal.userId,
        actor: principal.username,
        kind: 'org-linked',
        note,
        detail: JSON.stringify({ orgId, role }),
      });
      await enqueue(
        trx,
        principal.tenantCode,
        'incident.updated',
        { incidentId, number: row.number, status: row.status, change: 'org-linked' },
        await incidentAudience(trx, principal.tenantCode, incidentId),
      );
    },
  };
}
export type IncidentsService = ReturnType<typeof createIncidentsService>;
