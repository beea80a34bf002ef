import { describe, expect, it } from 'vitest';
import { demoCatalogue } from './catalogue.ts';

const GROUP = {
  household: 'A',
  'id-card': 'A',
  'exit-entry': 'B',
  vehicle: 'C',
  driver: 'C',
  'traffic-violation': 'D',
  'public-order': 'E',
} as const;

describe('demo catalogue', () => {
  const items = demoCatalogue();
  const byName = (name: string) => items.find((i) => i.name === name);

  it('has exactly 120 items with unique codes, in every category', () => {
    expect(items).toHaveLength(120);
    expect(new Set(items.map((i) => i.code)).size).toBe(120);
    expect(new Set(items.map((i) => i.name)).size).toBe(120);
    expect(new Set(items.map((i) => i.category))).toEqual(new Set(Object.keys(GROUP)));
    for (const i of items) {
      expect(i.code).toMatch(/^[A-Z]{2,3}-\d{3}$/);
      expect(i.group).toBe(GROUP[i.category]);
    }
  });

  it('keeps promised limits within statutory ones, and 0 for immediate items', () => {
    for (const i of items) {
      expect(i.promisedDays).toBeLessThanOrEqual(i.statutoryDays);
      if (i.kind === 'immediate') expect(i.promisedDays).toBe(0);
      else expect(i.promisedDays).toBeGreaterThan(0);
      if (i.expeditedDays !== null) expect(i.expeditedDays).toBeLessThan(i.promisedDays);
      expect(i.materials.length).toBeGreaterThan(0);
      expect(i.channels.length).toBeGreaterThan(0);
      expect(i.attributes.map((a) => a.order)).toEqual(i.attributes.map((_, n) => n + 1));
      expect(new Set(i.attributes.map((a) => a.code)).size).toBe(i.attributes.length);
    }
  });

  it('carries the items the bureau is known for', () => {
    expect(items.some((i) => i.name.startsWith('户籍登记'))).toBe(true);
    expect(byName('驾驶人体检（自助）')?.channels).toEqual(['kiosk']);
    expect(byName('补领驾驶证')?.category).toBe('driver');
    expect(byName('印章刻制备案')?.category).toBe('public-order');
    expect(byName('机动车修理业备案')?.category).toBe('public-order');
    expect(byName('普通护照首次申请')).toMatchObject({
      statutoryDays: 15,
      expeditedDays: 5,
      centreOnly: true,
      group: 'B',
    });
    expect(
      items.filter((i) => i.category === 'id-card' && i.channels.includes('home')).length,
    ).toBeGreaterThan(3);
    expect(
      items.some((i) => i.attributes.some((a) => a.datatype === 'singlevaluelist' && a.values?.length)),
    ).toBe(true);
  });

  it('hands out a fresh copy each call', () => {
    const a = demoCatalogue();
    (a[0] as (typeof a)[number]).materials.push('x');
    expect(demoCatalogue()[0]?.materials).not.toContain('x');
  });
});
