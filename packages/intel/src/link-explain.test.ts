import { describe, expect, it } from 'vitest';
import type { CrimeRecord } from './crime-record.ts';
import { explainLink } from './link-explain.ts';

describe('explanation', () => {
  it('says in Chinese and English what a series has in common', () => {
    const base = Date.UTC(2026, 2, 1, 18, 10); // 02:10 Shanghai
    const mk = (id: string, dayOffset: number, x: number): CrimeRecord => ({
      id,
      occurredFrom: base + dayOffset * 86_400_000,
      occurredTo: base + dayOffset * 86_400_000 + 170 * 60_000,
      x,
      y: 0,
      category: '050101',
      premise: '0101',
      method: '0101',
      features: ['0101', '0301'],
    });
    const e = explainLink([mk('a', 0, 0), mk('b', 3, 300), mk('c', 9, 500)]);
    expect(e.zh).toContain('作案时间均在02:10–05:00');
    expect(e.zh).toContain('处所均为背街小巷自建房');
    expect(e.zh).toContain('均戴口罩');
    expect(e.zh).toContain('手段均为撬锁');
    expect(e.en).toContain('all between 02:10–05:00');
    expect(e.en).toContain('wore a mask');
  });
});
