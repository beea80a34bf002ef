import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import webpush from 'web-push';

/** The server's VAPID key pair (RFC 8292): push services accept messages signed with it. */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

function parse(text: string, file: string): VapidKeys {
  const value = JSON.parse(text) as Partial<VapidKeys>;
  if (typeof value.publicKey !== 'string' || typeof value.privateKey !== 'string')
    throw new Error(`${file} is not a VAPID key pair ({"publicKey", "privateKey"})`);
  return { publicKey: value.publicKey, privateKey: value.privateKey };
}

/**
 * `<DATA_DIR>/vapid.json`, made on first start (mode 600) and kept: browsers subscribed with its public key,
 * so a new pair would silence every phone until it subscribes again. Several servers of one database need
 * the same file. Safe when two processes start at once (the first to create it wins).
 */
export function loadVapidKeys(file: string): VapidKeys {
  try {
    return parse(readFileSync(file, 'utf8'), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(file), { recursive: true });
  const keys = webpush.generateVAPIDKeys();
  try {
    writeFileSync(file, `${JSON.stringify(keys)}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    return keys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return parse(readFileSync(file, 'utf8'), file);
  }
}
