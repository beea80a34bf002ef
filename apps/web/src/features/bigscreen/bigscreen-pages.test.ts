import { describe, expect, it } from 'vitest';
import {
  BIGSCREEN_PAGES,
  type BigScreenPageKey,
  nextPage,
  pageFromParam,
  rotationDelayMs,
  rotationFromParams,
  warningFigures,
  yearFromParam,
} from './bigscreen-pages.ts';

describe('big screen pages', () => {
  it('opens the page of the URL, 指挥调度 without one', () => {
    expect(pageFromParam('summary')).toBe('summary');
    expect(pageFromParam('antifraud')).toBe('antifraud');
    expect(pageFromParam(null)).toBe('dispatch');
    expect(pageFromParam('nonsense')).toBe('dispatch');
  });

  it('rotates through every page and back to the first', () => {
    const seen: BigScreenPageKey[] = [BIGSCREEN_PAGES[0]];
    for (let i = 1; i < BIGSCREEN_PAGES.length; i++) seen.push(nextPage(seen[i - 1]!));
    expect(seen).toEqual([...BIGSCREEN_PAGES]);
    expect(nextPage('antifraud')).toBe('summary');
  });

  it('reads the rotation settings from the URL within bounds', () => {
    expect(rotationFromParams(new URLSearchParams(''))).toEqual({ dwellSeconds: 30, idleSeconds: 120 });
    expect(rotationFromParams(new URLSearchParams('rotate=0'))).toEqual({
      dwellSeconds: 0,
      idleSeconds: 120,
    });
    expect(rotationFromParams(new URLSearchParams('rotate=2&idle=1'))).toEqual({
      dwellSeconds: 10,
      idleSeconds: 5,
    });
    expect(rotationFromParams(new URLSearchParams('rotate=abc&idle=45'))).toEqual({
      dwellSeconds: 30,
      idleSeconds: 45,
    });
  });

  it('waits the idle time before the first move and one dwell between pages', () => {
    const s = { dwellSeconds: 30, idleSeconds: 120 };
    expect(rotationDelayMs(s, false)).toBe(120_000);
    expect(rotationDelayMs(s, true)).toBe(30_000);
    expect(rotationDelayMs({ dwellSeconds: 60, idleSeconds: 10 }, false)).toBe(60_000);
    expect(rotationDelayMs({ dwellSeconds: 0, idleSeconds: 10 }, true)).toBeNull();
  });

  it('takes the year of the URL, else this year in Beijing', () => {
    expect(yearFromParam('2023', Date.parse('2026-12-07T00:00:00Z'))).toBe(2023);
    expect(yearFromParam(null, Date.parse('2026-12-31T17:00:00Z'))).toBe(2027);
    expect(yearFromParam('99', Date.parse('2026-06-01T00:00:00Z'))).toBe(2026);
  });

  it('counts warnings by risk, stage and overdue', () => {
    const f = warningFigures({
      total: 7,
      items: [
        { id: '1', risk: 'high', status: 'issued', overdue: true },
        { id: '2', risk: 'high', status: 'dissuaded' },
        { id: '3', risk: 'low', status: 'feedback', overdue: false },
      ],
    });
    expect(f).toEqual({
      total: 7,
      byRisk: { high: 2, medium: 0, low: 1 },
      byStatus: { issued: 1, signed: 0, dissuaded: 1, feedback: 1 },
      overdue: 1,
    });
  });
});
