import { describe, expect, it } from 'vitest';
import type { ServiceHall } from '../../api/services-api.ts';
import {
  addDays,
  callSpeech,
  dueState,
  hallsFor,
  minutes,
  percent,
  shanghaiDate,
  unspokenCalls,
} from './service-view.ts';

describe('service hall view', () => {
  it('dates and times in Beijing time', () => {
    expect(shanghaiDate(Date.parse('2023-12-04T16:30:00Z'))).toBe('2023-12-05');
    expect(shanghaiDate(Date.parse('2023-12-04T15:59:00Z'))).toBe('2023-12-04');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
  });

  it('rates and minutes', () => {
    expect(percent(0.9876)).toBe('98.8%');
    expect(percent(null)).toBe('—');
    expect(minutes(61)).toBe('2');
    expect(minutes(0)).toBe('0');
  });

  it('marks open cases overdue or due soon', () => {
    const c = { status: 'processing' as const, overdue: false, warnOn: '2023-12-06', deadline: '2023-12-07' };
    expect(dueState(c, '2023-12-05')).toBeNull();
    expect(dueState(c, '2023-12-06')).toBe('due-soon');
    expect(dueState(c, '2023-12-08')).toBe('overdue');
    expect(dueState({ ...c, status: 'completed' }, '2023-12-08')).toBeNull();
  });

  it('speaks each call once, oldest first', () => {
    const calls = [
      { seq: 7, number: 'A003', counterName: '2号窗口' },
      { seq: 6, number: 'A002', counterName: '1号窗口' },
      { seq: 5, number: 'A001', counterName: '2号窗口' },
    ];
    expect(unspokenCalls(calls, 5).map((c) => c.seq)).toEqual([6, 7]);
    expect(unspokenCalls(calls, 7)).toEqual([]);
    expect(callSpeech('A001', '2号窗口')).toBe('请 A001 号到 2号窗口办理');
  });

  it('keeps a station clerk to the station’s halls', () => {
    const hall = (id: string, orgId: string, centre: boolean) => ({ id, orgId, centre }) as ServiceHall;
    const halls = [
      hall('centre', 'county', true),
      hall('lx', 'station-101', false),
      hall('xz', 'station-100', false),
    ];
    expect(hallsFor(halls, 'station-101').map((h) => h.id)).toEqual(['lx']);
    expect(hallsFor(halls, 'county').map((h) => h.id)).toEqual(['centre', 'lx', 'xz']);
  });
});
