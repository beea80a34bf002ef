import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskContactsInText, maskIdNumber, maskName, maskPhone, maskPlate } from './mask.ts';
import { PLATE_PROVINCES } from './plate.ts';

describe('masking defaults', () => {
  it('masks the literal examples', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('0595-23521234')).toBe('0595-****1234');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('John Smith')).toBe('J*********');
    expect(maskName('李')).toBe('*');
    expect(maskName('')).toBe('');
  });

  it('hides a value too short to keep both ends', () => {
    expect(maskIdNumber('1234567890')).toBe('**********');
    expect(maskPhone('1234567')).toBe('*******');
  });
});

/** Characters of `masked` that are not `*` and sit at a position outside `kept`. */
function revealedOutside(original: string, masked: string, kept: (i: number, n: number) => boolean): number {
  const o = [...original];
  const m = [...masked];
  expect(m).toHaveLength(o.length);
  let leaks = 0;
  m.forEach((c, i) => {
    if (kept(i, o.length)) expect(c).toBe(o[i]);
    else if (c !== '*') leaks++;
  });
  return leaks;
}

describe('masking never reveals more than the stated characters (properties)', () => {
  it('ID numbers: at most the first 6 and last 4', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii' }), (s) => {
        const n = [...s].length;
        const kept = (i: number) => n > 10 && (i < 6 || i >= n - 4);
        expect(revealedOutside(s, maskIdNumber(s), kept)).toBe(0);
      }),
    );
  });

  it('mobile numbers: at most the first 3 and last 4', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (s) => {
        expect(revealedOutside(s, maskPhone(s), (i) => i < 3 || i >= 7)).toBe(0);
      }),
    );
  });

  it('names: at most the first character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (raw) => {
        const s = raw.trim();
        const masked = maskName(raw);
        const chars = [...s];
        expect([...masked].slice(1).every((c) => c === '*')).toBe(true);
        expect([...masked]).toHaveLength(chars.length);
        if (chars.length > 1) expect([...masked][0]).toBe(chars[0]);
      }),
    );
  });
});

describe('contacts in free text', () => {
  it('masks mobile numbers, landlines and ID numbers written in a sentence, and nothing else', () => {
    expect(maskContactsInText('老人走失，家属电话13905551234，请协助')).toBe(
      '老人走失，家属电话139****1234，请协助',
    );
    expect(maskContactsInText('座机0595-23521234')).toBe('座机0595-****1234');
    expect(maskContactsInText('身份证35052619800101123X在村口')).toBe('身份证350526********123X在村口');
    // Numbers that are neither stay: house numbers, times, counts.
    expect(maskContactsInText('曾坂村18号，3人落水，14:05')).toBe('曾坂村18号，3人落水，14:05');
    // A longer digit run is not a phone inside it.
    expect(maskContactsInText('编号123905551234567')).toBe('编号123905551234567');
  });
});

describe('plates', () => {
  it('keeps the province, the authority letter and the last character', () => {
    expect(maskPlate('闽C8H58M')).toBe('闽C****M');
    expect(maskPlate('闽CD12345')).toBe('闽C*****5');
    expect(maskPlate('粤B12345F')).toBe('粤B*****F');
    expect(maskPlate('闽D1234学')).toBe('闽D****学');
    // Written the way people write them: normalised first.
    expect(maskPlate('闽c·8h58m')).toBe('闽C****M');
  });

  it('masks anything that is not a plate but its first character', () => {
    expect(maskPlate('ABC1234')).toBe('A******');
    expect(maskPlate('闽C8H5')).toBe('闽****');
    expect(maskPlate('')).toBe('');
  });

  it('never shows more than three characters of a plate (property)', () => {
    const letter = fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZ'.split(''));
    const plate = fc
      .tuple(
        fc.constantFrom(...PLATE_PROVINCES.split('')),
        letter,
        fc.array(fc.oneof(letter, fc.constantFrom(...'0123456789'.split(''))), {
          minLength: 5,
          maxLength: 5,
        }),
      )
      .map(([p, a, rest]) => p + a + rest.join(''));
    fc.assert(
      fc.property(plate, (s) => {
        expect(revealedOutside(s, maskPlate(s), (i, n) => i < 2 || i === n - 1)).toBe(0);
        expect(maskPlate(s)).toMatch(/^..\*{4}.$/u);
      }),
    );
  });
});
