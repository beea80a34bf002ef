import { describe, expect, it } from 'vitest';
import {
  importTemplate,
  parseCsv,
  parseVolunteerFile,
  rowsFromTable,
  validateImportRows,
} from './volunteer-import.ts';
import { dutyHours } from './volunteers.service.ts';

const TODAY = '2026-12-06';

describe('volunteer import', () => {
  it('reads CSV with a BOM, quotes, doubled quotes, CRLF and a newline inside quotes', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n"two\nlines",z')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['two\nlines', 'z'],
    ]);
  });

  it('maps Chinese or English headers, skips blank lines and counts lines from the header', () => {
    const rows = rowsFromTable([
      ['姓名*', 'Phone', '技能'],
      ['曾一', '13612345678', '急救'],
      ['', '', ''],
      ['林二', '13612345679', ''],
    ]);
    expect(rows).toEqual([
      { line: 2, cells: { name: '曾一', phone: '13612345678', skills: '急救' } },
      { line: 4, cells: { name: '林二', phone: '13612345679', skills: '' } },
    ]);
    expect(() => rowsFromTable([['姓名', '技能']])).toThrow(/手机号/);
  });

  it('reports every bad cell by line and field and keeps the good rows', () => {
    const { rows, problems } = validateImportRows(
      [
        {
          line: 2,
          cells: {
            name: '曾一',
            phone: '+86 136 1234 5678',
            skills: '急救、swimming 方言',
            vetting: '完整',
            vettedOn: '2026/3/1',
          },
        },
        { line: 3, cells: { name: '', phone: '1361234', idNumber: '110105194912310021', skills: '飞行' } },
        { line: 4, cells: { name: '林二', phone: '13612345679', vetting: '很好', joinedOn: '2027-01-01' } },
        {
          line: 5,
          cells: {
            name: '郑三',
            phone: '13612345670',
            idNumber: '11010519491231002x',
            joinedOn: '2020-02-30',
          },
        },
      ],
      TODAY,
    );
    expect(rows).toEqual([
      {
        line: 2,
        name: '曾一',
        phone: '13612345678',
        idNumber: null,
        skills: ['first-aid', 'swimming', 'dialect'],
        vetting: 'full',
        vettedOn: '2026-03-01',
        township: null,
        joinedOn: TODAY,
      },
    ]);
    expect(problems.map((p) => `${p.line}:${p.field}`)).toEqual([
      '3:name',
      '3:phone',
      '3:idNumber',
      '3:skills',
      '4:vetting',
      '4:joinedOn',
      '5:joinedOn',
    ]);
  });

  it('reads its own XLSX template back: one good example row', async () => {
    const xlsx = await importTemplate('xlsx');
    const rows = await parseVolunteerFile('template.xlsx', xlsx);
    expect(rows).toHaveLength(1);
    const { rows: good, problems } = validateImportRows(rows, TODAY);
    expect(problems).toEqual([]);
    expect(good[0]).toMatchObject({
      name: '王德福',
      idNumber: '11010519491231002X',
      skills: ['first-aid', 'driving'],
    });
    const csv = await parseVolunteerFile('template.csv', await importTemplate('csv'));
    expect(validateImportRows(csv, TODAY).rows).toEqual(good.map((r) => ({ ...r })));
  });

  it('rejects a file that is not a workbook', async () => {
    await expect(parseVolunteerFile('x.xlsx', Buffer.from('PK not really'))).rejects.toThrow(/XLSX/);
  });

  it('counts hours on duty inside the window, an open period up to now', () => {
    const h = (iso: string) => new Date(`2026-12-06T${iso}:00Z`);
    const periods = [
      { started_at: h('01:00'), ended_at: h('03:00') },
      { started_at: h('05:00'), ended_at: null },
    ];
    expect(dutyHours(periods, h('02:00'), h('06:30'))).toBe(2.5);
  });
});
