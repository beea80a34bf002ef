import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Personal fields encrypted at rest with the national algorithms: SM4-CBC with a random IV, then an
 * HMAC-SM3 over version, IV and ciphertext (encrypt-then-MAC), keys derived from one 256-bit master key.
 * Stored as `sm4:1:<base64(iv ‖ ciphertext ‖ mac)>`. Values written before encryption was introduced (no
 * prefix) are read as they are.
 */
export interface FieldCrypto {
  encrypt(plain: string): string;
  encrypt(plain: string | null): string | null;
  decrypt(stored: string): string;
  decrypt(stored: string | null): string | null;
  /**
   * A keyed blind index (HMAC-SM3, hex) of a normalised value: equal values give equal indexes, so an
   * encrypted column can be looked up and deduplicated without decrypting, and the index alone reveals nothing.
   */
  blindIndex(plain: string): string;
}

const PREFIX = 'sm4:1:';
const IV = 16;
const MAC = 32;

export class FieldDecryptError extends Error {}

export function createFieldCrypto(master: Buffer): FieldCrypto {
  if (master.length !== 32) throw new Error('the field encryption key must be 32 bytes (64 hex characters)');
  const derive = (label: string) => createHmac('sm3', master).update(label).digest();
  const encKey = derive('ronghui field encryption').subarray(0, 16);
  const macKey = derive('ronghui field authentication');
  const mac = (iv: Buffer, ct: Buffer) =>
    createHmac('sm3', macKey).update(PREFIX).update(iv).update(ct).digest();

  function encrypt(plain: string | null): string | null {
    if (plain === null) return null;
    const iv = randomBytes(IV);
    const cipher = createCipheriv('sm4-cbc', encKey, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, ct, mac(iv, ct)]).toString('base64');
  }

  function decrypt(stored: string | null): string | null {
    if (stored === null || !stored.startsWith(PREFIX)) return stored;
    const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
    if (raw.length < IV + 16 + MAC) throw new FieldDecryptError('encrypted field is truncated');
    const iv = raw.subarray(0, IV);
    const ct = raw.subarray(IV, raw.length - MAC);
    const tag = raw.subarray(raw.length - MAC);
    if (!timingSafeEqual(tag, mac(iv, ct)))
      throw new FieldDecryptError('encrypted field fails its integrity check (wrong key or altered data)');
    const decipher = createDecipheriv('sm4-cbc', encKey, iv);
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
  }

  const indexKey = derive('ronghui field blind index');
  const blindIndex = (plain: string) => createHmac('sm3', indexKey).update(plain, 'utf8').digest('hex');

  return { encrypt, decrypt, blindIndex } as FieldCrypto;
}

/**
 * The master key: `FIELD_KEY` (64 hex characters) when set — several servers sharing one database must
 * all have it — otherwise `<DATA_DIR>/field.key`, created on first use (mode 600). Back it up with the
 * database: without it the encrypted fields cannot be read.
 */
export function loadFieldKey(options: { fieldKey?: string | undefined; keyFile: string }): Buffer {
  if (options.fieldKey) return Buffer.from(options.fieldKey, 'hex');
  try {
    return parseKeyFile(readFileSync(options.keyFile, 'utf8'), options.keyFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(options.keyFile), { recursive: true });
  const key = randomBytes(32);
  try {
    writeFileSync(options.keyFile, `${key.toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    chmodSync(options.keyFile, 0o600);
    return key;
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return parseKeyFile(readFileSync(options.keyFile, 'utf8'), options.keyFile);
  }
}

function parseKeyFile(text: string, path: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`${path} must hold a 256-bit key as 64 hex characters`);
  return Buffer.from(hex, 'hex');
}
