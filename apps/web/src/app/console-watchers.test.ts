import type { Me } from '@ronghui/contracts';
import { describe, expect, it } from 'vitest';
import { type ConsoleWatcher, watchersOf } from './console-watchers.tsx';

const nothing = () => null;
const watchers: ConsoleWatcher[] = [
  { key: 'disputes', module: 'disputes', topics: ['dispute.alert'], Component: nothing },
  { key: 'audit', module: 'audit', topics: ['audit.alert'], Component: nothing },
  {
    key: 'disputes-too',
    module: 'disputes',
    topics: ['dispute.alert', 'hazard.changed'],
    Component: nothing,
  },
];
const user = (roles: Me['roles']) => ({ roles }) as Me;

describe('watchersOf', () => {
  it('runs the watchers of the modules a user may open, asking for each topic once', () => {
    const station = watchersOf(user(['officer']), watchers);
    expect(station.mine.map((w) => w.key)).toEqual(['disputes', 'disputes-too']);
    expect(station.topics).toEqual(['dispute.alert', 'hazard.changed']);
  });

  it('runs none for a role that reads no dispute, nor before sign-in', () => {
    expect(watchersOf(user(['system-admin']), watchers).mine).toEqual([]);
    expect(watchersOf(null, watchers)).toEqual({ mine: [], topics: [] });
    expect(watchersOf(user(['auditor']), watchers).topics).toEqual(['audit.alert']);
  });
});
