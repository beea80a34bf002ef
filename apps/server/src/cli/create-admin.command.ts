import { randomUUID } from 'node:crypto';
import { hashPassword } from '../platform/auth/password.ts';
import { systemPrincipal } from '../platform/auth/principal.ts';
import { type CliCommand, CliUsageError, parseCliArgs } from './command.ts';
import { adminPassword, cliAudit, tenantOf } from './admin-cli.ts';
import { withDatabase } from './with-database.ts';

const ADMIN_ROLE_KEYS = ['system-admin', 'security-admin', 'auditor'] as const;
type AdminRole = (typeof ADMIN_ROLE_KEYS)[number];
const DEFAULT_NAMES: Record<AdminRole, string> = {
  'system-admin': '系统管理员',
  'security-admin': '安全管理员',
  auditor: '安全审计员',
};

export const createAdminCommand: CliCommand = {
  name: 'create-admin',
  summary: 'Create an administrator account (system, security or audit; and the tenant) on the server',
  usage: `Usage: ronghui create-admin --username NAME [--role ROLE] [--tenant CODE --tenant-name NAME] [--password-stdin]

Creates an administrator account. Outside demo mode no account or default password exists until this is
run. The three administrators (三员分立: system-admin, security-admin, auditor) are separate accounts made
only here, on the server: through the API nobody can create them, give their roles or reset their
passwords (use \`ronghui reset-password\`). Recorded in the audit trail with the actor "cli". The password is read from standard input (first line) with --password-stdin, otherwise from
the RONGHUI_ADMIN_PASSWORD environment variable; it needs ≥ 10 characters with letters and digits.
When the tenant does not exist yet it is created (with --tenant-name), as the root of its organisation.

Options:
  --username NAME      account name (lowercase letters, digits, . _ -)
  --role ROLE          system-admin (default), security-admin or auditor
  --tenant CODE        6-digit division code of the county (default TENANT_CODE)
  --tenant-name NAME   name of the bureau, e.g. 德化县公安局 (needed when the tenant is new)
  --display-name NAME  shown in the console (default: the role's name, e.g. 系统管理员)
  --password-stdin     read the password from standard input`,
  async run(args, io) {
    const { values } = parseCliArgs(
      args,
      {
        username: { type: 'string' },
        role: { type: 'string' },
        tenant: { type: 'string' },
        'tenant-name': { type: 'string' },
        'display-name': { type: 'string' },
        'password-stdin': { type: 'boolean' },
      },
      false,
    );
    const username = values.username;
    if (!username || !/^[a-z0-9][a-z0-9._-]{2,39}$/.test(username))
      throw new CliUsageError('--username is required: 3–40 lowercase letters, digits, . _ -');
    const role = (values.role ?? 'system-admin') as AdminRole;
    if (!ADMIN_ROLE_KEYS.includes(role))
      throw new CliUsageError(`--role must be one of ${ADMIN_ROLE_KEYS.join(', ')}, got "${values.role}"`);
    const password = await adminPassword(values);
    return withDatabase('create-admin', async (database, config) => {
      const tenant = tenantOf(values, config);
      const { db } = database;
      const { audit } = cliAudit(db, config);
      const exists = await db
        .selectFrom('tenants')
        .select('tenant_code')
        .where('tenant_code', '=', tenant)
        .executeTakeFirst();
      if (!exists && !values['tenant-name'])
        throw new CliUsageError(`tenant ${tenant} does not exist yet: give --tenant-name`);
      if (
        await db
          .selectFrom('users')
          .select('id')
          .where('tenant_code', '=', tenant)
          .where('username', '=', username)
          .executeTakeFirst()
      ) {
        throw new Error(`user "${username}" already exists in tenant ${tenant}`);
      }
      const passwordHash = await hashPassword(password);
      const id = randomUUID();
      await db.transaction().execute(async (trx) => {
        if (!exists) {
          const name = values['tenant-name']!;
          await trx
            .insertInto('tenants')
            .values({ tenant_code: tenant, name, county: name, attribution: '[]' })
            .execute();
          await trx
            .insertInto('orgs')
            .values({ id: tenant, tenant_code: tenant, parent_id: null, kind: 'tenant', code: tenant, name })
            .execute();
        }
        await trx
          .insertInto('users')
          .values({
            id,
            tenant_code: tenant,
            username,
            display_name: values['display-name'] ?? DEFAULT_NAMES[role],
            password_hash: passwordHash,
            roles: [role],
            org_id: tenant,
          })
          .execute();
        await audit.write(trx, systemPrincipal(tenant, tenant, 'cli'), {
          action: 'user.create',
          resource: 'user',
          resourceId: id,
          detail: { username, roles: [role], via: 'cli', command: 'create-admin' },
        });
      });
      io.out(`Created ${role} "${username}" in tenant ${tenant}.`);
      return 0;
    });
  },
};
