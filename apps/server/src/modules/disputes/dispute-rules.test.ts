import { describe, expect, it } from 'vitest';
import { agreementHtml } from './agreement-html.ts';
import {
  canMove,
  chinaYearStart,
  clockFlags,
  computeStats,
  dueAt,
  statsFromBuckets,
} from './dispute-rules.ts';

const at = (iso: string) => new Date(iso);

describe('dispute rules', () => {
  it('allows the mediation flow and nothing out of order', () => {
    expect(canMove('registered', 'mediating')).toBe(true);
    expect(canMove('mediating', 'settled')).toBe(true);
    expect(canMove('failed', 'referred')).toBe(true);
    expect(canMove('settled', 'followed-up')).toBe(true);
    expect(canMove('registered', 'settled')).toBe(false);
    expect(canMove('closed', 'mediating')).toBe(false);
    expect(canMove('settled', 'failed')).toBe(false);
  });

  it('gives a month, warns in its last 7 days and flags an open dispute past it', () => {
    const reg = at('2023-05-08T01:30:00Z');
    const due = dueAt(reg);
    expect(due.toISOString()).toBe('2023-06-07T01:30:00.000Z');
    expect(clockFlags({ status: 'mediating', dueAt: due }, at('2023-05-30T00:00:00Z'))).toEqual({
      dueSoon: false,
      overdue: false,
    });
    expect(clockFlags({ status: 'mediating', dueAt: due }, at('2023-06-01T00:00:00Z'))).toEqual({
      dueSoon: true,
      overdue: false,
    });
    expect(clockFlags({ status: 'registered', dueAt: due }, at('2023-06-08T00:00:00Z'))).toEqual({
      dueSoon: false,
      overdue: true,
    });
    expect(clockFlags({ status: 'settled', dueAt: due }, at('2023-06-08T00:00:00Z')).overdue).toBe(false);
  });

  it('counts outcomes and rates from the rows', () => {
    const due = at('2023-02-01T00:00:00Z');
    const row = { kind: 'homestead', risk: 'red', dueAt: due, settled: false, referred: false };
    const stats = computeStats(
      [
        { ...row, status: 'closed', settled: true, concludedAt: at('2023-01-20T00:00:00Z') },
        { ...row, risk: 'blue', status: 'settled', settled: true, concludedAt: at('2023-02-03T00:00:00Z') },
        { ...row, kind: 'debt', risk: 'yellow', status: 'referred', referred: true, concludedAt: due },
        { ...row, kind: 'debt', status: 'failed', concludedAt: at('2023-01-10T00:00:00Z') },
        { ...row, status: 'mediating', concludedAt: null },
      ],
      at('2023-03-01T00:00:00Z'),
      2023,
    );
    expect(stats).toMatchObject({
      total: 5,
      byRisk: { red: 3, yellow: 1, blue: 1 },
      settled: 2,
      referred: 1,
      failed: 1,
      open: 1,
      overdue: 1,
      successRate: 0.5,
      onTimeRate: 0.75,
    });
    expect(stats.byKind).toMatchObject({ homestead: 3, debt: 2, labour: 0 });
    expect(chinaYearStart(2023).toISOString()).toBe('2022-12-31T16:00:00.000Z');
  });

  it('counts the same from groups of alike disputes as from the rows (the SQL path)', () => {
    const bucket = {
      kind: 'homestead',
      risk: 'red',
      settled: false,
      referred: false,
      onTime: false,
      pastDue: false,
    };
    const stats = statsFromBuckets(
      [
        { ...bucket, status: 'closed', settled: true, onTime: true, n: 3 },
        { ...bucket, status: 'closed', settled: true, n: 1 },
        { ...bucket, kind: 'debt', status: 'referred', referred: true, onTime: true, n: 2 },
        { ...bucket, risk: 'blue', status: 'failed', n: 2 },
        { ...bucket, status: 'mediating', pastDue: true, n: 4 },
        { ...bucket, status: 'registered', n: 1 },
      ],
      null,
    );
    expect(stats).toMatchObject({
      year: null,
      total: 13,
      byRisk: { red: 11, yellow: 0, blue: 2 },
      settled: 4,
      referred: 2,
      failed: 2,
      open: 5,
      overdue: 4,
      successRate: 0.5,
      onTimeRate: 0.625,
    });
    expect(stats.byKind).toMatchObject({ homestead: 11, debt: 2 });
  });

  it('writes the agreement in Chinese with the parties, the mediators and the signing date', () => {
    const html = agreementHtml({
      number: 'JF2023-FH001',
      kind: 'homestead',
      place: '邻里中心警务室',
      parties: [
        { name: '陈大爷', idNumber: '350526********0011' },
        { name: '<刘大妈>', idNumber: null },
      ],
      mediators: [{ name: '郑汀煌', role: 'grid-worker' }],
      agreement: {
        facts: '院墙越界',
        responsibilities: '主要责任',
        obligations: '拆除重砌',
        performance: '现场见证',
        performBy: '2023-06-10',
        signedAt: '2023-05-19T03:30:00.000Z',
      },
    });
    expect(html).toContain('人民调解协议书');
    expect(html).toContain('当事人甲：<b>陈大爷</b>');
    expect(html).toContain('&lt;刘大妈&gt;');
    expect(html).toContain('宅基地纠纷');
    expect(html).toContain('网格员 郑汀煌');
    expect(html).toContain('2023年6月10日前');
    expect(html).toContain('2023年5月19日');
  });
});
