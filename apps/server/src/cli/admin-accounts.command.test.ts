import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../cli.ts';
import { verifyPassword } from '../platform/auth/password.ts';
import { openDatabase } from '../platform/db/database.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('ronghui create-admin and reset-password (三员分立 on the server)', () => {
  afterEach(() => {
    delete process.env.RONGHUI_ADMIN_PASSWORD;
  });

  it('creates each administrator, resets a password ending its sessions, audited as "cli"', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rh-admins-'));
    process.env.DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
    process.env.RONGHUI_ADMIN_PASSWORD = 'First-pass-2026';
    const tenant = ['--tenant', '350599', '--tenant-name', '测试县公安局'];
    for (const [username, role] of [
      ['sys.one', 'system-admin'],
      ['sec.one', 'security-admin'],
      ['aud.one', 'auditor'],
    ] as const) {
      const c = capture();
      expect(await main(['create-admin', '--username', username, '--role', role, ...tenant], c.io)).toBe(0);
      expect(c.out.join('\n')).toContain(`Created ${role} "${username}"`);
    }
    const badRole = capture();
    expect(
      await main(['create-admin', '--username', 'x.one', '--role', 'commander', ...tenant], badRole.io),
    ).toBe(2);
    expect(badRole.err.join('\n')).toMatch(/--role must be one of system-admin, security-admin, auditor/);

    // A live session and failed logins of the auditor, to be ended and forgotten by the reset.
    let database = await openDatabase({ dataDir, command: 'test' });
    const auditor = await database.db
      .selectFrom('users')
      .select(['id', 'roles', 'display_name'])
      .where('username', '=', 'aud.one')
      .executeTakeFirstOrThrow();
    expect(auditor).toMatchObject({ roles: ['auditor'], display_name: '安全审计员' });
    await database.db
      .insertInto('sessions')
      .values({
        id: crypto.randomUUID(),
        token_hash: 'h1',
        tenant_code: '350599',
        user_id: auditor.id,
        kind: 'session',
      })
      .execute();
    await database.db
      .insertInto('login_failures')
      .values({
        tenant_code: '350599',
        username: 'aud.one',
        source_ip: '10.0.0.9',
        failures: 5,
        locked_until: new Date(Date.now() + 600_000),
        last_failure_at: new Date(),
      })
      .execute();
    await database.close();

    process.env.RONGHUI_ADMIN_PASSWORD = 'Second-pass-2026';
    const reset = capture();
    expect(await main(['reset-password', '--username', 'aud.one', '--tenant', '350599'], reset.io)).toBe(0);
    const unknown = capture();
    expect(await main(['reset-password', '--username', 'nobody', '--tenant', '350599'], unknown.io)).toBe(1);

    database = await openDatabase({ dataDir, command: 'test' });
    try {
      const row = await database.db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', auditor.id)
        .executeTakeFirstOrThrow();
      expect(await verifyPassword('Second-pass-2026', row.password_hash)).toBe(true);
      expect(await verifyPassword('First-pass-2026', row.password_hash)).toBe(false);
      const session = await database.db
        .selectFrom('sessions')
        .select('revoked_at')
        .where('token_hash', '=', 'h1')
        .executeTakeFirstOrThrow();
      expect(session.revoked_at).not.toBeNull();
      expect(await database.db.selectFrom('login_failures').selectAll().execute()).toEqual([]);
      const audit = await database.db
        .selectFrom('audit_log')
        .select(['actor', 'action', 'detail'])
        .where('tenant_code', '=', '350599')
        .orderBy('seq')
        .execute();
      expect(audit.map((a) => [a.actor, a.action])).toEqual([
        ['cli', 'user.create'],
        ['cli', 'user.create'],
        ['cli', 'user.create'],
        ['cli', 'user.password.reset'],
      ]);
      expect(audit[3]!.detail).toMatchObject({
        username: 'aud.one',
        command: 'reset-password',
        sessionsEnded: 1,
      });
    } finally {
      await database.close();
    }
  }, 60_000);
});
