import { categoryByCode, INCIDENT_KINDS, type IncidentKind } from '@ronghui/dispatch';

/**
 * What a 比降 category counts, and which crime codes a clearance group holds. Incidents: `criminal` and
 * `public-order` are incident kinds; `theft` is 0501 盗窃 and its children; any other category code
 * (`0502`, `traffic.accident`) counts it and its children, any other kind its incidents.
 */
export interface IncidentSelector {
  /** Match incidents of these kinds … */
  kinds: IncidentKind[];
  /** … or whose category code starts with one of these. */
  codePrefixes: string[];
}

export const NAMED_INCIDENT_GROUPS = ['theft', 'criminal', 'public-order'] as const;

export function incidentSelector(category: string): IncidentSelector | null {
  if (category === 'theft') return { kinds: [], codePrefixes: ['0501'] };
  if ((INCIDENT_KINDS as readonly string[]).includes(category))
    return { kinds: [category as IncidentKind], codePrefixes: [] };
  if (categoryByCode(category)) return { kinds: [], codePrefixes: [category] };
  return null;
}

export function matchesIncident(selector: IncidentSelector, kind: string, code: string): boolean {
  return (
    (selector.kinds as string[]).includes(kind) ||
    selector.codePrefixes.some((p) => code === p || (/^\d+$/.test(p) && code.startsWith(p)))
  );
}

/** The Chinese name of a yoy category. */
export function incidentCategoryName(category: string): string {
  if (category === 'theft') return '盗窃';
  return categoryByCode(category)?.zh ?? category;
}

export const CLEARANCE_GROUP_KEYS = [
  'traditional',
  'theft',
  'robbery',
  'fraud',
  'telecom-fraud',
  'all',
] as const;
export type ClearanceGroupKey = (typeof CLEARANCE_GROUP_KEYS)[number];

export const CLEARANCE_GROUP_NAMES: Record<ClearanceGroupKey, string> = {
  traditional: '传统盗抢骗',
  theft: '盗窃',
  robbery: '抢劫',
  fraud: '诈骗',
  'telecom-fraud': '电信网络诈骗',
  all: '全部刑事案件',
};

const TELECOM = '050301';

/**
 * Whether a crime code belongs to a clearance group. 传统盗抢骗 is 0501 盗窃, 0502 抢劫, 0503 诈骗 except
 * 050301 电信网络诈骗, and 0504 抢夺 (each with its children); `fraud` is all of 0503 including telecom.
 */
export function inClearanceGroup(group: ClearanceGroupKey, code: string): boolean {
  const under = (p: string) => code.startsWith(p);
  switch (group) {
    case 'all':
      return true;
    case 'theft':
      return under('0501');
    case 'robbery':
      return under('0502');
    case 'fraud':
      return under('0503');
    case 'telecom-fraud':
      return under(TELECOM);
    case 'traditional':
      return under('0501') || under('0502') || (under('0503') && !under(TELECOM)) || under('0504');
  }
}

/** The group's codes as SQL-friendly prefixes to include and exclude (`all`: everything). */
export function clearancePrefixes(group: ClearanceGroupKey): { include: string[] | null; exclude: string[] } {
  switch (group) {
    case 'all':
      return { include: null, exclude: [] };
    case 'theft':
      return { include: ['0501'], exclude: [] };
    case 'robbery':
      return { include: ['0502'], exclude: [] };
    case 'fraud':
      return { include: ['0503'], exclude: [] };
    case 'telecom-fraud':
      return { include: [TELECOM], exclude: [] };
    case 'traditional':
      return { include: ['0501', '0502', '0503', '0504'], exclude: [TELECOM] };
  }
}

/** The Chinese name of a crime code (its category in @ronghui/dispatch), or the code itself. */
export function crimeCategoryName(code: string): string {
  // Crime records carry 6 digits; one ending 00 is its 中类 (050300 诈骗).
  return categoryByCode(code)?.zh ?? categoryByCode(code.replace(/00$/, ''))?.zh ?? code;
}
