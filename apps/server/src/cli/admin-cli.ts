import type { Kysely } from 'kysely';
import { loadAuditKeys } from '../platform/audit/audit-keys.ts';
import { createAuditRepo } from '../platform/audit/audit.repo.ts';
import { createAuditService } from '../platform/audit/audit.service.ts';
import { passwordProblem } from '../platform/auth/password.ts';
import { systemClock } from '../platform/clock.ts';
import type { Config } from '../config.ts';
import type { DB } from '../platform/db/schema.ts';
import { CliUsageError } from './command.ts';

/** The first line of standard input, trimmed (for --password-stdin). */
export async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split('\n')[0]!.trim();
}

/** The password of an account command: standard input with --password-stdin, else RONGHUI_ADMIN_PASSWORD; checked by the policy. */
export async function adminPassword(values: { 'password-stdin'?: boolean | undefined }): Promise<string> {
  const password = values['password-stdin']
    ? await readPasswordFromStdin()
    : (process.env.RONGHUI_ADMIN_PASSWORD ?? '');
  if (!password) throw new CliUsageError('no password: use --password-stdin or set RONGHUI_ADMIN_PASSWORD');
  const problem = passwordProblem(password);
  if (problem) throw new CliUsageError(`password ${problem}`);
  return password;
}

/** The county a command acts on: --tenant, else TENANT_CODE. */
export function tenantOf(values: { tenant?: string | undefined }, config: Config): string {
  const tenant = values.tenant ?? config.TENANT_CODE;
  if (!/^\d{6}$/.test(tenant)) throw new CliUsageError(`--tenant must be a 6-digit code, got "${tenant}"`);
  return tenant;
}

/**
 * The audit trail as commands on the server use it, under the server's audit keys. Commands that write
 * (actor `cli`) make the keys on a first start; those that only check (`createKeys: false`) never do, so a
 * wrong DATA_DIR is reported as missing keys instead of yielding new ones.
 */
export function cliAudit(db: Kysely<DB>, config: Config, options: { createKeys?: boolean } = {}) {
  const keys = loadAuditKeys({
    auditKey: config.AUDIT_KEY,
    dataDir: config.dataDir,
    create: options.createKeys ?? true,
  });
  return { keys, audit: createAuditService({ db, repo: createAuditRepo(), clock: systemClock, keys }) };
}
