import {
  BUSINESS_KINDS,
  type HOUSE_KINDS,
  type PERSON_KINDS,
  type RegistryImportProblem,
  type RegistryKind,
} from '@ronghui/contracts';
import {
  addressKey,
  isValidCreditCode,
  normalizeIdNumber,
  normalizeLandline,
  normalizeMobile,
  parseIdNumber,
  reasonMessage,
} from '@ronghui/ids';

/**
 * The registry's pure rules: the columns of each import file, reading a CSV (UTF-8 with or without BOM,
 * or GB18030), and checking one row (from a file, a form or a phone) into a draft or field problems.
 */

export interface Column {
  key: string;
  zh: string;
  required?: boolean;
  hint?: string;
}

const ADDRESS_COLUMNS: Column[] = [
  { key: 'divisionCode', zh: '村社区代码', required: true, hint: '12位村(社区)代码，如 350526100001' },
  { key: 'road', zh: '路街巷' },
  { key: 'doorNo', zh: '门牌号' },
  { key: 'building', zh: '楼栋' },
  { key: 'unit', zh: '单元' },
  { key: 'room', zh: '室' },
];

export const COLUMNS: Record<RegistryKind, Column[]> = {
  addresses: [...ADDRESS_COLUMNS, { key: 'lon', zh: '经度' }, { key: 'lat', zh: '纬度' }],
  people: [
    { key: 'name', zh: '姓名', required: true },
    { key: 'idNumber', zh: '身份证号', required: true },
    { key: 'phone', zh: '联系电话' },
    { key: 'kind', zh: '人口类别', required: true, hint: '户籍 或 流动' },
    ...ADDRESS_COLUMNS,
    { key: 'movedInOn', zh: '迁入日期', hint: 'YYYY-MM-DD' },
    { key: 'movedOutOn', zh: '迁出日期', hint: 'YYYY-MM-DD' },
  ],
  houses: [
    ...ADDRESS_COLUMNS,
    { key: 'kind', zh: '房屋类别', required: true, hint: '自建房 出租房 空置房 重点房屋' },
    { key: 'ownerName', zh: '房主姓名' },
    { key: 'ownerPhone', zh: '房主电话' },
    { key: 'note', zh: '备注' },
  ],
  businesses: [
    { key: 'name', zh: '单位名称', required: true },
    { key: 'kind', zh: '单位类别', required: true, hint: '商铺 餐饮 旅馆 工厂 网吧 娱乐场所 学校 诊所 其他' },
    { key: 'licenceNo', zh: '统一社会信用代码' },
    ...ADDRESS_COLUMNS,
    { key: 'keyPlace', zh: '重点场所', hint: '是 或 否' },
    { key: 'contactName', zh: '联系人' },
    { key: 'contactPhone', zh: '联系电话' },
  ],
};

const PERSON_KIND_NAMES: Record<string, (typeof PERSON_KINDS)[number]> = {
  户籍: 'registered',
  户籍人口: 'registered',
  常住: 'registered',
  registered: 'registered',
  流动: 'floating',
  流动人口: 'floating',
  floating: 'floating',
};
const HOUSE_KIND_NAMES: Record<string, (typeof HOUSE_KINDS)[number]> = {
  自建房: 'self-built',
  自住: 'self-built',
  'self-built': 'self-built',
  出租房: 'rented',
  出租: 'rented',
  rented: 'rented',
  空置房: 'vacant',
  空置: 'vacant',
  vacant: 'vacant',
  重点房屋: 'key',
  重点: 'key',
  key: 'key',
};
export const BUSINESS_KIND_ZH: Record<(typeof BUSINESS_KINDS)[number], string> = {
  shop: '商铺',
  restaurant: '餐饮',
  hotel: '旅馆',
  factory: '工厂',
  'internet-cafe': '网吧',
  entertainment: '娱乐场所',
  school: '学校',
  clinic: '诊所',
  other: '其他',
};
const BUSINESS_KIND_NAMES: Record<string, (typeof BUSINESS_KINDS)[number]> = Object.fromEntries([
  ...BUSINESS_KINDS.map((k) => [k, k] as const),
  ...Object.entries(BUSINESS_KIND_ZH).map(([k, zh]) => [zh, k as (typeof BUSINESS_KINDS)[number]] as const),
]);

// ── reading files ──────────────────────────────────────────────────────────────────────────────────

/** Bytes of a CSV as text: a UTF-8 BOM is dropped; bytes that are not UTF-8 are read as GB18030. */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export interface SheetRow {
  /** The line of the file, 1 = the header. */
  line: number;
  cells: string[];
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks; blank lines are skipped. */
export function parseCsv(text: string): SheetRow[] {
  const rows: SheetRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += c;
  }
  if (cell !== '' || cells.length) endRow();
  return rows;
}

