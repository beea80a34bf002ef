import { createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import { canonicalJson } from '../../platform/canonical-json.ts';
import type { Database } from '../../platform/db/database.ts';

describe.each(databaseKinds())('audit trail (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let auditor: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    // The demo's records are keyed with the test services' audit key; checkpoints go to a folder of our own.
    const shared = await testServices(database);
    const auditKey = readFileSync(join(shared.config.dataDir, 'audit.key'), 'utf8').trim();
    const dataDir = mkdtempSync(join(tmpdir(), 'rh-audit-http-'));
    t = await testApp(await testServices(database, { env: { DATA_DIR: dataDir, AUDIT_KEY: auditKey } }));
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

  it('exports signed checkpoints to the auditor alone, checkable with the public key alone', async () => {
    const empty = (await t.as(auditor, { method: 'GET', url: '/api/audit/checkpoints' })).json();
    expect(empty).toEqual({ items: [], total: 0 });
    const written = await t.services.audit.checkpoint('350526');
    expect(written).toHaveProperty('written');
    const res = await t.as(auditor, { method: 'GET', url: '/api/audit/checkpoints?pageSize=10' });
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.total).toBe(1);
    const [cp] = page.items;
    expect(cp).toMatchObject({
      tenantCode: '350526',
      seq: expect.any(Number),
      recordCount: cp.seq,
      headHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      at: expect.any(String),
      keyId: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    const key = (await t.as(auditor, { method: 'GET', url: '/api/audit/checkpoint-key' })).json();
    expect(key).toMatchObject({ keyId: cp.keyId, algorithm: expect.stringMatching(/SM2/) });
    const { signature, ...signed } = cp;
    const publicKey = createPublicKey(key.publicKey);
    expect(
      verify('sm3', Buffer.from(canonicalJson(signed)), publicKey, Buffer.from(signature, 'base64')),
    ).toBe(true);
    expect(
      verify(
        'sm3',
        Buffer.from(canonicalJson({ ...signed, seq: signed.seq - 1 })),
        publicKey,
        Buffer.from(signature, 'base64'),
      ),
    ).toBe(false);
    for (const who of ['system-admin', 'commander']) {
      const cookie = await t.login(who);
      for (const url of ['/api/audit/checkpoints', '/api/audit/checkpoint-key'])
        expect((await t.as(cookie, { method: 'GET', url })).statusCode).toBe(403);
    }
  });

  it('names records removed from the end of the trail, past its newest checkpoint', async () => {
    const ok = (await t.as(auditor, { method: 'POST', url: '/api/audit/verify' })).json();
    expect(ok).toMatchObject({ ok: true, checkpointsChecked: 1 });
    expect(ok.checked).toBeGreaterThan(3);
    await t.services.audit.checkpoint('350526');
    const { head } = (
      await sql<{ head: number }>`SELECT max(seq)::int AS head FROM audit_log`.execute(database.db)
    ).rows[0]!;
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(database.db);
    await sql`DELETE FROM audit_log WHERE seq > ${head - 2}`.execute(database.db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(database.db);
    const bad = (await t.as(auditor, { method: 'POST', url: '/api/audit/verify' })).json();
    expect(bad).toMatchObject({
      ok: false,
      checked: head - 2,
      latestCheckpointSeq: head,
      firstBad: { seq: head - 1, problem: expect.stringMatching(/records removed from the end/) },
    });
  });

  it('verifies the chain, and names the first record altered behind its back', async () => {
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
