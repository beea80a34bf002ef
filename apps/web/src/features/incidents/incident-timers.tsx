import type { Incident } from '@ronghui/contracts';
import { Progress, Space, Statistic, Tag } from 'antd';
import { useT } from '../../i18n/i18n-context.tsx';
import { formatDuration } from '../../i18n/format-duration.ts';
import { useNow } from '../../app/use-now.ts';

export type TimerLevel = 'ok' | 'warning' | 'overdue' | 'done';

/** Where the arrival clock stands: green, amber in the last fifth, red when over; done on scene. */
export function arrivalLevel(incident: Incident, now: number): { level: TimerLevel; left: number } {
  const received = Date.parse(incident.times.received ?? incident.createdAt);
  const arrived = incident.times.onScene;
  const end = arrived ? Date.parse(arrived) : now;
  const left = incident.targetSeconds - (end - received) / 1000;
  if (arrived) return { level: 'done', left };
  if (left < 0) return { level: 'overdue', left };
  if (left < incident.targetSeconds * 0.2) return { level: 'warning', left };
  return { level: 'ok', left };
}

const levelColor: Record<TimerLevel, string> = {
  ok: '#389e0d',
  warning: '#d48806',
  overdue: '#cf1322',
  done: '#1677ff',
};

/** Time since the call and the countdown to the zone's arrival target. */
export function IncidentTimers({ incident }: { incident: Incident }) {
  const t = useT();
  const now = useNow();
  const received = Date.parse(incident.times.received ?? incident.createdAt);
  const closed = incident.times.resolved ?? incident.times.closed;
  const elapsed = ((closed ? Date.parse(closed) : now) - received) / 1000;
  const { level, left } = arrivalLevel(incident, now);
  const used = Math.min(100, Math.max(0, 100 * (1 - left / incident.targetSeconds)));
  return (
    <div data-testid="incident-timers" data-level={level}>
      <Space size="large" wrap>
        <Statistic
          title={t('dispatch.timer.elapsed')}
          value={formatDuration(elapsed)}
          styles={{ content: { fontSize: 20 } }}
        />
        <Statistic
          title={level === 'done' ? t('dispatch.timer.arrivedIn') : t('dispatch.timer.toTarget')}
          value={level === 'done' ? formatDuration(incident.targetSeconds - left) : formatDuration(left)}
          styles={{ content: { fontSize: 20, color: levelColor[level] } }}
        />
        <Tag
          color={
            level === 'overdue' ? 'red' : level === 'warning' ? 'orange' : level === 'done' ? 'blue' : 'green'
          }
        >
          {t(`dispatch.timer.${level}`)} ·{' '}
          {t('dispatch.timer.target', { m: Math.round(incident.targetSeconds / 60) })}
        </Tag>
      </Space>
      <Progress percent={used} showInfo={false} strokeColor={levelColor[level]} size="small" />
    </div>
  );
}
