import { describe, expect, it } from 'vitest';
import { actionFor, canStep, isOverdue, nextDue, TIME_LIMITS, wasLate } from './warnings.ts';

const at = (iso: string) => new Date(iso);

describe('anti-fraud warning rules', () => {
  it('turns the grade into the action: high a visit, medium a call, low an SMS', () => {
    expect(actionFor('high')).toBe('visit');
    expect(actionFor('medium')).toBe('call');
    expect(actionFor('low')).toBe('sms');
  });

  it('moves issued → signed → dissuaded → feedback and no other way', () => {
    expect(canStep('issued', 'sign')).toBe(true);
    expect(canStep('issued', 'dissuade')).toBe(false);
    expect(canStep('signed', 'dissuade')).toBe(true);
    expect(canStep('dissuaded', 'feedback')).toBe(true);
    expect(canStep('feedback', 'sign')).toBe(false);
    expect(canStep('signed', 'sign')).toBe(false);
  });

  it('gives a high-risk warning 10 minutes to sign and an hour to dissuade', () => {
    const issuedAt = at('2024-03-05T06:00:00Z');
    const w = { risk: 'high' as const, status: 'issued' as const, issuedAt };
    expect(nextDue(w)).toEqual({ step: 'sign', due: at('2024-03-05T06:10:00Z') });
    expect(isOverdue(w, at('2024-03-05T06:10:00Z'))).toBe(false);
    expect(isOverdue(w, at('2024-03-05T06:10:01Z'))).toBe(true);
    const signed = { ...w, status: 'signed' as const, signedAt: at('2024-03-05T06:05:00Z') };
    expect(isOverdue(signed, at('2024-03-05T06:59:00Z'))).toBe(false);
    expect(isOverdue(signed, at('2024-03-05T07:01:00Z'))).toBe(true);
  });

  it('measures the feedback limit from the dissuasion, and a finished warning is never overdue', () => {
    const w = {
      risk: 'medium' as const,
      status: 'dissuaded' as const,
      issuedAt: at('2024-03-05T06:00:00Z'),
      dissuadedAt: at('2024-03-05T08:00:00Z'),
    };
    expect(nextDue(w)?.due).toEqual(at('2024-03-06T08:00:00Z'));
    expect(isOverdue({ ...w, status: 'feedback' }, at('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('keeps longer limits for lower grades and tells a late step', () => {
    expect(TIME_LIMITS.low.signMinutes).toBeGreaterThan(TIME_LIMITS.medium.signMinutes);
    expect(TIME_LIMITS.medium.signMinutes).toBeGreaterThan(TIME_LIMITS.high.signMinutes);
    const issuedAt = at('2024-03-05T06:00:00Z');
    expect(wasLate({ risk: 'high', status: 'signed', issuedAt, signedAt: at('2024-03-05T06:11:00Z') })).toBe(
      true,
    );
    expect(wasLate({ risk: 'low', status: 'signed', issuedAt, signedAt: at('2024-03-05T06:11:00Z') })).toBe(
      false,
    );
  });
});
