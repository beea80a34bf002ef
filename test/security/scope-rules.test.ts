import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../apps/server/src/platform/db/database.ts';
import { openTestDatabase, testServices } from '../support/db.ts';
import { type TestApp, testApp } from '../support/http.ts';

const TENANT = '350526';

/** Scope rules of writes that a probe of the API found open: each is refused now, with the reason. */
describe('scope of writes', () => {
  let database: Database;
  let t: TestApp;
  let xunzhongPoint: { lon: number; lat: number };

  beforeAll(async () => {
    database = await openTestDatabase('pglite', { demo: true });
    t = await testApp(await testServices(database));
    const dir = await t.services.orgs.directory(TENANT);
    const xunzhong = dir.ofKind('station').find((s) => s.name === '浔中派出所')!;
    xunzhongPoint = { lon: xunzhong.position![0], lat: xunzhong.position![1] };
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  const report = (description: string) => ({
    source: '110',
    category: '刑事',
    priority: 2,
    description,
    location: xunzhongPoint,
  });

  it('keeps an area dispatcher\'s "area" request to their own area\'s stations', async () => {
    const north = await t.login('dispatcher-north');
    const created = await t.as(north, { method: 'POST', url: '/api/incidents', payload: report('浔中报警') });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const refused = await t.as(north, {
      method: 'POST',
      url: `/api/incidents/${id}/requests`,
      payload: { stations: 'area', perStation: 1 },
    });
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json().detail).toMatch(/浔中派出所.*outside your joint area/);
    const board = await t.as(await t.login('dispatcher'), {
      method: 'GET',
      url: `/api/incidents/${id}/requests`,
    });
    expect(board.json().items).toEqual([]);
    // The county command centre may ask the same stations.
    const county = await t.as(await t.login('dispatcher'), {
      method: 'POST',
      url: `/api/incidents/${id}/requests`,
      payload: { stations: 'area', perStation: 1 },
    });
    expect(county.statusCode, county.body).toBe(201);
  });

  it("scopes an Idempotency-Key to its user: another user's same key is a new incident", async () => {
    const key = 'probe-shared-key-0001';
    const first = await t.as(await t.login('dispatcher'), {
      method: 'POST',
      url: '/api/incidents',
      headers: { 'idempotency-key': key },
      payload: report('第一位接警员'),
    });
    expect(first.statusCode).toBe(201);
    const other = await t.as(await t.login('dispatcher-north'), {
      method: 'POST',
      url: '/api/incidents',
      headers: { 'idempotency-key': key },
      payload: report('第一位接警员'),
    });
    expect(other.statusCode, other.body).toBe(201);
    expect(other.json().id).not.toBe(first.json().id);
    const again = await t.as(await t.login('dispatcher'), {
      method: 'POST',
      url: '/api/incidents',
      headers: { 'idempotency-key': key },
      payload: report('第一位接警员'),
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
  });

  it('ties a unit only to an open incident the reporting user can read', async () => {
    const yangmei = await t.login('officer-yangmei');
    const units = (await t.as(yangmei, { method: 'GET', url: '/api/units' })).json().items as {
      id: string;
      status: string;
    }[];
    const unit = units.find((u) => u.status === 'available')!;
    const status = (incidentId: string) =>
      t.as(yangmei, {
        method: 'POST',
        url: `/api/units/${unit.id}/status`,
        payload: { status: 'en-route', incidentId },
      });
    const unknown = await status('00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('/incidentId');

    // An incident in 浔中 is outside 杨梅派出所's scope.
    const foreign = await t.as(await t.login('dispatcher'), {
      method: 'POST',
      url: '/api/incidents',
      payload: report('浔中另一起'),
    });
    const outside = await status(foreign.json().id);
    expect(outside.statusCode).toBe(400);
    expect(outside.json().detail).toMatch(/outside your scope/);
  });
});
