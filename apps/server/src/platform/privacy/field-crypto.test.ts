import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFieldCrypto, FieldDecryptError, loadFieldKey } from './field-crypto.ts';

const key = Buffer.alloc(32, 7);

describe('SM4 field encryption', () => {
  it('round-trips Chinese text, with a new IV every time', () => {
    const c = createFieldCrypto(key);
    const a = c.encrypt('王先生 13812345678');
    const b = c.encrypt('王先生 13812345678');
    expect(a).toMatch(/^sm4:1:[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('1381234');
    expect(c.decrypt(a)).toBe('王先生 13812345678');
    expect(c.decrypt(b)).toBe('王先生 13812345678');
    expect(c.encrypt(null)).toBeNull();
    expect(c.decrypt(null)).toBeNull();
  });

  it('reads values stored before encryption as they are', () => {
    expect(createFieldCrypto(key).decrypt('13812345678')).toBe('13812345678');
  });

  it('refuses a wrong key and altered or truncated data', () => {
    const stored = createFieldCrypto(key).encrypt('13812345678');
    expect(() => createFieldCrypto(Buffer.alloc(32, 8)).decrypt(stored)).toThrow(FieldDecryptError);
    const raw = Buffer.from(stored.slice(6), 'base64');
    raw[20] = (raw[20] ?? 0) ^ 1;
    expect(() => createFieldCrypto(key).decrypt(`sm4:1:${raw.toString('base64')}`)).toThrow(/integrity/);
    expect(() => createFieldCrypto(key).decrypt('sm4:1:AAAA')).toThrow(/truncated/);
    expect(() => createFieldCrypto(Buffer.alloc(16))).toThrow(/32 bytes/);
  });

  it('creates the key file once (mode 600) and reads it back; FIELD_KEY wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ronghui-key-'));
    try {
      const file = join(dir, 'sub', 'field.key');
      const first = loadFieldKey({ keyFile: file });
      expect(first).toHaveLength(32);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(loadFieldKey({ keyFile: file }).equals(first)).toBe(true);
      expect(readFileSync(file, 'utf8').trim()).toBe(first.toString('hex'));
      expect(loadFieldKey({ keyFile: file, fieldKey: 'ab'.repeat(32) }).toString('hex')).toBe(
        'ab'.repeat(32),
      );
      writeFileSync(file, 'not a key');
      expect(() => loadFieldKey({ keyFile: file })).toThrow(/64 hex characters/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
