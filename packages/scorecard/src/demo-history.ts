import { categoryByCode, HOURLY_WEIGHTS } from '@ronghui/dispatch';
import { BEIJING_OFFSET_MS, dayStart, yearPeriod, addDays } from './periods.ts';

/**
 * The demo's 2022 and 2023: incidents (every kind, the hourly profile of county calls, a seasonal and
 * weekly shape, villages by population) and crime records with their filing and solving dates, generated
 * to exact yearly counts per category so the scorecard computed from them reproduces the county's
 * published figures. Demo figures, not real data.
 */

export interface HistorySpot {
  code: string;
  weight: number;
}

export interface HistoryIncident {
  /** Epoch ms of the call. */
  at: number;
  spot: number;
  category: string;
  kind: string;
  priority: 1 | 2 | 3;
  description: string;
}

export interface HistoryCrime {
  /** When it happened (epoch ms); `occurredTo` a little later. */
  occurredFrom: number;
  occurredTo: number;
  filedAt: number;
  solvedAt: number | null;
  spot: number;
  category: string;
  /** The index of the incident it came from, when one of the same category family was free. */
  incident: number | null;
}

/** Incidents per category code per year; crime records per 6-digit code (GA 240.1) per year as filed and solved. */
export interface HistoryTargets {
  incidents: Record<number, Record<string, number>>;
  crimes: Record<number, Record<string, { filed: number; solved: number }>>;
}

/** Shares that add to a total exactly (largest remainder). */
export function apportion(total: number, shares: Record<string, number>): Record<string, number> {
  const keys = Object.keys(shares);
  const sum = keys.reduce((s, k) => s + shares[k]!, 0);
  const raw = keys.map((k) => (total * shares[k]!) / sum);
  const out: Record<string, number> = {};
  let given = 0;
  keys.forEach((k, i) => {
    out[k] = Math.floor(raw[i]!);
    given += out[k];
  });
  const order = keys.map((k, i) => [k, raw[i]! - Math.floor(raw[i]!)] as const).sort((a, b) => b[1] - a[1]);
  for (let i = 0; given < total; i++, given++) out[order[i % order.length]![0]]! += 1;
  return out;
}

const THEFT_MIX = { '0501': 15, '050101': 28, '050102': 12, '050103': 10, '050104': 35 };
const OTHER_CRIME_MIX = {
  criminal: 5,
  '0201': 18,
  '0202': 2,
  '0502': 3,
  '0503': 20,
  '050301': 25,
  '0504': 4,
  '0601': 15,
  '0603': 8,
};
const PUBLIC_ORDER_MIX = {
  'public-order': 10,
  'public-order.fight': 30,
  'public-order.gambling': 15,
  'public-order.noise': 30,
  'public-order.drunk': 15,
};

/**
 * Dehua's figures (demo): theft 1,000 → 809 (−19.1%), criminal 2,500 → 1,843 (−26.28%), public order
 * 2,500 → 2,114 (−15.44%); traditional 盗抢骗 cases filed in 2023 570, solved 555 (97.37%); the other
 * kinds of calls about level.
 */
export function dehuaHistoryTargets(): HistoryTargets {
  const year = (theft: number, criminal: number, publicOrder: number, others: Record<string, number>) => ({
    ...apportion(theft, THEFT_MIX),
    ...apportion(criminal - theft, OTHER_CRIME_MIX),
    ...apportion(publicOrder, PUBLIC_ORDER_MIX),
    ...others,
  });
  return {
    incidents: {
      2022: year(1000, 2500, 2500, {
        'assistance.missing-person': 420,
        'assistance.medical': 380,
        'assistance.trapped': 260,
        'assistance.lost-property': 540,
        'dispute.neighbour': 520,
        'dispute.family': 410,
        'dispute.land': 180,
        'dispute.wages': 150,
        'traffic.accident': 760,
        'traffic.congestion': 180,
        'traffic.road-hazard': 140,
        'fire.building': 60,
        'fire.forest': 55,
        'fire.vehicle': 30,
        'report.fraud': 70,
        'report.drugs': 25,
        other: 60,
      }),
      2023: year(809, 1843, 2114, {
        'assistance.missing-person': 410,
        'assistance.medical': 395,
        'assistance.trapped': 245,
        'assistance.lost-property': 560,
        'dispute.neighbour': 480,
        'dispute.family': 395,
        'dispute.land': 160,
        'dispute.wages': 130,
        'traffic.accident': 735,
        'traffic.congestion': 190,
        'traffic.road-hazard': 125,
        'fire.building': 52,
        'fire.forest': 48,
        'fire.vehicle': 27,
        'report.fraud': 88,
        'report.drugs': 22,
        other: 55,
      }),
    },
    crimes: {
      2022: {
        '050101': { filed: 260, solved: 246 },
        '050104': { filed: 290, solved: 276 },
        '050105': { filed: 85, solved: 79 },
        '050202': { filed: 40, solved: 39 },
        '050300': { filed: 95, solved: 86 },
        '050400': { filed: 52, solved: 49 },
        '050301': { filed: 210, solved: 58 },
        '020100': { filed: 110, solved: 105 },
        '060100': { filed: 75, solved: 72 },
      },
      2023: {
        '050101': { filed: 190, solved: 186 },
        '050104': { filed: 200, solved: 195 },
        '050105': { filed: 30, solved: 29 },
        '050202': { filed: 30, solved: 30 },
        '050300': { filed: 80, solved: 76 },
        '050400': { filed: 40, solved: 39 },
        '050301': { filed: 165, solved: 61 },
        '020100': { filed: 92, solved: 88 },
        '060100': { filed: 58, solved: 56 },
      },
    },
  };
}

