import type { TrafficCondition, TrafficLevel, TrafficTemplate } from '@ronghui/contracts';
import type { Advice } from './types.ts';

/**
 * What the roadside LED signs show: the message per condition and level, plate-addressed and convergence
 * warnings, which message wins a sign, and how a message is laid out on a sign's lines.
 */

/**
 * Priority band per level (every red above every orange above every yellow, all below the convergence
 * warning at 70) plus an offset per condition so a sign with two hazards of one level shows the graver one.
 */
const LEVEL_BASE: Record<TrafficLevel, number> = { yellow: 20, orange: 40, red: 60 };
const CONDITION_OFFSET: Record<TrafficCondition, number> = {
  ice: 9,
  fog: 8,
  wind: 6,
  frost: 5,
  rain: 4,
  slippery: 3,
};

type Text = { label: string; advice: string };

/** Short enough for a 2 × 8 sign where they can be; `{limit}` km/h and `{gap}` metres from the advice. */
const TEXTS: Record<TrafficCondition, Record<TrafficLevel, Text>> = {
  fog: {
    yellow: { label: '团雾', advice: '限速{limit} 车距{gap}米' },
    orange: { label: '大雾', advice: '限速{limit} 车距{gap}米' },
    red: { label: '浓雾', advice: '能见度低 驶离高速' },
  },
  ice: {
    yellow: { label: '路面结冰', advice: '限速{limit} 小心慢行' },
    orange: { label: '冰冻天气', advice: '地面湿滑,保持车距' },
    red: { label: '冰冻天气', advice: '地面湿滑,保持车距' },
  },
  frost: {
    yellow: { label: '路面结霜', advice: '限速{limit} 小心慢行' },
    orange: { label: '路面结霜', advice: '限速{limit} 小心慢行' },
    red: { label: '路面结霜', advice: '限速{limit} 小心慢行' },
  },
  slippery: {
    yellow: { label: '路面湿滑', advice: '限速{limit} 保持车距' },
    orange: { label: '路面湿滑', advice: '限速{limit} 保持车距' },
    red: { label: '路面湿滑', advice: '限速{limit} 保持车距' },
  },
  wind: {
    yellow: { label: '大风', advice: '限速{limit} 握稳方向' },
    orange: { label: '大风', advice: '限速{limit} 握稳方向' },
    red: { label: '狂风', advice: '道路封闭 请绕行' },
  },
  rain: {
    yellow: { label: '暴雨', advice: '限速{limit} 车距{gap}米' },
    orange: { label: '暴雨', advice: '限速{limit} 车距{gap}米' },
    red: { label: '特大暴雨', advice: '限速{limit} 车距{gap}米' },
  },
};

export const DEFAULT_TEMPLATES: TrafficTemplate[] = (Object.keys(TEXTS) as TrafficCondition[]).flatMap(
  (condition) =>
    (['yellow', 'orange', 'red'] as const).map((level) => ({
      condition,
      level,
      ...TEXTS[condition][level],
      priority: LEVEL_BASE[level] + CONDITION_OFFSET[condition],
    })),
);

const PLACEHOLDER = /\{(limit|gap)\}/g;
const SEPARATOR = /([ ,，]+)/;

/** One template text: a phrase (between spaces or commas) naming a value that is null is left out whole. */
function fill(text: string, values: Record<'limit' | 'gap', number | null>): string {
  // split with a capture group alternates phrase, separator, phrase, …
  const parts = text.split(SEPARATOR);
  let out = '';
  let separator = '';
  for (let i = 0; i < parts.length; i += 2) {
    const phrase = parts[i]!;
    const names = [...phrase.matchAll(PLACEHOLDER)].map((m) => m[1] as 'limit' | 'gap');
    if (phrase !== '' && names.every((n) => values[n] !== null)) {
      out +=
        (out === '' ? '' : separator) +
        phrase.replace(PLACEHOLDER, (_, n: 'limit' | 'gap') => String(values[n]));
    }
    separator = parts[i + 1] ?? '';
  }
  return out;
}

/**
 * A template with the hazard's figures filled in. `限速{limit} 车距{gap}米` with no gap reads `限速60`: the
 * phrase around a missing figure goes with it.
 */
