import { describe, expect, it } from 'vitest';
import { decodeCsv, parseCsv, parseLocalTime, validateWarningSheet } from './import.ts';

const opts = { today: '2024-03-05', now: new Date('2024-03-05T08:00:00Z') };
const HEADER = '姓名*,手机号*,身份证号,预警时间*,诈骗类型*,来源*,风险等级*,涉案金额,地址*';

describe('warning import rows', () => {
  it('reads Beijing wall-clock times as instants', () => {
    expect(parseLocalTime('2024-03-05 14:20')).toBe('2024-03-05T06:20:00.000Z');
    expect(parseLocalTime('2024/3/5 14:20:30')).toBe('2024-03-05T06:20:30.000Z');
    expect(parseLocalTime('2024-02-30 10:00')).toBeNull();
    expect(parseLocalTime('昨天')).toBeNull();
  });

  it('takes good rows and names each bad field by line', () => {
    const csv = [
      HEADER,
      '连大爷,13905951234,,2024-03-05 09:30,养老理财,省厅,高,200000,德化县杨梅乡杨梅村',
      '"王,芳",13812345678,11010519491231002X,2024-03-05 10:00,刷单返利,市局,中,5000,德化县龙浔镇',
      '张三,12345678901,110105194912310021,2024-03-05 10:00,算命,县里,极高,-5,',
    ].join('\r\n');
    const { warnings, problems } = validateWarningSheet(parseCsv(csv), opts);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatchObject({
      line: 2,
      personName: '连大爷',
      phone: '13905951234',
      risk: 'high',
      fraudType: 'elderly-wealth',
      source: 'province',
      moneyAtRisk: 200000,
      issuedAt: '2024-03-05T01:30:00.000Z',
      idNumber: null,
    });
    expect(warnings[1]).toMatchObject({
      personName: '王,芳',
      idNumber: '11010519491231002X',
      risk: 'medium',
    });
    expect(problems.filter((p) => p.line === 4).map((p) => p.field)).toEqual([
      'address',
      'phone',
      'idNumber',
      'fraudType',
      'source',
      'risk',
      'moneyAtRisk',
    ]);
  });

  it('refuses a file missing a required column, and a warning time in the future', () => {
    const noRisk = validateWarningSheet(
      parseCsv('姓名,手机号,预警时间,诈骗类型,来源,地址\n甲,13905951234'),
      opts,
    );
    expect(noRisk.problems).toEqual([{ line: 1, field: 'header', message: '缺少列「风险等级」' }]);
    const later = validateWarningSheet(
      parseCsv(`${HEADER}\n甲乙,13905951234,,2024-03-06 09:30,其他,市局,低,,德化县`),
      opts,
    );
    expect(later.problems).toEqual([{ line: 2, field: 'issuedAt', message: '预警时间晚于当前时间' }]);
  });

  it('decodes GB18030 files as spreadsheets save them', () => {
    const gbk = new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb]); // 姓名
    expect(decodeCsv(gbk)).toBe('姓名');
    expect(decodeCsv(new TextEncoder().encode('\uFEFF姓名'))).toBe('姓名');
  });
});
