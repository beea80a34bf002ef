import { Tag } from 'antd';
import { Link } from 'react-router';
import { RISK_HEX } from '../api/disputes-api.ts';
import { useT } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import type { DeadlineBadge, GridTask } from './grid-tasks.ts';

const BADGE_COLOR: Record<DeadlineBadge, string> = {
  overdue: 'red',
  warning: 'orange',
  ok: 'blue',
  none: 'default',
};

/** The deadline as a tag: 已超期 N 天, 临期 剩 N 天, 剩 N 天, or nothing without one. */
export function DeadlineTag({ task }: { task: Pick<GridTask, 'badge' | 'daysLeft'> }) {
  const t = useT();
  if (task.daysLeft === null) return null;
  const text =
    task.badge === 'overdue'
      ? t('mobile.grid.overdueDays', { n: Math.abs(task.daysLeft) })
      : task.badge === 'warning'
        ? t('mobile.grid.warningDays', { n: task.daysLeft })
        : t('mobile.grid.daysLeft', { n: task.daysLeft });
  return (
    <Tag color={BADGE_COLOR[task.badge]} data-testid="grid-task-badge" data-badge={task.badge}>
      {text}
    </Tag>
  );
}

/** One line of 我的任务: what, its deadline and the next step; tapping it opens the hazard or dispute. */
export function GridTaskCard({ task }: { task: GridTask }) {
  const t = useT();
  const typeLabel =
    task.kind === 'hazard'
      ? t(`hazards.kind.${task.type}` as MessageKey)
      : t(`disputes.kind.${task.type}` as MessageKey);
  const statusLabel =
    task.kind === 'hazard'
      ? t(`hazards.state.${task.status}` as MessageKey)
      : t(`disputes.status.${task.status}` as MessageKey);
  return (
    <Link
      to={`/m/grid/${task.kind}/${task.id}`}
      className="m-card m-grid-task"
      data-testid="grid-task"
      data-task-id={task.id}
      data-task-kind={task.kind}
      data-badge={task.badge}
    >
      <div className="m-card-row">
        <span className="m-card-title">
          {task.risk && (
            <span className="m-risk-dot" style={{ background: RISK_HEX[task.risk] }} aria-hidden />
          )}
          {t(task.kind === 'hazard' ? 'mobile.grid.hazard' : 'mobile.grid.dispute')} · {typeLabel}
        </span>
        <DeadlineTag task={task} />
      </div>
      <div className="m-card-sub">
        {task.number} · {statusLabel}
      </div>
      <div className="m-card-sub m-clamp2">{task.description}</div>
      <div className="m-card-sub" data-testid="grid-task-next">
        <strong>{t(task.mine ? 'mobile.grid.nextMine' : 'mobile.grid.nextOthers')}</strong>
        {t(`mobile.grid.next.${task.next}` as MessageKey)}
      </div>
    </Link>
  );
}
