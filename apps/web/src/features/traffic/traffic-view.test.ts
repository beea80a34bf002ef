import { describe, expect, it } from 'vitest';
import {
  charCells,
  csvField,
  DEVICE_CSV_COLUMNS,
  delayMinutes,
  deviceCsvTemplate,
  devicesCsv,
  dotPitch,
  matrixSize,
  placeChars,
  sampleDots,
  sectionColor,
  sectionLevels,
  worstLevel,
} from './traffic-view.ts';

describe('hazard colours', () => {
  it('takes the worst level, grey when none', () => {
    expect(worstLevel([])).toBeNull();
    expect(worstLevel(['yellow', 'red', 'orange'])).toBe('red');
    expect(worstLevel(['yellow', 'orange'])).toBe('orange');
    expect(sectionColor(null)).toBe('#8c8c8c');
    expect(sectionColor('orange')).toBe('#fa8c16');
  });

  it('gives each section its worst active hazard and skips ended ones', () => {
    const levels = sectionLevels([
      { sectionId: 'a', level: 'yellow', endedAt: null },
      { sectionId: 'a', level: 'orange', endedAt: null },
      { sectionId: 'a', level: 'red', endedAt: '2023-12-22T08:00:00.000Z' },
      { sectionId: 'b', level: 'red', endedAt: '2023-12-22T08:00:00.000Z' },
    ]);
    expect(levels.get('a')).toBe('orange');
    expect(levels.has('b')).toBe(false);
  });
});

describe('dot-matrix geometry', () => {
  const model = { lines: 2, charsPerLine: 8, dots: 16 };

  it('sizes the matrix as lines × chars of dots × dots', () => {
    expect(matrixSize(model)).toEqual({ cols: 128, rows: 32 });
    expect(dotPitch(model, 400)).toBe(3);
    expect(dotPitch({ lines: 1, charsPerLine: 32, dots: 48 }, 400)).toBe(2);
  });

  it('centres each line, ideographs one cell and digits half', () => {
    expect(charCells('冰')).toBe(1);
    expect(charCells('6')).toBe(0.5);
    expect(charCells('℃')).toBe(1);
    const placed = placeChars(model, ['路面结冰', '限速40']);
    // Four ideographs of eight cells: two empty cells on the left.
    expect(placed[0]).toEqual({ ch: '路', x: 32, y: 0, width: 16, height: 16 });
    // 限速 + two half-width digits = 3 cells: (8 − 3) / 2 = 2.5 cells in.
    const second = placed.filter((p) => p.y === 16);
    expect(second.map((p) => p.x)).toEqual([40, 56, 72, 80]);
    expect(second[3]!.width).toBe(8);
  });

  it('drops what does not fit', () => {
    expect(placeChars({ lines: 1, charsPerLine: 2, dots: 16 }, ['一二三', '四'])).toHaveLength(2);
  });

  it('lights a dot when enough of its block is inked', () => {
    const size = { cols: 2, rows: 1 };
    const scale = 2;
    const rgba = new Uint8ClampedArray(size.cols * scale * size.rows * scale * 4);
    // Ink the whole left block and one pixel of the right one (25 % < 35 %).
    for (const [x, y] of [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
      [2, 0],
    ] as const)
      rgba[(y * size.cols * scale + x) * 4 + 3] = 255;
    expect([...sampleDots(rgba, size, scale)]).toEqual([1, 0]);
    expect([...sampleDots(rgba, size, scale, 0.2)]).toEqual([1, 1]);
  });
});

describe('devices CSV', () => {
  it('starts with the import columns and quotes what needs quoting', () => {
    const template = deviceCsvTemplate();
    const [header, ...rows] = template.trim().split('\n');
    expect(header).toBe(DEVICE_CSV_COLUMNS.join(','));
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.split(',')).toHaveLength(DEVICE_CSV_COLUMNS.length);
    expect(rows[2]).toContain(',sign,');
    expect(rows[2]!.endsWith(',2,8')).toBe(true);
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(
      devicesCsv([{ id: 'X', name: 'a, b', kind: 'weather', position: [1, 2], sectionId: null }]).split(
        '\n',
      )[1],
    ).toBe('X,"a, b",weather,1,2,,,,,,');
  });
});

describe('routes', () => {
  it('counts the delay over the hazard-free time', () => {
    expect(delayMinutes({ durationSeconds: 1500, normalDurationSeconds: 900 })).toBe(10);
    expect(delayMinutes({ durationSeconds: null, normalDurationSeconds: 900 })).toBeNull();
  });
});
