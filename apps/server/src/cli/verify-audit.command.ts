import { createAuditRepo } from '../platform/audit/audit.repo.ts';
import { createAuditService } from '../platform/audit/audit.service.ts';
import { systemClock } from '../platform/clock.ts';
import { type CliCommand, parseCliArgs } from './command.ts';
import { withDatabase } from './with-database.ts';

export const verifyAuditCommand: CliCommand = {
  name: 'verify-audit',
  summary: 'Check the SM3 hash chain of the audit log; exit 1 naming the first bad record',
  usage: `Usage: ronghui verify-audit [--tenant CODE]

Re-computes the SM3 hash chain of every tenant's audit log (or one tenant's) and reports the first record
that was altered, removed or inserted out of chain. Exit code 0 when intact, 1 otherwise.`,
  async run(args, io) {
    const { values } = parseCliArgs(args, { tenant: { type: 'string' } }, false);
    if (values.tenant !== undefined && !/^\d{6}$/.test(values.tenant))
      throw new Error(`--tenant must be a 6-digit code, got "${values.tenant}"`);
    return withDatabase('verify-audit', async (database) => {
      const audit = createAuditService({ db: database.db, repo: createAuditRepo(), clock: systemClock });
      const tenants = values.tenant ? [values.tenant] : await audit.tenants();
      let bad = 0;
      for (const t of tenants) {
        const result = await audit.verify(t);
        if (result.firstBad) {
          bad++;
          io.out(
            `tenant ${t}: BROKEN at record ${result.firstBad.seq}: ${result.firstBad.problem} (${result.checked} records before it are intact)`,
          );
        } else {
          io.out(`tenant ${t}: ok, ${result.checked} records`);
        }
      }
      if (tenants.length === 0) io.out('No audit records yet.');
      return bad ? 1 : 0;
    });
  },
};
