import { normalizeMobile, parseIdNumber, reasonMessage } from '@ronghui/ids';
import {
  FRAUD_TYPE_NAMES,
  FRAUD_TYPES,
  type FraudType,
  type Risk,
  RISKS,
  type WarningSource,
} from './warnings.ts';

/** The columns of a warning import file (Chinese header, `*` = required), in template order. */
export const WARNING_COLUMNS = [
  { key: 'personName', zh: '姓名', required: true },
  { key: 'phone', zh: '手机号', required: true },
  { key: 'idNumber', zh: '身份证号', required: false },
  { key: 'issuedAt', zh: '预警时间', required: true },
  { key: 'fraudType', zh: '诈骗类型', required: true },
  { key: 'source', zh: '来源', required: true },
  { key: 'risk', zh: '风险等级', required: true },
  { key: 'moneyAtRisk', zh: '涉案金额', required: false },
  { key: 'address', zh: '地址', required: true },
] as const;
export type WarningColumn = (typeof WARNING_COLUMNS)[number]['key'];

export interface ImportedWarning {
  personName: string;
  phone: string;
  idNumber: string | null;
  /** ISO instant. */
  issuedAt: string;
  fraudType: FraudType;
  source: Exclude<WarningSource, 'incident'>;
  risk: Risk;
  moneyAtRisk: number;
  address: string;
}

export interface ImportProblem {
  line: number;
  field: WarningColumn | 'header';
  message: string;
}

const RISK_WORDS: Record<string, Risk> = {
  高: 'high',
  高风险: 'high',
  中: 'medium',
  中风险: 'medium',
  低: 'low',
  低风险: 'low',
};
const SOURCE_WORDS: Record<string, ImportedWarning['source']> = {
  公安部: 'ministry',
  部: 'ministry',
  ministry: 'ministry',
  省厅: 'province',
  省: 'province',
  province: 'province',
  市局: 'city',
  市: 'city',
  city: 'city',
};

/** The file's header: which column holds which field (by Chinese name, `*` ignored, or the key). */
export function mapHeader(header: readonly string[]): {
  index: Partial<Record<WarningColumn, number>>;
  problems: ImportProblem[];
} {
  const index: Partial<Record<WarningColumn, number>> = {};
  header.forEach((raw, i) => {
    const h = raw
      .replace(/^\uFEFF/, '')
      .replace(/\*$/, '')
      .trim();
    const col = WARNING_COLUMNS.find((c) => c.zh === h || c.key === h);
    if (col && index[col.key] === undefined) index[col.key] = i;
  });
  const problems = WARNING_COLUMNS.filter((c) => c.required && index[c.key] === undefined).map(
    (c): ImportProblem => ({ line: 1, field: 'header', message: `缺少列「${c.zh}」` }),
  );
  return { index, problems };
}

/** "2024-03-05 14:20" (Beijing), "2024/3/5 14:20:00" or an ISO instant → ISO instant; null when not a time. */
export function parseLocalTime(text: string): string | null {
  const t = text.trim();
  if (/T.*(Z|[+-]\d\d:?\d\d)$/.test(t)) {
    const d = new Date(t);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h - 8, mi, s);
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1) return null;
  return new Date(ms).toISOString();
}

function fraudTypeOf(text: string): FraudType | null {
  const t = text.trim();
  if ((FRAUD_TYPES as readonly string[]).includes(t)) return t as FraudType;
  const byName = FRAUD_TYPES.find((k) => FRAUD_TYPE_NAMES[k] === t || t.includes(FRAUD_TYPE_NAMES[k]));
  return byName ?? null;
}

/**
 * One data row checked. `today` (YYYY-MM-DD) bounds ID-number birth dates and the warning time.
 * Answers the warning, or every problem of the row (line and field).
 */
