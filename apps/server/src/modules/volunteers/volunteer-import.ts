import {
  VOLUNTEER_SKILL_LABELS,
  VOLUNTEER_SKILLS,
  type VolunteerImportProblem,
  type VolunteerSkill,
  type VolunteerVetting,
} from '@ronghui/contracts';
import { normalizeIdNumber, normalizeMobile, parseIdNumber, reasonMessage } from '@ronghui/ids';
import ExcelJS from 'exceljs';

/**
 * Importing volunteers from a spreadsheet: the columns of the template (Chinese headers; the English field
 * names are accepted too), the file readers (XLSX through exceljs, CSV) and the row checks. Every bad
 * cell is reported with its line (1 = the header) and field; good rows go on.
 */
export const IMPORT_COLUMNS = [
  { field: 'name', header: '姓名', required: true },
  { field: 'phone', header: '手机号', required: true },
  { field: 'idNumber', header: '身份证号', required: false },
  { field: 'skills', header: '技能', required: false },
  { field: 'vetting', header: '审查', required: false },
  { field: 'vettedOn', header: '审查日期', required: false },
  { field: 'township', header: '乡镇', required: false },
  { field: 'joinedOn', header: '加入日期', required: false },
] as const;
export type ImportField = (typeof IMPORT_COLUMNS)[number]['field'];

/** One data row as read: its line in the file and the text of each known column. */
export interface ImportRow {
  line: number;
  cells: Partial<Record<ImportField, string>>;
}

export interface ValidRow {
  line: number;
  name: string;
  phone: string;
  idNumber: string | null;
  skills: VolunteerSkill[];
  vetting: VolunteerVetting;
  vettedOn: string | null;
  township: string | null;
  joinedOn: string;
}

const VETTING_WORDS: Record<string, VolunteerVetting> = {
  unvetted: 'unvetted',
  未审查: 'unvetted',
  未审: 'unvetted',
  无: 'unvetted',
  basic: 'basic',
  基本: 'basic',
  初审: 'basic',
  基本审查: 'basic',
  full: 'full',
  完整: 'full',
  全面: 'full',
  完整审查: 'full',
};

const SKILL_WORDS = new Map<string, VolunteerSkill>([
  ...VOLUNTEER_SKILLS.map((s) => [s, s] as const),
  ...VOLUNTEER_SKILLS.map((s) => [VOLUNTEER_SKILL_LABELS[s], s] as const),
]);

function headerField(text: string): ImportField | undefined {
  const t = text
    .trim()
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .replace(/[*＊]$/, '');
  const col = IMPORT_COLUMNS.find((c) => c.header === t || c.field.toLowerCase() === t.toLowerCase());
  return col?.field;
}

/** Splits CSV text into records (RFC 4180: quotes, doubled quotes, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      out.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    out.push(row);
  }
  return out;
}

/** Rows (header first) → data rows keyed by field, blank lines skipped, lines counted from the header = 1. */
export function rowsFromTable(table: string[][]): ImportRow[] {
  const header = table[0];
  if (!header) throw new Error('the file is empty');
  const fields = header.map((h) => headerField(String(h ?? '')));
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !fields.includes(c.field));
  if (missing.length)
    throw new Error(
      `the header lacks the column(s) ${missing.map((c) => `${c.header} (${c.field})`).join(', ')}`,
    );
  const out: ImportRow[] = [];
  for (let i = 1; i < table.length; i++) {
    const r = table[i]!;
    if (r.every((c) => String(c ?? '').trim() === '')) continue;
    const cells: Partial<Record<ImportField, string>> = {};
    fields.forEach((f, j) => {
      if (f) cells[f] = String(r[j] ?? '').trim();
    });
    out.push({ line: i + 1, cells });
  }
  return out;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v);
}

/** Reads an XLSX (first sheet) or CSV file into data rows. */
export async function parseVolunteerFile(fileName: string, bytes: Buffer): Promise<ImportRow[]> {
  const isXlsx = /\.xlsx$/i.test(fileName) || bytes.subarray(0, 2).toString('latin1') === 'PK';
  if (!isXlsx) return rowsFromTable(parseCsv(bytes.toString('utf8')));
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new Error('not a readable XLSX workbook');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw new Error('the workbook has no sheet');
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
    table[n - 1] = values;
  });
  for (let i = 0; i < table.length; i++) table[i] ??= [];
  return rowsFromTable(table);
}

