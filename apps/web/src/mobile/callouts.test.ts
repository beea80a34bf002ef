import { describe, expect, it } from 'vitest';
import { alertToShow, answerOf, queuedAnswers, refusalKind, shownState, sortMine } from './callouts.ts';

const call = (id: string, state: string, status: string, alertedAt: string) =>
  ({ id, state, status, alertedAt }) as Parameters<typeof shownState>[0] & { id: string; alertedAt: string };

describe('call-outs on the volunteer phone', () => {
  it('reads the call-out and the answer of an outbox write, and nothing else', () => {
    expect(answerOf('/api/callouts/abc/accept')).toEqual({ id: 'abc', answer: 'accept' });
    expect(answerOf('/api/callouts/abc/decline')).toEqual({ id: 'abc', answer: 'decline' });
    expect(answerOf('/api/callouts/abc/cancel')).toBeNull();
    expect(answerOf('/api/volunteers/me/duty')).toBeNull();
    expect([...queuedAnswers([{ url: '/api/callouts/x/accept' }, { url: '/api/other' }])]).toEqual([
      ['x', 'accept'],
    ]);
  });

  it('shows the server state, an answer waiting to be sent, or the end of a call the phone missed', () => {
    expect(shownState({ state: 'alerted', status: 'open' }, undefined)).toBe('waiting');
    expect(shownState({ state: 'alerted', status: 'open' }, 'accept')).toBe('sending');
    expect(shownState({ state: 'alerted', status: 'filled' }, 'accept')).toBe('filled');
    expect(shownState({ state: 'accepted', status: 'filled' }, undefined)).toBe('accepted');
    expect(shownState({ state: 'filled', status: 'filled' }, undefined)).toBe('filled');
    expect(shownState({ state: 'alerted', status: 'expired' }, undefined)).toBe('expired');
    expect(shownState({ state: 'cancelled', status: 'cancelled' }, undefined)).toBe('cancelled');
  });

  it('lists open calls first, those to answer before those answered, newest first within', () => {
    const items = [
      call('old-closed', 'accepted', 'filled', '2026-12-06T01:00:00Z'),
      call('open-accepted', 'accepted', 'open', '2026-12-06T02:00:00Z'),
      call('open-waiting-old', 'alerted', 'open', '2026-12-06T01:30:00Z'),
      call('open-waiting-new', 'alerted', 'open', '2026-12-06T02:30:00Z'),
      call('new-closed', 'expired', 'expired', '2026-12-06T03:00:00Z'),
    ];
    expect(sortMine(items, new Map()).map((c) => c.id)).toEqual([
      'open-waiting-new',
      'open-waiting-old',
      'open-accepted',
      'new-closed',
      'old-closed',
    ]);
  });

  it('fills the screen with the newest call waiting for an answer, not one answered or put aside', () => {
    const items = [
      call('a', 'alerted', 'open', '2026-12-06T01:00:00Z'),
      call('b', 'alerted', 'open', '2026-12-06T02:00:00Z'),
      call('c', 'accepted', 'open', '2026-12-06T03:00:00Z'),
    ];
    expect(alertToShow(items, new Map(), new Set())?.id).toBe('b');
    expect(alertToShow(items, new Map([['b', 'accept']]), new Set())?.id).toBe('a');
    expect(alertToShow(items, new Map([['b', 'decline']]), new Set(['a']))).toBeNull();
  });

  it('tells a filled call from another refusal', () => {
    expect(
      refusalKind({ status: 409, detail: 'This call-out is filled: 3 of 3 volunteers have accepted.' }),
    ).toBe('filled');
    expect(
      refusalKind({ status: 409, detail: 'This call-out is expired: it no longer takes answers.' }),
    ).toBe('closed');
    expect(refusalKind({ status: 404, detail: 'No call-out' })).toBe('refused');
  });
});
