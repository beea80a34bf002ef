import { spawnSync } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../../../test/support/db.ts';
import { requires } from '../../../../../test/support/env.ts';
import { canonicalJson } from '../canonical-json.ts';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { systemClock } from '../clock.ts';
import { chainHash, GENESIS_HASH } from './audit-chain.ts';
import type { AuditCheckpoint } from './audit-checkpoints.ts';
import { auditKeyFiles, loadAuditKeys } from './audit-keys.ts';
import { createAuditRepo } from './audit.repo.ts';
import { createAuditService } from './audit.service.ts';

const TENANT = '350526';
const actor = { tenantCode: TENANT, userId: 'u1', username: 'dispatcher' };

let open: Database[] = [];
afterEach(async () => {
  for (const d of open) await d.close();
  open = [];
});

async function setup(records = 0) {
  const database = await openTestDatabase('pglite');
  open.push(database);
  const dataDir = mkdtempSync(join(tmpdir(), 'rh-audit-cp-'));
  const keys = loadAuditKeys({ dataDir, create: true });
  const audit = createAuditService({ db: database.db, repo: createAuditRepo(), clock: systemClock, keys });
  await write(audit, records);
  return { db: database.db, dataDir, keys, audit, files: auditKeyFiles(dataDir) };
}

async function write(audit: ReturnType<typeof createAuditService>, n: number) {
  for (let i = 0; i < n; i++)
    await audit.record(actor, { action: 'incident.create', resource: 'incident', resourceId: `i${i}` });
}

/** What the database owner can do: switch the guards off and change the tables directly. */
async function asOwner(db: Kysely<DB>, change: () => Promise<unknown>) {
  await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(db);
  await sql`ALTER TABLE audit_checkpoints DISABLE TRIGGER USER`.execute(db);
  await change();
  await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(db);
  await sql`ALTER TABLE audit_checkpoints ENABLE TRIGGER USER`.execute(db);
}

function fileLines(file: string): AuditCheckpoint[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as AuditCheckpoint);
}

async function checkpointNow(audit: ReturnType<typeof createAuditService>): Promise<AuditCheckpoint> {
  const outcome = await audit.checkpoint(TENANT);
  if (!('written' in outcome)) throw new Error(`no checkpoint: ${JSON.stringify(outcome)}`);
  return outcome.written;
}

