import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Database } from '../../platform/db/database.ts';

describe.each(databaseKinds())('audit trail (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let auditor: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(await testServices(database));
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'officer-yangmei', password: 'wrong-guess-1' },
    });
    auditor = await t.login('auditor');
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  it('lets the auditor search by actor, action and outcome, newest first', async () => {
    const res = await t.as(auditor, {
      method: 'GET',
      url: '/api/audit?actor=officer-yangmei&outcome=denied',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({
      action: 'auth.login',
      outcome: 'denied',
      reason: 'wrong password',
      actor: 'officer-yangmei',
    });
    const all = (await t.as(auditor, { method: 'GET', url: '/api/audit?pageSize=200' })).json();
    const seqs = all.items.map((i: { seq: number }) => i.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(all.items.some((i: { action: string }) => i.action === 'demo.seed')).toBe(true);
    const text = (await t.as(auditor, { method: 'GET', url: '/api/audit?q=wrong%20password' })).json();
    expect(text.total).toBeGreaterThanOrEqual(1);
  });

  it('keeps the trail from everybody but the auditor', async () => {
    for (const who of ['system-admin', 'security-admin', 'commander']) {
      const cookie = await t.login(who);
      expect((await t.as(cookie, { method: 'GET', url: '/api/audit' })).statusCode).toBe(403);
    }
  });

  it('refuses updates and deletes in the database itself', async () => {
    await expect(
      sql`UPDATE audit_log SET actor = 'nobody' WHERE seq = 1`.execute(database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE seq = 1`.execute(database.db)).rejects.toThrow(
      /append-only/,
    );
  });

  it('verifies the chain, and names the first record altered behind its back', async () => {
    const ok = (await t.as(auditor, { method: 'POST', url: '/api/audit/verify' })).json();
    expect(ok.ok).toBe(true);
    expect(ok.checked).toBeGreaterThan(3);
    // Someone with database superuser rights switches the guard off and edits record 2.
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(database.db);
    await sql`UPDATE audit_log SET reason = 'edited' WHERE seq = 2`.execute(database.db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(database.db);
    const bad = (await t.as(auditor, { method: 'POST', url: '/api/audit/verify' })).json();
    expect(bad).toMatchObject({
      ok: false,
      checked: 1,
      firstBad: { seq: 2, problem: expect.stringMatching(/altered/) },
    });
  });
});
