import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Database } from '../db/database.ts';

/**
 * PostgreSQL cannot store U+0000 in text: a NUL anywhere in a request must be a 400 that names the field,
 * before any query runs, for every route, signed in or not.
 */
describe.each(databaseKinds())('the NUL character is refused everywhere (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let admin: string;
  let dispatcher: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(await testServices(database));
    admin = await t.login('system-admin');
    dispatcher = await t.login('dispatcher');
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  it('refuses a NUL in the login before sign-in, naming the field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'dis\u0000patcher', password: 'x' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual([{ path: 'body/username', message: expect.stringMatching(/U\+0000/) }]);
    // The attempt is in the audit trail all the same, under the name it claimed.
    const trail = await t.as(await t.login('auditor'), {
      method: 'GET',
      url: '/api/audit?action=auth.login&outcome=denied&pageSize=5',
    });
    expect(trail.json().items[0]).toMatchObject({
      actor: 'dis\ufffdpatcher',
      outcome: 'denied',
      reason: expect.stringMatching(/^refused input: .*U\+0000/),
    });
  });

  it('refuses a NUL nested in a body, in a query and in a path parameter', async () => {
    const create = await t.as(dispatcher, {
      method: 'POST',
      url: '/api/incidents',
      payload: {
        source: '110',
        category: '刑事',
        priority: 2,
        description: '有人\u0000撬门',
        caller: { name: '王\u0000五' },
        address: '杨梅乡',
      },
    });
    expect(create.statusCode).toBe(400);
    expect(create.json().errors[0].path).toBe('body/description');
    const query = await t.as(dispatcher, { method: 'GET', url: '/api/incidents/address-suggestions?q=%00' });
    expect(query.statusCode).toBe(400);
    expect(query.json().errors[0].path).toBe('querystring/q');
    const param = await t.as(admin, { method: 'GET', url: '/api/units/%00' });
    expect(param.statusCode).toBe(400);
    expect(param.json().errors[0].path).toBe('params/id');
  });

  it('still accepts the same requests without the NUL', async () => {
    const res = await t.as(dispatcher, { method: 'GET', url: '/api/incidents/address-suggestions?q=杨梅' });
    expect(res.statusCode).toBe(200);
  });
});
