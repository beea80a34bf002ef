import type { IncidentTimelineEntry, UnitAssignment } from '@ronghui/contracts';
import { describe, expect, it } from 'vitest';
import { unitProgress } from './unit-progress.ts';

const sent = (unitId: string, dispatchedAt: string, releasedAt: string | null = null): UnitAssignment => ({
  unitId,
  requestId: null,
  etaSeconds: null,
  dispatchedAt,
  releasedAt,
});

const report = (at: string, unitId: string, callsign: string, status: string): IncidentTimelineEntry => ({
  at,
  actor: 'officer-yangmei',
  kind: 'unit-status',
  fromStatus: null,
  toStatus: null,
  note: null,
  detail: { unitId, callsign, status },
});

const other = (at: string, kind: string, detail: Record<string, unknown> = {}): IncidentTimelineEntry => ({
  at,
  actor: 'dispatcher-north',
  kind,
  fromStatus: null,
  toStatus: kind === 'status' ? 'en-route' : null,
  note: null,
  detail,
});

describe('unitProgress', () => {
  it('gives each unit sent its dispatch, first en route and first on scene, and its last report', () => {
    const rows = unitProgress(
      [sent('u2', '2026-12-06T03:00:05Z'), sent('u1', '2026-12-06T03:00:00Z')],
      [
        report('2026-12-06T03:01:00Z', 'u1', '杨梅01', 'en-route'),
        // The incident's own move (same detail) is not a second report.
        other('2026-12-06T03:01:00Z', 'status', { unitId: 'u1', callsign: '杨梅01', status: 'en-route' }),
        report('2026-12-06T03:09:30Z', 'u1', '杨梅01', 'on-scene'),
        report('2026-12-06T03:12:00Z', 'u1', '杨梅01', 'en-route'),
        report('2026-12-06T03:20:00Z', 'u1', '杨梅01', 'returning'),
        other('2026-12-06T03:10:00Z', 'note'),
      ],
    );
    expect(rows).toEqual([
      {
        unitId: 'u1',
        callsign: '杨梅01',
        dispatchedAt: '2026-12-06T03:00:00Z',
        enRouteAt: '2026-12-06T03:01:00Z',
        onSceneAt: '2026-12-06T03:09:30Z',
        releasedAt: null,
        lastStatus: 'returning',
      },
      {
        unitId: 'u2',
        callsign: null,
        dispatchedAt: '2026-12-06T03:00:05Z',
        enRouteAt: null,
        onSceneAt: null,
        releasedAt: null,
        lastStatus: null,
      },
    ]);
  });

  it('reads reports in time order whatever order the timeline lists them', () => {
    const [row] = unitProgress(
      [sent('u1', '2026-12-06T03:00:00Z')],
      [
        report('2026-12-06T03:09:00Z', 'u1', '杨梅01', 'on-scene'),
        report('2026-12-06T03:02:00Z', 'u1', '杨梅01', 'en-route'),
      ],
    );
    expect(row).toMatchObject({
      enRouteAt: '2026-12-06T03:02:00Z',
      onSceneAt: '2026-12-06T03:09:00Z',
      lastStatus: 'on-scene',
    });
  });

  it('counts a unit sent again from its latest dispatch, and keeps its release', () => {
    const rows = unitProgress(
      [
        sent('u1', '2026-12-06T03:00:00Z', '2026-12-06T03:05:00Z'),
        sent('u1', '2026-12-06T04:00:00Z', '2026-12-06T05:00:00Z'),
      ],
      [
        report('2026-12-06T03:03:00Z', 'u1', '杨梅01', 'on-scene'),
        report('2026-12-06T04:02:00Z', 'u1', '杨梅01', 'en-route'),
      ],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      dispatchedAt: '2026-12-06T04:00:00Z',
      enRouteAt: '2026-12-06T04:02:00Z',
      onSceneAt: null,
      releasedAt: '2026-12-06T05:00:00Z',
      lastStatus: 'en-route',
    });
  });

  it('lists a unit that reported on the incident without being sent, after those sent', () => {
    const rows = unitProgress(
      [sent('u1', '2026-12-06T03:00:00Z')],
      [
        report('2026-12-06T03:04:00Z', 'u9', '杨梅09', 'on-scene'),
        { ...report('2026-12-06T03:05:00Z', 'u1', '杨梅01', 'on-scene'), detail: { status: 'on-scene' } },
      ],
    );
    expect(rows.map((r) => [r.unitId, r.callsign, r.dispatchedAt, r.onSceneAt])).toEqual([
      ['u1', null, '2026-12-06T03:00:00Z', null],
      ['u9', '杨梅09', null, '2026-12-06T03:04:00Z'],
    ]);
  });
});
