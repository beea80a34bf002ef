import { spawnSync } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { requires, testDatabaseUrl } from '../../../../test/support/env.ts';
import { canonicalJson } from '../platform/canonical-json.ts';
import { openDatabase, openPostgres } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';
import { loadAuditKeys } from '../platform/audit/audit-keys.ts';
import { createAuditRepo } from '../platform/audit/audit.repo.ts';
import { createAuditService } from '../platform/audit/audit.service.ts';
import { systemClock } from '../platform/clock.ts';
import { main } from '../cli.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

/** Records written as the server writes them, with the keys of DATA_DIR. */
async function writeRecords(db: Parameters<typeof createAuditService>[0]['db'], n: number, dataDir: string) {
  const keys = loadAuditKeys({ dataDir, create: true });
  const audit = createAuditService({ db, repo: createAuditRepo(), clock: systemClock, keys });
  for (let i = 0; i < n; i++) {
    await audit.record(
      { tenantCode: '350526', userId: 'u1', username: 'dispatcher' },
      { action: 'incident.create', resource: 'incident', resourceId: `i${i}` },
    );
  }
}

describe('ronghui verify-audit', () => {
  it('passes an intact PGlite trail, then fails naming the first removed record', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rh-verify-'));
    process.env.DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
    const database = await openDatabase({ dataDir, command: 'test' });
    await migrate(database);
    await writeRecords(database.db, 6, dataDir);
    await database.close();

    const good = capture();
    expect(await main(['verify-audit'], good.io)).toBe(0);
    expect(good.out.join('\n')).toMatch(/tenant 350526: ok, 6 records, 0 checkpoints/);
    expect(good.out.join('\n')).toMatch(/tenant 350526: checkpoint signed at record 6/);
    const twice = capture();
    expect(await main(['verify-audit'], twice.io)).toBe(0);
    expect(twice.out).toEqual(['tenant 350526: ok, 6 records, 1 checkpoints (newest at record 6)']);

    const again = await openDatabase({ dataDir, command: 'test' });
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(again.db);
    await sql`DELETE FROM audit_log WHERE seq = 4`.execute(again.db);
    await again.close();

    const bad = capture();
    expect(await main(['verify-audit'], bad.io)).toBe(1);
    expect(bad.out.join('\n')).toMatch(/BROKEN at record 5: sequence gap/);
  });

  it.runIf(requires('PostgreSQL (TEST_DATABASE_URL)', Boolean(testDatabaseUrl)))(
    'works on PostgreSQL and names an altered record',
    async () => {
      const schema = `rh_test_cli_${Date.now().toString(36)}`;
      const admin = openPostgres(testDatabaseUrl!);
      await admin.runScript(`CREATE SCHEMA ${schema}`);
      try {
        const dataDir = mkdtempSync(join(tmpdir(), 'rh-verify-pg-'));
        process.env.DATA_DIR = dataDir;
        const database = openPostgres(testDatabaseUrl!, schema);
        await migrate(database);
        await writeRecords(database.db, 5, dataDir);
        await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(database.db);
        await sql`UPDATE audit_log SET actor = 'someone' WHERE seq = 3`.execute(database.db);
        await database.close();
        const sep = testDatabaseUrl!.includes('?') ? '&' : '?';
        process.env.DATABASE_URL = `${testDatabaseUrl}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
        const bad = capture();
        expect(await main(['verify-audit', '--tenant', '350526'], bad.io)).toBe(1);
        expect(bad.out.join('\n')).toMatch(/BROKEN at record 3: content does not match its HMAC-SM3/);
        const usage = capture();
        expect(await main(['verify-audit', '--tenant', 'x'], usage.io)).toBe(1);
        expect(usage.err.join('\n')).toMatch(/--tenant must be a 6-digit code/);
      } finally {
        delete process.env.DATABASE_URL;
        await admin.runScript(`DROP SCHEMA ${schema} CASCADE`);
        await admin.close();
      }
    },
  );

  it('fails on records cut from the end and on checkpoint rows deleted, naming them', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rh-verify-cut-'));
    process.env.DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
    const database = await openDatabase({ dataDir, command: 'test' });
    await migrate(database);
    await writeRecords(database.db, 6, dataDir);
    await database.close();
    expect(await main(['verify-audit'], capture().io)).toBe(0);

    const again = await openDatabase({ dataDir, command: 'test' });
    await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(again.db);
    await sql`ALTER TABLE audit_checkpoints DISABLE TRIGGER USER`.execute(again.db);
    await sql`DELETE FROM audit_log WHERE seq > 4`.execute(again.db);
    await sql`DELETE FROM audit_checkpoints`.execute(again.db);
    await again.close();

    const bad = capture();
    expect(await main(['verify-audit', '--tenant', '350526'], bad.io)).toBe(1);
    expect(bad.out).toEqual([
      expect.stringMatching(
        /^tenant 350526: BROKEN at record 5: missing: the trail ends at record 4, but the signed checkpoint of .* covers 6 records \(records removed from the end\) \(4 records before it are intact\)$/,
      ),
      expect.stringMatching(
        /^tenant 350526: BAD checkpoint of record 6 signed at .* \(table; audit-checkpoints.jsonl line 1\): in the checkpoint file but missing from the table \(checkpoint rows deleted\)$/,
      ),
    ]);
  });

  it('exports the checkpoints with the public key; openssl checks them with nothing else', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rh-export-'));
    process.env.DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
    const database = await openDatabase({ dataDir, command: 'test' });
    await migrate(database);
    await writeRecords(database.db, 3, dataDir);
    await database.close();
    expect(await main(['verify-audit'], capture().io)).toBe(0);

    const printed = capture();
    expect(await main(['audit-checkpoints'], printed.io)).toBe(0);
    const doc = JSON.parse(printed.out.join('\n'));
    expect(doc).toMatchObject({
      algorithm: expect.stringMatching(/SM2/),
      keyId: expect.stringMatching(/^[0-9a-f]{16}$/),
      publicKey: expect.stringMatching(/BEGIN PUBLIC KEY/),
      checkpoints: [{ tenantCode: '350526', seq: 3, recordCount: 3 }],
    });
    const { signature, ...signed } = doc.checkpoints[0];
    const key = createPublicKey(doc.publicKey);
    expect(verify('sm3', Buffer.from(canonicalJson(signed)), key, Buffer.from(signature, 'base64'))).toBe(
      true,
    );

    const out = join(dataDir, 'export.json');
    const written = capture();
    expect(await main(['audit-checkpoints', '--tenant', '350526', '--out', out], written.io)).toBe(0);
    expect(written.out).toEqual([`1 checkpoints written to ${out}`]);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(doc);

    if (requires('jq and openssl on PATH', existsSync('/usr/bin/jq') && existsSync('/usr/bin/openssl'))) {
      // The recipe of the command's help, as an auditor would run it.
      const recipe = `set -e; cd ${dataDir}
jq -cjS '.checkpoints[0] | del(.signature)' export.json > msg
jq -r '.checkpoints[0].signature' export.json | base64 -d > sig
jq -r .publicKey export.json > pub.pem && openssl dgst -sm3 -verify pub.pem -signature sig msg`;
      expect(spawnSync('sh', ['-c', recipe], { encoding: 'utf8' })).toMatchObject({
        status: 0,
        stdout: expect.stringMatching(/Verified OK/),
      });
    }
  });

  it('refuses a PGlite folder held by a running server, saying so', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rh-held-'));
    process.env.DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
    const holder = await openDatabase({ dataDir, command: 'start' });
    try {
      const c = capture();
      expect(await main(['migrate'], c.io)).toBe(1);
      expect(c.err.join('\n')).toMatch(/in use by process \d+ \("ronghui start"/);
    } finally {
      await holder.close();
    }
  });
});
