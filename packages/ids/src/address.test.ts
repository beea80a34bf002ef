import { describe, expect, it } from 'vitest';
import {
  addressKey,
  addressLabel,
  chineseNumeralToNumber,
  normalizeAddressPart,
  normalizeAddressText,
  isValidCreditCode,
  creditCodeWithCheck,
} from './address.ts';

describe('standard address normaliser', () => {
  it('reads Chinese numerals', () => {
    expect(chineseNumeralToNumber('十二')).toBe(12);
    expect(chineseNumeralToNumber('十')).toBe(10);
    expect(chineseNumeralToNumber('一百零三')).toBe(103);
    expect(chineseNumeralToNumber('三〇一')).toBe(301);
    expect(chineseNumeralToNumber('二十')).toBe(20);
    expect(chineseNumeralToNumber('凤凰')).toBeUndefined();
    expect(chineseNumeralToNumber('')).toBeUndefined();
  });

  it('turns full-width characters half-width and drops spaces and punctuation', () => {
    expect(normalizeAddressText('　凤凰路　１２号（东）')).toBe('凤凰路12号东');
    expect(normalizeAddressText('Ａ座 ')).toBe('a座');
  });

  it('unifies the markers of door, building, unit and room', () => {
    expect(normalizeAddressPart('12号', 'door')).toBe('12');
    expect(normalizeAddressPart('十二号', 'door')).toBe('12');
    expect(normalizeAddressPart('１２', 'door')).toBe('12');
    for (const b of ['3栋', '3幢', '三号楼', '第三栋', '3座', '03'])
      expect(normalizeAddressPart(b, 'building'), b).toBe('3');
    for (const u of ['2单元', '二单元', '2']) expect(normalizeAddressPart(u, 'unit'), u).toBe('2');
    for (const r of ['301室', '301', '三〇一室', '301房', '０３０１'])
      expect(normalizeAddressPart(r, 'room'), r).toBe('301');
    expect(normalizeAddressPart('A座', 'building')).toBe('a');
    expect(normalizeAddressPart(null, 'room')).toBe('');
  });

  it('gives two spellings of one address one key, and two addresses two keys', () => {
    const a = addressKey({
      divisionCode: '350526100001',
      road: '凤凰路',
      doorNo: '12号',
      building: '3栋',
      unit: '2单元',
      room: '301室',
    });
    const b = addressKey({
      divisionCode: '350526100001',
      road: ' 凤凰路 ',
      doorNo: '十二',
      building: '三幢',
      unit: '２',
      room: '三〇一',
    });
    expect(a).toBe(b);
    expect(a).toBe('350526100001|凤凰路|12|3|2|301');
    expect(addressKey({ divisionCode: '350526100001', road: '凤凰路', doorNo: '13号' })).not.toBe(a);
    expect(
      addressKey({
        divisionCode: '350526100002',
        road: '凤凰路',
        doorNo: '12号',
        building: '3栋',
        unit: '2单元',
        room: '301室',
      }),
    ).not.toBe(a);
    // A numeral that is part of a name stays: 三班 is a township, not "3".
    expect(addressKey({ divisionCode: 'x', road: '三班街' })).toBe('x|三班街||||');
    expect(addressKey({ divisionCode: 'x', road: '三组' })).toBe('x|3组||||');
  });

  it('writes the label as people write it', () => {
    expect(
      addressLabel('浔中镇凤凰社区', { road: '凤凰路', doorNo: '十二号', building: '3幢', room: '301' }),
    ).toBe('浔中镇凤凰社区凤凰路12号3栋301室');
  });
});

describe('统一社会信用代码', () => {
  it('checks the check character', () => {
    // Worked by hand: weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28 over 91350526MA2Y00001
    // (M = 21, A = 10, Y = 30) sum to 1 616; 31 − 1 616 mod 31 = 27 → alphabet[27] = U.
    expect(isValidCreditCode('91350526MA2Y00001U')).toBe(true);
    expect(isValidCreditCode('91350526ma2y00001u')).toBe(true);
    expect(isValidCreditCode('91350526MA2Y00001W')).toBe(false);
    expect(isValidCreditCode('91350526MA2Y00002U')).toBe(false);
    expect(isValidCreditCode('91350526MA2Y00001I')).toBe(false);
    const made = creditCodeWithCheck('91350526MA2Y00001');
    expect(made).toHaveLength(18);
    expect(isValidCreditCode(made)).toBe(true);
    expect(isValidCreditCode('short')).toBe(false);
  });
});
