import type { RegistryKind } from '@ronghui/contracts';
import ExcelJS from 'exceljs';
import { COLUMNS, decodeCsv, parseCsv, type SheetRow } from './registry-rules.ts';

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

/** The first sheet of an XLSX file, or a CSV (UTF-8 with or without BOM, or GB18030), as lines of cells. */
export async function readSheet(bytes: Uint8Array): Promise<SheetRow[]> {
  if (!isZip(bytes)) return parseCsv(decodeCsv(bytes));
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer,
  );
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells: string[] = [];
    for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]).trim());
    if (cells.some((c) => c !== '')) rows.push({ line, cells });
  });
  return rows;
}

/** An XLSX workbook from header and rows (text cells), for templates and the benchmark. */
export async function writeXlsx(header: string[], rows: string[][], notes?: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('数据');
  sheet.columns = header.map((h) => ({
    header: h,
    width: Math.max(12, h.length * 3),
    style: { numFmt: '@' },
  }));
  for (const r of rows) sheet.addRow(r);
  if (notes) {
    const help = book.addWorksheet('说明');
    for (const n of notes) help.addRow(n);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
export function writeCsv(header: string[], rows: string[][]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** The header of a kind's file: Chinese names, required ones marked with *. */
export const headerRow = (kind: RegistryKind) => COLUMNS[kind].map((c) => (c.required ? `${c.zh}*` : c.zh));

export async function template(kind: RegistryKind, format: 'xlsx' | 'csv'): Promise<Buffer> {
  const header = headerRow(kind);
  const notes = [
    ['列', '字段', '必填', '说明'],
    ...COLUMNS[kind].map((c) => [c.zh, c.key, c.required ? '是' : '', c.hint ?? '']),
  ];
  return format === 'xlsx' ? writeXlsx(header, [], notes) : Buffer.from(writeCsv(header, []), 'utf8');
}
