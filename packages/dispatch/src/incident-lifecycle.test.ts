import { describe, expect, it } from 'vitest';
import { canTransition, INCIDENT_STATUSES, isOpen, TRANSITIONS } from './incident-lifecycle.ts';

const order = (s: string) => INCIDENT_STATUSES.indexOf(s as (typeof INCIDENT_STATUSES)[number]);

describe('incident lifecycle', () => {
  it('only ever moves forward, and merged is reached by merging alone', () => {
    for (const [from, tos] of Object.entries(TRANSITIONS)) {
      for (const to of tos) {
        expect(order(to)).toBeGreaterThan(order(from));
        expect(to).not.toBe('merged');
      }
    }
  });

  it('allows the ordinary path and skipping en route, refuses going back', () => {
    const path = [
      'received',
      'answered',
      'dispatched',
      'acknowledged',
      'en-route',
      'on-scene',
      'resolved',
      'closed',
      'callback',
    ] as const;
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
    expect(canTransition('dispatched', 'on-scene')).toBe(true);
    expect(canTransition('on-scene', 'dispatched')).toBe(false);
    expect(canTransition('received', 'closed')).toBe(false);
    expect(canTransition('callback', 'closed')).toBe(false);
  });

  it('treats closed, called-back and merged incidents as no longer open', () => {
    expect(isOpen('on-scene')).toBe(true);
    expect(isOpen('closed')).toBe(false);
    expect(isOpen('merged')).toBe(false);
  });
});
