import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Database } from '../../platform/db/database.ts';

const HEADER = 'id,occurred_from,occurred_to,lon,lat,x_m,y_m,category,premise,method,features,series_id';

describe.each(databaseKinds())('intel records, linkage and analyses (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let analyst: string;
  let commander: string;
  let officer: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(await testServices(database));
    analyst = await t.login('analyst');
    commander = await t.login('commander');
    officer = await t.login('officer');
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  const csv = (cookie: string, body: string) =>
    t.as(cookie, {
      method: 'POST',
      url: '/api/intel/records/import',
      headers: { 'content-type': 'text/csv' },
      payload: body,
    });

  it('imports good CSV rows and reports the bad ones by line', async () => {
    const body = [
      `${HEADER},note`,
      'T-1,2026-11-01T02:10,2026-11-01T03:00,118.2420,25.4900,,,050101,0101,0101,0101;0301,,extra',
      'T-2,yesterday,,118.2420,25.4900,,,050101,0101,0101,,,',
      'T-3,2026-11-02T02:10,,118.2430,25.4910,,,5101,0101,0101,,,',
      'T-4,2026-11-03T02:10,,121.50,31.23,,,050101,0101,0101,,,',
      'T-5,2026-11-04T02:10,,,,10,20,050101,0101,0101,,,',
      'T-1,2026-11-05T02:10,,118.2420,25.4900,,,050101,0101,0101,,,',
      'T-6,2026-11-06T04:00,2026-11-06T03:00,118.2420,25.4900,,,050101,0101,0101,,,',
    ].join('\n');
    const res = await csv(analyst, body);
    expect(res.statusCode).toBe(200);
    const out = res.json();
    expect(out.imported).toBe(1);
    expect(out.errors.map((e: { line: number }) => e.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(out.errors[0].message).toContain('occurred_from');
    expect(out.errors[2].message).toContain('outside the county');
    expect(out.errors[3].message).toContain('lon and lat');
    expect(out.errors[4].message).toContain('duplicate');
    const again = (
      await csv(analyst, `${HEADER}\nT-1,2026-11-01T02:10,,118.2420,25.4900,,,050101,0101,0101,,`)
    ).json();
    expect(again).toEqual({ imported: 0, errors: [{ line: 2, message: 'id "T-1" is already imported' }] });
    const list = await t.as(analyst, {
      method: 'GET',
      url: '/api/intel/records?from=2026-11-01T00:00:00%2B08:00&to=2026-11-01T12:00:00%2B08:00',
    });
    const t1 = list.json().items.find((r: { id: string }) => r.id === 'T-1');
    expect(t1).toMatchObject({
      premiseName: '自建房',
      featureNames: ['戴口罩', '背街小巷'],
      stationId: expect.any(String),
    });
  });

  it('refuses a CSV with a wrong header, a JSON body, and callers without the analyst role', async () => {
    const header = await csv(analyst, 'id,when\n1,2');
    expect(header.statusCode).toBe(400);
    expect(header.json().detail).toContain('header lacks');
    const json = await t.as(analyst, { method: 'POST', url: '/api/intel/records/import', payload: { a: 1 } });
    expect(json.statusCode).toBe(400);
    expect((await csv(commander, `${HEADER}\n`)).statusCode).toBe(403);
    expect((await t.as(officer, { method: 'GET', url: '/api/intel/records' })).statusCode).toBe(403);
    expect((await t.as(commander, { method: 'GET', url: '/api/intel/heat' })).statusCode).toBe(200);
    const leader = await t.login('leader');
    expect((await t.as(leader, { method: 'GET', url: '/api/intel/series' })).statusCode).toBe(200);
    const huge = await csv(analyst, `${HEADER}\n${'x'.repeat(9 * 1024 * 1024)}`);
    expect(huge.statusCode).toBe(413);
  });

  it('ranks candidates for a record of the masked series with explanations in both languages', async () => {
    const res = await t.as(commander, { method: 'GET', url: '/api/intel/records/DH-M006/candidates?k=10' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items).toHaveLength(10);
    expect(body.total).toBe(10);
    const ids: string[] = body.items.map((c: { record: { id: string } }) => c.record.id);
    expect(ids.filter((id) => id.startsWith('DH-M')).length).toBeGreaterThanOrEqual(7);
    expect(ids).not.toContain('DH-M006');
    const first = body.items[0];
    expect(first.explanation.zh).toContain('戴口罩');
    expect(first.explanation.en).toContain('mask');
    expect(body.items[0].score).toBeGreaterThanOrEqual(body.items[9].score);
  });

  it('grows a series from seeds, learns from confirm/reject, and audits it', async () => {
    const refused = await t.as(commander, {
      method: 'POST',
      url: '/api/intel/series',
      payload: { seedIds: ['DH-M001'] },
    });
    expect(refused.statusCode).toBe(403);
    const res = await t.as(analyst, {
      method: 'POST',
      url: '/api/intel/series',
      payload: { seedIds: ['DH-M001', 'DH-M002'], name: '口罩夜盗' },
    });
    expect(res.statusCode).toBe(201);
    const series = res.json();
    const masked = series.memberIds.filter((id: string) => id.startsWith('DH-M'));
    expect(masked.length).toBeGreaterThanOrEqual(10);
    const before = (await t.as(analyst, { method: 'GET', url: '/api/intel/weights' })).json();
    let current = series;
    for (const outsider of series.memberIds.filter((id: string) => !id.startsWith('DH-M'))) {
      const rej = await t.as(analyst, {
        method: 'POST',
        url: `/api/intel/series/${series.id}/reject`,
        payload: { recordId: outsider },
      });
      expect(rej.statusCode).toBe(200);
      current = rej.json();
      expect(current.memberIds).not.toContain(outsider);
    }
    const missing = Array.from({ length: 12 }, (_, i) => `DH-M${String(i + 1).padStart(3, '0')}`).find(
      (id) => !current.memberIds.includes(id),
    );
    const target = missing ?? 'DH-M012';
    const conf = await t.as(analyst, {
      method: 'POST',
      url: `/api/intel/series/${series.id}/confirm`,
      payload: { recordId: target },
    });
    expect(conf.statusCode).toBe(200);
    current = conf.json();
    expect(current.memberIds).toContain(target);
    expect(current.explanation.zh).toContain('自建房');
    expect(current.explanation.zh).toContain('戴口罩');
    const after = (await t.as(analyst, { method: 'GET', url: '/api/intel/weights' })).json();
    expect(after.feedbackPairs).toBeGreaterThan(before.feedbackPairs);
    expect(after.weights).not.toEqual(before.weights);
    const list = (await t.as(commander, { method: 'GET', url: '/api/intel/series' })).json();
    expect(list.items.map((s: { id: string }) => s.id)).toContain(series.id);
    expect(list.total).toBe(list.items.length);
    const unknown = await t.as(analyst, {
      method: 'POST',
      url: `/api/intel/series/${series.id}/confirm`,
      payload: { recordId: 'NOPE' },
    });
    expect(unknown.statusCode).toBe(404);
    const audit = await t.services.audit.search({
      tenantCode: '350526',
      action: 'intel.series.confirm',
      limit: 5,
      offset: 0,
    });
    expect(JSON.stringify(audit)).toContain(series.id);
  });

  it('answers trend (naming its test), hotspots as GeoJSON with PAI/PEI, Knox and the heat table', async () => {
    const trend = (
      await t.as(analyst, { method: 'GET', url: '/api/intel/trend?by=station&windowDays=28&baseline=6' })
    ).json();
    expect(trend.test).toBe('conditional-binomial');
    expect(trend.areas[0]).toMatchObject({ name: expect.stringContaining('派出所'), p: expect.any(Number) });
    const hot = await t.as(analyst, {
      method: 'GET',
      url: '/api/intel/hotspots?method=gistar&cellMeters=300&areaShare=0.02',
    });
    expect(hot.statusCode).toBe(200);
    const h = hot.json();
    expect(h.type).toBe('FeatureCollection');
    const f = h.features.find((c: { properties: { flagged: boolean } }) => c.properties.flagged);
    expect(f.geometry.type).toBe('Polygon');
    const [lon, lat] = f.geometry.coordinates[0][0];
    expect(lon).toBeGreaterThan(117.9);
    expect(lon).toBeLessThan(118.6);
    expect(lat).toBeGreaterThan(25.2);
    expect(lat).toBeLessThan(25.9);
    expect(f.properties).toMatchObject({
      z: expect.any(Number),
      p: expect.any(Number),
      value: expect.any(Number),
    });
    expect(h.forecast.pai).toBeGreaterThan(1);
    expect(h.source.recordIds.length).toBe(h.train.count);
    expect(h).toMatchObject({ cellMeters: 300, bandwidthMeters: null });
    expect(h.forecast.flaggedCrimes).toBeLessThanOrEqual(h.forecast.studyCrimes);
    const knox = await t.as(analyst, {
      method: 'GET',
      url: '/api/intel/near-repeat?spaceBandsMeters=0,1,200,400&timeBandsDays=0,7,14&metric=euclidean&iterations=19&seed=3',
    });
    expect(knox.statusCode).toBe(200);
    const k = knox.json();
    expect(k.spaceLabels).toEqual(['[0,1)', '[1,200)', '[200,400)']);
    expect(k.p[1][0]).toBeGreaterThan(0);
    const bad = await t.as(analyst, {
      method: 'GET',
      url: '/api/intel/near-repeat?spaceBandsMeters=0,200,100&timeBandsDays=0,7',
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().errors)).toContain('spaceBandsMeters');
    const heat = (await t.as(analyst, { method: 'GET', url: '/api/intel/heat?category=050101' })).json();
    expect(heat.cells).toHaveLength(7);
    expect(heat.cells[0]).toHaveLength(24);
    const total = heat.cells.flat().reduce((a: number, b: number) => a + b, 0);
    expect(total).toBeCloseTo(heat.total, 6);
  });

  it('limits a station-scoped analyst to the records attributed to that station', async () => {
    const admin = await t.login('system-admin');
    const created = await t.as(admin, {
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'analyst.xunzhong',
        displayName: '浔中研判员',
        password: 'Strong-pass-2026',
        roles: ['analyst'],
        orgId: 'station-350526100',
      },
    });
    expect(created.statusCode).toBe(201);
    const local = await t.login('analyst.xunzhong', 'Strong-pass-2026');
    const all = (await t.as(analyst, { method: 'GET', url: '/api/intel/records' })).json();
    const mine = (await t.as(local, { method: 'GET', url: '/api/intel/records' })).json();
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.total).toBeLessThan(all.total);
    expect(new Set(mine.items.map((r: { stationId: string }) => r.stationId))).toEqual(
      new Set(['station-350526100']),
    );
    const elsewhere = all.items.find((r: { stationId: string }) => r.stationId !== 'station-350526100');
    const res = await t.as(local, { method: 'GET', url: `/api/intel/records/${elsewhere.id}/candidates` });
    expect(res.statusCode).toBe(404);
  });
});
