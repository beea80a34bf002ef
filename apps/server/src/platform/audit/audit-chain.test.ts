import { describe, expect, it } from 'vitest';
import {
  type AuditEntry,
  chainHash,
  GENESIS_HASH,
  type HashAlg,
  keyedChainHash,
  type StoredAuditEntry,
  verifyChain,
} from './audit-chain.ts';
import { canonicalJson } from '../canonical-json.ts';

const KEY = Buffer.alloc(32, 7);

function record(i: number): AuditEntry {
  return {
    tenantCode: '350526',
    seq: i,
    at: new Date(Date.UTC(2026, 10, 29, 8, 0, i)),
    actorId: 'u1',
    actor: 'commander',
    action: 'incident.create',
    resource: 'incident',
    resourceId: `i${i}`,
    outcome: 'ok',
    reason: null,
    ip: '127.0.0.1',
    detail: { b: 2, a: [1, { z: 1, y: 'x' }] },
  };
}

/** `legacy` unkeyed SM3 records, then `keyed` HMAC-SM3 records, as the server writes them. */
function chain(keyed: number, legacy = 0): StoredAuditEntry[] {
  const out: StoredAuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= legacy + keyed; i++) {
    const e = record(i);
    const hashAlg: HashAlg = i <= legacy ? 'sm3' : 'hmac-sm3';
    const hash = hashAlg === 'sm3' ? chainHash(prev, e) : keyedChainHash(KEY, prev, e);
    out.push({ ...e, prevHash: prev, hash, hashAlg });
    prev = hash;
  }
  return out;
}

/** What someone with the database but without the key can do: recompute every hash from `from` on. */
function recompute(c: StoredAuditEntry[], from: number, hashAlg: HashAlg, key?: Buffer): StoredAuditEntry[] {
  const out = c.slice(0, from - 1);
  let prev = out.at(-1)?.hash ?? GENESIS_HASH;
  for (const e of c.slice(from - 1)) {
    const hash = key ? keyedChainHash(key, prev, e) : chainHash(prev, e);
    out.push({ ...e, prevHash: prev, hash, hashAlg });
    prev = hash;
  }
  return out;
}

