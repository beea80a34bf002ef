import { writeFileSync } from 'node:fs';
import { CHECKPOINT_SIGNATURE_ALGORITHM } from '../platform/audit/audit-keys.ts';
import { type CliCommand, parseCliArgs } from './command.ts';
import { cliAudit } from './admin-cli.ts';
import { withDatabase } from './with-database.ts';

export const auditCheckpointsCommand: CliCommand = {
  name: 'audit-checkpoints',
  summary: 'Export the signed audit checkpoints with the public key that checks them',
  usage: `Usage: ronghui audit-checkpoints [--tenant CODE] [--out FILE]

Prints (or writes to FILE) one JSON document: the signature algorithm, the public key (PEM, also in
DATA_DIR/audit-checkpoint.pub) and its id, and every tenant's (or one tenant's) checkpoints, oldest first.
Each checkpoint's signature is SM2 over SM3 (base64, DER) of the canonical JSON of its other fields (keys
sorted, no spaces): keep the export apart from the server and check it with the public key alone, e.g.
  jq -cjS '.checkpoints[0] | del(.signature)' FILE > msg
  jq -r '.checkpoints[0].signature' FILE | base64 -d > sig
  jq -r .publicKey FILE > pub.pem && openssl dgst -sm3 -verify pub.pem -signature sig msg`,
  async run(args, io) {
    const { values } = parseCliArgs(args, { tenant: { type: 'string' }, out: { type: 'string' } }, false);
    if (values.tenant !== undefined && !/^\d{6}$/.test(values.tenant))
      throw new Error(`--tenant must be a 6-digit code, got "${values.tenant}"`);
    return withDatabase('audit-checkpoints', async (database, config) => {
      const { keys, audit } = cliAudit(database.db, config, { createKeys: false });
      const tenants = values.tenant ? [values.tenant] : await audit.tenants();
      const checkpoints = [];
      for (const t of tenants) checkpoints.push(...(await audit.listCheckpoints(t)).items.reverse());
      const doc = {
        algorithm: CHECKPOINT_SIGNATURE_ALGORITHM,
        keyId: keys.checkpointKey?.keyId ?? null,
        publicKey: keys.checkpointKey?.publicKeyPem ?? null,
        checkpoints,
      };
      const text = `${JSON.stringify(doc, null, 2)}\n`;
      if (values.out) {
        writeFileSync(values.out, text);
        io.out(`${checkpoints.length} checkpoints written to ${values.out}`);
      } else io.out(text.trimEnd());
      if (!keys.checkpointKey) {
        io.err('No audit-checkpoint.pub in DATA_DIR: the checkpoints cannot be checked without it.');
        return 1;
      }
      return 0;
    });
  },
};
