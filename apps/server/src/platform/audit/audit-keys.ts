import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFieldKey } from '../privacy/field-crypto.ts';

/**
 * The secrets that make the audit trail tamper-evident against the database owner, kept outside the database:
 * - the chain key (`AUDIT_KEY`, else `<DATA_DIR>/audit.key`, 64 hex characters, mode 600): HMAC-SM3 of every
 *   record; servers sharing one database must all have the same one;
 * - the checkpoint key pair (`<DATA_DIR>/audit-checkpoint.key`, PKCS#8 PEM, mode 600, and
 *   `audit-checkpoint.pub`, SPKI PEM): SM2 signatures (GB/T 32918, SM3 digest, the default user id
 *   1234567812345678) over checkpoints, which anyone holding the public key can check, with
 *   `openssl dgst -sm3 -verify audit-checkpoint.pub` or node:crypto.
 * Back them up with the database, apart from it: without the chain key the trail cannot be verified.
 */
export interface AuditKeys {
  /** Undefined when only verifying and no key was found: keyed records are then reported unverifiable. */
  chainKey: Buffer | undefined;
  checkpointKey: CheckpointKey | undefined;
  /** `<DATA_DIR>/audit-checkpoints.jsonl`: a copy of every checkpoint written by this installation. */
  checkpointFile: string;
}

export interface CheckpointKey {
  /** First 16 hex digits of SM3 over the public key (DER). */
  keyId: string;
  publicKeyPem: string;
  publicKey: KeyObject;
  /** Absent when only the public key is at hand (checking, not signing). */
  privateKey?: KeyObject;
}

/** What the checkpoints' signatures are, in words. */
export const CHECKPOINT_SIGNATURE_ALGORITHM = 'SM2 signature over SM3 (GB/T 32918, user id 1234567812345678)';

export const auditKeyFiles = (dataDir: string) => ({
  chainKey: join(dataDir, 'audit.key'),
  privateKey: join(dataDir, 'audit-checkpoint.key'),
  publicKey: join(dataDir, 'audit-checkpoint.pub'),
  checkpoints: join(dataDir, 'audit-checkpoints.jsonl'),
});

/**
 * Loads the audit keys; `create` (a server, or a command that writes audit records) makes missing ones on
 * first use, as the field key is made. Verifying commands pass `create: false` so that a wrong DATA_DIR
 * reports missing keys instead of inventing new ones.
 */
export function loadAuditKeys(options: {
  auditKey?: string | undefined;
  dataDir: string;
  create: boolean;
}): AuditKeys {
  const files = auditKeyFiles(options.dataDir);
  const chainKey =
    options.create || options.auditKey || existsSync(files.chainKey)
      ? loadFieldKey({ fieldKey: options.auditKey, keyFile: files.chainKey })
      : undefined;
  return {
    chainKey,
    checkpointKey: loadCheckpointKey(files, options.create),
    checkpointFile: files.checkpoints,
  };
}

function loadCheckpointKey(
  files: ReturnType<typeof auditKeyFiles>,
  create: boolean,
): CheckpointKey | undefined {
  if (!existsSync(files.privateKey) && create) {
    mkdirSync(join(files.privateKey, '..'), { recursive: true });
    const pair = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    try {
      writeFileSync(files.privateKey, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), {
        flag: 'wx',
        mode: 0o600,
      });
      chmodSync(files.privateKey, 0o600);
      writeFileSync(files.publicKey, pair.publicKey.export({ type: 'spki', format: 'pem' }));
    } catch (error) {
      // Another process made the pair first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const privateKey = existsSync(files.privateKey)
    ? // Loaded from PEM, an SM2 key signs with SM2 (a key object fresh from generateKeyPairSync would do ECDSA).
      createPrivateKey(readFileSync(files.privateKey))
    : undefined;
  let publicKeyPem: string;
  if (existsSync(files.publicKey)) publicKeyPem = readFileSync(files.publicKey, 'utf8');
  else if (privateKey) {
    publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
    writeFileSync(files.publicKey, publicKeyPem);
  } else return undefined;
  const publicKey = createPublicKey(publicKeyPem);
  const key: CheckpointKey = { keyId: keyIdOf(publicKey), publicKeyPem, publicKey };
  if (privateKey) {
    key.privateKey = privateKey;
    selfTest(key);
  }
  return key;
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sm3')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** SM2 signature over SM3 of `message`, base64. */
export function signCheckpointMessage(privateKey: KeyObject, message: string): string {
  return sign('sm3', Buffer.from(message, 'utf8'), privateKey).toString('base64');
}

export function verifyCheckpointMessage(publicKey: KeyObject, message: string, signature: string): boolean {
  try {
    return verify('sm3', Buffer.from(message, 'utf8'), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

// A signature made by `openssl dgst -sm3 -sign` with an SM2 key: this runtime must check it as SM2 does.
const KNOWN_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAE+COhb+zqhmpbMrwcCCNS8mloivWV
LK0R0ERlD+/JwTVAxyGUninxvgbreHbFI1wT9OK+95uMC9N9h570h8uJwg==
-----END PUBLIC KEY-----
`;
const KNOWN_MESSAGE = 'ronghui audit checkpoint self-test';
const KNOWN_SIGNATURE =
  'MEYCIQDTiAXcUPC5pAu/DKFeu1JoBYGR4ZV19CSFxBAequaF6gIhAIZA4hFSpJVRCx+S0MkXzG8VKx42Yt8Viu5b9LW61Lf6';

function selfTest(key: CheckpointKey): void {
  const known = verifyCheckpointMessage(createPublicKey(KNOWN_PUBLIC_KEY), KNOWN_MESSAGE, KNOWN_SIGNATURE);
  const own = verifyCheckpointMessage(
    key.publicKey,
    KNOWN_MESSAGE,
    signCheckpointMessage(key.privateKey!, KNOWN_MESSAGE),
  );
  if (!known || !own)
    throw new Error(
      'this Node.js runtime does not make SM2 signatures with SM3 (OpenSSL 3 with SM2 is required), or audit-checkpoint.key does not match audit-checkpoint.pub',
    );
}