/** mulberry32: small, fast, seedable. */
export function historyRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pickIndex(rand: () => number, cumulative: readonly number[]): number {
  const x = rand() * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const cumulate = (weights: readonly number[]) => {
  let s = 0;
  return weights.map((w) => (s += w));
};

/** Month weights: busier around the Spring Festival and summer, quieter in late autumn. */
const MONTH_WEIGHTS = [1.1, 1.15, 0.95, 0.95, 1.0, 1.05, 1.1, 1.1, 1.0, 1.0, 0.85, 0.9];
/** Monday … Sunday: weekends a little busier. */
const WEEKDAY_WEIGHTS = [0.95, 0.95, 0.95, 0.97, 1.03, 1.08, 1.07];

const DESCRIPTIONS: Record<string, readonly string[]> = {
  criminal: ['有人持刀威胁路人', '可疑人员撬门未遂'],
  '0501': ['店内财物被盗', '村民晾晒的茶叶被盗'],
  '050101': ['自建房被撬门入室盗窃', '夜间有人翻窗入室盗窃'],
  '050102': ['停放车辆车窗被砸，车内财物被盗'],
  '050103': ['集市上手机被扒'],
  '050104': ['电动车被盗', '楼下充电的电动车被盗'],
  '0201': ['酒后纠纷致人受伤'],
  '0202': ['因债务纠纷限制他人人身自由'],
  '0502': ['夜间路边被抢劫'],
  '0503': ['被以介绍工作为名骗取钱财'],
  '050301': ['接到冒充客服电话被骗转账', '刷单返利被骗'],
  '0504': ['骑车经过时包被飞车抢夺'],
  '0601': ['多人在夜市寻衅滋事'],
  '0603': ['举报出租屋内疑似吸贩毒'],
  'public-order': ['可疑人员在村口徘徊'],
  'public-order.fight': ['大排档有人打架斗殴'],
  'public-order.gambling': ['举报有人聚众赌博'],
  'public-order.noise': ['夜间噪音扰民'],
  'public-order.drunk': ['有人酒后滋事'],
};

function description(rand: () => number, code: string): string {
  const own = DESCRIPTIONS[code];
  const name = categoryByCode(code)?.zh ?? code;
  const list = own ?? [`${name}警情`];
  return list[Math.floor(rand() * list.length)]!;
}

const PRIORITY: Record<string, 1 | 2 | 3> = {
  criminal: 1,
  fire: 1,
  'public-order': 2,
  traffic: 2,
  dispute: 2,
  assistance: 3,
  report: 3,
  other: 3,
};

/** Days of a year with their weights (month × weekday). */
function yearDays(year: number): { days: string[]; cumulative: number[] } {
  const { from, to } = yearPeriod(year);
  const days: string[] = [];
  const weights: number[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    days.push(d);
    const weekday = (new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7;
    weights.push(MONTH_WEIGHTS[Number(d.slice(5, 7)) - 1]! * WEEKDAY_WEIGHTS[weekday]!);
  }
  return { days, cumulative: cumulate(weights) };
}

const DAY_HOURS = cumulate(HOURLY_WEIGHTS);
const NIGHT_HOURS = cumulate(HOURLY_WEIGHTS.map((w, h) => (h < 6 || h >= 22 ? w * 2 : w)));

/**
 * Generates the history: exactly the targets' counts, each incident on a day of its year (Beijing time),
 * at an hour from the county's profile (crimes lean to the night), at a village picked by population.
 * Crime records take the time and place of a free incident of their category family where there is one;
 * filed 0–3 days after, solved (for the target's solved number) days to weeks after filing.
 */
export function generateHistory(
  targets: HistoryTargets,
  spots: readonly HistorySpot[],
  seed: number,
): { incidents: HistoryIncident[]; crimes: HistoryCrime[] } {
  if (spots.length === 0) return { incidents: [], crimes: [] };
  const rand = historyRng(seed);
  const spotCumulative = cumulate(spots.map((s) => Math.max(1, s.weight)));
  const incidents: HistoryIncident[] = [];
  const instant = (days: { days: string[]; cumulative: number[] }, night: boolean) => {
    const day = days.days[pickIndex(rand, days.cumulative)]!;
    const hour = pickIndex(rand, night ? NIGHT_HOURS : DAY_HOURS);
    return dayStart(day) + hour * 3_600_000 + Math.floor(rand() * 3_600_000);
  };
  for (const year of Object.keys(targets.incidents).map(Number).sort()) {
    const days = yearDays(year);
    for (const [code, n] of Object.entries(targets.incidents[year]!)) {
      const category = categoryByCode(code);
      if (!category) throw new RangeError(`unknown incident category ${code}`);
      for (let i = 0; i < n; i++)
        incidents.push({
          at: instant(days, category.kind === 'criminal'),
          spot: pickIndex(rand, spotCumulative),
          category: code,
          kind: category.kind,
          priority: PRIORITY[category.kind] ?? 3,
          description: description(rand, code),
        });
    }
  }
  incidents.sort((a, b) => a.at - b.at);

  // Free incidents by year and crime code.
  const free = new Map<string, number[]>();
  incidents.forEach((inc, i) => {
    if (inc.kind !== 'criminal' || !/^\d+$/.test(inc.category)) return;
    const key = `${new Date(inc.at + BEIJING_OFFSET_MS).getUTCFullYear()}/${inc.category}`;
    free.set(key, [...(free.get(key) ?? []), i]);
  });
  const crimes: HistoryCrime[] = [];
  for (const year of Object.keys(targets.crimes).map(Number).sort()) {
    const days = yearDays(year);
    const yearEnd = dayStart(`${year + 1}-01-01`);
    const yearStart = dayStart(`${year}-01-01`);
    for (const [code, { filed, solved }] of Object.entries(targets.crimes[year]!)) {
      if (solved > filed) throw new RangeError(`${year} ${code}: more solved than filed`);
      // A 6-digit code ending 00 is its 中类 itself (050300 诈骗): its incidents carry the 4-digit code.
      const pool = free.get(`${year}/${code}`) ?? free.get(`${year}/${code.replace(/00$/, '')}`) ?? [];
      // Which of the filed cases are solved: spread through the year.
      const solvedFlags = Array.from({ length: filed }, (_, i) => i < solved);
      for (let i = solvedFlags.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [solvedFlags[i], solvedFlags[j]] = [solvedFlags[j]!, solvedFlags[i]!];
      }
      for (let i = 0; i < filed; i++) {
        const from = pool.length ? pool.pop()! : null;
        let occurred = from === null ? instant(days, true) : incidents[from]!.at;
        const spot = from === null ? pickIndex(rand, spotCumulative) : incidents[from]!.spot;
        // Filed within the year it is counted in.
        let filedAt = occurred + Math.floor(rand() * 3 * 86_400_000);
        if (filedAt >= yearEnd) {
          occurred = Math.min(occurred, yearEnd - 7_200_000);
          filedAt = yearEnd - 3_600_000;
        }
        if (filedAt < yearStart) filedAt = yearStart;
        const solvedAt = solvedFlags[i]
          ? filedAt + Math.floor(86_400_000 * (1 + 20 * -Math.log(1 - rand() * 0.95)))
          : null;
        crimes.push({
          occurredFrom: occurred,
          occurredTo: occurred + Math.floor(rand() * 4 * 3_600_000),
          filedAt,
          solvedAt,
          spot,
          category: code,
          incident: from,
        });
      }
    }
  }
  return { incidents, crimes };
}
