/** Hour-of-day shape of police calls in a Chinese county (quiet before dawn, peaks late morning and evening). */
export const HOURLY_WEIGHTS: readonly number[] = [
  0.45, 0.35, 0.3, 0.28, 0.3, 0.4, 0.6, 0.85, 1.0, 1.1, 1.15, 1.15, 1.05, 1.0, 1.05, 1.1, 1.15, 1.2, 1.3,
  1.35, 1.3, 1.15, 0.9, 0.65,
];

export interface ProfileCategory {
  /** A category name or code the intake understands. */
  category: string;
  weight: number;
  priority: 1 | 2 | 3;
  descriptions: readonly string[];
  /** Hours with extra weight (e.g. burglary at night). */
  nightBias?: number;
}

/** A county's mix of 110 calls (demo figures shaped like published county statistics, not real data). */
export const DEFAULT_MIX: readonly ProfileCategory[] = [
  {
    category: '求助',
    weight: 0.3,
    priority: 3,
    descriptions: ['老人走失，家属求助寻找', '车辆抛锚求助', '游客在山区迷路求助'],
  },
  {
    category: '纠纷',
    weight: 0.22,
    priority: 2,
    descriptions: ['邻里因宅基地发生纠纷', '店家与顾客发生争执', '家庭纠纷，需民警调解'],
  },
  {
    category: '交通',
    weight: 0.2,
    priority: 2,
    descriptions: ['两车刮擦，双方争执', '山路弯道车辆侧翻', '路面落石影响通行'],
  },
  {
    category: '治安',
    weight: 0.12,
    priority: 2,
    descriptions: ['有人酒后滋事', '夜间噪音扰民', '可疑人员在村口徘徊'],
  },
  {
    category: '刑事',
    weight: 0.1,
    priority: 1,
    descriptions: ['自建房被撬门入室盗窃', '电动车被盗', '有人持刀威胁路人'],
    nightBias: 2,
  },
  { category: '火灾', weight: 0.04, priority: 1, descriptions: ['山林起火冒烟', '民房厨房起火'] },
  { category: '举报', weight: 0.02, priority: 3, descriptions: ['举报有人聚众赌博', '举报非法采砂'] },
];

export interface Spot {
  code: string;
  lon: number;
  lat: number;
  /** Relative weight, e.g. population. */
  weight: number;
}

export interface SimulatedIncident {
  at: number;
  spot: Spot;
  category: string;
  priority: 1 | 2 | 3;
  description: string;
}

export interface Random {
  next(): number;
}

function pick<T>(rng: Random, items: readonly T[], weight: (t: T) => number): T {
  const total = items.reduce((s, t) => s + weight(t), 0);
  let x = rng.next() * total;
  for (const t of items) {
    x -= weight(t);
    if (x <= 0) return t;
  }
  return items[items.length - 1]!;
}

/**
 * Incidents between `fromMs` and `toMs` as a Poisson process whose rate follows the hourly profile
 * (`perDay` on average), placed at spots by weight. `utcOffsetH` gives local hours.
 */
export function simulateIncidents(
  rng: Random,
  fromMs: number,
  toMs: number,
  perDay: number,
  spots: readonly Spot[],
  options: { utcOffsetH?: number; mix?: readonly ProfileCategory[] } = {},
): SimulatedIncident[] {
  const out: SimulatedIncident[] = [];
  const mix = options.mix ?? DEFAULT_MIX;
  const offset = (options.utcOffsetH ?? 8) * 3_600_000;
  const meanWeight = HOURLY_WEIGHTS.reduce((s, w) => s + w, 0) / 24;
  const maxRatePerMs = (perDay / 86_400_000) * (Math.max(...HOURLY_WEIGHTS) / meanWeight);
  let t = fromMs;
  // Thinning (Lewis–Shedler): candidates at the peak rate, kept with probability rate(t)/peak.
  for (;;) {
    t += -Math.log(1 - rng.next()) / maxRatePerMs;
    if (t >= toMs) break;
    const hour = Math.floor(((((t + offset) % 86_400_000) + 86_400_000) % 86_400_000) / 3_600_000);
    const rate = (perDay / 86_400_000) * (HOURLY_WEIGHTS[hour]! / meanWeight);
    if (rng.next() > rate / maxRatePerMs) continue;
    const night = hour < 6 || hour >= 22;
    const category = pick(rng, mix, (c) => c.weight * (night ? (c.nightBias ?? 1) : 1));
    out.push({
      at: t,
      spot: pick(rng, spots, (s) => s.weight),
      category: category.category,
      priority: category.priority,
      description: category.descriptions[Math.floor(rng.next() * category.descriptions.length)]!,
    });
  }
  return out;
}
