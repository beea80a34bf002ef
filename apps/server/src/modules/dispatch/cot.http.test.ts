import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Database } from '../../platform/db/database.ts';

const iso = z.iso.datetime({ offset: true });
const num = z.coerce.number();
/** The published CoT event structure: event attributes, point with hae/ce/le, detail. */
const cotEvent = z.object({
  '@_version': z.literal('2.0'),
  '@_uid': z.string().min(1),
  '@_type': z.string().regex(/^[a-z](-[A-Za-z0-9]+)+$/),
  '@_time': iso,
  '@_start': iso,
  '@_stale': iso,
  '@_how': z.string().regex(/^[a-z]-[a-z]$/),
  point: z.object({
    '@_lat': num.min(-90).max(90),
    '@_lon': num.min(-180).max(180),
    '@_hae': num,
    '@_ce': num,
    '@_le': num,
  }),
  detail: z.object({ contact: z.object({ '@_callsign': z.string().min(1) }) }).passthrough(),
});

describe.each(databaseKinds())('Cursor-on-Target feed (%s)', (kind) => {
  let database: Database;
  let t: TestApp;

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(await testServices(database));
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  it('lists units as friendly ground units and open incidents as spots, with valid structure', async () => {
    const north = await t.login('dispatcher-north');
    await t.as(north, {
      method: 'POST',
      url: '/api/incidents',
      payload: {
        source: '110',
        category: '纠纷',
        priority: 2,
        description: '邻里纠纷 <争吵> & 推搡',
        address: '德化县上涌镇',
      },
    });
    const res = await t.as(north, { method: 'GET', url: '/api/cot' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/xml');
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' }).parse(res.body);
    const events = [doc.events.event].flat();
    for (const e of events) cotEvent.parse(e);
    const units = events.filter((e) => e['@_type'] === 'a-f-G-U-C');
    const incidents = events.filter((e) => e['@_type'] === 'b-m-p-s-p-i');
    expect(units.length).toBeGreaterThan(20);
    expect(incidents).toHaveLength(1);
    expect(incidents[0].detail.remarks).toContain('<争吵> & 推搡');
    expect(units.every((u) => new Date(u['@_stale']) > new Date(u['@_time']))).toBe(true);
    expect(units.some((u) => u.detail.__group['@_name'] === '杨梅派出所')).toBe(true);
    expect(units.some((u) => u.detail.__group['@_name'] === '浔中派出所')).toBe(false);
  });
});
