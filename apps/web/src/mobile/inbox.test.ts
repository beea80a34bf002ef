import type { Message } from '@ronghui/contracts';
import { describe, expect, it } from 'vitest';
import { inboxOrder, isUnread } from './inbox.ts';

const message = (id: string, createdAt: string, state: 'sent' | 'delivered' | 'acknowledged') =>
  ({ id, createdAt, mine: [{ kind: 'user', id: 'u', name: 'me', state }] }) as unknown as Message;

describe('phone inbox', () => {
  it('puts what is not yet acknowledged first, newest first within each', () => {
    const list = [
      message('old-read', '2026-12-01T08:00:00+08:00', 'acknowledged'),
      message('new-read', '2026-12-03T08:00:00+08:00', 'acknowledged'),
      message('old-unread', '2026-12-02T08:00:00+08:00', 'delivered'),
      message('new-unread', '2026-12-04T08:00:00+08:00', 'sent'),
    ];
    expect(inboxOrder(list).map((m) => m.id)).toEqual(['new-unread', 'old-unread', 'new-read', 'old-read']);
    expect(isUnread(list[0]!)).toBe(false);
    expect(isUnread(list[2]!)).toBe(true);
  });
});
