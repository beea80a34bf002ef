import { createLoginFailuresRepo } from '../platform/auth/login-failures.repo.ts';
import { hashPassword } from '../platform/auth/password.ts';
import { systemPrincipal } from '../platform/auth/principal.ts';
import { createSessionsRepo } from '../platform/auth/sessions.repo.ts';
import { systemClock } from '../platform/clock.ts';
import { type CliCommand, CliUsageError, parseCliArgs } from './command.ts';
import { adminPassword, cliAudit, tenantOf } from './admin-cli.ts';
import { withDatabase } from './with-database.ts';

export const resetPasswordCommand: CliCommand = {
  name: 'reset-password',
  summary: "Set an account's password on the server (the only way for administrator accounts)",
  usage: `Usage: ronghui reset-password --username NAME [--tenant CODE] [--password-stdin]

Sets a new password for an account, ends all its sessions and bearer tokens and forgets its failed
logins. Administrator accounts (system-admin, security-admin, auditor) can have their password reset only
here, on the server, never through the API (三员分立). The password is read from standard input (first
line) with --password-stdin, otherwise from RONGHUI_ADMIN_PASSWORD; it needs ≥ 10 characters with letters
and digits. Recorded in the audit trail with the actor "cli".

Options:
  --username NAME      the account
  --tenant CODE        6-digit division code of the county (default TENANT_CODE)
  --password-stdin     read the password from standard input`,
  async run(args, io) {
    const { values } = parseCliArgs(
      args,
      { username: { type: 'string' }, tenant: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
      false,
    );
    const username = values.username;
    if (!username) throw new CliUsageError('--username is required');
    const password = await adminPassword(values);
    return withDatabase('reset-password', async (database, config) => {
      const tenant = tenantOf(values, config);
      const { db } = database;
      const user = await db
        .selectFrom('users')
        .select('id')
        .where('tenant_code', '=', tenant)
        .where('username', '=', username)
        .executeTakeFirst();
      if (!user) throw new Error(`no user "${username}" in tenant ${tenant}`);
      const { audit } = cliAudit(db, config);
      const passwordHash = await hashPassword(password);
      const now = systemClock.now();
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({ password_hash: passwordHash, updated_at: now })
          .where('tenant_code', '=', tenant)
          .where('id', '=', user.id)
          .execute();
        const ended = await createSessionsRepo().revokeOfUser(trx, tenant, user.id, now);
        await createLoginFailuresRepo().clearAccount(trx, tenant, username);
        await audit.write(trx, systemPrincipal(tenant, tenant, 'cli'), {
          action: 'user.password.reset',
          resource: 'user',
          resourceId: user.id,
          detail: { username, via: 'cli', command: 'reset-password', sessionsEnded: ended.length },
        });
      });
      io.out(`New password set for "${username}" in tenant ${tenant}; its sessions and tokens have ended.`);
      return 0;
    });
  },
};