export function fillTemplate(t: Pick<TrafficTemplate, 'label' | 'advice'>, advice: Advice): Text {
  const values = { limit: advice.speedLimitKmh, gap: advice.gapM };
  return { label: fill(t.label, values), advice: fill(t.advice, values) };
}

/** The message a hazard puts on its section's signs. */
export function hazardMessage(label: string, advice: string): string {
  return `${label},${advice}`;
}

/** A warning to one vehicle, read by the camera before the sign (`闽C8H58M,冰冻天气,地面湿滑,保持车距`). */
export function plateMessage(plate: string, label: string, advice: string): string {
  return `${plate},${label},${advice}`;
}

/** Shown at a blind junction when a vehicle approaches on the other branch. */
export const CONVERGENCE_MESSAGE = '前方路口来车 减速慢行';

/** An operator's override beats everything; hazard messages use their template's priority (below 70). */
export const SIGN_PRIORITY = { override: 100, plate: 80, convergence: 70 } as const;

/** How long a plate-addressed warning stays up: about the time from the camera past the sign. */
export const PLATE_MESSAGE_SECONDS = 30;
/** How long a convergence warning stays up after the last detection. */
export const CONVERGENCE_MESSAGE_SECONDS = 15;

/** Half-cells a character takes: printable ASCII is half-width (two to a 16-dot cell), the rest full. */
const halfCells = (c: string): number => (c >= ' ' && c <= '~' ? 1 : 2);
const width = (chars: string[]) => chars.reduce((w, c) => w + halfCells(c), 0);

/** Greedy wrap; `soft`: break after a comma or at a space where one is on the line. */
function wrap(text: string, capacity: number, soft: boolean): string[] {
  const lines: string[] = [];
  let line: string[] = [];
  for (const c of text) {
    if (width(line) + halfCells(c) <= capacity) {
      if (!(c === ' ' && line.length === 0)) line.push(c);
      continue;
    }
    if (c === ' ') {
      // The space at the break is dropped.
      lines.push(line.join(''));
      line = [];
      continue;
    }
    let rest: string[] = [];
    if (soft) {
      for (let i = line.length - 1; i > 0; i--) {
        const ch = line[i]!;
        if (ch === ',' || ch === '，') {
          rest = line.slice(i + 1);
          line = line.slice(0, i + 1);
          break;
        }
        if (ch === ' ') {
          rest = line.slice(i + 1);
          line = line.slice(0, i);
          break;
        }
      }
    }
    lines.push(line.join(''));
    while (rest[0] === ' ') rest.shift();
    line = rest;
    // What was carried over may still not leave room (a wide character after a half-width comma).
    while (width(line) + halfCells(c) > capacity && line.length > 0) {
      lines.push(line.join(''));
      line = [];
    }
    line.push(c);
  }
  if (line.length > 0 || lines.length === 0) lines.push(line.join(''));
  return lines;
}

/**
 * Lays a message out on a sign of `lines` × `charsPerLine` Chinese characters. Breaks after a comma or at a
 * space where it can; when that needs more lines than the sign has but plain wrapping fits, plain wrapping
 * is used: the whole warning on the sign beats tidy breaks. `fits` is false when neither fits (`lines` then
 * holds every wrapped line, for the operator to shorten).
 */
export function layoutSign(
  text: string,
  model: { lines: number; charsPerLine: number },
): {
  lines: string[];
  fits: boolean;
} {
  const capacity = model.charsPerLine * 2;
  const tidy = wrap(text, capacity, true);
  if (tidy.length <= model.lines) return { lines: tidy, fits: true };
  const plain = wrap(text, capacity, false);
  if (plain.length <= model.lines) return { lines: plain, fits: true };
  return { lines: tidy, fits: false };
}

export interface SignCandidate {
  source: 'hazard' | 'plate' | 'convergence' | 'override';
  text: string;
  priority: number;
  createdAt: number;
  /** null: until withdrawn. */
  expiresAt: number | null;
}

/** What a sign shows now: the highest priority among unexpired messages, the newest on a tie. */
export function pickSignMessage(candidates: SignCandidate[], nowMs: number): SignCandidate | undefined {
  let best: SignCandidate | undefined;
  for (const c of candidates) {
    if (c.expiresAt !== null && c.expiresAt <= nowMs) continue;
    if (!best || c.priority > best.priority || (c.priority === best.priority && c.createdAt > best.createdAt))
      best = c;
  }
  return best;
}
