import { randomUUID } from 'node:crypto';
import type {
  GridCoverage,
  RosterCounts,
  RosterCreateBody,
  RosterEndBody,
  RosterEntry,
  RosterListQuery,
  RosterRevealed,
  RosterRole,
  RosterSummary,
} from '@ronghui/contracts';
import { chinaDate } from '@ronghui/geo';
import type { Kysely } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { canReach, requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { conflict, invalid, notFound } from '../../platform/http/errors.ts';
import type { FieldCrypto } from '../../platform/privacy/field-crypto.ts';
import type { Privacy } from '../../platform/privacy/privacy.ts';
import type { OrgsService } from '../orgs/index.ts';
import type { GridsRepo, RosterRecord } from './grids.repo.ts';
import { GRID_READ, GRID_WRITE, type GridsService } from './grids.service.ts';

/** The summary's key of each roster role. */
export const COUNT_KEY: Record<RosterRole, Exclude<keyof RosterCounts, 'total'>> = {
  'community-officer': 'communityOfficer',
  auxiliary: 'auxiliary',
  assistant: 'assistant',
  'full-time': 'fullTime',
  'part-time': 'partTime',
  'village-cadre': 'villageCadre',
  volunteer: 'volunteer',
};

const zeroCounts = (): RosterCounts => ({
  communityOfficer: 0,
  auxiliary: 0,
  assistant: 0,
  fullTime: 0,
  partTime: 0,
  villageCadre: 0,
  volunteer: 0,
  total: 0,
});

export function createRostersService(deps: {
  db: Kysely<DB>;
  repo: GridsRepo;
  grids: GridsService;
  orgs: OrgsService;
  audit: AuditService;
  privacy: Privacy;
  crypto: FieldCrypto;
  clock: Clock;
  /** Is this a user account of the tenant? (The users module owns accounts.) */
  userExists: (tenantCode: string, userId: string) => Promise<boolean>;
}) {
  const { db, repo, grids, orgs, audit, privacy, crypto, clock } = deps;
  const today = () => chinaDate(clock.now());

  /** Appointments with name and phone masked; grid names from the caller's scope. */
  function present(rows: RosterRecord[], gridNames: Map<string, string>): RosterEntry[] {
    const day = today();
    return rows.map((r) => ({
      id: r.id,
      gridId: r.gridId,
      gridLayer: r.gridLayer,
      gridName: gridNames.get(r.gridId) ?? '',
      role: r.role as RosterRole,
      name: privacy.mask('name', r.name) ?? '',
      phone: privacy.mask('phone', crypto.decrypt(r.phone)),
      userId: r.userId,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      endReason: r.endReason,
      current: r.startsOn <= day && (r.endsOn === null || r.endsOn > day),
      createdAt: r.createdAt.toISOString(),
      demo: r.demo,
    }));
  }

  async function gridNamesOf(principal: Principal) {
    const s = await grids.scope(principal);
    const names = new Map<string, string>();
    for (const g of s.police) names.set(g.id, g.name);
    for (const c of s.community) names.set(c.id, c.name);
    return { s, names };
  }

  /** Personal data read: who read whose roster, how many entries. */
  async function auditRead(principal: Principal, detail: Record<string, unknown>) {
    await audit.record(principal, { action: 'grid.roster.read', resource: 'grid-roster', detail });
  }

  async function load(principal: Principal, id: string): Promise<RosterRecord> {
    const row = await repo.getRoster(db, principal.tenantCode, id);
    const dir = await orgs.directory(principal.tenantCode);
    if (!row || !canReach(principal, dir.pathOf(row.policeGridId))) throw notFound('roster entry', id);
    return row;
  }

  return {
    async list(principal: Principal, query: RosterListQuery) {
      requireRole(principal, GRID_READ, 'Viewing grid rosters');
      const { s, names } = await gridNamesOf(principal);
      if (query.gridId && !names.has(query.gridId)) throw notFound('grid', query.gridId);
      const rows = await repo.listRosters(db, principal.tenantCode, {
        policeGridIds: [...s.policeIds],
        ...(query.gridId ? { gridIds: [query.gridId] } : {}),
        ...(query.role ? { role: query.role } : {}),
        ...(query.history === 'true' ? {} : { currentOn: today() }),
      });
      const items = present(rows, names);
      await auditRead(principal, { gridId: query.gridId ?? null, entries: items.length });
      return { items, total: items.length };
    },

    async summary(principal: Principal): Promise<RosterSummary> {
      requireRole(principal, GRID_READ, 'Viewing grid rosters');
      const s = await grids.scope(principal);
      const rows = await repo.countCurrent(db, principal.tenantCode, today());
      const total = zeroCounts();
      const byGrid = new Map<string, RosterSummary['byGrid'][number]>(
        s.police.map((g) => [g.id, { ...zeroCounts(), policeGridId: g.id, policeGridName: g.name }]),
      );
      for (const r of rows) {
        const grid = byGrid.get(r.police_grid_id);
        const key = COUNT_KEY[r.role as RosterRole];
        if (!grid || !key) continue;
        const n = Number(r.n);
        grid[key] += n;
        grid.total += n;
        total[key] += n;
        total.total += n;
      }
      return {
        ...total,
        policeGrids: s.police.length,
        communityGrids: s.community.length,
        byGrid: [...byGrid.values()],
      };
    },

    async coverage(principal: Principal, lon: number, lat: number): Promise<GridCoverage> {
      requireRole(principal, GRID_READ, 'Viewing grid rosters');
      const at = await grids.at(principal, lon, lat);
      const ids = [at.community?.id, at.police?.id].filter((x): x is string => !!x);
      const rows = ids.length
        ? await repo.listRosters(db, principal.tenantCode, { gridIds: ids, currentOn: today() })
        : [];
      const names = new Map<string, string>();
      if (at.community) names.set(at.community.id, at.community.name);
      if (at.police) names.set(at.police.id, at.police.name);
      const roster = present(rows, names);
      await auditRead(principal, { lon, lat, gridIds: ids, entries: roster.length });
      return { ...at, roster };
    },

    async create(principal: Principal, body: RosterCreateBody): Promise<RosterEntry> {
      requireRole(principal, GRID_WRITE, 'Appointing grid staff');
      const { s, names } = await gridNamesOf(principal);
      const police = s.police.find((g) => g.id === body.gridId);
      const community = s.community.find((c) => c.id === body.gridId);
      if (!police && !community) throw invalid('/gridId', `"${body.gridId}" is not a grid of your scope`);
      if (body.userId && !(await deps.userExists(principal.tenantCode, body.userId)))
        throw invalid('/userId', `"${body.userId}" is not a user account`);
      const record: RosterRecord = {
        id: randomUUID(),
        gridLayer: police ? 'police' : 'community',
        gridId: body.gridId,
        policeGridId: police ? police.id : community!.policeGridId,
        role: body.role,
        name: body.name,
        phone: crypto.encrypt(body.phone ?? null),
        userId: body.userId ?? null,
        startsOn: body.startsOn,
        endsOn: null,
        endReason: null,
        demo: false,
        createdAt: clock.now(),
      };
      await db.transaction().execute(async (trx) => {
        await repo.insertRosters(trx, principal.tenantCode, [record], principal.username);
        await audit.write(trx, principal, {
          action: 'grid.roster.appoint',
          resource: 'grid-roster',
          resourceId: record.id,
          detail: {
            gridId: record.gridId,
            role: record.role,
            startsOn: record.startsOn,
            userId: record.userId,
          },
        });
      });
      return present([record], names)[0]!;
    },

    /** Ends an appointment: the row stays, with its end day and reason. */
    async end(principal: Principal, id: string, body: RosterEndBody): Promise<RosterEntry> {
      requireRole(principal, GRID_WRITE, 'Ending grid appointments');
      const row = await load(principal, id);
      if (row.endsOn !== null)
        throw conflict(`the appointment ended on ${row.endsOn}`, { endsOn: row.endsOn });
      if (body.endsOn < row.startsOn)
        throw invalid('/endsOn', `must not be before the start (${row.startsOn})`);
      await db.transaction().execute(async (trx) => {
        if (!(await repo.endRoster(trx, principal.tenantCode, id, body.endsOn, body.reason)))
          throw conflict('the appointment has just been ended');
        await audit.write(trx, principal, {
          action: 'grid.roster.end',
          resource: 'grid-roster',
          resourceId: id,
          reason: body.reason,
          detail: { gridId: row.gridId, role: row.role, endsOn: body.endsOn },
        });
      });
      const { names } = await gridNamesOf(principal);
      return present([{ ...row, endsOn: body.endsOn, endReason: body.reason }], names)[0]!;
    },

    async reveal(
      principal: Principal,
      id: string,
      field: RosterRevealed['field'],
      reason: string,
    ): Promise<RosterRevealed> {
      requireRole(principal, GRID_READ, 'Viewing grid rosters');
      await privacy.requireUnmaskRole(principal, { resource: 'grid-roster', resourceId: id, field, reason });
      const row = await load(principal, id);
      const value = field === 'phone' ? crypto.decrypt(row.phone) : row.name;
      if (!value) throw invalid('/field', `this appointment has no ${field}`);
      const revealed = await privacy.reveal(principal, {
        resource: 'grid-roster',
        resourceId: id,
        field,
        kind: field,
        value,
        reason,
      });
      return { field, value: revealed };
    },
  };
}
export type RostersService = ReturnType<typeof createRostersService>;
