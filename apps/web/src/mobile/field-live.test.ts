import { describe, expect, it } from 'vitest';
import { fieldTopics, staleKeys } from './field-live.tsx';

describe('the phone live channel', () => {
  it('refreshes the lists each event concerns, and only those', () => {
    expect(staleKeys('request.changed', {})).toEqual([['mobile', 'requests']]);
    expect(staleKeys('incident.updated', { incidentId: 'i1' })).toEqual([
      ['mobile', 'incident', 'i1'],
      ['mobile', 'attachments', 'i1'],
    ]);
    expect(staleKeys('unit.status', { unitId: 'u1' })).toContainEqual(['mobile', 'my-unit']);
    expect(staleKeys('message.sent', {})).toEqual([['mobile', 'messages']]);
    expect(staleKeys('callout.alert', { calloutId: 'c1', change: 'alerted' })).toEqual([
      ['mobile', 'callouts'],
    ]);
    expect(staleKeys('unit.positions', {})).toEqual([]);
  });

  it('does not ask for the position stream a phone has no use for', () => {
    expect(fieldTopics).not.toContain('unit.positions');
    expect(fieldTopics).not.toContain('unit.*');
    for (const topic of fieldTopics) expect(staleKeys(topic, { incidentId: 'x' }).length).toBeGreaterThan(0);
  });
});
