import { TRAFFIC_CONDITIONS, TRAFFIC_LEVELS, trafficTemplate } from '@ronghui/contracts';
import { describe, expect, it } from 'vitest';
import { advise } from './rules.ts';
import {
  CONVERGENCE_MESSAGE,
  CONVERGENCE_MESSAGE_SECONDS,
  DEFAULT_TEMPLATES,
  fillTemplate,
  hazardMessage,
  layoutSign,
  PLATE_MESSAGE_SECONDS,
  pickSignMessage,
  plateMessage,
  SIGN_PRIORITY,
  type SignCandidate,
} from './signs.ts';

const template = (condition: string, level: string) =>
  DEFAULT_TEMPLATES.find((t) => t.condition === condition && t.level === level)!;

describe('default templates', () => {
  it('cover every condition and level once, valid by the contract', () => {
    expect(DEFAULT_TEMPLATES).toHaveLength(TRAFFIC_CONDITIONS.length * TRAFFIC_LEVELS.length);
    for (const c of TRAFFIC_CONDITIONS)
      for (const l of TRAFFIC_LEVELS)
        expect(DEFAULT_TEMPLATES.filter((t) => t.condition === c && t.level === l)).toHaveLength(1);
    for (const t of DEFAULT_TEMPLATES) expect(trafficTemplate.parse(t)).toEqual(t);
  });

  it('ice orange and red are the seed’s sign', () => {
    for (const level of ['orange', 'red']) {
      expect(template('ice', level)).toMatchObject({ label: '冰冻天气', advice: '地面湿滑,保持车距' });
    }
    const { label, advice } = fillTemplate(template('ice', 'orange'), advise('ice', 'orange'));
    expect(plateMessage('闽C8H58M', label, advice)).toBe('闽C8H58M,冰冻天气,地面湿滑,保持车距');
  });

  it('every red above every orange above every yellow, all below the convergence warning; ice over fog', () => {
    const p = (level: string) => DEFAULT_TEMPLATES.filter((t) => t.level === level).map((t) => t.priority);
    expect(Math.min(...p('red'))).toBeGreaterThan(Math.max(...p('orange')));
    expect(Math.min(...p('orange'))).toBeGreaterThan(Math.max(...p('yellow')));
    expect(Math.max(...DEFAULT_TEMPLATES.map((t) => t.priority))).toBeLessThan(SIGN_PRIORITY.convergence);
    for (const level of TRAFFIC_LEVELS)
      expect(template('ice', level).priority).toBeGreaterThan(template('fog', level).priority);
  });

  it('every filled hazard message fits a 2 × 8 sign', () => {
    for (const t of DEFAULT_TEMPLATES) {
      const { label, advice } = fillTemplate(t, advise(t.condition, t.level));
      expect(label + advice).not.toMatch(/[{}]|null/);
      const text = hazardMessage(label, advice);
      expect(layoutSign(text, { lines: 2, charsPerLine: 8 }), text).toMatchObject({ fits: true });
    }
  });
});

describe('fillTemplate', () => {
  const fog = { label: '团雾', advice: '限速{limit} 车距{gap}米' };

  it('fills the limit and the gap', () => {
    expect(fillTemplate(fog, advise('fog', 'orange', 150))).toEqual({
      label: '团雾',
      advice: '限速60 车距100米',
    });
  });

  it('drops the phrase of a missing figure with its unit', () => {
    expect(fillTemplate(fog, advise('wind', 'yellow')).advice).toBe('限速60');
    expect(
      fillTemplate({ label: 'x', advice: '车距{gap}米,限速{limit}' }, advise('wind', 'orange')).advice,
    ).toBe('限速40');
    expect(
      fillTemplate({ label: 'x', advice: '减速,车距{gap}米,慢行' }, advise('wind', 'orange')).advice,
    ).toBe('减速,慢行');
    expect(fillTemplate(fog, advise('wind', 'red')).advice).toBe('');
  });
});

describe('messages', () => {
  it('are joined with ASCII commas, no spaces', () => {
    expect(hazardMessage('团雾', '限速60 车距100米')).toBe('团雾,限速60 车距100米');
    expect(plateMessage('闽C8H58M', '冰冻天气', '地面湿滑,保持车距')).toBe(
      '闽C8H58M,冰冻天气,地面湿滑,保持车距',
    );
    expect(CONVERGENCE_MESSAGE).toBe('前方路口来车 减速慢行');
    expect(SIGN_PRIORITY).toEqual({ override: 100, plate: 80, convergence: 70 });
    expect([PLATE_MESSAGE_SECONDS, CONVERGENCE_MESSAGE_SECONDS]).toEqual([30, 15]);
  });
});

