import { LeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Tag } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { describeError } from '../api/describe-error.ts';
import { disputeKeys, disputesApi, disputeUrls, RISK_HEX } from '../api/disputes-api.ts';
import { hazardKeys, hazardsApi } from '../api/hazards-api.ts';
import { formatDateTime } from '../i18n/format-datetime.ts';
import { useT } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { useOutbox } from '../offline/index.ts';
import { DeadlineTag } from './grid-task-card.tsx';
import { disputeTask, hazardTask } from './grid-tasks.ts';
import { MeetingForm } from './meeting-form.tsx';
import { useMobileContext } from './mobile-context.ts';

function Back() {
  const t = useT();
  return (
    <Link to="/m/grid" className="m-back" data-testid="grid-back">
      <LeftOutlined /> {t('mobile.grid.back')}
    </Link>
  );
}

/** One task opened from 我的任务: a hazard's loop, or a dispute with its meetings and 记录调解. */
export function GridTaskDetail({ kind, id }: { kind: 'hazard' | 'dispute'; id: string }) {
  return kind === 'hazard' ? <HazardDetail id={id} /> : <DisputeDetail id={id} />;
}

function HazardDetail({ id }: { id: string }) {
  const t = useT();
  const { offline } = useMobileContext();
  const q = useQuery({
    queryKey: hazardKeys.detail(id),
    queryFn: () => hazardsApi.get(id),
    enabled: !offline,
  });
  const h = q.data;
  const task = h ? hazardTask(h, q.dataUpdatedAt) : null;
  return (
    <div data-testid="grid-hazard-detail">
      <Back />
      {q.error && <div className="m-empty">{describeError(q.error, t)}</div>}
      {h && (
        <>
          <div className="m-card">
            <div className="m-card-row">
              <span className="m-card-title">
                {t(`hazards.kind.${h.kind}` as MessageKey)} · {h.number}
              </span>
              <Tag>{t(`hazards.state.${h.status}` as MessageKey)}</Tag>
            </div>
            <div className="m-card-sub">{h.description}</div>
            {h.address && <div className="m-card-sub">{h.address}</div>}
            <div className="m-card-sub">
              {t('mobile.grid.deadline')}: {h.deadlineAt ? formatDateTime(h.deadlineAt) : '—'}{' '}
              {task && <DeadlineTag task={task} />}
            </div>
            {task && (
              <div className="m-card-sub">
                <strong>{t(task.mine ? 'mobile.grid.nextMine' : 'mobile.grid.nextOthers')}</strong>
                {t(`mobile.grid.next.${task.next}` as MessageKey)}
              </div>
            )}
            {h.responsible && (
              <div className="m-card-sub">
                {t('mobile.grid.responsible')}: {h.responsible.name}
              </div>
            )}
          </div>
          <div className="m-section-title">{t('mobile.grid.timeline')}</div>
          <div className="m-card">
            {h.timeline.map((e) => (
              <div key={`${e.at}-${e.kind}-${e.toStatus}`} className="m-card-sub">
                {formatDateTime(e.at)} · {e.actor} ·{' '}
                {e.toStatus ? t(`hazards.state.${e.toStatus}` as MessageKey) : e.kind}
                {e.note ? ` · ${e.note}` : ''}
              </div>
            ))}
          </div>
        </>
      )}
    </div>
  );
}

function DisputeDetail({ id }: { id: string }) {
  const t = useT();
  const { offline, outbox } = useMobileContext();
  const queue = useOutbox(outbox);
  const queryClient = useQueryClient();
  const q = useQuery({
    queryKey: disputeKeys.detail(id),
    queryFn: () => disputesApi.get(id),
    enabled: !offline,
  });
  const url = disputeUrls.meeting(id);
  const waiting = queue.pending.filter((e) => e.url === url);
  const refused = queue.refused.filter((e) => e.url === url);
  const sentCount = queue.sent.length;
  useEffect(() => {
    if (sentCount > 0) void queryClient.invalidateQueries({ queryKey: disputeKeys.all });
  }, [sentCount, queryClient]);
  const d = q.data;
  const task = d ? disputeTask(d, q.dataUpdatedAt) : null;
  const open = d?.status === 'registered' || d?.status === 'mediating';
  return (
    <div data-testid="grid-dispute-detail">
      <Back />
      {q.error && <div className="m-empty">{describeError(q.error, t)}</div>}
      {d && (
        <>
          <div className="m-card">
            <div className="m-card-row">
              <span className="m-card-title">
                <span className="m-risk-dot" style={{ background: RISK_HEX[d.risk] }} aria-hidden />
                {t(`disputes.kind.${d.kind}` as MessageKey)} · {d.number}
              </span>
              <Tag data-testid="grid-dispute-status">{t(`disputes.status.${d.status}` as MessageKey)}</Tag>
            </div>
            <div className="m-card-sub">{d.description}</div>
            {d.address && <div className="m-card-sub">{d.address}</div>}
            <div className="m-card-sub">
              {t('mobile.grid.limit')}: {formatDateTime(d.dueAt)} {task && <DeadlineTag task={task} />}
            </div>
            {task && (
              <div className="m-card-sub">
                <strong>{t('mobile.grid.nextMine')}</strong>
                {t(`mobile.grid.next.${task.next}` as MessageKey)}
              </div>
            )}
            <div className="m-card-sub">
              {t('mobile.grid.parties')}: {d.parties.map((p) => p.name).join('、')}
            </div>
            <div className="m-card-sub">
              {t('mobile.grid.mediators')}: {d.mediators.map((m) => m.name).join('、')}
            </div>
          </div>

          <div className="m-section-title">{t('mobile.grid.meetings', { n: d.meetings.length })}</div>
          {d.meetings.length === 0 && waiting.length === 0 && (
            <div className="m-empty">{t('mobile.grid.noMeetings')}</div>
          )}
          {d.meetings.map((m) => (
            <div
              key={`${m.at}-${m.place}-${m.outcome}`}
              className="m-card"
              data-testid="grid-dispute-meeting"
            >
              <div className="m-card-row">
                <span className="m-card-title">{formatDateTime(m.at)}</span>
                <Tag color="green">{t('mobile.grid.recorded')}</Tag>
              </div>
              <div className="m-card-sub">{m.place}</div>
              <div className="m-card-sub">{m.attendees.join('、')}</div>
              <div className="m-card-sub">{m.summary}</div>
              <div className="m-card-sub">
                <strong>{m.outcome}</strong>
              </div>
            </div>
          ))}
        </>
      )}
      {waiting.map((e) => (
        <div key={e.id} className="m-card" data-testid="meeting-waiting">
          <Tag color="orange">{t('mobile.outboxWaiting')}</Tag>
          {e.label}
        </div>
      ))}
      {refused.map((e) => (
        <div key={e.id} className="m-card" data-testid="meeting-refused">
          <Tag color="red">{t('mobile.messages.refused')}</Tag>
          {e.label} · {e.problem.detail ?? e.problem.title}
        </div>
      ))}
      {(open || (!d && offline)) && (
        <MeetingForm key={id} disputeId={id} number={d?.number ?? ''} place={d?.address ?? ''} />
      )}
    </div>
  );
}
