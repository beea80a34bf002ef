import { describe, expect, it } from 'vitest';
import {
  type AuditEntry,
  chainHash,
  GENESIS_HASH,
  type StoredAuditEntry,
  verifyChain,
} from './audit-chain.ts';
import { canonicalJson } from '../canonical-json.ts';

function chain(n: number): StoredAuditEntry[] {
  const out: StoredAuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const e: AuditEntry = {
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
    const hash = chainHash(prev, e);
    out.push({ ...e, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit hash chain (SM3)', () => {
  it('hashes with SM3: 64 hex digits, deterministic, key order irrelevant', () => {
    const [e] = chain(1);
    expect(e!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
    expect(chainHash(GENESIS_HASH, { ...e!, detail: { a: [1, { y: 'x', z: 1 }], b: 2 } })).toBe(e!.hash);
  });

  it('accepts an intact chain', async () => {
    expect(await verifyChain(chain(20))).toEqual({ checked: 20 });
  });

  it('names the first altered record', async () => {
    const c = chain(10);
    c[6] = { ...c[6]!, actor: 'someone-else' };
    const result = await verifyChain(c);
    expect(result.firstBad?.seq).toBe(7);
    expect(result.firstBad?.problem).toMatch(/altered/);
    expect(result.checked).toBe(6);
  });

  it('names the record after a removed one', async () => {
    const c = chain(10);
    c.splice(3, 1);
    expect((await verifyChain(c)).firstBad).toMatchObject({ seq: 5, problem: expect.stringMatching(/gap/) });
  });

  it('detects a record rewritten together with its own hash', async () => {
    const c = chain(5);
    const forged = { ...c[1]!, reason: 'covered up' };
    c[1] = { ...forged, hash: chainHash(forged.prevHash, forged) };
    expect((await verifyChain(c)).firstBad?.seq).toBe(3);
  });
});