describe('layoutSign', () => {
  const seed = '闽C8H58M,冰冻天气,地面湿滑,保持车距';

  it('breaks after commas where the sign has the lines', () => {
    expect(layoutSign(seed, { lines: 4, charsPerLine: 8 })).toEqual({
      lines: ['闽C8H58M,', '冰冻天气,', '地面湿滑,', '保持车距'],
      fits: true,
    });
  });

  it('wraps plainly when tidy breaks need more lines than a 3 × 8 sign has (half-width letters)', () => {
    // 闽 + 6 half-width characters + comma = 4.5 cells: plain wrapping fills each 8-cell line.
    expect(layoutSign(seed, { lines: 3, charsPerLine: 8 })).toEqual({
      lines: ['闽C8H58M,冰冻天', '气,地面湿滑,保持', '车距'],
      fits: true,
    });
  });

  it('reports a message that does not fit, with all its lines', () => {
    const r = layoutSign(seed, { lines: 2, charsPerLine: 8 });
    expect(r.fits).toBe(false);
    expect(r.lines.join('')).toBe(seed);
    expect(r.lines.length).toBeGreaterThan(2);
  });

  it('breaks at a space and drops it', () => {
    expect(layoutSign(CONVERGENCE_MESSAGE, { lines: 2, charsPerLine: 6 })).toEqual({
      lines: ['前方路口来车', '减速慢行'],
      fits: true,
    });
    expect(layoutSign('前方路口来车 减速慢行', { lines: 1, charsPerLine: 12 })).toEqual({
      lines: ['前方路口来车 减速慢行'],
      fits: true,
    });
  });

  it('counts full-width punctuation as a full cell and hard-wraps a long run', () => {
    expect(layoutSign('大雾，慢行', { lines: 2, charsPerLine: 3 })).toEqual({
      lines: ['大雾，', '慢行'],
      fits: true,
    });
    expect(layoutSign('一二三四五六七', { lines: 3, charsPerLine: 3 })).toEqual({
      lines: ['一二三', '四五六', '七'],
      fits: true,
    });
    expect(layoutSign('ABCDEFGH', { lines: 1, charsPerLine: 4 })).toEqual({
      lines: ['ABCDEFGH'],
      fits: true,
    });
    expect(layoutSign('ABCDEFGHI', { lines: 1, charsPerLine: 4 })).toEqual({
      lines: ['ABCDEFGH', 'I'],
      fits: false,
    });
  });

  it('never puts more on a line than it holds', () => {
    const cells = (s: string) => [...s].reduce((w, c) => w + (c >= ' ' && c <= '~' ? 0.5 : 1), 0);
    for (const t of DEFAULT_TEMPLATES) {
      const { label, advice } = fillTemplate(t, advise(t.condition, t.level));
      for (const charsPerLine of [2, 3, 5, 8, 12]) {
        const text = plateMessage('闽CD12345', label, advice);
        for (const line of layoutSign(text, { lines: 3, charsPerLine }).lines)
          expect(cells(line)).toBeLessThanOrEqual(charsPerLine);
      }
    }
  });
});

describe('pickSignMessage', () => {
  const c = (
    source: SignCandidate['source'],
    priority: number,
    createdAt: number,
    expiresAt: number | null,
  ) => ({
    source,
    text: source,
    priority,
    createdAt,
    expiresAt,
  });

  it('highest priority among unexpired, newest on a tie', () => {
    const hazard = c('hazard', 49, 0, null);
    const plate = c('plate', SIGN_PRIORITY.plate, 100, 130);
    const convergence = c('convergence', SIGN_PRIORITY.convergence, 110, 125);
    expect(pickSignMessage([hazard, plate, convergence], 120)).toBe(plate);
    expect(pickSignMessage([hazard, plate, convergence], 127)).toBe(plate);
    expect(pickSignMessage([hazard, plate, convergence], 130)).toBe(hazard);
    const newer = c('hazard', 49, 5, null);
    expect(pickSignMessage([hazard, newer], 10)).toBe(newer);
    expect(pickSignMessage([newer, hazard], 10)).toBe(newer);
    expect(pickSignMessage([c('override', 100, 0, 50)], 60)).toBeUndefined();
    expect(pickSignMessage([], 0)).toBeUndefined();
  });
});
