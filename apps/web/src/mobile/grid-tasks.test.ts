import type { DisputeSummary, Hazard } from '@ronghui/contracts';
import { describe, expect, it } from 'vitest';
import { daysLeft, disputeTask, gridFigures, gridTasks, hazardTask, myCommunityGrid } from './grid-tasks.ts';
import { localMinute, splitNames } from './meeting-fields.ts';

const NOW = Date.parse('2026-12-06T08:00:00Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(NOW + days * DAY).toISOString();

function hazard(over: Partial<Hazard>): Hazard {
  return {
    id: over.number ?? 'h',
    number: 'YH1',
    kind: 'fire',
    status: 'registered',
    description: '楼道堆物',
    lon: 118.2,
    lat: 25.5,
    address: null,
    grid: null,
    station: null,
    responsible: null,
    reportedBy: '李秀英',
    reportedAt: at(-2),
    registeredAt: at(-2),
    deadlineAt: at(1),
    closedAt: null,
    overdue: 'none',
    escalatedTo: null,
    rating: null,
    incident: null,
    fromIncident: null,
    photoCount: 0,
    actions: [],
    updatedAt: at(-1),
    ...over,
  };
}

function dispute(over: Partial<DisputeSummary>): DisputeSummary {
  return {
    id: over.number ?? 'd',
    number: 'JF1',
    kind: 'neighbours',
    risk: 'yellow',
    status: 'registered',
    description: '排水沟纠纷',
    address: null,
    lon: null,
    lat: null,
    grid: null,
    station: null,
    registeredAt: at(-5),
    dueAt: at(25),
    dueSoon: false,
    overdue: false,
    concludedAt: null,
    demo: false,
    ...over,
  };
}

describe('grid worker tasks (我的任务)', () => {
  it('counts whole days to the deadline, rounding towards it', () => {
    expect(daysLeft(at(0.2), NOW)).toBe(1);
    expect(daysLeft(at(3), NOW)).toBe(3);
    expect(daysLeft(at(-0.2), NOW)).toBe(-1);
    expect(daysLeft(at(-2.5), NOW)).toBe(-3);
    expect(daysLeft(null, NOW)).toBeNull();
  });

  it('badges hazards by lateness and names the next step, the caller’s when their actions allow it', () => {
    expect(hazardTask(hazard({ overdue: 'escalated' }), NOW)).toMatchObject({
      badge: 'overdue',
      next: 'dispatch',
      mine: false,
    });
    expect(
      hazardTask(hazard({ overdue: 'warning', status: 'handling', actions: ['report-back'] }), NOW),
    ).toMatchObject({ badge: 'warning', next: 'report-back', mine: true });
    expect(
      hazardTask(hazard({ status: 'reported', deadlineAt: null, registeredAt: null }), NOW),
    ).toMatchObject({ badge: 'none', next: 'register', daysLeft: null });
    // Closed: a task only for the one who may evaluate it, with no deadline left.
    expect(hazardTask(hazard({ status: 'closed', actions: [] }), NOW)).toBeNull();
    expect(hazardTask(hazard({ status: 'closed', actions: ['evaluate'] }), NOW)).toMatchObject({
      badge: 'none',
      next: 'evaluate',
      dueAt: null,
    });
    expect(hazardTask(hazard({ status: 'evaluated' }), NOW)).toBeNull();
  });

  it('gives a mediated dispute its 30-day limit while open and the step after it', () => {
    expect(disputeTask(dispute({}), NOW)).toMatchObject({
      badge: 'ok',
      next: 'first-meeting',
      daysLeft: 25,
      risk: 'yellow',
    });
    expect(disputeTask(dispute({ status: 'mediating', dueSoon: true, dueAt: at(5) }), NOW)).toMatchObject({
      badge: 'warning',
      next: 'meeting-or-agreement',
    });
    expect(disputeTask(dispute({ overdue: true, dueAt: at(-2) }), NOW)).toMatchObject({
      badge: 'overdue',
      daysLeft: -2,
    });
    expect(disputeTask(dispute({ status: 'settled' }), NOW)).toMatchObject({
      badge: 'none',
      next: 'follow-up',
      dueAt: null,
    });
    expect(disputeTask(dispute({ status: 'followed-up' }), NOW)?.next).toBe('close');
    expect(disputeTask(dispute({ status: 'closed' }), NOW)).toBeNull();
  });

  it('puts the most pressing first: overdue, near the deadline, running, without one', () => {
    const tasks = gridTasks(
      [
        hazard({ number: 'YH-none', status: 'reported', deadlineAt: null }),
        hazard({ number: 'YH-ok-late', deadlineAt: at(6) }),
        hazard({ number: 'YH-overdue', overdue: 'overdue', deadlineAt: at(-1) }),
        hazard({ number: 'YH-done', status: 'evaluated' }),
      ],
      [
        dispute({ number: 'JF-ok-early', dueAt: at(4) }),
        dispute({ number: 'JF-overdue-older', overdue: true, dueAt: at(-3) }),
        dispute({ number: 'JF-warning', dueSoon: true, dueAt: at(2) }),
        dispute({ number: 'JF-settled', status: 'settled' }),
        dispute({ number: 'JF-closed', status: 'closed' }),
      ],
      NOW,
    );
    expect(tasks.map((t) => t.number)).toEqual([
      'JF-overdue-older',
      'YH-overdue',
      'JF-warning',
      'JF-ok-early',
      'YH-ok-late',
      'JF-settled',
      'YH-none',
    ]);
  });

  it('orders equal deadlines by the caller’s own step, then red first', () => {
    const tasks = gridTasks(
      [hazard({ number: 'YH-theirs', deadlineAt: at(3) })],
      [
        dispute({ number: 'JF-blue', risk: 'blue', dueAt: at(3) }),
        dispute({ number: 'JF-red', risk: 'red', dueAt: at(3) }),
      ],
      NOW,
    );
    expect(tasks.map((t) => t.number)).toEqual(['JF-red', 'JF-blue', 'YH-theirs']);
  });

  it('counts the figures: open and overdue hazards, open disputes', () => {
    expect(
      gridFigures(
        [
          hazard({}),
          hazard({ overdue: 'overdue' }),
          hazard({ status: 'closed', overdue: 'none' }),
          hazard({ status: 'evaluated' }),
        ],
        [dispute({}), dispute({ status: 'mediating', overdue: true }), dispute({ status: 'settled' })],
      ),
    ).toEqual({ openHazards: 2, overdueHazards: 1, openDisputes: 2, overdueDisputes: 1 });
  });
});

describe('which community grid is mine', () => {
  const square = (x: number, y: number) => ({
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + 1, y],
        [x + 1, y + 1],
        [x, y + 1],
        [x, y],
      ],
    ],
  });
  const feature = (id: string, layer: 'police' | 'community', x: number, police: string | null) => ({
    type: 'Feature' as const,
    id,
    geometry: square(x, 0),
    properties: { id, name: id, layer, policeGridId: police, villageCode: null },
  });
  const grids = {
    type: 'FeatureCollection' as const,
    features: [
      feature('P', 'police', 0, null),
      feature('C1', 'community', 0, 'P'),
      feature('C2', 'community', 1, 'P'),
    ],
  };
  const entry = (gridId: string, userId: string | null, current = true) =>
    ({ gridId, gridLayer: 'community', userId, current }) as Parameters<typeof myCommunityGrid>[1][number];

  it('is the one I am appointed to, else the one I stand in, else none', () => {
    expect(myCommunityGrid('me', [entry('C1', 'other'), entry('C2', 'me')], grids, 'P', null)).toBe('C2');
    // An ended appointment does not count; the phone's position decides.
    expect(myCommunityGrid('me', [entry('C2', 'me', false)], grids, 'P', { lon: 0.5, lat: 0.5 })).toBe('C1');
    expect(myCommunityGrid('me', [], grids, 'P', { lon: 1.5, lat: 0.5 })).toBe('C2');
    expect(myCommunityGrid('me', [], grids, 'P', { lon: 5, lat: 5 })).toBeNull();
    expect(myCommunityGrid(undefined, [entry('C2', null)], grids, 'P', null)).toBeNull();
    // A community grid of another police grid is never mine by position.
    expect(myCommunityGrid('me', [], grids, 'Q', { lon: 0.5, lat: 0.5 })).toBeNull();
  });
});

describe('meeting form fields', () => {
  it('splits names on Chinese and Latin separators', () => {
    expect(splitNames('陈大爷、刘大妈，李秀英, 小陈 ;')).toEqual(['陈大爷', '刘大妈', '李秀英', '小陈']);
    expect(splitNames('  ')).toEqual([]);
  });

  it('shows a time as the datetime-local field does, to the minute', () => {
    const ms = Date.parse('2026-12-06T07:05:42Z');
    const text = localMinute(ms);
    expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    // Read back in the same (local) time zone it is the same minute.
    expect(new Date(text).getTime()).toBe(Date.parse('2026-12-06T07:05:00Z'));
  });
});
