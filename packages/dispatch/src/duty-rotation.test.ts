import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOnDuty, nextDutyChange } from './duty-rotation.ts';

const H = 3_600_000;
const anchor = Date.UTC(2026, 10, 29, 0, 0); // 08:00 in Asia/Shanghai

describe('duty rotation', () => {
  it('alternates 24 h on, 24 h off', () => {
    const r = { anchor, onHours: 24, offHours: 24 };
    expect(isOnDuty(r, anchor)).toBe(true);
    expect(isOnDuty(r, anchor + 23 * H)).toBe(true);
    expect(isOnDuty(r, anchor + 24 * H)).toBe(false);
    expect(isOnDuty(r, anchor + 48 * H)).toBe(true);
    expect(isOnDuty(r, anchor - 1 * H)).toBe(false);
    expect(isOnDuty(r, anchor - 25 * H)).toBe(true);
  });

  it('keeps crews without off time on duty around the clock, even before the first hand-over', () => {
    expect(isOnDuty({ anchor, onHours: 24, offHours: 0 }, anchor + 1_000 * H)).toBe(true);
    expect(isOnDuty({ anchor, onHours: 24, offHours: 0 }, anchor - 5 * H)).toBe(true);
    expect(nextDutyChange({ anchor, onHours: 24, offHours: 0 }, anchor - 5 * H)).toBeUndefined();
  });

  it('two teams offset by one shift always cover the clock', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000 * H, max: 1_000 * H }), (t) => {
        const a = isOnDuty({ anchor, onHours: 24, offHours: 24 }, anchor + t);
        const b = isOnDuty({ anchor: anchor + 24 * H, onHours: 24, offHours: 24 }, anchor + t);
        return a !== b;
      }),
    );
  });

  it('names the next change', () => {
    const r = { anchor, onHours: 8, offHours: 16 };
    expect(nextDutyChange(r, anchor + 2 * H)).toBe(anchor + 8 * H);
    expect(nextDutyChange(r, anchor + 9 * H)).toBe(anchor + 24 * H);
  });
});
