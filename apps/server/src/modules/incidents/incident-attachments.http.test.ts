import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Database } from '../../platform/db/database.ts';

/** A tiny real JPEG (1×1, grey): the start of image, a JFIF header, the image data, the end. */
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

/** Notes and photos an officer records on scene, on the incident's timeline, audited. */
describe.each(databaseKinds())('incident notes and photos (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let officer: string;
  let incidentId: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(await testServices(database));
    officer = await t.login('officer-yangmei');
    const res = await t.as(await t.login('dispatcher-north'), {
      method: 'POST',
      url: '/api/incidents',
      payload: {
        source: '110',
        category: '刑事',
        priority: 2,
        description: '杨梅乡有人报警',
        address: '德化县杨梅乡',
      },
    });
    expect(res.statusCode).toBe(201);
    incidentId = res.json().id;
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  const photo = (cookie: string, body: Buffer, type = 'image/jpeg', query = '') =>
    t.as(cookie, {
      method: 'POST',
      url: `/api/incidents/${incidentId}/photos${query}`,
      headers: { 'content-type': type },
      payload: body,
    });

  it('records a note on the timeline, audited', async () => {
    const res = await t.as(officer, {
      method: 'POST',
      url: `/api/incidents/${incidentId}/notes`,
      payload: { text: '现场无人受伤，已疏散围观群众' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().timeline.at(-1)).toMatchObject({
      kind: 'note',
      actor: 'officer-yangmei',
      note: '现场无人受伤，已疏散围观群众',
    });
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('action', '=', 'incident.note')
      .execute();
    expect(audit).toEqual([{ action: 'incident.note', actor: 'officer-yangmei' }]);
  });

  it('stores a photo once, lists it, and audits every read of it', async () => {
    const first = await photo(officer, JPEG, 'image/jpeg', '?caption=%E7%8E%B0%E5%9C%BA');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      kind: 'photo',
      contentType: 'image/jpeg',
      sizeBytes: JPEG.length,
      caption: '现场',
    });
    const again = await photo(officer, JPEG);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const list = await t.as(officer, { method: 'GET', url: `/api/incidents/${incidentId}/attachments` });
    expect(list.json().total).toBe(1);
    const read = await t.as(await t.login('dispatcher'), { method: 'GET', url: first.json().url });
    expect(read.statusCode).toBe(200);
    expect(read.headers['content-type']).toBe('image/jpeg');
    expect(read.rawPayload.equals(JPEG)).toBe(true);
    const reads = await database.db
      .selectFrom('audit_log')
      .select(['actor'])
      .where('action', '=', 'incident.photo.read')
      .execute();
    expect(reads).toEqual([{ actor: 'dispatcher' }]);
    const timeline = (await t.as(officer, { method: 'GET', url: `/api/incidents/${incidentId}` })).json()
      .timeline;
    expect(timeline.filter((e: { kind: string }) => e.kind === 'photo')).toHaveLength(1);
  });

  it('refuses what is not the image it claims, other formats, and users outside the scope', async () => {
    const lying = await photo(officer, JPEG, 'image/png');
    expect(lying.statusCode).toBe(400);
    expect(lying.json().detail).toMatch(/not a PNG image/);
    expect((await photo(officer, Buffer.from('hello'), 'text/plain')).statusCode).toBe(415);
    const outsider = await t.login('officer-xunzhong');
    expect((await photo(outsider, JPEG)).statusCode).toBe(404);
    const note = await t.as(outsider, {
      method: 'POST',
      url: `/api/incidents/${incidentId}/notes`,
      payload: { text: '越权' },
    });
    expect(note.statusCode).toBe(404);
    const analyst = await t.login('analyst');
    expect((await photo(analyst, JPEG)).statusCode).toBe(403);
  });
});
