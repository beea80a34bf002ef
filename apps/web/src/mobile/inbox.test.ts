import type { Message } from '@ronghui/contracts';
import { describe, expect, it } from 'vitest';
import { ackBodies, inboxOrder, isUnread } from './inbox.ts';

type Row = Message['mine'][number];
const user = (state: Row['state']): Row => ({ kind: 'user', id: 'u', name: 'me', state });
const unit = (id: string, state: Row['state']): Row => ({ kind: 'unit', id, name: id, state });
const message = (id: string, createdAt: string, mine: Row[], from = 'dispatcher-north') =>
  ({ id, createdAt, mine, from: { username: from } }) as unknown as Message;

describe('phone inbox', () => {
  it('puts what is not yet acknowledged first, newest first within each, and leaves out one’s own', () => {
    const list = [
      message('old-read', '2026-12-01T08:00:00+08:00', [user('acknowledged')]),
      message('new-read', '2026-12-03T08:00:00+08:00', [user('acknowledged')]),
      message('old-unread', '2026-12-02T08:00:00+08:00', [user('delivered')]),
      message('new-unread', '2026-12-04T08:00:00+08:00', [user('sent')]),
      message('own', '2026-12-05T08:00:00+08:00', [unit('car-1', 'sent')], 'officer-yangmei'),
    ];
    expect(inboxOrder(list, 'officer-yangmei').map((m) => m.id)).toEqual([
      'new-unread',
      'old-unread',
      'new-read',
      'old-read',
    ]);
    expect(isUnread(list[0]!)).toBe(false);
    expect(isUnread(list[2]!)).toBe(true);
  });

  it('acknowledges one’s own row when named, otherwise the station’s units still open', () => {
    // Sent to the station: the officer answers for herself; the units stay with the station.
    expect(ackBodies(message('m', '', [user('delivered'), unit('car-1', 'sent')]))).toEqual([{}]);
    expect(ackBodies(message('m', '', [user('acknowledged'), unit('car-1', 'sent')]))).toEqual([]);
    // Sent to a group of units: she acknowledges for the station's units that have not.
    expect(
      ackBodies(
        message('m', '', [unit('car-1', 'sent'), unit('car-2', 'acknowledged'), unit('car-3', 'delivered')]),
      ),
    ).toEqual([{ unitId: 'car-1' }, { unitId: 'car-3' }]);
    expect(isUnread(message('m', '', [unit('car-2', 'acknowledged')]))).toBe(false);
    expect(isUnread(message('m', '', []))).toBe(false);
  });
});
