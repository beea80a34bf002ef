import type { Incident } from '@ronghui/contracts';
import { describe, expect, it } from 'vitest';
import { byArea, byKind, changeBadge, minutes, startOfShanghaiDay } from './bigscreen-data.ts';

const incident = (kind: string, area: { id: string; name: string } | null): Incident =>
  ({ category: { kind, code: kind, zh: '', en: '' }, area }) as unknown as Incident;

describe('big screen figures', () => {
  it('starts the day at midnight Beijing time', () => {
    expect(startOfShanghaiDay(new Date('2026-11-29T20:42:00Z'))).toBe('2026-11-29T16:00:00.000Z');
    expect(startOfShanghaiDay(new Date('2026-11-29T15:59:00Z'))).toBe('2026-11-28T16:00:00.000Z');
  });

  it('counts incidents by kind and by area, largest first', () => {
    const north = { id: 'area-north', name: '北片联勤区' };
    const list = [incident('traffic', north), incident('criminal', north), incident('traffic', null)];
    expect(byKind(list, true)).toEqual([
      { key: 'traffic', name: '交通', value: 2 },
      { key: 'criminal', name: '刑事', value: 1 },
    ]);
    expect(byArea(list, '未划片区')).toEqual([
      { key: 'area-north', name: '北片联勤区', value: 2 },
      { key: '', name: '未划片区', value: 1 },
    ]);
  });

  it('turns seconds into minutes with one decimal', () => {
    expect(minutes(null)).toBeNull();
    expect(minutes(90)).toBe(1.5);
    expect(minutes(1234)).toBe(20.6);
  });
});

describe('changeBadge (比降)', () => {
  it('shows a fall in green and a rise in red, nothing without last year', () => {
    expect(changeBadge(-9.8)).toEqual({ arrow: '↓', value: '9.8%', color: '#73d13d' });
    expect(changeBadge(12.5)).toEqual({ arrow: '↑', value: '12.5%', color: '#ff7875' });
    expect(changeBadge(0)?.arrow).toBe('→');
    expect(changeBadge(null)).toBeNull();
  });
});
