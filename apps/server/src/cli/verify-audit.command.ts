import type { CheckpointProblem } from '../platform/audit/audit.service.ts';
import { type CliCommand, parseCliArgs } from './command.ts';
import { cliAudit } from './admin-cli.ts';
import { withDatabase } from './with-database.ts';

function describeCheckpoint(p: CheckpointProblem): string {
  const which =
    p.seq === null ? 'checkpoint' : `checkpoint of record ${p.seq}${p.at ? ` signed at ${p.at}` : ''}`;
  const where = p.line === undefined ? p.source : `${p.source}; audit-checkpoints.jsonl line ${p.line}`;
  return `${which} (${where}): ${p.problem}`;
}

export const verifyAuditCommand: CliCommand = {
  name: 'verify-audit',
  summary: 'Check the audit log: HMAC-SM3 chain and signed checkpoints; exit 1 naming the first bad record',
  usage: `Usage: ronghui verify-audit [--tenant CODE]

Re-computes the hash chain of every tenant's audit log (or one tenant's) with the audit key (AUDIT_KEY or
DATA_DIR/audit.key) and checks it against every signed checkpoint, in the audit_checkpoints table and in
DATA_DIR/audit-checkpoints.jsonl (public key DATA_DIR/audit-checkpoint.pub). Reports the first record that was
altered, removed (also at the end), inserted out of chain or rewritten without the key, and the first
checkpoint forged, edited or deleted from the table. When all holds, the verified head is checkpointed.
Exit code 0 when intact, 1 otherwise.`,
  async run(args, io) {
    const { values } = parseCliArgs(args, { tenant: { type: 'string' } }, false);
    if (values.tenant !== undefined && !/^\d{6}$/.test(values.tenant))
      throw new Error(`--tenant must be a 6-digit code, got "${values.tenant}"`);
    return withDatabase('verify-audit', async (database, config) => {
      const { keys, audit } = cliAudit(database.db, config, { createKeys: false });
      const tenants = values.tenant ? [values.tenant] : await audit.tenants();
      let bad = 0;
      for (const t of tenants) {
        const result = await audit.verify(t);
        if (result.firstBad) {
          io.out(
            `tenant ${t}: BROKEN at record ${result.firstBad.seq}: ${result.firstBad.problem} (${result.checked} records before it are intact)`,
          );
        }
        if (result.badCheckpoint) io.out(`tenant ${t}: BAD ${describeCheckpoint(result.badCheckpoint)}`);
        if (!result.ok) {
          bad++;
          continue;
        }
        const newest =
          result.latestCheckpointSeq === null ? '' : ` (newest at record ${result.latestCheckpointSeq})`;
        io.out(
          `tenant ${t}: ok, ${result.checked} records, ${result.checkpointsChecked} checkpoints${newest}`,
        );
        const outcome = await audit.checkpoint(t);
        if ('written' in outcome) io.out(`tenant ${t}: checkpoint signed at record ${outcome.written.seq}`);
        else if ('refused' in outcome) {
          // The trail changed between the check and the checkpoint: report it like any other break.
          bad++;
          io.out(`tenant ${t}: BROKEN at record ${outcome.refused.seq}: ${outcome.refused.problem}`);
        }
      }
      if (tenants.length === 0) io.out('No audit records yet.');
      if (!keys.chainKey)
        io.err('No audit key found (AUDIT_KEY or DATA_DIR/audit.key): keyed records cannot be checked.');
      return bad ? 1 : 0;
    });
  },
};