const DAY = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
function day(text: string): string | null {
  const m = DAY.exec(text.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** Checks every row; returns the good ones and one problem per bad cell. `today` is YYYY-MM-DD (China). */
export function validateImportRows(
  rows: readonly ImportRow[],
  today: string,
): { rows: ValidRow[]; problems: VolunteerImportProblem[] } {
  const good: ValidRow[] = [];
  const problems: VolunteerImportProblem[] = [];
  for (const { line, cells } of rows) {
    const bad = (field: ImportField, message: string) => problems.push({ line, field, message });
    const before = problems.length;
    const name = cells.name ?? '';
    if (!name) bad('name', '姓名不能为空 (name is required)');
    else if (name.length > 50) bad('name', '姓名过长 (at most 50 characters)');
    let phone = '';
    const p = normalizeMobile(cells.phone ?? '');
    if (!cells.phone) bad('phone', '手机号不能为空 (phone is required)');
    else if (!p.ok) bad('phone', `${reasonMessage(p.reason, 'zh-CN')} (${reasonMessage(p.reason, 'en-US')})`);
    else phone = p.value;
    let idNumber: string | null = null;
    if (cells.idNumber) {
      const r = parseIdNumber(cells.idNumber, { today });
      if (!r.ok) bad('idNumber', `${reasonMessage(r.reason, 'zh-CN')} (${reasonMessage(r.reason, 'en-US')})`);
      else idNumber = normalizeIdNumber(cells.idNumber);
    }
    const skills: VolunteerSkill[] = [];
    for (const word of (cells.skills ?? '').split(/[、,，;；/\s]+/).filter(Boolean)) {
      const s = SKILL_WORDS.get(word);
      if (s) {
        if (!skills.includes(s)) skills.push(s);
      } else
        bad(
          'skills',
          `未知技能 "${word}" (unknown skill; one of ${VOLUNTEER_SKILLS.map((k) => VOLUNTEER_SKILL_LABELS[k]).join('、')})`,
        );
    }
    let vetting: VolunteerVetting = 'unvetted';
    if (cells.vetting) {
      const v = VETTING_WORDS[cells.vetting.trim().toLowerCase()] ?? VETTING_WORDS[cells.vetting.trim()];
      if (v) vetting = v;
      else bad('vetting', `审查应为 未审查/基本/完整 (unvetted, basic or full), not "${cells.vetting}"`);
    }
    let vettedOn: string | null = null;
    if (cells.vettedOn) {
      vettedOn = day(cells.vettedOn);
      if (!vettedOn) bad('vettedOn', `日期格式应为 YYYY-MM-DD, not "${cells.vettedOn}"`);
      else if (vettedOn > today) bad('vettedOn', '审查日期不能晚于今天 (must not lie in the future)');
    }
    let joinedOn = today;
    if (cells.joinedOn) {
      const d = day(cells.joinedOn);
      if (!d) bad('joinedOn', `日期格式应为 YYYY-MM-DD, not "${cells.joinedOn}"`);
      else if (d > today) bad('joinedOn', '加入日期不能晚于今天 (must not lie in the future)');
      else joinedOn = d;
    }
    if (problems.length > before) continue;
    good.push({
      line,
      name,
      phone,
      idNumber,
      skills,
      vetting,
      vettedOn: vetting === 'unvetted' ? null : vettedOn,
      township: cells.township || null,
      joinedOn,
    });
  }
  return { rows: good, problems };
}

const EXAMPLE = [
  '王德福',
  '13859001234',
  '11010519491231002X',
  '急救、驾驶',
  '基本',
  '2026-03-01',
  '上涌镇',
  '2026-01-15',
];

/** The import template: the header and one example row (XLSX with a note sheet, or CSV with a BOM). */
export async function importTemplate(format: 'xlsx' | 'csv'): Promise<Buffer> {
  const header = IMPORT_COLUMNS.map((c) => (c.required ? `${c.header}*` : c.header));
  if (format === 'csv') return Buffer.from(`\uFEFF${header.join(',')}\r\n${EXAMPLE.join(',')}\r\n`, 'utf8');
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('义警名册');
  sheet.addRow(header);
  sheet.addRow(EXAMPLE);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c) => {
    c.width = 18;
    c.numFmt = '@';
  });
  const notes = wb.addWorksheet('说明');
  notes.addRow(['字段', '说明']);
  notes.addRow(['姓名*', '必填']);
  notes.addRow(['手机号*', '必填，11 位手机号；同一手机号或身份证号视为同一人（合并，不重复创建）']);
  notes.addRow(['身份证号', '选填，按 GB 11643 校验']);
  notes.addRow([
    '技能',
    VOLUNTEER_SKILLS.map((s) => VOLUNTEER_SKILL_LABELS[s]).join('、') + '；多个用 、 分隔',
  ]);
  notes.addRow(['审查', '未审查 / 基本 / 完整']);
  notes.addRow(['审查日期、加入日期', 'YYYY-MM-DD']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
