import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Database } from '../../platform/db/database.ts';

interface GridJson {
  id: string;
  name: string;
  code: string;
  layer: 'police' | 'community';
  parentId: string | null;
  policeGridId?: string;
  villageCode?: string;
}
interface Feature {
  type: 'Feature';
  geometry: { type: string; coordinates: number[][][] | number[][][][] };
  properties: { id: string; layer: string; policeGridId: string | null };
}

/** A point well inside a polygon: the centre of the ring's box, nudged to a vertex average if outside. */
function inner(ring: number[][]): [number, number] {
  // The mean of an edge midpoint and the ring's mean point lies inside the demo's (near-convex) cells.
  const n = ring.length - 1;
  const mean = ring.slice(0, n).reduce((s, p) => [s[0]! + p[0]! / n, s[1]! + p[1]! / n], [0, 0]);
  return [mean[0]!, mean[1]!];
}

describe.each(databaseKinds())('grids and rosters (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let commander: string;
  let officer: string;
  let gridWorker: string;
  let police: GridJson[];
  let community: GridJson[];

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(await testServices(database));
    commander = await t.login('commander');
    officer = await t.login('officer');
    gridWorker = await t.login('grid-worker');
    police = (await t.as(commander, { method: 'GET', url: '/api/grids?layer=police' })).json().items;
    community = (await t.as(commander, { method: 'GET', url: '/api/grids?layer=community' })).json().items;
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  it('lists both layers in one shape: 45 police grids under stations, community grids under villages', async () => {
    const res = await t.as(commander, { method: 'GET', url: '/api/grids?layer=police' });
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(45);
    for (const g of police) {
      expect(g).toMatchObject({ layer: 'police' });
      expect(g.parentId).toMatch(/^station-/);
      expect(g).not.toHaveProperty('policeGridId');
    }
    const c = await t.as(commander, { method: 'GET', url: '/api/grids?layer=community' });
    expect(c.json().total).toBe(community.length);
    expect(community.length).toBeGreaterThan(222);
    const villages = await database.db
      .selectFrom('divisions')
      .select(['code', 'grid_id'])
      .where('level', '=', 'village')
      .execute();
    const villageGrid = new Map(villages.map((v) => [v.code, v.grid_id]));
    expect(new Set(community.map((g) => g.villageCode)).size).toBe(222);
    const policeIds = new Set(police.map((g) => g.id));
    for (const g of community) {
      expect(g.layer).toBe('community');
      expect(policeIds.has(g.policeGridId!)).toBe(true);
      expect(g.parentId).toBe(g.villageCode);
      expect(villageGrid.get(g.villageCode!)).toBe(g.policeGridId);
    }
    expect((await t.as(commander, { method: 'GET', url: '/api/grids?layer=planet' })).statusCode).toBe(400);
    expect((await t.as(commander, { method: 'GET', url: '/api/grids' })).statusCode).toBe(400);
  });

  it('serves the boundaries and finds the grids at a point', async () => {
    const fc = (await t.as(commander, { method: 'GET', url: '/api/grids/geojson' })).json();
    const features: Feature[] = fc.features;
    expect(features.filter((f) => f.properties.layer === 'police')).toHaveLength(45);
    expect(features.filter((f) => f.properties.layer === 'community')).toHaveLength(community.length);
    const only = (await t.as(commander, { method: 'GET', url: '/api/grids/geojson?layer=community' })).json();
    expect(only.features).toHaveLength(community.length);
    const c = features.find((f) => f.properties.layer === 'community' && f.geometry.type === 'Polygon')!;
    const [lon, lat] = inner((c.geometry.coordinates as number[][][])[0]!);
    const at = await t.as(commander, { method: 'GET', url: `/api/grids/at?lon=${lon}&lat=${lat}` });
    expect(at.statusCode).toBe(200);
    expect(at.json().community.id).toBe(c.properties.id);
    expect(at.json().police.id).toBe(c.properties.policeGridId);
    const sea = await t.as(commander, { method: 'GET', url: '/api/grids/at?lon=119.5&lat=24.5' });
    expect(sea.json()).toEqual({ community: null, police: null });
    expect((await t.as(commander, { method: 'GET', url: '/api/grids/at?lon=200&lat=25' })).statusCode).toBe(
      400,
    );
  });

  it('counts the demo 1+2+N from the rows: 250 assistants, 619 full-time, 1581 part-time', async () => {
    const res = await t.as(commander, { method: 'GET', url: '/api/grid/rosters/summary' });
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({
      assistant: 250,
      fullTime: 619,
      partTime: 1581,
      communityOfficer: 45,
      auxiliary: 90,
      policeGrids: 45,
      communityGrids: community.length,
    });
    expect(s.byGrid).toHaveLength(45);
    for (const g of s.byGrid) {
      expect(g.communityOfficer).toBe(1);
      expect(g.auxiliary).toBe(2);
      expect(g.assistant).toBeGreaterThanOrEqual(1);
    }
    // Ended appointments are history, not counted.
    const ended = await database.db
      .selectFrom('grid_rosters')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ends_on', 'is not', null)
      .executeTakeFirst();
    expect(Number(ended?.n)).toBeGreaterThan(0);
  });

  it('scopes: a station officer sees its grids, a grid worker only their own, auditors and admins nothing', async () => {
    const own = (await t.as(officer, { method: 'GET', url: '/api/grids?layer=police' })).json()
      .items as GridJson[];
    expect(own.length).toBeGreaterThan(0);
    expect(own.length).toBeLessThan(45);
    expect(new Set(own.map((g) => g.parentId))).toEqual(new Set(['station-350526200']));
    const mine = (await t.as(gridWorker, { method: 'GET', url: '/api/grids?layer=police' })).json()
      .items as GridJson[];
    expect(mine).toHaveLength(1);
    const mineCommunity = (
      await t.as(gridWorker, { method: 'GET', url: '/api/grids?layer=community' })
    ).json().items as GridJson[];
    expect(mineCommunity.length).toBeGreaterThan(0);
    expect(mineCommunity.every((g) => g.policeGridId === mine[0]!.id)).toBe(true);
    const summary = (await t.as(gridWorker, { method: 'GET', url: '/api/grid/rosters/summary' })).json();
    expect(summary.byGrid).toHaveLength(1);
    expect(summary).toMatchObject({ communityOfficer: 1, auxiliary: 2, policeGrids: 1 });
    const rosters = (await t.as(gridWorker, { method: 'GET', url: '/api/grid/rosters' })).json();
    const allowed = new Set([mine[0]!.id, ...mineCommunity.map((g) => g.id)]);
    expect(rosters.total).toBeGreaterThan(3);
    expect(rosters.items.every((r: { gridId: string }) => allowed.has(r.gridId))).toBe(true);
    // The demo's grid worker serves one community grid of their police grid, under their own account.
    const me = (await t.as(gridWorker, { method: 'GET', url: '/api/auth/me' })).json();
    const appointed = rosters.items.filter((r: { userId: string | null }) => r.userId === me.id);
    expect(appointed).toHaveLength(1);
    expect(appointed[0]).toMatchObject({
      gridLayer: 'community',
      role: 'full-time',
      current: true,
      name: '李**',
    });
    expect(mineCommunity.map((g) => g.id)).toContain(appointed[0].gridId);
    const other = police.find((g) => g.id !== mine[0]!.id)!;
    expect(
      (await t.as(gridWorker, { method: 'GET', url: `/api/grid/rosters?gridId=${other.id}` })).statusCode,
    ).toBe(404);
    for (const user of ['auditor', 'system-admin', 'security-admin']) {
      const cookie = await t.login(user);
      for (const url of ['/api/grids?layer=police', '/api/grid/rosters/summary', '/api/grid/rosters'])
        expect((await t.as(cookie, { method: 'GET', url })).statusCode).toBe(403);
    }
  });

  it('masks names and phones in rosters and coverage; reveals with a reason, audited', async () => {
    const grid = community.find(
      (g) => g.policeGridId === police.find((p) => p.parentId === 'station-350526200')!.id,
    )!;
    const res = await t.as(officer, { method: 'GET', url: `/api/grid/rosters?gridId=${grid.id}` });
    expect(res.statusCode).toBe(200);
    const entry = res.json().items[0];
    expect(entry.name).toMatch(/^.\*+$/);
    expect(entry.phone).toMatch(/^1\d\d\*{4}\d{4}$/);
    expect(entry.current).toBe(true);
    const reveal = (body: object, cookie = officer) =>
      t.as(cookie, { method: 'POST', url: `/api/grid/rosters/${entry.id}/reveal`, payload: body });
    expect((await reveal({ field: 'phone', reason: '' })).statusCode).toBe(400);
    const shown = await reveal({ field: 'phone', reason: '联系网格员核实情况' });
    expect(shown.statusCode).toBe(200);
    expect(shown.json().value).toMatch(/^1\d{10}$/);
    expect(shown.json().value.slice(-4)).toBe(entry.phone.slice(-4));
    const name = (await reveal({ field: 'name', reason: '联系网格员核实情况' })).json().value;
    expect(name[0]).toBe(entry.name[0]);
    expect(
      (await reveal({ field: 'phone', reason: '想看看号码' }, await t.login('auxiliary'))).statusCode,
    ).toBe(403);
    const audit = await t.services.audit.search({
      tenantCode: '350526',
      action: 'personal.unmask',
      limit: 20,
      offset: 0,
    });
    expect(audit.items.some((a) => a.resourceId === entry.id && a.reason === '联系网格员核实情况')).toBe(
      true,
    );
    const reads = await t.services.audit.search({
      tenantCode: '350526',
      action: 'grid.roster.read',
      limit: 5,
      offset: 0,
    });
    expect(reads.items.length).toBeGreaterThan(0);

    // Coverage of a point in that grid: its community and police grid and their people, masked.
    const fc = (await t.as(officer, { method: 'GET', url: '/api/grids/geojson?layer=community' })).json();
    const f = (fc.features as Feature[]).find((x) => x.properties.id === grid.id)!;
    const ring = (
      f.geometry.type === 'Polygon'
        ? (f.geometry.coordinates as number[][][])[0]
        : (f.geometry.coordinates as number[][][][])[0]![0]
    )!;
    const [lon, lat] = inner(ring);
    const cov = await t.as(officer, { method: 'GET', url: `/api/grid/coverage?lon=${lon}&lat=${lat}` });
    expect(cov.statusCode).toBe(200);
    const body = cov.json();
    expect(body.community.id).toBe(grid.id);
    expect(body.police.id).toBe(grid.policeGridId);
    const roles = new Set(body.roster.map((r: { role: string }) => r.role));
    for (const role of ['community-officer', 'auxiliary', 'assistant', 'full-time'])
      expect(roles.has(role)).toBe(true);
    expect(body.roster.every((r: { name: string }) => /^.\*+$/.test(r.name))).toBe(true);
    // Outside the officer's scope: nothing there for them.
    const far = community.find(
      (g) => !police.some((p) => p.id === g.policeGridId && p.parentId === 'station-350526200'),
    )!;
    const farF = (
      (await t.as(commander, { method: 'GET', url: '/api/grids/geojson?layer=community' })).json()
        .features as Feature[]
    ).find((x) => x.properties.id === far.id)!;
    const farRing = (
      farF.geometry.type === 'Polygon'
        ? (farF.geometry.coordinates as number[][][])[0]
        : (farF.geometry.coordinates as number[][][][])[0]![0]
    )!;
    const [flon, flat] = inner(farRing);
    const away = (
      await t.as(officer, { method: 'GET', url: `/api/grid/coverage?lon=${flon}&lat=${flat}` })
    ).json();
    expect(away).toEqual({ community: null, police: null, roster: [] });
  });

  it('appoints and ends: the ended row stays with its end day, changes audited', async () => {
    const grid = police.find((g) => g.parentId === 'station-350526200')!;
    const create = (body: object, cookie = officer) =>
      t.as(cookie, { method: 'POST', url: '/api/grid/rosters', payload: body });
    const body = {
      gridId: grid.id,
      role: 'volunteer',
      name: '陈志明',
      phone: '13905951234',
      startsOn: '2026-01-05',
    };
    expect((await create(body, gridWorker)).statusCode).toBe(403);
    expect((await create({ ...body, phone: '12345' })).statusCode).toBe(400);
    expect(
      (await create({ ...body, gridId: police.find((g) => g.parentId !== grid.parentId)!.id })).statusCode,
    ).toBe(400);
    const made = await create(body);
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({
      role: 'volunteer',
      name: '陈**',
      phone: '139****1234',
      current: true,
    });
    const id = made.json().id;
    const before = (await t.as(officer, { method: 'GET', url: '/api/grid/rosters/summary' })).json()
      .volunteer;
    const end = (b: object) =>
      t.as(officer, { method: 'POST', url: `/api/grid/rosters/${id}/end`, payload: b });
    expect((await end({ endsOn: '2025-12-31', reason: '调离' })).statusCode).toBe(400);
    const ended = await end({ endsOn: '2026-02-01', reason: '调离' });
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ endsOn: '2026-02-01', endReason: '调离', current: false });
    expect((await end({ endsOn: '2026-02-02', reason: '调离' })).statusCode).toBe(409);
    const after = (await t.as(officer, { method: 'GET', url: '/api/grid/rosters/summary' })).json().volunteer;
    expect(after).toBe(before - 1);
    const current = (
      await t.as(officer, { method: 'GET', url: `/api/grid/rosters?gridId=${grid.id}` })
    ).json();
    expect(current.items.some((r: { id: string }) => r.id === id)).toBe(false);
    const history = (
      await t.as(officer, { method: 'GET', url: `/api/grid/rosters?gridId=${grid.id}&history=true` })
    ).json();
    expect(history.items.find((r: { id: string }) => r.id === id)).toMatchObject({ endsOn: '2026-02-01' });
    const audit = await t.services.audit.search({ tenantCode: '350526', limit: 50, offset: 0 });
    const actions = audit.items.filter((a) => a.resourceId === id).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['grid.roster.appoint', 'grid.roster.end']));
  });

  it('imports community grids from GeoJSON: problems named per feature, nothing half-imported', async () => {
    const grid = police.find((g) => g.parentId === 'station-350526200')!;
    const fc = (await t.as(officer, { method: 'GET', url: '/api/grids/geojson?layer=community' })).json();
    const inGrid = (fc.features as Feature[]).find(
      (f) => f.properties.policeGridId === grid.id && f.geometry.type === 'Polygon',
    )!;
    const village = community.find((g) => g.id === inGrid.properties.id)!.villageCode!;
    const ring = (inGrid.geometry.coordinates as number[][][])[0]!;
    const [lon, lat] = inner(ring);
    const d = 0.0008;
    const square = [
      [lon - d, lat - d],
      [lon + d, lat - d],
      [lon + d, lat + d],
      [lon - d, lat + d],
      [lon - d, lat - d],
    ];
    const good = {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [square] },
      properties: { name: '测试新网格', villageCode: village, policeGridId: grid.id, code: 'TEST-01' },
    };
    const bowTie = [square[0], square[2], square[1], square[3], square[0]];
    const bad = {
      type: 'FeatureCollection',
      features: [
        good,
        { ...good, properties: { ...good.properties, code: 'TEST-02', villageCode: '999' } },
        {
          ...good,
          geometry: { type: 'Polygon', coordinates: [bowTie] },
          properties: { ...good.properties, code: 'TEST-03' },
        },
        {
          ...good,
          properties: {
            ...good.properties,
            code: 'TEST-04',
            policeGridId: police.find((g) => g.parentId !== grid.parentId)!.id,
          },
        },
        {
          ...good,
          geometry: { type: 'Point', coordinates: [lon, lat] },
          properties: { ...good.properties, code: 'TEST-05' },
        },
      ],
    };
    const count = async () =>
      Number(
        (
          await database.db
            .selectFrom('community_grids')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirst()
        )?.n,
      );
    const n0 = await count();
    const refused = await t.as(officer, { method: 'POST', url: '/api/grids/import', payload: bad });
    expect(refused.statusCode).toBe(400);
    const paths = refused.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toContain('/features/1/properties/villageCode');
    expect(paths.some((p: string) => p.startsWith('/features/2/geometry/coordinates/0'))).toBe(true);
    expect(paths).toContain('/features/3/properties/policeGridId');
    expect(paths.some((p: string) => p.startsWith('/features/4/geometry'))).toBe(true);
    expect(paths.some((p: string) => p.startsWith('/features/0'))).toBe(false);
    expect(await count()).toBe(n0);

    const ok = await t.as(officer, {
      method: 'POST',
      url: '/api/grids/import',
      payload: { type: 'FeatureCollection', features: [good] },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ created: 1, updated: 0 });
    const made = ok.json().items[0];
    expect(made).toMatchObject({
      layer: 'community',
      policeGridId: grid.id,
      villageCode: village,
      code: 'TEST-01',
    });
    expect(await count()).toBe(n0 + 1);
    const again = await t.as(officer, {
      method: 'POST',
      url: '/api/grids/import',
      payload: {
        type: 'FeatureCollection',
        features: [{ ...good, properties: { ...good.properties, name: '测试网格改名' } }],
      },
    });
    expect(again.json()).toMatchObject({ created: 0, updated: 1 });
    expect(await count()).toBe(n0 + 1);
    expect(
      (
        await t.as(gridWorker, {
          method: 'POST',
          url: '/api/grids/import',
          payload: { type: 'FeatureCollection', features: [good] },
        })
      ).statusCode,
    ).toBe(403);

    // Boundary edit: validated (shape, inside its police grid), audited.
    const put = (geometry: object, id = made.id, cookie = officer) =>
      t.as(cookie, { method: 'PUT', url: `/api/grids/${id}/boundary`, payload: { geometry } });
    expect((await put({ type: 'Polygon', coordinates: [bowTie] })).statusCode).toBe(400);
    const farSquare = square.map(([x, y]) => [x! + 0.5, y!]);
    const outside = await put({ type: 'Polygon', coordinates: [farSquare] });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors[0].path).toBe('/geometry');
    const smaller = square.map(([x, y]) => [lon + (x! - lon) / 2, lat + (y! - lat) / 2]);
    const changed = await put({ type: 'Polygon', coordinates: [smaller] });
    expect(changed.statusCode).toBe(200);
    expect((await put({ type: 'Polygon', coordinates: [smaller] }, grid.id)).statusCode).toBe(422);
    const far = community.find(
      (g) => !police.some((p) => p.id === g.policeGridId && p.parentId === grid.parentId),
    )!;
    expect((await put({ type: 'Polygon', coordinates: [smaller] }, far.id)).statusCode).toBe(404);
    const at = (await t.as(officer, { method: 'GET', url: `/api/grids/at?lon=${lon}&lat=${lat}` })).json();
    expect(at.community.id).toBe(made.id);
    const audit = await t.services.audit.search({ tenantCode: '350526', limit: 50, offset: 0 });
    expect(audit.items.map((a) => a.action)).toEqual(
      expect.arrayContaining(['grid.import', 'grid.boundary']),
    );
  });
});
