import { describe, expect, it } from 'vitest';
import { changesOf } from './registry-context.ts';
import {
  checkAddress,
  checkBusiness,
  checkPerson,
  decodeCsv,
  type FieldIssue,
  mapHeader,
  parseCsv,
  rowsOf,
} from './registry-rules.ts';

const VILLAGES = new Set(['350526100001']);
const TODAY = '2026-12-06';

describe('reading import files', () => {
  it('parses quoted CSV fields and keeps each row on the line it starts', () => {
    const rows = parseCsv('a,b,c\r\n"x, y","say ""hi""",3\n\n"two\nlines",2,\n4,5,6');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['x, y', 'say "hi"', '3'] },
      { line: 4, cells: ['two\nlines', '2', ''] },
      { line: 6, cells: ['4', '5', '6'] },
    ]);
  });

  it('reads UTF-8 with and without BOM, and GB18030', () => {
    const utf8 = new TextEncoder().encode('姓名,身份证号');
    expect(decodeCsv(utf8)).toBe('姓名,身份证号');
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe('姓名,身份证号');
    // 姓名 in GB2312/GB18030.
    expect(decodeCsv(new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0x41]))).toBe('姓名,A');
  });

  it('maps Chinese or English headers, marks (*) and spaces aside, and names missing columns', () => {
    const { index, missing } = mapHeader('people', ['姓名*', ' idNumber ', '人口类别', '其他']);
    expect([...index]).toEqual([
      ['name', 0],
      ['idNumber', 1],
      ['kind', 2],
    ]);
    expect(missing.map((c) => c.key)).toEqual(['divisionCode']);
    const { rows, problems } = rowsOf('people', [{ line: 1, cells: ['姓名'] }]);
    expect(rows).toEqual([]);
    expect(problems.map((p) => p.field)).toEqual(['身份证号', '人口类别', '村社区代码']);
  });
});

describe('checking rows', () => {
  it('checks an address and gives its normalised key', () => {
    const issues: FieldIssue[] = [];
    const a = checkAddress(
      { divisionCode: '350526100001', road: '凤凰路', doorNo: '十二号', room: '３０１' },
      VILLAGES,
      issues,
    );
    expect(issues).toEqual([]);
    expect(a?.key).toBe('350526100001|凤凰路|12|||301');
    const bad: FieldIssue[] = [];
    expect(checkAddress({ divisionCode: '350526999999', lon: '200', lat: '25' }, VILLAGES, bad)).toBeNull();
    expect(bad.map((i) => i.field)).toEqual(['divisionCode', 'road', 'lon']);
  });

  it('checks a person: GB 11643 ID number, sex and birth from it, phone, kind, days', () => {
    const issues: FieldIssue[] = [];
    const p = checkPerson(
      {
        name: '陈大爷',
        idNumber: '11010519491231002x',
        phone: '139 0595 1234',
        kind: '户籍',
        movedInOn: '2001/3/4',
      },
      TODAY,
      issues,
    );
    expect(issues).toEqual([]);
    expect(p).toMatchObject({
      idNumber: '11010519491231002X',
      sex: 'female',
      birthDate: '1949-12-31',
      phone: '13905951234',
      kind: 'registered',
      movedInOn: '2001-03-04',
    });
    const bad: FieldIssue[] = [];
    checkPerson(
      { name: '', idNumber: '110105194912310021', kind: '外星', movedInOn: '2030-01-01' },
      TODAY,
      bad,
    );
    expect(bad.map((i) => i.field)).toEqual(['name', 'idNumber', 'kind', 'movedInOn']);
  });

  it('checks a business: kind by its Chinese name, credit code, key place', () => {
    const issues: FieldIssue[] = [];
    expect(
      checkBusiness({ name: '瓷坊', kind: '商铺', licenceNo: '91350526ma2y00001u', keyPlace: '是' }, issues),
    ).toMatchObject({
      kind: 'shop',
      licenceNo: '91350526MA2Y00001U',
      keyPlace: true,
    });
    const bad: FieldIssue[] = [];
    checkBusiness({ name: '瓷坊', kind: '商铺', licenceNo: '91350526MA2Y00001W' }, bad);
    expect(bad.map((i) => i.field)).toEqual(['licenceNo']);
  });
});

describe('change history', () => {
  it('lists what changed, personal values masked', () => {
    expect(
      changesOf(
        { name: '林春梅', phone: '13905951234', kind: 'floating', address: 'A' },
        { name: '林春梅', phone: '13905959999', kind: 'registered', address: 'A' },
      ),
    ).toEqual([
      { field: 'phone', before: '139****1234', after: '139****9999' },
      { field: 'kind', before: 'floating', after: 'registered' },
    ]);
    expect(changesOf(null, { idNumber: '11010519491231002X', note: null })).toEqual([
      { field: 'idNumber', before: null, after: '110105********002X' },
    ]);
  });
});
