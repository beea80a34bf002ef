import { randomUUID } from 'node:crypto';
import { dehuaHistoryTargets } from '@ronghui/scorecard';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { hasChromium } from '../../../../../test/support/env.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import { seedStatsHistory } from '../../demo/seed-stats-history.ts';
import { manualClock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';

const TENANT = '350526';
const chromium = hasChromium();
const A = 'station-350526100';
const B = 'station-350526101';
const C = 'station-350526102';

describe.each(databaseKinds())('scorecard over the demo history (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let leader: string;
  let seeded: Awaited<ReturnType<typeof seedStatsHistory>>;

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    // 2024-01-10 10:00 Beijing: 2023 has ended.
    const services = await testServices(database, { clock: manualClock(new Date('2024-01-10T02:00:00Z')) });
    seeded = await seedStatsHistory(services, { tenantCode: TENANT });
    t = await testApp(services);
    leader = await t.login('leader');
  }, 240_000);
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  const get = async (url: string, cookie = leader) => {
    const res = await t.as(cookie, { method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('recomputes the article’s 比降 from the seeded incidents', async () => {
    expect(seeded.incidents).toBeGreaterThan(15_000);
    expect(await get('/api/stats/yoy?year=2023&category=theft')).toEqual({
      year: 2023,
      category: 'theft',
      count: 809,
      lastYear: 1000,
      change: -0.191,
    });
    expect((await get('/api/stats/yoy?year=2023&category=criminal')).change).toBe(-0.2628);
    expect((await get('/api/stats/yoy?year=2023&category=public-order')).change).toBe(-0.1544);
  });

  it('recomputes the clearance of 传统盗抢骗 from the seeded crime records', async () => {
    expect(await get('/api/stats/clearance?year=2023&group=traditional')).toEqual({
      year: 2023,
      group: 'traditional',
      filed: 570,
      solved: 555,
      rate: 0.9737,
    });
    const telecom = await get('/api/stats/clearance?year=2023&group=telecom-fraud');
    expect(telecom.filed).toBe(165);
    const all = await get('/api/stats/clearance?year=2023&group=all');
    expect(all.filed).toBe(570 + 165 + 92 + 58);
  });

  it('breaks figures down so the parts add up, and drills to the records', async () => {
    const byStation = await get('/api/stats/yoy/breakdown?year=2023&category=theft&by=station');
    expect(byStation.items.reduce((s: number, r: { count: number }) => s + r.count, 0)).toBe(809);
    expect(byStation.items.length).toBeGreaterThanOrEqual(18);
    const byCategory = await get('/api/stats/clearance/breakdown?year=2023&group=traditional&by=category');
    expect(byCategory.items.reduce((s: number, r: { filed: number }) => s + r.filed, 0)).toBe(570);
    const drill = await get('/api/stats/drill?figure=yoy&year=2023&category=theft&pageSize=10');
    expect(drill.total).toBe(809);
    expect(drill.items).toHaveLength(10);
    expect(drill.items[0]).toMatchObject({ kind: 'incident', category: expect.stringMatching(/^0501/) });
    const last = await get('/api/stats/drill?figure=yoy&year=2023&category=theft&side=last&pageSize=1');
    expect(last.total).toBe(1000);
    const unsolved = await get('/api/stats/drill?figure=clearance&year=2023&group=traditional&solved=false');
    expect(unsolved.total).toBe(15);
    expect(unsolved.items.every((i: { status: string }) => i.status === 'unsolved')).toBe(true);
  });

  it('ranks stations with the largest fall first', async () => {
    const r = await get('/api/stats/rankings?year=2023&indicator=theft-yoy');
    expect(r.items.length).toBe(18);
    expect(r.items[0].rank).toBe(1);
    const values = r.items
      .filter((i: { value: number | null }) => i.value !== null)
      .map((i: { value: number }) => i.value);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    const county = await get('/api/stats/rankings?year=2023&indicator=clearance&scope=county');
    expect(county.items).toEqual([
      expect.objectContaining({ rank: 1, id: TENANT, value: 0.9737, count: 570 }),
    ]);
  });

  it('gives indicators that drill down, and the leadership summary', async () => {
    const ind = await get('/api/stats/indicators?from=2023-01-01&to=2023-12-31');
    const byKey = new Map(ind.items.map((i: { key: string }) => [i.key, i]));
    const received2023 = Object.values(dehuaHistoryTargets().incidents[2023]!).reduce((a, b) => a + b, 0);
    expect((byKey.get('incidents-received') as { value: number }).value).toBe(received2023);
    const onTime = byKey.get('on-time-rate') as {
      value: number;
      count: number;
      drill: { params: Record<string, string> };
    };
    expect(onTime.value).toBeGreaterThan(0.5);
    expect(onTime.value).toBeLessThanOrEqual(1);
    expect((byKey.get('clearance-rate') as { count: number }).count).toBe(885);
    const drill = await get(
      `/api/stats/drill?figure=indicator&key=${onTime.drill.params.key}&from=${onTime.drill.params.from}&to=${onTime.drill.params.to}&pageSize=1`,
    );
    expect(drill.total).toBe(onTime.count);
    const summary = await get('/api/stats/summary?year=2023');
    expect(summary.yoy.map((y: { change: number }) => y.change)).toEqual([-0.191, -0.2628, -0.1544]);
    expect(summary.clearance).toEqual({ filed: 570, solved: 555, rate: 0.9737 });
    expect(summary.survey.period).toBe('2023Q4');
    expect(summary.survey.county.provinceRank).toBeLessThanOrEqual(4);
  });

  it('has the demo 三率 per township for 2023’s quarters, the county in the province’s top four', async () => {
    const periods = await get('/api/stats/surveys/periods');
    expect(periods.items.map((p: { period: string }) => p.period)).toEqual([
      '2023Q4',
      '2023Q3',
      '2023Q2',
      '2023Q1',
    ]);
    const q4 = await get('/api/stats/surveys?period=2023Q4');
    expect(q4.previous).toBe('2023Q3');
    expect(q4.townships.length).toBe(18);
    expect(q4.county.provinceRank).toBeLessThanOrEqual(4);
    expect(q4.county.satisfaction).toBeGreaterThan(q4.province.satisfaction);
    expect(q4.townships[0].change.awareness).not.toBeNull();
  });

  it('lets only leader, commander and analyst read the scorecard', async () => {
    const officer = await t.login('officer');
    const res = await t.as(officer, { method: 'GET', url: '/api/stats/yoy?year=2023&category=theft' });
    expect(res.statusCode).toBe(403);
    for (const who of ['commander', 'analyst']) {
      const cookie = await t.login(who);
      expect((await get('/api/stats/clearance?year=2023&group=traditional', cookie)).rate).toBe(0.9737);
    }
    const bad = await t.as(leader, { method: 'GET', url: '/api/stats/yoy?year=2023&category=nonsense' });
    expect(bad.statusCode).toBe(400);
  });
});

describe.each(databaseKinds())('scorecard over hand-made records (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let analyst: string;
  const clock = manualClock(new Date('2031-03-04T02:00:00Z'));

  const incident = (
    at: string,
    category: string,
    kindOf: string,
    station: string,
    onSceneAfterS: number | null,
  ) => ({
    id: randomUUID(),
    tenant_code: TENANT,
    number: `T-${randomUUID().slice(0, 8)}`,
    source: '110',
    kind: kindOf,
    category_code: category,
    priority: 2,
    status: 'closed',
    description: 'test',
    lon: 118.24,
    lat: 25.49,
    location_source: 'point' as const,
    confidence: 1,
    candidates: '[]',
    zone: 'rural' as const,
    target_seconds: 1200,
    received_at: new Date(at),
    on_scene_at: onSceneAfterS === null ? null : new Date(new Date(at).getTime() + onSceneAfterS * 1000),
    station_id: station,
    created_by: 'test',
  });
  const crime = (id: string, filed: string, category: string, station: string, solved: boolean) => ({
    tenant_code: TENANT,
    id,
    occurred_from: new Date(filed),
    occurred_to: new Date(filed),
    lon: 118.24,
    lat: 25.49,
    category,
    premise: '0101',
    method: '0101',
    features: [],
    station_id: station,
    created_by: 'test',
    filed_at: new Date(filed),
    solved_at: solved ? new Date(new Date(filed).getTime() + 86_400_000) : null,
  });

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    const db = database.db;
    await db
      .insertInto('incidents')
      .values([
        // 2030: A 2 thefts, B 2 thefts; 2031: A 1, B 2 (first hour of 1 January Beijing counts as 2031).
        incident('2030-03-01T02:00:00Z', '050101', 'criminal', A, 600),
        incident('2030-05-01T02:00:00Z', '0501', 'criminal', A, 1500),
        incident('2030-06-01T02:00:00Z', '050104', 'criminal', B, 300),
        incident('2030-07-01T02:00:00Z', '050104', 'criminal', B, null),
        incident('2030-12-31T16:30:00Z', '050101', 'criminal', A, 900),
        incident('2031-02-01T02:00:00Z', '0501', 'criminal', B, 100),
        incident('2031-02-02T02:00:00Z', '0502', 'criminal', B, 100),
        incident('2031-02-03T02:00:00Z', 'public-order.noise', 'public-order', C, 100),
        incident('2031-02-04T02:00:00Z', '050104', 'criminal', B, 100),
      ])
      .execute();
    await db
      .insertInto('crime_records')
      .values([
        crime('T-1', '2031-01-05T02:00:00Z', '050101', A, true),
        crime('T-2', '2031-01-06T02:00:00Z', '050200', A, true),
        crime('T-3', '2031-01-07T02:00:00Z', '050300', B, true),
        crime('T-4', '2031-01-08T02:00:00Z', '050301', B, false),
        crime('T-5', '2031-01-09T02:00:00Z', '050400', C, true),
        crime('T-6', '2031-01-10T02:00:00Z', '050100', C, false),
        // Filed before the year began in Beijing time: 2030's.
        crime('T-7', '2030-12-31T15:00:00Z', '050100', C, false),
      ])
      .execute();
    const services = await testServices(database, { clock });
    t = await testApp(services);
    analyst = await t.login('analyst');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  const get = async (url: string) => {
    const res = await t.as(analyst, { method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('counts by Beijing time and gives null change on an empty base', async () => {
    expect(await get('/api/stats/yoy?year=2031&category=theft')).toMatchObject({
      count: 3,
      lastYear: 4,
      change: -0.25,
    });
    expect(await get(`/api/stats/yoy?year=2031&category=theft&station=${A}`)).toMatchObject({
      count: 1,
      lastYear: 2,
      change: -0.5,
    });
    expect(await get('/api/stats/yoy?year=2031&category=public-order')).toMatchObject({
      count: 1,
      lastYear: 0,
      change: null,
    });
    expect(await get('/api/stats/yoy?year=2031&category=0502')).toMatchObject({ count: 1, lastYear: 0 });
    // 1 January to 31 January: only the incident of the first Beijing hour.
    expect(await get('/api/stats/yoy?year=2031&category=theft&from=01-01&to=01-31')).toMatchObject({
      count: 1,
      lastYear: 0,
    });
  });

  it('clears 传统盗抢骗 without telecom fraud, filed in the Beijing year', async () => {
    expect(await get('/api/stats/clearance?year=2031&group=traditional')).toMatchObject({
      filed: 5,
      solved: 4,
      rate: 0.8,
    });
    expect(await get('/api/stats/clearance?year=2031&group=fraud')).toMatchObject({
      filed: 2,
      solved: 1,
      rate: 0.5,
    });
    expect(await get('/api/stats/clearance?year=2029&group=all')).toMatchObject({
      filed: 0,
      solved: 0,
      rate: null,
    });
    expect(await get(`/api/stats/clearance?year=2031&group=traditional&station=${C}`)).toMatchObject({
      filed: 2,
      solved: 1,
    });
  });

  it('ranks with ties sharing a rank (1, 1, 3) and stations without records last', async () => {
    const r = await get('/api/stats/rankings?year=2031&indicator=clearance');
    const top = r.items
      .slice(0, 3)
      .map((i: { id: string; rank: number; value: number }) => [i.id, i.rank, i.value]);
    expect(top).toEqual([
      [A, 1, 1],
      [B, 1, 1],
      [C, 3, 0.5],
    ]);
    expect(r.items[3]).toMatchObject({ rank: null, value: null });
    const onTime = await get('/api/stats/rankings?year=2030&indicator=on-time-rate');
    expect(onTime.items[0]).toMatchObject({ id: B, rank: 1, value: 1, count: 1 });
    expect(onTime.items[1]).toMatchObject({ id: A, rank: 2, value: 0.5, count: 2 });
  });

  it('drills indicators to their records', async () => {
    const ind = await get('/api/stats/indicators?from=2031-01-01&to=2031-03-03');
    const byKey = Object.fromEntries(ind.items.map((i: { key: string }) => [i.key, i]));
    expect(byKey['incidents-received']).toMatchObject({ value: 5, unit: 'count', group: 'dispatch' });
    expect(byKey['median-response-seconds']).toMatchObject({ value: 100, unit: 'seconds' });
    expect(byKey['crimes-filed']).toMatchObject({ value: 6, count: 6 });
    expect(byKey['clearance-rate']).toMatchObject({ value: 0.6667 });
    const drill = await get(
      '/api/stats/drill?figure=indicator&key=crimes-solved&from=2031-01-01&to=2031-03-03',
    );
    expect(drill.items.map((i: { id: string }) => i.id).sort()).toEqual(['T-1', 'T-2', 'T-3', 'T-5']);
    const bad = await t.as(analyst, {
      method: 'GET',
      url: '/api/stats/drill?figure=indicator&from=2031-01-01',
    });
    expect(bad.statusCode).toBe(400);
  });

  const csv = (rows: string[]) =>
    Buffer.from(['期次,乡镇,样本数,知晓率,参与率,满意率,全省排名', ...rows].join('\n')).toString('base64');
  const importFile = (fileName: string, contentBase64: string, dryRun = false) =>
    t.as(analyst, {
      method: 'POST',
      url: '/api/stats/surveys/import',
      payload: { fileName, contentBase64, dryRun },
    });

  it('rejects a survey file with a bad line whole, naming the line and field', async () => {
    const res = await importFile(
      'survey.csv',
      csv([
        '2031Q1,浔中镇,300,96%,91%,97%,',
        '2031Q1,某某镇,300,96%,91%,97%,',
        '2031Q1,龙浔镇,abc,120%,91%,97%,',
      ]),
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.imported).toBe(0);
    expect(body.problems.map((p: { line: number; field: string }) => `${p.line}:${p.field}`)).toEqual([
      '3:township',
      '4:respondents',
      '4:awareness',
    ]);
    expect((await get('/api/stats/surveys/periods')).items).toEqual([]);
  });

  it('imports CSV and XLSX survey files and analyses them against the previous period', async () => {
    const first = await importFile(
      'q1.csv',
      csv(['2031Q1,浔中镇,300,90%,80%,95%,', '2031Q1,全县,600,92%,85%,96%,5']),
    );
    expect(first.json()).toMatchObject({ imported: 2, periods: ['2031Q1'], problems: [] });
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('三率');
    sheet.addRow(['期次', '乡镇', '样本数', '知晓率', '参与率', '满意率', '全省排名']);
    sheet.addRow(['2031Q2', '浔中镇', 300, 0.95, 0.85, 0.97, null]);
    sheet.addRow(['2031Q2', '龙浔镇', 100, 0.91, 0.81, 0.93, null]);
    sheet.addRow(['2031Q2', '全省', null, '93.5%', '84%', '95%', null]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const dry = await importFile('q2.xlsx', xlsx, true);
    expect(dry.json()).toMatchObject({ imported: 0, dryRun: true, problems: [] });
    expect((await importFile('q2.xlsx', xlsx)).json()).toMatchObject({ imported: 3, periods: ['2031Q2'] });
    const q2 = await get('/api/stats/surveys?period=2031Q2');
    expect(q2.previous).toBe('2031Q1');
    // No 全县 row: the townships weighted by respondents.
    expect(q2.county).toMatchObject({ awareness: 0.94, respondents: 400, provinceRank: null });
    expect(q2.province).toEqual({ awareness: 0.935, participation: 0.84, satisfaction: 0.95 });
    const xunzhong = q2.townships.find((r: { name: string }) => r.name === '浔中镇');
    expect(xunzhong.change).toEqual({ awareness: 0.05, participation: 0.05, satisfaction: 0.02 });
    const officerCookie = await t.login('clerk');
    const denied = await t.as(officerCookie, {
      method: 'POST',
      url: '/api/stats/surveys/import',
      payload: { fileName: 'q.csv', contentBase64: csv([]) },
    });
    expect(denied.statusCode).toBe(403);
  });

  it('makes a weekly report once, as XLSX (and PDF where Chromium is)', async () => {
    const res = await t.as(analyst, {
      method: 'POST',
      url: '/api/stats/reports',
      payload: { kind: 'weekly', from: '2031-02-03', to: '2031-02-09' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const report = res.json();
    expect(report).toMatchObject({ kind: 'weekly', from: '2031-02-03', to: '2031-02-09' });
    expect(report.title).toContain('周报');
    const again = await t.as(analyst, {
      method: 'POST',
      url: '/api/stats/reports',
      payload: { kind: 'weekly', from: '2031-02-03', to: '2031-02-09' },
    });
    expect(again.json().id).toBe(report.id);
    const file = await t.as(analyst, { method: 'GET', url: `/api/stats/reports/${report.id}/xlsx` });
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(String(sheet.getCell('A1').value)).toBe(report.title);
    const cells: string[] = [];
    sheet.eachRow((row) => cells.push(row.values!.toString()));
    // Monday 2031-02-03 to Sunday 02-09: one theft (050104 on the 4th) against none the same days of 2030.
    expect(cells.some((c) => c.includes('盗窃警情,1,0'))).toBe(true);
    const future = await t.as(analyst, {
      method: 'POST',
      url: '/api/stats/reports',
      payload: { kind: 'weekly', from: '2031-03-01', to: '2031-03-10' },
    });
    expect(future.statusCode).toBe(400);
    if (!chromium) console.info('Chromium is not installed: the stats report PDF test is skipped.');
  });

  it.runIf(chromium)(
    'prints the report to PDF with Chromium',
    async () => {
      const list = await get('/api/stats/reports');
      const res = await t.as(analyst, { method: 'GET', url: `/api/stats/reports/${list.items[0].id}/pdf` });
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    },
    60_000,
  );

  it('the sweep makes the last ended week’s and month’s reports once', async () => {
    expect(await t.services.stats.reports.sweep(TENANT)).toBe(2);
    expect(await t.services.stats.reports.sweep(TENANT)).toBe(0);
    const list = await get('/api/stats/reports');
    // Today 2031-03-04: the week of 2031-02-24..03-02 and February.
    expect(
      list.items.map((r: { kind: string; from: string; to: string }) => `${r.kind} ${r.from} ${r.to}`),
    ).toEqual(expect.arrayContaining(['weekly 2031-02-24 2031-03-02', 'monthly 2031-02-01 2031-02-28']));
  });

  it('counts crime records imported with their filed and solved times', async () => {
    const before = await get('/api/stats/clearance?year=2031&group=theft');
    const csvText = [
      'id,occurred_from,occurred_to,lon,lat,x_m,y_m,category,premise,method,features,series_id,filed_at,solved_at',
      // Happened at the end of 2030, filed in 2031 and solved: counts in 2031.
      'IMP-1,2030-12-30T22:00,,118.24,25.49,,,050101,0101,0101,,,2031-01-02T09:00,2031-01-20T09:00',
      'IMP-2,2031-02-01T22:00,,118.24,25.49,,,050104,0101,0101,,,2031-02-02T09:00,',
    ].join('\n');
    const res = await t.as(analyst, {
      method: 'POST',
      url: '/api/intel/records/import',
      headers: { 'content-type': 'text/csv' },
      payload: csvText,
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = await get('/api/stats/clearance?year=2031&group=theft');
    expect(after.filed - before.filed).toBe(2);
    expect(after.solved - before.solved).toBe(1);
  });

  it('limits a station-scoped analyst to that station’s records', async () => {
    const admin = await t.login('system-admin');
    const created = await t.as(admin, {
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'analyst.stats-b',
        displayName: '派出所研判员',
        password: 'Strong-pass-2026',
        roles: ['analyst'],
        orgId: B,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const local = await t.login('analyst.stats-b', 'Strong-pass-2026');
    const as = async (url: string) => (await t.as(local, { method: 'GET', url })).json();
    // B's thefts only: 2 in 2031 (0501, 050104) against 2 in 2030.
    expect(await as('/api/stats/yoy?year=2031&category=theft')).toMatchObject({
      count: 2,
      lastYear: 2,
      change: 0,
    });
    // Another station named explicitly: nothing.
    expect(await as(`/api/stats/yoy?year=2031&category=theft&station=${A}`)).toMatchObject({
      count: 0,
      lastYear: 0,
    });
    const ranking = await as('/api/stats/rankings?year=2031&indicator=clearance');
    expect(ranking.items.map((i: { id: string }) => i.id)).toEqual([B]);
    const drill = await as('/api/stats/drill?figure=yoy&year=2031&category=theft');
    expect(new Set(drill.items.map((i: { stationId: string }) => i.stationId))).toEqual(new Set([B]));
  });

  it('counts the outreach indicators from the warnings and visits', async () => {
    const db = database.db;
    const at = (iso: string) => new Date(iso);
    const warning = (
      id: string,
      station: string,
      risk: 'high' | 'medium' | 'low',
      status: 'issued' | 'feedback',
      outcome: 'dissuaded' | 'defrauded' | null,
      issued: string,
      atRisk: number,
      saved: number,
    ) => ({
      tenant_code: TENANT,
      id,
      number: `FW-${id}`,
      station_id: station,
      risk,
      action: risk === 'high' ? ('visit' as const) : risk === 'medium' ? ('call' as const) : ('sms' as const),
      status,
      outcome,
      fraud_type: 'shopping',
      source: 'province' as const,
      person_name: 'x',
      phone: 'x',
      address: '德化县',
      issued_at: at(issued),
      overdue: status === 'issued',
      money_at_risk: atRisk,
      money_saved: saved,
      created_by: 'test',
      created_at: at(issued),
      updated_at: at(issued),
    });
    await db
      .insertInto('fraud_warnings')
      .values([
        warning('s-w1', A, 'high', 'feedback', 'dissuaded', '2031-02-01T02:00Z', 50000, 50000),
        warning('s-w2', B, 'low', 'feedback', 'defrauded', '2031-02-02T02:00Z', 3000, 0),
        warning('s-w3', B, 'medium', 'issued', null, '2031-02-03T02:00Z', 1000, 0),
      ])
      .execute();
    const visit = (id: string, status: 'done' | 'planned', plannedFor: string, done: string | null) => ({
      tenant_code: TENANT,
      id,
      resident_id: 's-r1',
      station_id: A,
      officer_id: 'u1',
      status,
      planned_for: plannedFor,
      done_at: done ? at(done) : null,
      anti_fraud_talk: status === 'done',
      created_by: 'test',
      created_at: at('2031-01-31T00:00Z'),
      updated_at: at('2031-01-31T00:00Z'),
    });
    await db
      .insertInto('home_visits')
      .values([
        visit('s-v1', 'done', '2031-02-01', '2031-02-01T03:00Z'),
        visit('s-v2', 'planned', '2031-02-08', null),
      ])
      .execute();
    const ind = await get('/api/stats/indicators?from=2031-02-01&to=2031-02-28');
    const byKey = Object.fromEntries(ind.items.map((i: { key: string }) => [i.key, i]));
    expect(byKey['warnings-issued']).toMatchObject({ value: 3, group: 'outreach' });
    expect(byKey['warnings-dissuaded-rate']).toMatchObject({ value: 0.5, count: 2 });
    expect(byKey['money-saved']).toMatchObject({ value: 50000, unit: 'yuan' });
    expect(byKey['home-visits-done']).toMatchObject({ value: 1 });
    const drill = await get(
      '/api/stats/drill?figure=indicator&key=warnings-issued&from=2031-02-01&to=2031-02-28',
    );
    expect(drill.items.map((i: { id: string; kind: string }) => `${i.kind}:${i.id}`)).toEqual([
      'fraud-warning:s-w1',
      'fraud-warning:s-w2',
      'fraud-warning:s-w3',
    ]);
  });
});
