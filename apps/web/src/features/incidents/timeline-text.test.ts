import type { IncidentTimelineEntry } from '@ronghui/contracts';
import { describe, expect, it } from 'vitest';
import { enUS } from '../../i18n/en-US.ts';
import { interpolate, type Messages, type MessageKey } from '../../i18n/messages.ts';
import { zhCN } from '../../i18n/zh-CN.ts';
import { timelineText, type TimelineWords } from './timeline-text.ts';

const words = (dict: Messages): TimelineWords => ({
  t: (key: MessageKey, vars) => interpolate(dict[key], vars),
  statusName: (s) => ({ 'en-route': dict === zhCN ? '出警途中' : 'En route' })[s] ?? s,
  orgName: (id) => (id === 'station-350526200' ? '杨梅派出所' : String(id)),
});

const entry = (kind: string, extra: Partial<IncidentTimelineEntry> = {}): IncidentTimelineEntry => ({
  at: '2026-12-06T03:00:00Z',
  actor: 'officer-yangmei',
  kind,
  fromStatus: null,
  toStatus: null,
  note: null,
  detail: {},
  ...extra,
});

const say = (e: IncidentTimelineEntry, dict: Messages = zhCN) => timelineText(e, words(dict));

describe('timelineText', () => {
  it('names the unit and its state for a unit report, in both languages', () => {
    const e = entry('unit-status', { detail: { unitId: 'u1', callsign: '杨梅01', status: 'on-scene' } });
    expect(say(e)).toEqual({ what: '杨梅01 到达现场', note: null });
    expect(say(e, enUS).what).toBe('杨梅01 On scene');
    const later = (status: string) =>
      say(entry('unit-status', { detail: { unitId: 'u1', callsign: '杨梅01', status } })).what;
    expect([later('en-route'), later('returning'), later('available')]).toEqual([
      '杨梅01 出警途中',
      '杨梅01 返回中',
      '杨梅01 空闲',
    ]);
    // A state the console does not know is shown as sent.
    expect(later('towing')).toBe('杨梅01 towing');
  });

  it('says who asks for how many more and why, once (the reason is not repeated as a note)', () => {
    const e = entry('backup-requested', {
      note: '嫌疑人持刀',
      detail: { quantity: 2, unitId: 'u1', callsign: '杨梅01' },
    });
    expect(say(e)).toEqual({ what: '杨梅01 请求增援 2 人：嫌疑人持刀', note: null });
    expect(say(e, enUS).what).toBe('杨梅01 asks for 2 more units: 嫌疑人持刀');
    const noUnit = entry('backup-requested', { note: '需要增援', detail: { quantity: 1, unitId: null } });
    expect(say(noUnit).what).toBe('officer-yangmei 请求增援 1 人：需要增援');
  });

  it('gives notes their text and photos their caption', () => {
    expect(say(entry('note', { note: '现场已控制' }))).toEqual({ what: '现场记录：现场已控制', note: null });
    expect(say(entry('photo', { note: '门锁撬痕' }))).toEqual({ what: '现场照片', note: '门锁撬痕' });
    expect(say(entry('photo'), enUS).what).toBe('Photo from the scene');
  });

  it('names the unit that moved the incident on, and keeps the older kinds in words', () => {
    const moved = entry('status', {
      toStatus: 'en-route',
      detail: { unitId: 'u1', callsign: '杨梅01', status: 'en-route' },
    });
    expect(say(moved).what).toBe('出警途中（杨梅01）');
    expect(say(entry('status', { toStatus: 'en-route' }), enUS).what).toBe('En route');
    expect(
      say(entry('org-linked', { detail: { role: 'responding', orgId: 'station-350526200' } })).what,
    ).toBe('杨梅派出所 出警');
    expect(say(entry('timer-warning', { detail: { warning: 'arrival-overdue' } })).what).toBe('到场超时');
    expect(say(entry('merged-into', { toStatus: 'merged', detail: { intoNumber: 'N1' } })).what).toBe(
      '并入警情 N1',
    );
    expect(say(entry('something-new')).what).toBe('something-new');
  });
});
