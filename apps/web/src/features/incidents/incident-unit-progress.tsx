import type { IncidentDetail } from '@ronghui/contracts';
import type { UnitStatus } from '@ronghui/dispatch';
import { useQuery } from '@tanstack/react-query';
import { Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { dispatchApi } from '../../api/dispatch-api.ts';
import { useNow } from '../../app/use-now.ts';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { formatDuration } from '../../i18n/format-duration.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { unitStatusColors } from '../units/index.ts';
import { unitStatusName } from './timeline-text.ts';
import { type UnitProgress, unitProgress } from './unit-progress.ts';

const clock = (at: string | null) => (at ? formatDateTime(at).slice(11) : '—');
const seconds = (from: string, to: number) => (to - Date.parse(from)) / 1000;

/**
 * 出警进度: each unit sent to the incident, when it was sent, set off and arrived (from the units' own
 * reports on the timeline), and what it is doing now. The incident and its units are refetched as live
 * events about it come in (`useOpenIncidents`), so this follows the field without a reload.
 */
export function IncidentUnitProgress({
  incident,
  callsignOf,
}: {
  incident: IncidentDetail;
  callsignOf?: ((unitId: string) => string) | undefined;
}) {
  const t = useT();
  const now = useNow();
  const assigned = useQuery({
    // Under the incident's key: whatever refreshes the incident refreshes its units too.
    queryKey: ['dispatch', 'incident', incident.id, 'units'],
    queryFn: () => dispatchApi.assignments(incident.id),
  });
  const rows = useMemo(
    () => unitProgress(assigned.data?.items ?? [], incident.timeline),
    [assigned.data, incident.timeline],
  );
  if (rows.length === 0)
    return (
      <Typography.Text type="secondary" data-testid="unit-progress-empty">
        {t('dispatch.progress.empty')}
      </Typography.Text>
    );
  return (
    <Table<UnitProgress>
      data-testid="unit-progress"
      size="small"
      rowKey="unitId"
      pagination={false}
      dataSource={rows}
      columns={[
        {
          title: t('dispatch.progress.unit'),
          render: (_, r) => (
            <span data-testid="progress-unit" style={{ whiteSpace: 'nowrap' }}>
              {r.callsign ?? callsignOf?.(r.unitId) ?? r.unitId}
            </span>
          ),
        },
        {
          title: t('dispatch.progress.dispatched'),
          width: 56,
          render: (_, r) => <span data-testid="progress-dispatched">{clock(r.dispatchedAt)}</span>,
        },
        {
          title: t('dispatch.progress.enRoute'),
          width: 56,
          render: (_, r) => <span data-testid="progress-en-route">{clock(r.enRouteAt)}</span>,
        },
        {
          title: t('dispatch.progress.onScene'),
          render: (_, r) => {
            const from = r.dispatchedAt ?? r.enRouteAt;
            // On the way, the clock runs until the unit says it is there.
            const travelling = !r.onSceneAt && !r.releasedAt ? from : null;
            return (
              <span
                data-testid="progress-on-scene"
                data-at={r.onSceneAt ?? ''}
                style={{ whiteSpace: 'nowrap' }}
              >
                {r.onSceneAt ? (
                  <>
                    {clock(r.onSceneAt)}
                    {from && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {' '}
                        {t('dispatch.progress.took', {
                          d: formatDuration(seconds(from, Date.parse(r.onSceneAt))),
                        })}
                      </Typography.Text>
                    )}
                  </>
                ) : travelling ? (
                  <Typography.Text type="warning" style={{ fontSize: 12 }}>
                    {t('dispatch.progress.travelling', { d: formatDuration(seconds(travelling, now)) })}
                  </Typography.Text>
                ) : (
                  '—'
                )}
              </span>
            );
          },
        },
        {
          title: t('dispatch.progress.now'),
          width: 84,
          render: (_, r) =>
            r.releasedAt ? (
              <Tag>{t('dispatch.progress.released')}</Tag>
            ) : r.lastStatus ? (
              <Tag
                color={unitStatusColors[r.lastStatus as UnitStatus]}
                data-testid="progress-status"
                data-status={r.lastStatus}
              >
                {unitStatusName(t, r.lastStatus)}
              </Tag>
            ) : (
              <Tag data-testid="progress-status">{t('dispatch.progress.sent')}</Tag>
            ),
        },
      ]}
    />
  );
}