describe('audit checkpoints', () => {
  it('keeps the keys in DATA_DIR: chain key and private key mode 600, same keys on the next start', async () => {
    const { dataDir, keys, files } = await setup();
    expect(statSync(files.chainKey).mode & 0o777).toBe(0o600);
    expect(statSync(files.privateKey).mode & 0o777).toBe(0o600);
    expect(readFileSync(files.chainKey, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    const again = loadAuditKeys({ dataDir, create: true });
    expect(again.chainKey!.equals(keys.chainKey!)).toBe(true);
    expect(again.checkpointKey!.keyId).toBe(keys.checkpointKey!.keyId);
    const fromEnv = loadAuditKeys({ dataDir, create: false, auditKey: 'ab'.repeat(32) });
    expect(fromEnv.chainKey!.toString('hex')).toBe('ab'.repeat(32));
    const elsewhere = loadAuditKeys({ dataDir: mkdtempSync(join(tmpdir(), 'rh-none-')), create: false });
    expect(elsewhere).toMatchObject({ chainKey: undefined, checkpointKey: undefined });
  });

  it('signs the head to the table and the file, only when it moved; the public key alone checks it', async () => {
    const { db, audit, keys, files } = await setup(5);
    const cp = await checkpointNow(audit);
    expect(cp).toMatchObject({
      tenantCode: TENANT,
      seq: 5,
      recordCount: 5,
      keyId: keys.checkpointKey!.keyId,
    });
    expect(await audit.checkpoint(TENANT)).toEqual({ skipped: 'head unchanged' });
    await write(audit, 2);
    expect((await checkpointNow(audit)).seq).toBe(7);
    const rows = await db
      .selectFrom('audit_checkpoints')
      .select(['seq', 'signature'])
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.seq)).toEqual([5, 7]);
    expect(fileLines(files.checkpoints).map((c) => c.seq)).toEqual([5, 7]);
    expect((await audit.listCheckpoints(TENANT)).items.map((c) => c.seq)).toEqual([7, 5]);

    // Outside Ronghui: the PEM of the public key and the checkpoint, nothing else.
    const publicKey = createPublicKey(readFileSync(files.publicKey, 'utf8'));
    const { signature, ...signed } = cp;
    const message = Buffer.from(canonicalJson(signed));
    expect(verify('sm3', message, publicKey, Buffer.from(signature, 'base64'))).toBe(true);
    const edited = Buffer.from(canonicalJson({ ...signed, seq: 6 }));
    expect(verify('sm3', edited, publicKey, Buffer.from(signature, 'base64'))).toBe(false);
  });

  it.runIf(requires('openssl on PATH', existsSync('/usr/bin/openssl')))(
    'checkpoints are standard SM2 signatures: openssl checks them with the public key file',
    async () => {
      const { audit, files, dataDir } = await setup(3);
      const { signature, ...signed } = await checkpointNow(audit);
      writeFileSync(join(dataDir, 'msg'), canonicalJson(signed));
      writeFileSync(join(dataDir, 'sig'), Buffer.from(signature, 'base64'));
      const check = (msg: string) =>
        spawnSync(
          'openssl',
          ['dgst', '-sm3', '-verify', files.publicKey, '-signature', join(dataDir, 'sig'), msg],
          { encoding: 'utf8' },
        );
      expect(check(join(dataDir, 'msg'))).toMatchObject({
        status: 0,
        stdout: expect.stringMatching(/Verified OK/),
      });
      writeFileSync(join(dataDir, 'forged'), canonicalJson({ ...signed, recordCount: 2 }));
      expect(check(join(dataDir, 'forged'))).toMatchObject({
        status: 1,
        stdout: expect.stringMatching(/Verification failure/),
      });
    },
  );

  it('an intact trail verifies against its checkpoints', async () => {
    const { audit } = await setup(4);
    await checkpointNow(audit);
    await write(audit, 3);
    expect(await audit.verify(TENANT)).toEqual({
      ok: true,
      checked: 7,
      checkpointsChecked: 1,
      latestCheckpointSeq: 4,
    });
  });

  it('a legacy unkeyed prefix keeps verifying; unkeyed records are refused after the first keyed one', async () => {
    const database = await openTestDatabase('pglite');
    open.push(database);
    const { db } = database;
    // Records written before the audit key existed: unkeyed SM3, hash_alg 'sm3'.
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= 3; seq++) {
      const entry = {
        tenantCode: TENANT,
        seq,
        at: new Date(Date.UTC(2026, 11, 1, 8, 0, seq)),
        actorId: 'u0',
        actor: 'old-server',
        action: 'incident.create',
        resource: 'incident',
        resourceId: `old${seq}`,
        outcome: 'ok' as const,
        reason: null,
        ip: null,
        detail: { n: seq },
      };
      const hash = chainHash(prev, entry);
      await db
        .insertInto('audit_log')
        .values({
          tenant_code: TENANT,
          seq,
          at: entry.at,
          actor_id: entry.actorId,
          actor: entry.actor,
          action: entry.action,
          resource: entry.resource,
          resource_id: entry.resourceId,
          outcome: 'ok',
          reason: null,
          ip: null,
          detail: JSON.stringify(entry.detail),
          prev_hash: prev,
          hash,
          hash_alg: 'sm3',
        })
        .execute();
      prev = hash;
    }
    const keys = loadAuditKeys({ dataDir: mkdtempSync(join(tmpdir(), 'rh-legacy-')), create: true });
    const audit = createAuditService({ db, repo: createAuditRepo(), clock: systemClock, keys });
    await write(audit, 3);
    const algs = await db.selectFrom('audit_log').select('hash_alg').orderBy('seq').execute();
    expect(algs.map((r) => r.hash_alg)).toEqual(['sm3', 'sm3', 'sm3', 'hmac-sm3', 'hmac-sm3', 'hmac-sm3']);
    expect(await audit.verify(TENANT)).toMatchObject({ ok: true, checked: 6 });
    expect((await checkpointNow(audit)).seq).toBe(6);
    expect(await audit.verify(TENANT)).toMatchObject({ ok: true, checked: 6, checkpointsChecked: 1 });

    // Record 5 edited and given the unkeyed algorithm with a recomputed SM3 hash (and record 6 after it).
    await asOwner(db, async () => {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>=', 5)
        .orderBy('seq')
        .execute();
      let link = (
        await db.selectFrom('audit_log').select('hash').where('seq', '=', 4).executeTakeFirstOrThrow()
      ).hash;
      for (const r of rows) {
        const reason = r.seq === 5 ? 'covered up' : r.reason;
        const hash = chainHash(link, {
          tenantCode: r.tenant_code,
          seq: r.seq,
          at: r.at,
          actorId: r.actor_id,
          actor: r.actor,
          action: r.action,
          resource: r.resource,
          resourceId: r.resource_id,
          outcome: r.outcome,
          reason,
          ip: r.ip,
          detail: r.detail,
        });
        await db
          .updateTable('audit_log')
          .set({ reason, prev_hash: link, hash, hash_alg: 'sm3' })
          .where('seq', '=', r.seq)
          .execute();
        link = hash;
      }
    });
    expect(await audit.verify(TENANT)).toMatchObject({
      ok: false,
      checked: 4,
      firstBad: {
        seq: 5,
        problem: expect.stringMatching(
          /unkeyed SM3 record after the keyed chain began \(record 4 is keyed\)/,
        ),
      },
    });
  });

  it('records deleted at the end: the trail is shorter than its newest checkpoint', async () => {
    const { db, audit } = await setup(6);
    await checkpointNow(audit);
    await asOwner(db, () => sql`DELETE FROM audit_log WHERE seq > 4`.execute(db));
    expect(await audit.verify(TENANT)).toMatchObject({
      ok: false,
      checked: 4,
      firstBad: {
        seq: 5,
        problem: expect.stringMatching(
          /trail ends at record 4, but the signed checkpoint of .* covers 6 records/,
        ),
      },
    });
    // and the cut head is never signed
    expect(await audit.checkpoint(TENANT)).toMatchObject({ refused: { seq: 5 } });
  });

  it('a record edited: its HMAC fails', async () => {
    const { db, audit } = await setup(5);
    await checkpointNow(audit);
    await asOwner(db, () => sql`UPDATE audit_log SET actor = 'someone' WHERE seq = 3`.execute(db));
    expect(await audit.verify(TENANT)).toMatchObject({
      ok: false,
      checked: 2,
      firstBad: { seq: 3, problem: expect.stringMatching(/does not match its HMAC-SM3/) },
    });
  });

  it('the chain recomputed without the key, as legacy SM3 throughout: the signed checkpoint catches it', async () => {
    const { db, audit } = await setup(5);
    await checkpointNow(audit);
    await write(audit, 2);
    await asOwner(db, async () => {
      let link = GENESIS_HASH;
      for (const r of await db.selectFrom('audit_log').selectAll().orderBy('seq').execute()) {
        const reason = r.seq === 2 ? 'covered up' : r.reason;
        const hash = chainHash(link, {
          tenantCode: r.tenant_code,
          seq: r.seq,
          at: r.at,
          actorId: r.actor_id,
          actor: r.actor,
          action: r.action,
          resource: r.resource,
          resourceId: r.resource_id,
          outcome: r.outcome,
          reason,
          ip: r.ip,
          detail: r.detail,
        });
        await db
          .updateTable('audit_log')
          .set({ reason, prev_hash: link, hash, hash_alg: 'sm3' })
          .where('seq', '=', r.seq)
          .execute();
        link = hash;
      }
    });
    expect(await audit.verify(TENANT)).toMatchObject({
      ok: false,
      checked: 0,
      firstBad: {
        seq: 5,
        problem: expect.stringMatching(/differs from the signed checkpoint of .*recomputed/),
      },
    });
    expect(await audit.checkpoint(TENANT)).toMatchObject({ refused: { seq: 5 } });
  });

  it('checkpoint rows deleted from the table: the file still has them', async () => {
    const { db, audit } = await setup(3);
    await checkpointNow(audit);
    await write(audit, 2);
    await checkpointNow(audit);
    await asOwner(db, () => sql`DELETE FROM audit_checkpoints WHERE seq = 5`.execute(db));
    expect(await audit.verify(TENANT)).toMatchObject({
      ok: false,
      checked: 5,
      badCheckpoint: {
        source: 'table',
        seq: 5,
        line: 2,
        problem: expect.stringMatching(/in the checkpoint file but missing from the table/),
      },
    });
  });

  it('records and checkpoint rows cut together: the file still tells', async () => {
    const { db, audit } = await setup(3);
    await checkpointNow(audit);
    await write(audit, 3);
    await checkpointNow(audit);
    await asOwner(db, async () => {
      await sql`DELETE FROM audit_checkpoints WHERE seq = 6`.execute(db);
      await sql`DELETE FROM audit_log WHERE seq > 3`.execute(db);
    });
    const result = await audit.verify(TENANT);
    expect(result).toMatchObject({
      ok: false,
      firstBad: { seq: 4, problem: expect.stringMatching(/ends at record 3, .*covers 6 records/) },
      badCheckpoint: { seq: 6, problem: expect.stringMatching(/missing from the table/) },
    });
  });

  it('a checkpoint edited or forged, in the table or the file: its signature fails', async () => {
    const { db, audit } = await setup(4);
    const cp = await checkpointNow(audit);
    await asOwner(db, () => sql`UPDATE audit_checkpoints SET record_count = 3, seq = 3`.execute(db));
    expect((await audit.verify(TENANT)).badCheckpoint).toMatchObject({
      source: 'table',
      seq: 3,
      problem: expect.stringMatching(/signature does not verify/),
    });

    const { db: db2, audit: audit2, files: files2 } = await setup(4);
    const cp2 = await checkpointNow(audit2);
    writeFileSync(files2.checkpoints, `${JSON.stringify({ ...cp2, headHash: '0'.repeat(64) })}\n`);
    expect((await audit2.verify(TENANT)).badCheckpoint).toMatchObject({
      source: 'file',
      seq: 4,
      line: 1,
      problem: expect.stringMatching(/signature does not verify/),
    });
    // A checkpoint signed with some other key, added to table and file.
    writeFileSync(files2.checkpoints, `${JSON.stringify(cp2)}\n${JSON.stringify({ ...cp, seq: 9 })}\n`);
    expect((await audit2.verify(TENANT)).badCheckpoint).toMatchObject({
      source: 'file',
      seq: 9,
      problem: expect.stringMatching(/signed by key [0-9a-f]{16}, not by this installation's key/),
    });
    writeFileSync(files2.checkpoints, `${JSON.stringify(cp2)}\nnot json\n`);
    expect((await audit2.verify(TENANT)).badCheckpoint).toMatchObject({
      source: 'file',
      line: 2,
      problem: expect.stringMatching(/not a checkpoint/),
    });
    // A row put into the table with a signature copied from another checkpoint.
    await db2
      .insertInto('audit_checkpoints')
      .values({
        tenant_code: TENANT,
        seq: 2,
        head_hash: cp2.headHash,
        record_count: 2,
        at: cp2.at,
        key_id: cp2.keyId,
        signature: cp2.signature,
      })
      .execute();
    expect((await audit2.verify(TENANT)).badCheckpoint).toMatchObject({
      source: 'table',
      seq: 2,
      problem: expect.stringMatching(/signature does not verify/),
    });
  });

  it('the guard refuses updates and deletes of checkpoints', async () => {
    const { db, audit } = await setup(2);
    await checkpointNow(audit);
    await expect(sql`UPDATE audit_checkpoints SET seq = 1`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_checkpoints`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_checkpoints`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('a running server checkpoints when the head moved, and once more when it stops', async () => {
    const { audit, files } = await setup(2);
    const errors: unknown[] = [];
    const running = audit.startCheckpoints({
      log: { error: (...a: unknown[]) => errors.push(a) },
      intervalMs: 20,
    });
    for (let i = 0; i < 100 && !existsSync(files.checkpoints); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(fileLines(files.checkpoints).map((c) => c.seq)).toEqual([2]);
    await write(audit, 1);
    await running.stop();
    const seqs = fileLines(files.checkpoints).map((c) => c.seq);
    expect(seqs.at(-1)).toBe(3);
    expect(errors).toEqual([]);
    // After a verify that passes, a running server signs the verified head.
    const again = audit.startCheckpoints({ log: { error: () => {} }, intervalMs: 60_000 });
    await write(audit, 1);
    await audit.verify(TENANT);
    expect(fileLines(files.checkpoints).at(-1)!.seq).toBe(4);
    await again.stop();
  });
});
