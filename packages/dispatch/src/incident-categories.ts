/**
 * Incident categories (警情类别): eight kinds at the top, sub-categories below each, and for crimes a
 * hierarchy laid out like GA 240.1 — 6 digits = 2 (大类) + 2 (中类) + 2 (小类), a child code starts with
 * its parent's code. No public table exists; this is Ronghui's own, and its crime codes agree with the
 * case categories of @ronghui/intel where both have an entry (0501 盗窃, 050101 入户盗窃 …).
 */

export const INCIDENT_KINDS = [
  'criminal',
  'public-order',
  'traffic',
  'fire',
  'assistance',
  'dispute',
  'report',
  'other',
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export interface IncidentCategory {
  /** A kind (`criminal`), `kind.sub` (`traffic.accident`) or a GA-240.1-structured crime code (`050101`). */
  readonly code: string;
  readonly parent: string | null;
  readonly kind: IncidentKind;
  readonly zh: string;
  readonly en: string;
  /** Other Chinese names call-takers use for the same category. */
  readonly aliases: readonly string[];
}

type Row = readonly [code: string, zh: string, en: string, aliases?: readonly string[]];

const KIND_ROWS: readonly (readonly [IncidentKind, string, string])[] = [
  ['criminal', '刑事', 'criminal'],
  ['public-order', '治安', 'public order'],
  ['traffic', '交通', 'traffic'],
  ['fire', '火灾', 'fire'],
  ['assistance', '求助', 'request for help'],
  ['dispute', '纠纷', 'dispute'],
  ['report', '举报', 'tip-off'],
  ['other', '其他', 'other'],
];

const SUB_ROWS: readonly Row[] = [
  ['public-order.fight', '打架斗殴', 'fight', ['斗殴']],
  ['public-order.gambling', '聚众赌博', 'gambling'],
  ['public-order.noise', '噪声扰民', 'noise nuisance', ['扰民']],
  ['public-order.drunk', '醉酒滋事', 'drunken disorder'],
  ['traffic.accident', '交通事故', 'traffic accident', ['车祸']],
  ['traffic.congestion', '交通拥堵', 'congestion', ['堵车']],
  ['traffic.road-hazard', '道路险情', 'road hazard', ['塌方', '路面结冰']],
  ['fire.building', '建筑火灾', 'building fire'],
  ['fire.forest', '山林火灾', 'forest fire', ['山火']],
  ['fire.vehicle', '车辆火灾', 'vehicle fire'],
  ['assistance.missing-person', '人员走失', 'missing person', ['走失']],
  ['assistance.medical', '急病求助', 'medical emergency'],
  ['assistance.trapped', '被困求助', 'person trapped', ['被困']],
  ['assistance.lost-property', '财物遗失', 'lost property'],
  ['dispute.neighbour', '邻里纠纷', 'neighbour dispute'],
  ['dispute.family', '家庭纠纷', 'family dispute', ['家暴']],
  ['dispute.land', '山林土地纠纷', 'land dispute'],
  ['dispute.wages', '劳资纠纷', 'wage dispute', ['讨薪']],
  ['report.fraud', '诈骗线索', 'fraud tip-off'],
  ['report.drugs', '涉毒线索', 'drug tip-off'],
  ['report.wanted', '在逃人员线索', 'wanted person tip-off'],
];

/** Crime types: 大类 (2 digits) → 中类 (4) → 小类 (6). */
const CRIME_ROWS: readonly Row[] = [
  ['02', '侵犯人身权利', 'offences against the person'],
  ['0201', '故意伤害', 'intentional injury', ['伤害']],
  ['020101', '持械伤害', 'armed assault'],
  ['0202', '非法拘禁', 'unlawful detention'],
  ['0203', '强奸', 'rape'],
  ['05', '侵犯财产', 'property crime'],
  ['0501', '盗窃', 'theft', ['偷窃']],
  ['050101', '入室盗窃', 'residential burglary', ['入户盗窃']],
  ['050102', '盗窃车内财物', 'theft from vehicle'],
  ['050103', '扒窃', 'pickpocketing'],
  ['050104', '盗窃电动车', 'e-bike theft'],
  ['050105', '盗窃商铺', 'commercial burglary'],
  ['0502', '抢劫', 'robbery'],
  ['050201', '入户抢劫', 'home invasion robbery'],
  ['050202', '拦路抢劫', 'street robbery'],
  ['0503', '诈骗', 'fraud'],
  ['050301', '电信网络诈骗', 'telecom and online fraud', ['电诈']],
  ['0504', '抢夺', 'snatching', ['飞车抢夺']],
  ['06', '妨害社会管理秩序', 'offences against public order'],
  ['0601', '寻衅滋事', 'picking quarrels'],
  ['0602', '开设赌场', 'running a gambling den'],
  ['0603', '毒品犯罪', 'drug crime'],
  ['060301', '贩卖毒品', 'drug trafficking'],
];

function crimeParent(code: string): string {
  return code.length > 2 ? code.slice(0, code.length - 2) : 'criminal';
}

export const INCIDENT_CATEGORIES: readonly IncidentCategory[] = [
  ...KIND_ROWS.map(([code, zh, en]) => ({ code, parent: null, kind: code, zh, en, aliases: [] })),
  ...SUB_ROWS.map(([code, zh, en, aliases]) => {
    const kind = code.slice(0, code.indexOf('.')) as IncidentKind;
    return { code, parent: kind, kind, zh, en, aliases: aliases ?? [] };
  }),
  ...CRIME_ROWS.map(([code, zh, en, aliases]) => ({
    code,
    parent: crimeParent(code),
    kind: 'criminal' as const,
    zh,
    en,
    aliases: aliases ?? [],
  })),
];

const byCode = new Map(INCIDENT_CATEGORIES.map((c) => [c.code, c]));
const byName = new Map<string, IncidentCategory>();
for (const c of INCIDENT_CATEGORIES) for (const name of [c.zh, ...c.aliases]) byName.set(name, c);

export function categoryByCode(code: string): IncidentCategory | undefined {
  return byCode.get(code);
}

/** A category from its code, its English code word, its Chinese name or an alias (whitespace ignored). */
export function findCategory(input: string): IncidentCategory | undefined {
  const key = input.replace(/\s+/g, '');
  return byCode.get(key) ?? byCode.get(key.toLowerCase()) ?? byName.get(key);
}

/** The category and its ancestors, top level first: 刑事 › 侵犯财产 › 盗窃 › 入室盗窃. */
export function categoryPath(category: IncidentCategory): IncidentCategory[] {
  const path: IncidentCategory[] = [];
  let current: IncidentCategory | undefined = category;
  while (current) {
    path.unshift(current);
    current = current.parent ? byCode.get(current.parent) : undefined;
  }
  return path;
}

export const PRIORITIES = [
  { level: 1, zh: '一级', en: 'priority 1 (most urgent)' },
  { level: 2, zh: '二级', en: 'priority 2' },
  { level: 3, zh: '三级', en: 'priority 3' },
] as const;
export type Priority = 1 | 2 | 3;

/** 1, 2, 3 or 一级/二级/三级. */
export function parsePriority(input: number | string): Priority | undefined {
  const found = PRIORITIES.find((p) => p.level === input || p.zh === input || String(p.level) === input);
  return found?.level;
}
