import { describe, expect, it } from 'vitest';
import { caseDeadline, RECTIFY_WORKING_DAYS } from './deadline.ts';

const passport = { kind: 'promised', promisedDays: 7, expeditedDays: 5 } as const;

describe('case deadlines', () => {
  it('closes an immediate item on the day it is accepted', () => {
    expect(
      caseDeadline('2024-02-08', { kind: 'immediate', promisedDays: 0, expeditedDays: null }, false),
    ).toEqual({
      deadline: '2024-02-08',
      warnOn: '2024-02-08',
    });
  });

  it('counts promised working days across the Spring Festival, expedited when asked', () => {
    // Working days after 8 Feb 2024: 9, 18 (make-up Sunday), 19, 20, 21, 22, 23.
    expect(caseDeadline('2024-02-08', passport, false)).toEqual({
      deadline: '2024-02-23',
      warnOn: '2024-02-22',
    });
    expect(caseDeadline('2024-02-08', passport, true)).toEqual({
      deadline: '2024-02-21',
      warnOn: '2024-02-20',
    });
    // No expedited limit: the promised one applies.
    expect(caseDeadline('2024-02-08', { ...passport, expeditedDays: null }, true).deadline).toBe(
      '2024-02-23',
    );
  });

  it('warns on the previous working day, never before acceptance', () => {
    expect(caseDeadline('2024-02-08', { ...passport, promisedDays: 2 }, false)).toEqual({
      deadline: '2024-02-18',
      warnOn: '2024-02-09',
    });
    expect(caseDeadline('2024-02-08', { ...passport, promisedDays: 1 }, false)).toEqual({
      deadline: '2024-02-09',
      warnOn: '2024-02-08',
    });
    expect(caseDeadline('2024-02-10', { ...passport, promisedDays: 1 }, false)).toEqual({
      deadline: '2024-02-18',
      warnOn: '2024-02-10',
    });
  });

  it('gives five working days to rectify', () => {
    expect(RECTIFY_WORKING_DAYS).toBe(5);
  });
});
