import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { hasChromium } from '../../../../../test/support/env.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Database } from '../../platform/db/database.ts';
import { createIntelModule } from './index.ts';

const chromium = hasChromium();
const pdftoppm = ['/usr/bin/pdftoppm', '/usr/local/bin/pdftoppm'].find((p) => existsSync(p));

describe.each(databaseKinds())('intel reports (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let analyst: string;
  let commander: string;
  let reportId: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(await testServices(database));
    analyst = await t.login('analyst');
    commander = await t.login('commander');
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  it('assembles a Chinese report for a series with traceable figures', async () => {
    const grown = await t.as(analyst, {
      method: 'POST',
      url: '/api/intel/series',
      payload: { seedIds: ['DH-M001', 'DH-M002', 'DH-M003'], name: '浔中龙浔口罩夜盗系列' },
    });
    expect(grown.statusCode).toBe(201);
    const seriesId = grown.json().id;
    const denied = await t.as(commander, {
      method: 'POST',
      url: '/api/intel/reports',
      payload: { seriesId },
    });
    expect(denied.statusCode).toBe(403);
    const res = await t.as(analyst, { method: 'POST', url: '/api/intel/reports', payload: { seriesId } });
    expect(res.statusCode).toBe(201);
    const report = res.json();
    reportId = report.id;
    expect(report.sections.map((s: { key: string }) => s.key)).toEqual([
      'summary',
      'series',
      'mo',
      'time',
      'place',
      'recommendations',
    ]);
    const text = (key: string) => report.sections.find((s: { key: string }) => s.key === key).text;
    expect(text('series')).toContain('DH-M001');
    const span = /时间跨度(\d{4}-\d\d-\d\d \d\d:\d\d)至(\d{4}-\d\d-\d\d \d\d:\d\d)/.exec(text('series'));
    expect(span?.[1] && span[2] && span[1] <= span[2]).toBe(true);
    expect(text('mo')).toContain('自建房');
    expect(text('time')).toMatch(/0[1-3]:00–0[4-6]:00/);
    expect(text('place')).toContain('PAI=');
    expect(text('recommendations')).toContain('巡逻时段');
    const map = report.figures.find((f: { id: string }) => f.id === 'map');
    expect(map.svg).toContain('<svg');
    expect(map.source.query.api).toBe('/api/intel/hotspots');
    expect(map.source.recordIds).toContain('DH-M001');
    for (const f of report.figures) expect(f.source.recordIds.length).toBeGreaterThan(0);
    expect(report.params).toMatchObject({ seriesId, scopeOrgId: null });
    const list = (await t.as(commander, { method: 'GET', url: '/api/intel/reports' })).json();
    expect(list.items.map((r: { id: string }) => r.id)).toContain(reportId);
    expect(list.total).toBe(list.items.length);
  });

  it('lets the analyst edit sections and prints the edit in the HTML', async () => {
    const edit = await t.as(analyst, {
      method: 'PUT',
      url: `/api/intel/reports/${reportId}`,
      payload: {
        title: '德化县入户盗窃研判报告（第12期）',
        sections: [{ key: 'recommendations', text: '1. 凌晨加强<巡逻>。' }],
      },
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json().sections.find((s: { key: string }) => s.key === 'recommendations').text).toBe(
      '1. 凌晨加强<巡逻>。',
    );
    const bad = await t.as(analyst, {
      method: 'PUT',
      url: `/api/intel/reports/${reportId}`,
      payload: { sections: [{ key: 'nope', text: 'x' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (
        await t.as(commander, {
          method: 'PUT',
          url: `/api/intel/reports/${reportId}`,
          payload: { sections: [] },
        })
      ).statusCode,
    ).toBe(403);
    const html = await t.as(commander, { method: 'GET', url: `/api/intel/reports/${reportId}.html` });
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('德化县入户盗窃研判报告（第12期）');
    expect(html.body).toContain('凌晨加强&lt;巡逻&gt;');
    expect(html.body).toContain('数据来源');
    expect(html.body).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    expect(html.body).toContain('演示数据（合成）');
    const admin = await t.login('system-admin');
    const created = await t.as(admin, {
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'analyst.yangmei',
        displayName: '杨梅研判员',
        password: 'Strong-pass-2026',
        roles: ['analyst'],
        orgId: 'station-350526200',
      },
    });
    expect(created.statusCode).toBe(201);
    const local = await t.login('analyst.yangmei', 'Strong-pass-2026');
    expect((await t.as(local, { method: 'GET', url: `/api/intel/reports/${reportId}` })).statusCode).toBe(
      404,
    );
    expect((await t.as(local, { method: 'GET', url: '/api/intel/reports' })).json().items).toEqual([]);
    const missing = await t.as(analyst, { method: 'GET', url: '/api/intel/reports/RPT-00000000.html' });
    expect(missing.statusCode).toBe(404);
  });

  it.runIf(chromium)(
    'prints the report to PDF with Chromium',
    async () => {
      const res = await t.as(analyst, { method: 'GET', url: `/api/intel/reports/${reportId}.pdf` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      if (pdftoppm) {
        const dir = join(tmpdir(), 'ronghui-intel-report');
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'report.pdf'), res.rawPayload);
        execFileSync(pdftoppm, [
          '-png',
          '-r',
          '60',
          '-f',
          '1',
          '-l',
          '1',
          join(dir, 'report.pdf'),
          join(dir, 'page'),
        ]);
        expect(existsSync(join(dir, 'page-1.png'))).toBe(true);
      }
    },
    60_000,
  );

  it('answers 503 with a problem when Chromium is missing', async () => {
    const services = await testServices(database);
    const intel = createIntelModule({ ...services, chromiumPath: '/nonexistent/chromium' });
    const other = await testApp({ ...services, intel });
    try {
      const cookie = await other.login('analyst');
      const res = await other.as(cookie, { method: 'GET', url: `/api/intel/reports/${reportId}.pdf` });
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().detail).toContain('Chromium is not installed');
    } finally {
      await other.close();
    }
  });
});