/** Maps header cells to column keys (the Chinese header, the key itself, or the key in any case). */
export function mapHeader(
  kind: RegistryKind,
  header: string[],
): { index: Map<string, number>; missing: Column[] } {
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    const name = h.replace(/^\uFEFF/, '').replace(/[*＊\s]/g, '');
    const col = COLUMNS[kind].find((c) => c.zh === name || c.key.toLowerCase() === name.toLowerCase());
    if (col && !index.has(col.key)) index.set(col.key, i);
  });
  return { index, missing: COLUMNS[kind].filter((c) => c.required && !index.has(c.key)) };
}

// ── checking rows ──────────────────────────────────────────────────────────────────────────────────

export type Raw = Record<string, string | number | boolean | null | undefined>;
export interface FieldIssue {
  field: string;
  message: string;
}

const str = (v: Raw[string]) => (v === null || v === undefined ? '' : String(v).trim());
const opt = (v: Raw[string]) => str(v) || null;

export interface AddressDraft {
  divisionCode: string;
  road: string | null;
  doorNo: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  lon: number | null;
  lat: number | null;
  key: string;
}
export interface PersonDraft {
  name: string;
  idNumber: string;
  sex: 'male' | 'female';
  birthDate: string;
  phone: string | null;
  kind: 'registered' | 'floating';
  movedInOn: string | null;
  movedOutOn: string | null;
}
export interface HouseDraft {
  kind: (typeof HOUSE_KINDS)[number];
  ownerName: string | null;
  ownerPhone: string | null;
  note: string | null;
}
export interface BusinessDraft {
  name: string;
  kind: (typeof BUSINESS_KINDS)[number];
  licenceNo: string | null;
  keyPlace: boolean;
  contactName: string | null;
  contactPhone: string | null;
}

function limit(issues: FieldIssue[], field: string, value: string | null, max: number) {
  if (value && [...value].length > max) issues.push({ field, message: `at most ${max} characters` });
}

export function checkAddress(
  raw: Raw,
  villages: ReadonlySet<string>,
  issues: FieldIssue[],
): AddressDraft | null {
  const before = issues.length;
  const divisionCode = str(raw.divisionCode);
  if (!/^\d{12}$/.test(divisionCode))
    issues.push({ field: 'divisionCode', message: 'a 12-digit village or community code' });
  else if (!villages.has(divisionCode))
    issues.push({
      field: 'divisionCode',
      message: `"${divisionCode}" is no village or community of this county`,
    });
  const parts = {
    road: opt(raw.road),
    doorNo: opt(raw.doorNo),
    building: opt(raw.building),
    unit: opt(raw.unit),
    room: opt(raw.room),
  };
  limit(issues, 'road', parts.road, 60);
  for (const f of ['doorNo', 'building', 'unit', 'room'] as const) limit(issues, f, parts[f], 20);
  if (!parts.road && !parts.doorNo)
    issues.push({ field: 'road', message: 'give the road or the door number' });
  let lon: number | null = null;
  let lat: number | null = null;
  if (str(raw.lon) || str(raw.lat)) {
    lon = Number(str(raw.lon));
    lat = Number(str(raw.lat));
    if (!Number.isFinite(lon) || lon < 73 || lon > 136)
      issues.push({ field: 'lon', message: 'a longitude in China (73–136)' });
    if (!Number.isFinite(lat) || lat < 3 || lat > 54)
      issues.push({ field: 'lat', message: 'a latitude in China (3–54)' });
  }
  if (issues.length > before) return null;
  return { divisionCode, ...parts, lon, lat, key: addressKey({ divisionCode, ...parts }) };
}

function checkPhone(value: string | null, field: string, issues: FieldIssue[]): string | null {
  if (!value) return null;
  const m = normalizeMobile(value);
  if (m.ok) return m.value;
  const l = normalizeLandline(value);
  if (l.ok) return l.value;
  issues.push({ field, message: reasonMessage(m.reason, 'en-US') });
  return null;
}

function checkDay(value: string | null, field: string, today: string, issues: FieldIssue[]): string | null {
  if (!value) return null;
  const v = value.replace(/[/.]/g, '-');
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  const day = m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : '';
  if (!m || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
    issues.push({ field, message: 'a day as YYYY-MM-DD' });
    return null;
  }
  if (day > today) issues.push({ field, message: 'must not lie in the future' });
  return day;
}

