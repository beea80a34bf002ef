import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { requires, testDatabaseUrl } from '../../../../test/support/env.ts';
import { openDatabase, openPostgres } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';
import { createAuditRepo } from '../platform/audit/audit.repo.ts';
import { createAuditService } from '../platform/audit/audit.service.ts';
import { systemClock } from '../platform/clock.ts';
import { main } from '../cli.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

async function writeRecords(db: Parameters<typeof createAuditService>[0]['db'], n: number) {
  const audit = createAuditService({ db, repo: createAuditRepo(), clock: systemClock });
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
    await writeRecords(database.db, 6);
    await database.close();

    const good = capture();
    expect(await main(['verify-audit'], good.io)).toBe(0);
    expect(good.out.join('\n')).toMatch(/tenant 350526: ok, 6 records/);

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
        const database = openPostgres(testDatabaseUrl!, schema);
        await migrate(database);
        await writeRecords(database.db, 5);
        await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(database.db);
        await sql`UPDATE audit_log SET actor = 'someone' WHERE seq = 3`.execute(database.db);
        await database.close();
        const sep = testDatabaseUrl!.includes('?') ? '&' : '?';
        process.env.DATABASE_URL = `${testDatabaseUrl}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
        const bad = capture();
        expect(await main(['verify-audit', '--tenant', '350526'], bad.io)).toBe(1);
        expect(bad.out.join('\n')).toMatch(/BROKEN at record 3: content does not match/);
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