describe('audit hash chain (HMAC-SM3, legacy SM3)', () => {
  it('hashes with SM3: 64 hex digits, deterministic, key order irrelevant; the keyed hash needs the key', () => {
    const [e] = chain(0, 1);
    expect(e!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
    expect(chainHash(GENESIS_HASH, { ...e!, detail: { a: [1, { y: 'x', z: 1 }], b: 2 } })).toBe(e!.hash);
    const keyed = keyedChainHash(KEY, GENESIS_HASH, e!);
    expect(keyed).toMatch(/^[0-9a-f]{64}$/);
    expect(keyed).not.toBe(e!.hash);
    expect(keyedChainHash(Buffer.alloc(32, 8), GENESIS_HASH, e!)).not.toBe(keyed);
  });

  it('accepts an intact keyed chain, and a legacy unkeyed prefix before it', async () => {
    expect(await verifyChain(chain(20), { key: KEY })).toMatchObject({ checked: 20 });
    expect(await verifyChain(chain(0, 5), { key: KEY })).toMatchObject({ checked: 5 });
    const mixed = await verifyChain(chain(10, 5), { key: KEY });
    expect(mixed).toEqual({
      checked: 15,
      head: { seq: 15, hash: chain(10, 5)[14]!.hash, hashAlg: 'hmac-sm3' },
    });
  });

  it('names the first altered record', async () => {
    const c = chain(10);
    c[6] = { ...c[6]!, actor: 'someone-else' };
    const result = await verifyChain(c, { key: KEY });
    expect(result.firstBad?.seq).toBe(7);
    expect(result.firstBad?.problem).toMatch(/altered/);
    expect(result.checked).toBe(6);
  });

  it('names an altered record of the legacy prefix', async () => {
    const c = chain(5, 5);
    c[2] = { ...c[2]!, reason: 'edited' };
    expect((await verifyChain(c, { key: KEY })).firstBad).toMatchObject({
      seq: 3,
      problem: expect.stringMatching(/does not match its hash \(record altered\)/),
    });
  });

  it('names the record after a removed one', async () => {
    const c = chain(10);
    c.splice(3, 1);
    expect((await verifyChain(c, { key: KEY })).firstBad).toMatchObject({
      seq: 5,
      problem: expect.stringMatching(/gap/),
    });
  });

  it('detects a record rewritten together with its own hash', async () => {
    const c = chain(5);
    const forged = { ...c[1]!, reason: 'covered up' };
    c[1] = { ...forged, hash: keyedChainHash(KEY, forged.prevHash, forged) };
    expect((await verifyChain(c, { key: KEY })).firstBad?.seq).toBe(3);
  });

  it('detects the whole chain recomputed without the key', async () => {
    const c = chain(8);
    c[3] = { ...c[3]!, reason: 'covered up' };
    const forged = recompute(c, 1, 'hmac-sm3', Buffer.alloc(32, 9));
    expect((await verifyChain(forged, { key: KEY })).firstBad).toMatchObject({
      seq: 1,
      problem: expect.stringMatching(/HMAC-SM3 .*without the audit key/),
    });
  });

  it('refuses an unkeyed record after the keyed chain began', async () => {
    const c = chain(6, 2);
    c[5] = { ...c[5]!, reason: 'covered up' };
    const forged = recompute(c, 6, 'sm3');
    const result = await verifyChain(forged, { key: KEY });
    expect(result.firstBad).toMatchObject({
      seq: 6,
      problem: expect.stringMatching(/unkeyed SM3 record after the keyed chain began \(record 3 is keyed\)/),
    });
    expect(result.checked).toBe(5);
  });

  it('reports keyed records as unverifiable without the key', async () => {
    expect((await verifyChain(chain(3, 2))).firstBad).toMatchObject({
      seq: 3,
      problem: expect.stringMatching(/no audit key/),
    });
  });

  it('holds the chain to its signed checkpoints: a recomputed chain and a cut end are caught', async () => {
    const c = chain(10);
    const anchors = [
      { seq: 4, headHash: c[3]!.hash, label: 'of 09:00' },
      { seq: 8, headHash: c[7]!.hash, label: 'of 09:01' },
    ];
    expect(await verifyChain(c, { key: KEY, anchors })).toMatchObject({ checked: 10 });
    // Everything relabelled as legacy and recomputed: internally consistent, but not what was signed.
    const relabelled = recompute(
      c.map((e, i) => (i === 5 ? { ...e, reason: 'covered up' } : e)),
      1,
      'sm3',
    );
    expect(await verifyChain(relabelled, { key: KEY })).toMatchObject({ checked: 10 });
    expect(await verifyChain(relabelled, { key: KEY, anchors })).toMatchObject({
      checked: 0,
      firstBad: { seq: 4, problem: expect.stringMatching(/differs from the signed checkpoint of 09:00/) },
    });
    const truncated = c.slice(0, 6);
    expect(await verifyChain(truncated, { key: KEY })).toMatchObject({ checked: 6 });
    expect(await verifyChain(truncated, { key: KEY, anchors })).toMatchObject({
      checked: 6,
      firstBad: {
        seq: 7,
        problem: expect.stringMatching(
          /ends at record 6, but the signed checkpoint of 09:01 covers 8 records/,
        ),
      },
    });
  });

  it('continues from a checked record', async () => {
    const c = chain(6, 2);
    const start = { seq: 4, hash: c[3]!.hash, keyed: true };
    expect(await verifyChain(c.slice(4), { key: KEY, start })).toMatchObject({ checked: 8 });
    const forged = recompute(c, 6, 'sm3');
    expect((await verifyChain(forged.slice(4), { key: KEY, start })).firstBad).toMatchObject({
      seq: 6,
      problem: expect.stringMatching(/unkeyed SM3 record after the keyed chain began \(record 4 is keyed\)/),
    });
  });
});