export function checkPerson(raw: Raw, today: string, issues: FieldIssue[]): PersonDraft | null {
  const before = issues.length;
  const name = str(raw.name);
  if (!name) issues.push({ field: 'name', message: 'required' });
  limit(issues, 'name', name, 40);
  const idRaw = str(raw.idNumber);
  let id: { value: string; sex: 'male' | 'female'; birthDate: string } | null = null;
  if (!idRaw) issues.push({ field: 'idNumber', message: 'required' });
  else {
    const r = parseIdNumber(idRaw, { today });
    if (!r.ok) issues.push({ field: 'idNumber', message: reasonMessage(r.reason, 'en-US') });
    else id = { value: normalizeIdNumber(idRaw), sex: r.value.sex, birthDate: r.value.birthDate };
  }
  const phone = checkPhone(opt(raw.phone), 'phone', issues);
  const kind = PERSON_KIND_NAMES[str(raw.kind)];
  if (!kind) issues.push({ field: 'kind', message: '户籍 (registered) or 流动 (floating)' });
  const movedInOn = checkDay(opt(raw.movedInOn), 'movedInOn', today, issues);
  const movedOutOn = checkDay(opt(raw.movedOutOn), 'movedOutOn', today, issues);
  if (movedInOn && movedOutOn && movedOutOn < movedInOn)
    issues.push({ field: 'movedOutOn', message: 'must not lie before the day moved in' });
  if (issues.length > before || !id || !kind) return null;
  return {
    name,
    idNumber: id.value,
    sex: id.sex,
    birthDate: id.birthDate,
    phone,
    kind,
    movedInOn,
    movedOutOn,
  };
}

export function checkHouse(raw: Raw, issues: FieldIssue[]): HouseDraft | null {
  const before = issues.length;
  const kind = HOUSE_KIND_NAMES[str(raw.kind)];
  if (!kind) issues.push({ field: 'kind', message: '自建房, 出租房, 空置房 or 重点房屋' });
  const ownerName = opt(raw.ownerName);
  limit(issues, 'ownerName', ownerName, 40);
  const ownerPhone = checkPhone(opt(raw.ownerPhone), 'ownerPhone', issues);
  const note = opt(raw.note);
  limit(issues, 'note', note, 200);
  if (issues.length > before || !kind) return null;
  return { kind, ownerName, ownerPhone, note };
}

export function checkBusiness(raw: Raw, issues: FieldIssue[]): BusinessDraft | null {
  const before = issues.length;
  const name = str(raw.name);
  if (!name) issues.push({ field: 'name', message: 'required' });
  limit(issues, 'name', name, 80);
  const kind = BUSINESS_KIND_NAMES[str(raw.kind)];
  if (!kind) issues.push({ field: 'kind', message: `one of ${Object.values(BUSINESS_KIND_ZH).join(' ')}` });
  const licence = opt(raw.licenceNo)?.toUpperCase() ?? null;
  if (licence && !isValidCreditCode(licence))
    issues.push({
      field: 'licenceNo',
      message: 'not a valid 统一社会信用代码 (18 characters, check character)',
    });
  const kp = raw.keyPlace;
  const keyPlace = kp === true || ['是', 'y', 'yes', 'true', '1'].includes(str(kp).toLowerCase());
  const contactName = opt(raw.contactName);
  limit(issues, 'contactName', contactName, 40);
  const contactPhone = checkPhone(opt(raw.contactPhone), 'contactPhone', issues);
  if (issues.length > before || !kind) return null;
  return { name, kind, licenceNo: licence, keyPlace, contactName, contactPhone };
}

/** A sheet's rows as drafts keyed by column, or each row's problems by line and field. */
export function rowsOf(
  kind: RegistryKind,
  sheet: SheetRow[],
): { rows: { line: number; raw: Raw }[]; problems: RegistryImportProblem[] } {
  const [head, ...body] = sheet;
  if (!head) return { rows: [], problems: [{ line: 1, field: '', message: 'the file is empty' }] };
  const { index, missing } = mapHeader(kind, head.cells);
  if (missing.length)
    return {
      rows: [],
      problems: missing.map((c) => ({
        line: head.line,
        field: c.zh,
        message: `the column "${c.zh}" (${c.key}) is missing`,
      })),
    };
  return {
    rows: body.map((r) => {
      const raw: Raw = {};
      for (const [key, i] of index) raw[key] = r.cells[i];
      return { line: r.line, raw };
    }),
    problems: [],
  };
}

/** The column's Chinese header, for problems reported against a file. */
export function headerOf(kind: RegistryKind, key: string): string {
  return COLUMNS[kind].find((c) => c.key === key)?.zh ?? key;
}
