/**
 * Ronghui's own modus-operandi code tables, laid out like the GA 240 parts (no public table exists):
 * two digits per level, a child code starts with its parent's code.
 */
export type MoTable = 'category' | 'timing' | 'premise' | 'method' | 'feature';

export interface MoCode {
  readonly code: string;
  readonly parent: string | null;
  readonly name_zh: string;
  readonly name_en: string;
}

type Row = readonly [code: string, zh: string, en: string];

function table(rows: readonly Row[], levelWidth: number): readonly MoCode[] {
  return rows.map(([code, zh, en]) => {
    // The parent is the code with its last level removed, if that code is in the table.
    const parentCode = code.length > levelWidth ? code.slice(0, code.length - levelWidth) : null;
    const parent = parentCode && rows.some((r) => r[0] === parentCode) ? parentCode : null;
    return { code, parent, name_zh: zh, name_en: en };
  });
}

/** GA 240.1 structure: 2 (大类) + 2 (中类) + 2 (小类). */
export const CATEGORY_CODES = table(
  [
    ['05', '侵犯财产', 'property crime'],
    ['0501', '盗窃', 'theft'],
    ['050101', '入户盗窃', 'residential burglary'],
    ['050102', '盗窃车内财物', 'theft from vehicle'],
    ['050103', '扒窃', 'pickpocketing'],
    ['050104', '盗窃电动车', 'e-bike theft'],
    ['050105', '盗窃商铺', 'commercial burglary'],
    ['0502', '抢劫', 'robbery'],
    ['050201', '入户抢劫', 'home invasion robbery'],
    ['050202', '拦路抢劫', 'street robbery'],
  ],
  2,
);

/** 作案时机 (GA 240.4 structure). */
export const TIMING_CODES = table(
  [
    ['01', '夜间', 'night'],
    ['0101', '深夜', 'late night'],
    ['0102', '凌晨', 'small hours'],
    ['02', '白天', 'daytime'],
    ['0201', '上班时间', 'working hours'],
    ['0202', '午休时间', 'lunch break'],
    ['03', '节假日', 'holidays'],
    ['0301', '春节期间', 'Spring Festival'],
  ],
  2,
);

/** 选择处所 (GA 240.5 structure). */
export const PREMISE_CODES = table(
  [
    ['01', '住宅', 'dwelling'],
    ['0101', '自建房', 'self-built house'],
    ['0102', '商品房', 'apartment'],
    ['0103', '出租屋', 'rented room'],
    ['0104', '别墅', 'villa'],
    ['02', '商业场所', 'commercial premises'],
    ['0201', '商铺', 'shop'],
    ['0202', '仓库', 'warehouse'],
    ['0203', '办公室', 'office'],
    ['03', '公共场所', 'public place'],
    ['0301', '学校', 'school'],
    ['0302', '工地', 'construction site'],
  ],
  2,
);

/** 作案手段 (GA 240.7 structure): how entry was made. */
export const METHOD_CODES = table(
  [
    ['01', '破坏锁具', 'lock attack'],
    ['0101', '撬锁', 'lock prying'],
    ['0102', '技术开锁', 'lock picking'],
    ['0103', '插片', 'card slipping'],
    ['02', '攀爬入室', 'climbing in'],
    ['0201', '翻窗', 'through a window'],
    ['0202', '攀爬阳台', 'via the balcony'],
    ['03', '破坏门窗', 'breaking doors or windows'],
    ['0301', '撬窗', 'window prying'],
    ['0302', '破玻璃', 'glass breaking'],
    ['04', '无破坏进入', 'entry without force'],
    ['0401', '溜门', 'through an open door'],
    ['0402', '钥匙开门', 'with a key'],
  ],
  2,
);

/** 作案特点 (GA 240.8 structure). */
export const FEATURE_CODES = table(
  [
    ['01', '伪装', 'disguise'],
    ['0101', '戴口罩', 'wore a mask'],
    ['0102', '戴手套', 'wore gloves'],
    ['0103', '戴帽子', 'wore a cap'],
    ['02', '现场行为', 'behaviour at the scene'],
    ['0201', '翻动', 'ransacked'],
    ['0202', '有人在家', 'residents present'],
    ['0203', '只取现金', 'took only cash'],
    ['0204', '破坏监控', 'disabled a camera'],
    ['03', '环境', 'surroundings'],
    ['0301', '背街小巷', 'back lane'],
    ['0302', '无监控', 'no camera coverage'],
    ['04', '交通方式', 'transport'],
    ['0401', '骑电动车', 'by e-bike'],
    ['0402', '驾车', 'by car'],
  ],
  2,
);

export const MO_TABLES: Readonly<Record<MoTable, readonly MoCode[]>> = {
  category: CATEGORY_CODES,
  timing: TIMING_CODES,
  premise: PREMISE_CODES,
  method: METHOD_CODES,
  feature: FEATURE_CODES,
};

const indexes = new Map<MoTable, Map<string, MoCode>>();
function indexOf(tableName: MoTable): Map<string, MoCode> {
  let index = indexes.get(tableName);
  if (!index) {
    index = new Map(MO_TABLES[tableName].map((c) => [c.code, c]));
    indexes.set(tableName, index);
  }
  return index;
}

export function moCode(tableName: MoTable, code: string): MoCode | undefined {
  return indexOf(tableName).get(code);
}

/** Parent code from the table; codes we do not know have no parent (so no partial credit). */
export function parentCode(tableName: MoTable, code: string): string | null {
  return indexOf(tableName).get(code)?.parent ?? null;
}

/** Display name, falling back to the raw code for codes outside our tables. */
export function moName(tableName: MoTable, code: string, lang: 'zh' | 'en'): string {
  const c = indexOf(tableName).get(code);
  if (!c) return code;
  return lang === 'zh' ? c.name_zh : c.name_en;
}

/** Leaf codes only: what a recorded crime carries. */
export function leafCodes(tableName: MoTable): readonly MoCode[] {
  const all = MO_TABLES[tableName];
  return all.filter((c) => !all.some((d) => d.parent === c.code));
}
