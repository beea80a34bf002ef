import type { MyPatrolTask, PatrolRun } from '@ronghui/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { patrolKeys, patrolsApi } from '../api/patrols-api.ts';
import { volunteersApi } from '../api/volunteers-api.ts';
import { formatClock } from '../i18n/format-datetime.ts';
import { useT } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { useOutbox } from '../offline/index.ts';
import { useMobileContext } from './mobile-context.ts';
import { usePatrolTrack } from './use-patrol-track.ts';

const statusColor: Record<string, string> = {
  planned: 'blue',
  active: 'processing',
  completed: 'green',
  missed: 'red',
  cancelled: 'default',
};

/** The first fix for a check-in, or none after a few seconds (the check-in goes without it). */
const here = () =>
  new Promise<GeolocationPosition | null>((resolve) => {
    if (!('geolocation' in navigator)) return resolve(null);
    navigator.geolocation.getCurrentPosition(resolve, () => resolve(null), {
      enableHighAccuracy: true,
      timeout: 8_000,
      maximumAge: 30_000,
    });
  });

/**
 * 巡逻 on the volunteer's phone: today's patrol tasks of their team, check-in and check-out through the
 * offline outbox, the GPS track recorded and sent in batches while checked in, and the judged outcome.
 */
export function PatrolPhonePage() {
  const t = useT();
  const { offline, outbox } = useMobileContext();
  const queue = useOutbox(outbox);
  const queryClient = useQueryClient();
  const mine = useQuery({
    queryKey: patrolKeys.mine,
    queryFn: patrolsApi.mine,
    enabled: !offline,
    refetchInterval: 20_000,
    retry: false,
  });
  const me = useQuery({
    queryKey: ['volunteers', 'me'],
    queryFn: volunteersApi.me,
    enabled: !offline,
    retry: false,
  });
  const [waiting, setWaiting] = useState<string | null>(null);
  const sentCount = queue.sent.length;
  useEffect(() => {
    if (sentCount > 0) {
      void queryClient.invalidateQueries({ queryKey: patrolKeys.mine });
      setWaiting(null);
    }
  }, [sentCount, queryClient]);
  const active = mine.data?.items.find((x) => x.run?.status === 'active')?.run ?? null;
  const track = usePatrolTrack(active?.id ?? null, outbox, t('mobile.tab.patrol'));
  const ready = me.data ? me.data.onDuty && me.data.locationConsent : true;
  const queuedPoints = queue.pending.filter((e) => e.url.includes('/points')).length;

  const checkIn = async (task: MyPatrolTask['task']) => {
    setWaiting(task.id);
    const p = await here();
    await outbox.enqueue({
      method: 'POST',
      url: patrolsApi.urls.checkIn(task.id),
      body: p
        ? {
            lon: p.coords.longitude,
            lat: p.coords.latitude,
            accuracyM: p.coords.accuracy,
            at: new Date().toISOString(),
          }
        : { at: new Date().toISOString() },
      label: `${t('patrols.checkIn')} ${task.featureName}`,
    });
  };
  const checkOut = async (task: MyPatrolTask['task'], run: PatrolRun) => {
    setWaiting(task.id);
    await track.flush();
    await outbox.enqueue({
      method: 'POST',
      url: patrolsApi.urls.checkOut(run.id),
      body: { at: new Date().toISOString() },
      label: `${t('patrols.checkOut')} ${task.featureName}`,
    });
  };

  return (
    <div data-testid="mobile-patrol">
      <div className="m-section-title">{t('patrols.title')}</div>
      {!ready ? (
        <Alert type="warning" showIcon title={t('patrols.notOnDuty')} style={{ marginBottom: 8 }} />
      ) : null}
      {track.error ? (
        <Alert type="error" showIcon title={t('patrols.gpsDenied')} style={{ marginBottom: 8 }} />
      ) : null}
      {mine.data && mine.data.items.length === 0 ? (
        <div className="m-card">{t('patrols.mine.empty')}</div>
      ) : null}
      {(mine.data?.items ?? []).map(({ task, run }) => {
        const now = Date.now();
        const open =
          task.status !== 'cancelled' &&
          now >= new Date(task.startsAt).getTime() - 15 * 60_000 &&
          now < new Date(task.endsAt).getTime();
        const mineActive = run?.status === 'active';
        return (
          <div
            className="m-card"
            key={task.id}
            data-testid="patrol-task"
            data-task-id={task.id}
            data-status={task.status}
          >
            <div className="m-card-row">
              <strong style={{ fontSize: 17 }}>{task.featureName}</strong>
              <Tag color={statusColor[task.status]}>{t(`patrols.status.${task.status}` as MessageKey)}</Tag>
            </div>
            <div style={{ color: '#666', marginTop: 4 }}>
              <Tag>{t(`patrols.kind.${task.featureKind}` as MessageKey)}</Tag>
              {t('patrols.window', {
                from: formatClock(task.startsAt).slice(0, 5),
                to: formatClock(task.endsAt).slice(0, 5),
              })}
            </div>
            {task.note ? <div style={{ color: '#888', marginTop: 4 }}>{task.note}</div> : null}
            {mineActive ? (
              <div style={{ marginTop: 8 }} data-testid="patrol-recording">
                <Tag color="processing">{t('patrols.recording', { n: track.recorded })}</Tag>
                {queuedPoints > 0 ? (
                  <Tag color="orange">{t('patrols.queued', { n: queuedPoints })}</Tag>
                ) : null}
              </div>
            ) : null}
            {run && run.status !== 'active' ? <Outcome run={run} /> : null}
            <div style={{ marginTop: 10 }}>
              {mineActive ? (
                <Button
                  block
                  size="large"
                  danger
                  data-testid="patrol-check-out"
                  loading={waiting === task.id}
                  onClick={() => void checkOut(task, run)}
                >
                  {t('patrols.checkOut')}
                </Button>
              ) : open && !active && task.status !== 'completed' ? (
                <Button
                  block
                  size="large"
                  type="primary"
                  data-testid="patrol-check-in"
                  disabled={!ready}
                  loading={waiting === task.id}
                  onClick={() => void checkIn(task)}
                >
                  {t('patrols.checkIn')}
                </Button>
              ) : null}
            </div>
          </div>
        );
      })}
    </div>
  );
}

/** The judged outcome of a closed run. */
function Outcome({ run }: { run: PatrolRun }) {
  const t = useT();
  const j = run.judgement;
  return (
    <div style={{ marginTop: 8 }} data-testid="patrol-outcome" data-status={run.status}>
      <Tag color={run.status === 'completed' ? 'green' : 'orange'}>
        {t(`patrols.run.${run.status}` as MessageKey)}
      </Tag>
      {j?.insideS != null ? (
        <span style={{ color: '#666' }}>
          {t('patrols.inside', { m: Math.floor(j.insideS / 60), need: Math.round(j.required / 60) })}
        </span>
      ) : null}
      {j?.lineShare != null ? (
        <span style={{ color: '#666' }}>
          {t('patrols.share', { p: Math.round(j.lineShare * 100), need: Math.round(j.required * 100) })}
        </span>
      ) : null}
      {j?.reason ? (
        <div style={{ color: '#d46b08', marginTop: 4 }}>{t(`patrols.reason.${j.reason}` as MessageKey)}</div>
      ) : null}
    </div>
  );
}