export function validateWarningRow(
  cells: readonly string[],
  index: Partial<Record<WarningColumn, number>>,
  line: number,
  opts: { today: string; now: Date },
): { ok: true; value: ImportedWarning } | { ok: false; problems: ImportProblem[] } {
  const cell = (k: WarningColumn) => {
    const i = index[k];
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const problems: ImportProblem[] = [];
  const bad = (field: WarningColumn, message: string) => problems.push({ line, field, message });
  for (const c of WARNING_COLUMNS) if (c.required && cell(c.key) === '') bad(c.key, `「${c.zh}」必填`);

  const personName = cell('personName');
  if (personName && [...personName].length > 40) bad('personName', '姓名过长');
  let phone = '';
  if (cell('phone')) {
    const m = normalizeMobile(cell('phone'));
    if (m.ok) phone = m.value;
    else bad('phone', '手机号应为1[3-9]开头的11位号码');
  }
  let idNumber: string | null = null;
  if (cell('idNumber')) {
    const id = parseIdNumber(cell('idNumber'), { today: opts.today });
    if (id.ok) idNumber = id.value.value;
    else bad('idNumber', reasonMessage(id.reason));
  }
  let issuedAt = '';
  if (cell('issuedAt')) {
    const at = parseLocalTime(cell('issuedAt'));
    if (!at) bad('issuedAt', '时间格式应为 YYYY-MM-DD HH:mm');
    else if (Date.parse(at) > opts.now.getTime() + 5 * 60_000) bad('issuedAt', '预警时间晚于当前时间');
    else issuedAt = at;
  }
  let fraudType: FraudType | null = null;
  if (cell('fraudType')) {
    fraudType = fraudTypeOf(cell('fraudType'));
    if (!fraudType)
      bad('fraudType', `未知诈骗类型，应为：${FRAUD_TYPES.map((k) => FRAUD_TYPE_NAMES[k]).join('、')}`);
  }
  let source: ImportedWarning['source'] | null = null;
  if (cell('source')) {
    source = SOURCE_WORDS[cell('source')] ?? null;
    if (!source) bad('source', '来源应为 公安部、省厅 或 市局');
  }
  let risk: Risk | null = null;
  if (cell('risk')) {
    const r = cell('risk');
    risk = (RISKS as readonly string[]).includes(r) ? (r as Risk) : (RISK_WORDS[r] ?? null);
    if (!risk) bad('risk', '风险等级应为 高、中 或 低');
  }
  let moneyAtRisk = 0;
  if (cell('moneyAtRisk')) {
    const n = Number(cell('moneyAtRisk').replace(/[,，元¥\s]/g, ''));
    if (!Number.isFinite(n) || n < 0 || n > 1e10) bad('moneyAtRisk', '涉案金额应为非负数（元）');
    else moneyAtRisk = n;
  }
  const address = cell('address');
  if (address && [...address].length > 200) bad('address', '地址过长');
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: {
      personName,
      phone,
      idNumber,
      issuedAt,
      fraudType: fraudType!,
      source: source!,
      risk: risk!,
      moneyAtRisk,
      address,
    },
  };
}

/** A whole sheet (first row the header): every good row, and every problem by line. */
export function validateWarningSheet(
  rows: readonly { line: number; cells: readonly string[] }[],
  opts: { today: string; now: Date },
): { warnings: (ImportedWarning & { line: number })[]; problems: ImportProblem[] } {
  const [head, ...data] = rows;
  if (!head) return { warnings: [], problems: [{ line: 1, field: 'header', message: '文件为空' }] };
  const { index, problems } = mapHeader(head.cells);
  if (problems.length) return { warnings: [], problems };
  const warnings: (ImportedWarning & { line: number })[] = [];
  for (const r of data) {
    const v = validateWarningRow(r.cells, index, r.line, opts);
    if (v.ok) warnings.push({ ...v.value, line: r.line });
    else problems.push(...v.problems);
  }
  if (data.length === 0) problems.push({ line: 2, field: 'header', message: '文件没有数据行' });
  return { warnings, problems };
}

/** CSV text (RFC 4180 quoting) as lines of cells; blank lines skipped, line numbers kept. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const s = text.replace(/^\uFEFF/, '');
  const endRow = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== '')) rows.push({ line: start, cells: cells.map((c) => c.trim()) });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      endRow();
      line++;
      start = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length) endRow();
  return rows;
}

/** CSV bytes: UTF-8 (with or without BOM), else GB18030 as spreadsheets in China save it. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
