import { isValidCreditCode, parseIdNumber } from '@ronghui/ids';
import { describe, expect, it } from 'vitest';
import { buildDehuaDemo } from './dehua.ts';
import { registryDemoRows } from './seed-registry.ts';

describe('the 一标三实 demo rows', () => {
  const demo = buildDehuaDemo(350526);
  const rows = registryDemoRows(demo, 350526);

  it('are the same for the same seed and differ for another', () => {
    expect(registryDemoRows(demo, 350526)).toEqual(rows);
    expect(registryDemoRows(demo, 1).people).not.toEqual(rows.people);
  });

  it('give every village addresses and houses, valid ID numbers and credit codes', () => {
    expect(rows.addresses).toHaveLength(demo.villages.length * 5 + 2);
    expect(rows.houses).toHaveLength(rows.addresses.length);
    expect(new Set(rows.addresses.map((a) => a[0])).size).toBe(demo.villages.length);
    for (const p of rows.people) expect(parseIdNumber(p[1]!, { today: '2026-12-06' }).ok, p[1]).toBe(true);
    expect(new Set(rows.people.map((p) => p[1])).size).toBe(rows.people.length);
    for (const b of rows.businesses) expect(isValidCreditCode(b[2]!), b[2]).toBe(true);
    expect(rows.people.length).toBeGreaterThan(2_000);
    expect(rows.people.length).toBeLessThan(4_000);
  });

  it('put the homestead dispute’s neighbours at their doors in 凤凰社区', () => {
    const fenghuang = demo.villages.find((v) => v.name === '凤凰社区')!;
    const chen = rows.people.find((p) => p[1] === '350526195203150011')!;
    expect(chen.slice(0, 1)).toEqual(['陈大爷']);
    expect(chen.slice(4, 7)).toEqual([fenghuang.code, '凤凰路', '18']);
    expect(rows.people.find((p) => p[1] === '350526195508220025')![6]).toBe('20');
  });
});
