import { describe, expect, it } from 'vitest';
import { estimateWait, nextTicket, type QueueTicket, ticketNumber } from './queue.ts';

const t = (id: string, over: Partial<QueueTicket> = {}): QueueTicket => ({
  id,
  group: 'A',
  itemCodes: ['HJ-001'],
  priority: 0,
  issuedAt: '2024-03-04T01:00:00Z',
  ...over,
});

describe('ticket numbers', () => {
  it('pads to three digits and grows past 999', () => {
    expect(ticketNumber('A', 1)).toBe('A001');
    expect(ticketNumber('C', 999)).toBe('C999');
    expect(ticketNumber('C', 1000)).toBe('C1000');
    expect(() => ticketNumber('A', 0)).toThrow(RangeError);
  });
});

describe('next ticket', () => {
  const general = { id: 'w1', itemCodes: null };
  const passports = { id: 'w2', itemCodes: ['CRJ-001', 'CRJ-002'] };

  it('calls higher priority first, then the earliest', () => {
    const waiting = [
      t('walk-in-early', { issuedAt: '2024-03-04T01:00:00Z' }),
      t('appointment', { priority: 1, issuedAt: '2024-03-04T01:10:00Z' }),
      t('expedited', { priority: 2, issuedAt: '2024-03-04T01:20:00Z' }),
    ];
    expect(nextTicket(waiting, general)?.id).toBe('expedited');
    expect(nextTicket(waiting.slice(0, 2), general)?.id).toBe('appointment');
    // Offsets differ, instants decide: 09:05+08:00 is before 01:10Z.
    expect(
      nextTicket(
        [t('b', { issuedAt: '2024-03-04T01:10:00Z' }), t('a', { issuedAt: '2024-03-04T09:05:00+08:00' })],
        general,
      )?.id,
    ).toBe('a');
  });

  it('takes tickets transferred to the counter before any other, and never one transferred elsewhere', () => {
    const waiting = [
      t('expedited', { priority: 2, itemCodes: ['CRJ-001'] }),
      t('to-me', { itemCodes: ['HJ-001'], transferredTo: 'w2', issuedAt: '2024-03-04T02:00:00Z' }),
      t('to-other', { itemCodes: ['CRJ-001'], transferredTo: 'w9', priority: 2 }),
    ];
    expect(nextTicket(waiting, passports)?.id).toBe('to-me');
    expect(
      nextTicket(
        waiting.filter((x) => x.id !== 'to-me'),
        passports,
      )?.id,
    ).toBe('expedited');
    expect(nextTicket([waiting[2] as QueueTicket], general)).toBeNull();
  });

  it('serves a ticket only when the counter handles every item on it', () => {
    const mixed = t('mixed', { itemCodes: ['CRJ-001', 'HJ-001'] });
    expect(nextTicket([mixed], passports)).toBeNull();
    expect(nextTicket([mixed], general)?.id).toBe('mixed');
    expect(nextTicket([], general)).toBeNull();
  });
});

describe('wait estimate', () => {
  it('multiplies the median service time by the rounds ahead', () => {
    expect(estimateWait(5, 2, [200, 400, 300])).toBe(900);
    expect(estimateWait(4, 2, [100, 200, 300, 1000])).toBe(500);
    expect(estimateWait(1, 3, [])).toBe(300);
    expect(estimateWait(0, 3, [120])).toBe(0);
    expect(() => estimateWait(1, 0, [])).toThrow(RangeError);
  });
});
