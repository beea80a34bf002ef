import type { StationRequest } from '@ronghui/contracts';
import { describe, expect, it } from 'vitest';
import { unseenOrders } from './order-alert.tsx';

const request = (id: string, incidentId: string, status: StationRequest['status'], unitIds: string[] = []) =>
  ({
    id,
    incidentId,
    station: { id: 's', name: '杨梅派出所' },
    quantity: 2,
    status,
    unitIds,
    reason: null,
    requestedBy: 'dispatcher-north',
    requestedAt: `2026-12-06T0${id}:00:00.000Z`,
    answeredBy: null,
    answeredAt: null,
    releasedAt: null,
  }) as StationRequest;

describe('orders that fill the screen', () => {
  it('shows waiting requests oldest first, then the unit sent by the command room', () => {
    const orders = unseenOrders(
      [request('2', 'i2', 'requested'), request('1', 'i1', 'requested'), request('3', 'i3', 'declined')],
      { id: 'u1', status: 'en-route', incidentId: 'i9' },
      new Set(),
    );
    expect(orders.map((o) => o.key)).toEqual(['request:1', 'request:2', 'dispatch:u1:i9']);
  });

  it('leaves out what was looked at, what is on screen, and a unit the station sent itself', () => {
    const requests = [request('1', 'i1', 'requested'), request('2', 'i2', 'committed', ['u1'])];
    const unit = { id: 'u1', status: 'en-route', incidentId: 'i2' };
    expect(unseenOrders(requests, unit, new Set(['request:1']))).toEqual([]);
    expect(unseenOrders(requests, unit, new Set(), 'i1')).toEqual([]);
    expect(unseenOrders([], unit, new Set()).map((o) => o.kind)).toEqual(['dispatch']);
    expect(unseenOrders([], { ...unit, status: 'on-scene' }, new Set())).toEqual([]);
  });
});
