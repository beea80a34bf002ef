import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Services } from '../../main.ts';
import type { Database } from '../../platform/db/database.ts';
import { createDisputesRepo } from '../disputes/index.ts';
import { createGridStatsRepo } from './grid-stats.repo.ts';
import { createGridStatsService } from './grid-stats.service.ts';

interface Unit {
  id: string;
  name: string;
  kind: string;
  grids: { police: number; community: number };
  rosters: Record<string, number>;
  hazards: {
    total: number;
    open: number;
    overdue: number;
    escalated: number;
    byState: Record<string, number>;
    byKind: Record<string, number>;
  };
  disputes: Record<string, unknown> & { total: number; byRisk: Record<string, number> };
  collections: { collected: number; verified: number } | null;
}
interface Stats {
  unit: Unit;
  children: Unit[];
  communityGrids: Unit[];
  workers: { name: string; hazardsReported: number; meetings: number; followUps: number; total: number }[];
}

const YEAR_2023 = 'from=2023-01-01T00:00:00%2B08:00&to=2024-01-01T00:00:00%2B08:00';
const sum = (units: Unit[], f: (u: Unit) => number) => units.reduce((s, u) => s + f(u), 0);

describe.each(databaseKinds())('grid statistics (%s)', (kind) => {
  let database: Database;
  let services: Services;
  let t: TestApp;
  let commander: string;
  let xunzhong: string;

  const get = async (user: string, query: string): Promise<Stats> => {
    const res = await t.as(user, { method: 'GET', url: `/api/grid/stats?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const count = async (where: string) =>
    Number(
      (
        await sql<{ n: number }>`SELECT count(*) AS n FROM hazards WHERE ${sql.raw(where)}`.execute(
          database.db,
        )
      ).rows[0]!.n,
    );

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    services = await testServices(database);
    t = await testApp(services);
    commander = await t.login('commander');
    xunzhong = (await services.orgs.directory('350526'))
      .ofKind('station')
      .find((s) => s.name === '浔中派出所')!.id;
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  it('counts the county and its townships: hazards as in the table, disputes as /api/disputes/stats', async () => {
    const all = await get(commander, 'level=county');
    expect(all.unit).toMatchObject({ kind: 'county', grids: { police: 45 } });
    expect(all.unit.hazards.total).toBe(await count('true'));
    expect(all.unit.hazards.total).toBeGreaterThan(2000);
    expect(all.unit.hazards.open).toBe(await count('closed_at IS NULL'));
    expect(all.unit.hazards.overdue).toBe(
      await count("closed_at IS NULL AND overdue IN ('overdue', 'escalated')"),
    );
    expect(all.unit.hazards.overdue).toBeGreaterThan(0);
    expect(all.unit.hazards.byState.evaluated).toBe(await count("status = 'evaluated'"));
    expect(all.unit.hazards.byKind.fire).toBe(await count("kind = 'fire'"));
    expect(all.children).toHaveLength(18);
    expect(sum(all.children, (c) => c.hazards.total)).toBe(all.unit.hazards.total);
    expect(sum(all.children, (c) => c.grids.police)).toBe(45);
    // The registry's collection tasks: submitted ones collected, accepted ones verified.
    const [collected, verified] = (
      await sql<{
        c: number;
        v: number;
      }>`SELECT count(*) AS c, count(*) FILTER (WHERE status = 'accepted') AS v
        FROM registry_collections WHERE submitted_at IS NOT NULL`.execute(database.db)
    ).rows.map((r) => [Number(r.c), Number(r.v)])[0]!;
    expect(collected).toBeGreaterThan(verified!);
    expect(verified).toBeGreaterThan(0);
    expect(all.unit.collections).toEqual({ collected, verified });
    expect(sum(all.children, (c) => c.collections!.collected)).toBe(collected);

    const year = await get(commander, `level=county&${YEAR_2023}`);
    const disputes = (await t.as(commander, { method: 'GET', url: '/api/disputes/stats?year=2023' })).json();
    expect(year.unit.disputes).toEqual({ ...disputes, year: null });
    expect(year.unit.disputes.total).toBe(2801);
    expect(sum(year.children, (c) => c.disputes.total)).toBe(2801);
    expect(sum(year.children, (c) => c.disputes.byRisk.red!)).toBe(disputes.byRisk.red);
    expect(year.unit.hazards.total).toBe(
      await count("reported_at >= '2023-01-01T00:00:00+08:00' AND reported_at < '2024-01-01T00:00:00+08:00'"),
    );

    const rosters = (await t.as(commander, { method: 'GET', url: '/api/grid/rosters/summary' })).json();
    for (const k of ['communityOfficer', 'auxiliary', 'assistant', 'fullTime', 'partTime', 'total'])
      expect(all.unit.rosters[k]).toBe(rosters[k]);
    expect(all.unit.grids.community).toBe(rosters.communityGrids);
  });

  it('splits a township into police grids and community grids, and a grid into its community grids', async () => {
    const tw = await get(commander, `level=township&id=${xunzhong}&${YEAR_2023}`);
    expect(tw.unit).toMatchObject({ kind: 'township', id: xunzhong });
    expect(tw.children.every((c) => c.kind === 'police-grid')).toBe(true);
    expect(tw.communityGrids.length).toBe(tw.unit.grids.community);
    for (const part of [tw.children, tw.communityGrids]) {
      expect(sum(part, (c) => c.hazards.total)).toBe(tw.unit.hazards.total);
      expect(sum(part, (c) => c.rosters.fullTime!)).toBe(tw.unit.rosters.fullTime);
    }
    // Disputes outside every community grid (a few points on the edges) count only in the police grid.
    expect(sum(tw.children, (c) => c.disputes.total)).toBe(tw.unit.disputes.total);
    expect(sum(tw.communityGrids, (c) => c.disputes.total)).toBeLessThanOrEqual(tw.unit.disputes.total);

    const busiest = [...tw.children].sort((a, b) => b.hazards.total - a.hazards.total)[0]!;
    const grid = await get(commander, `level=grid&id=${busiest.id}&${YEAR_2023}`);
    expect(grid.unit).toMatchObject({
      kind: 'police-grid',
      hazards: busiest.hazards,
      rosters: busiest.rosters,
    });
    expect(grid.children.every((c) => c.kind === 'community-grid')).toBe(true);
    expect(sum(grid.children, (c) => c.hazards.total)).toBe(busiest.hazards.total);
    const cg = grid.children.find((c) => c.hazards.total > 0)!;
    const one = await get(commander, `level=grid&id=${cg.id}&${YEAR_2023}`);
    expect(one.unit).toMatchObject({ kind: 'community-grid', hazards: cg.hazards, disputes: cg.disputes });
    expect(one.children).toEqual([]);
  });

  it('lists the most active workers, counted from the hazards and the mediation timeline', async () => {
    const s = await get(commander, `level=township&id=${xunzhong}&top=5`);
    expect(s.workers).toHaveLength(5);
    for (let i = 1; i < s.workers.length; i++)
      expect(s.workers[i - 1]!.total).toBeGreaterThanOrEqual(s.workers[i]!.total);
    const top = s.workers[0]!;
    expect(top.total).toBe(top.hazardsReported + top.meetings + top.followUps);
    expect(top.hazardsReported).toBe(
      await count(`reported_by = '${top.name}' AND station_id = '${xunzhong}'`),
    );
    const meetings = await sql<{ n: number }>`SELECT count(*) AS n FROM dispute_events e JOIN disputes d
      ON d.tenant_code = e.tenant_code AND d.id = e.dispute_id
      WHERE e.kind = 'meeting' AND e.actor = ${top.name} AND (d.station_id = ${xunzhong})`.execute(
      database.db,
    );
    expect(top.meetings).toBe(Number(meetings.rows[0]!.n));
  });

  it('scopes: a station sees its township only, a grid worker their grid, an auditor nothing', async () => {
    const officer = await t.login('officer-xunzhong');
    const county = await get(officer, `level=county&${YEAR_2023}`);
    expect(county.children.map((c) => c.id)).toEqual([xunzhong]);
    const mine = (await t.as(officer, { method: 'GET', url: '/api/disputes/stats?year=2023' })).json();
    expect(county.unit.disputes).toEqual({ ...mine, year: null });
    const own = await get(officer, `level=township&id=${xunzhong}&${YEAR_2023}`);
    expect(county.unit.hazards).toEqual(own.unit.hazards);
    expect(county.unit.rosters).toEqual(own.unit.rosters);
    const all = await get(commander, `level=county&${YEAR_2023}`);
    expect(all.children.find((c) => c.id === xunzhong)!.hazards).toEqual(own.unit.hazards);
    const other = all.children.find((c) => c.id !== xunzhong)!.id;
    expect(
      (await t.as(officer, { method: 'GET', url: `/api/grid/stats?level=township&id=${other}` })).statusCode,
    ).toBe(404);

    const gw = await t.login('grid-worker');
    const gwOrg = (
      await database.db
        .selectFrom('users')
        .select('org_id')
        .where('username', '=', 'grid-worker')
        .executeTakeFirstOrThrow()
    ).org_id;
    const narrowed = await get(gw, 'level=county');
    const grid = await get(commander, `level=grid&id=${gwOrg}`);
    expect(narrowed.unit.hazards).toEqual(grid.unit.hazards);
    expect(narrowed.unit.grids).toEqual({ police: 1, community: grid.unit.grids.community });

    for (const admin of ['auditor', 'system-admin'])
      expect((await t.as(await t.login(admin), { method: 'GET', url: '/api/grid/stats' })).statusCode).toBe(
        403,
      );
    expect((await t.as(commander, { method: 'GET', url: '/api/grid/stats?level=township' })).statusCode).toBe(
      400,
    );
    expect(
      (await t.as(commander, { method: 'GET', url: '/api/grid/stats?level=township&id=nowhere' })).statusCode,
    ).toBe(404);
  });

  it('adds up the registry collections per unit when a provider answers', async () => {
    const dir = await services.orgs.directory('350526');
    const grids = dir.ofKind('grid').filter((g) => g.parentId === xunzhong);
    const stats = createGridStatsService({
      db: database.db,
      repo: createGridStatsRepo(),
      disputes: createDisputesRepo(services.fieldCrypto),
      orgs: services.orgs,
      audit: services.audit,
      clock: services.clock,
      collections: {
        async collectionCountsByGrid(ctx) {
          expect(ctx.policeGridIds).toEqual(grids.map((g) => g.id));
          return new Map([
            [grids[0]!.id, { collected: 10, verified: 7 }],
            [ctx.communityGridIds[0]!, { collected: 5, verified: 5 }],
            ['elsewhere', { collected: 100, verified: 100 }],
          ]);
        },
      },
    });
    const principal = {
      tenantCode: '350526',
      userId: 'u',
      username: 'commander',
      roles: ['commander'],
      orgId: '350526',
      scopeKind: 'tenant',
    } as unknown as Parameters<typeof stats.stats>[0];
    const s = await stats.stats(principal, { level: 'township', id: xunzhong, top: 3 });
    expect(s.unit.collections).toEqual({ collected: 15, verified: 12 });
    expect(sum(s.children as Unit[], (c) => c.collections!.collected)).toBe(15);
  });
});
