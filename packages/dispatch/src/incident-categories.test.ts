import { describe, expect, it } from 'vitest';
import {
  categoryPath,
  findCategory,
  INCIDENT_CATEGORIES,
  INCIDENT_KINDS,
  parsePriority,
} from './incident-categories.ts';

describe('incident categories', () => {
  it('finds a category by code, code word, Chinese name or alias', () => {
    expect(findCategory('刑事')?.code).toBe('criminal');
    expect(findCategory('traffic')?.zh).toBe('交通');
    expect(findCategory('050101')?.zh).toBe('入室盗窃');
    expect(findCategory('入户盗窃')?.code).toBe('050101');
    expect(findCategory(' 盗 窃 ')?.code).toBe('0501');
    expect(findCategory('车祸')?.code).toBe('traffic.accident');
    expect(findCategory('巫术')).toBeUndefined();
    expect(findCategory('999999')).toBeUndefined();
  });

  it('gives the path from the top level down', () => {
    expect(categoryPath(findCategory('入室盗窃')!).map((c) => c.zh)).toEqual([
      '刑事',
      '侵犯财产',
      '盗窃',
      '入室盗窃',
    ]);
    expect(categoryPath(findCategory('山火')!).map((c) => c.code)).toEqual(['fire', 'fire.forest']);
  });

  it('keeps crime codes in the 2+2+2 structure, each child under an existing parent', () => {
    for (const c of INCIDENT_CATEGORIES.filter((x) => /^\d+$/.test(x.code))) {
      expect([2, 4, 6]).toContain(c.code.length);
      expect(c.kind).toBe('criminal');
      const parent = c.code.length === 2 ? 'criminal' : c.code.slice(0, -2);
      expect(c.parent).toBe(parent);
      expect(INCIDENT_CATEGORIES.some((p) => p.code === parent)).toBe(true);
    }
  });

  it('has unique codes and unique Chinese names (a name never means two categories)', () => {
    const codes = INCIDENT_CATEGORIES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    const names = INCIDENT_CATEGORIES.flatMap((c) => [c.zh, ...c.aliases]);
    expect(new Set(names).size).toBe(names.length);
    expect(INCIDENT_KINDS.every((k) => INCIDENT_CATEGORIES.some((c) => c.code === k))).toBe(true);
  });

  it('parses priorities 1–3 and 一级/二级/三级 only', () => {
    expect(parsePriority(1)).toBe(1);
    expect(parsePriority('二级')).toBe(2);
    expect(parsePriority('3')).toBe(3);
    expect(parsePriority(4)).toBeUndefined();
    expect(parsePriority('四级')).toBeUndefined();
  });
});
