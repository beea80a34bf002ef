import type { StationRequest, StationRequestStatus } from '@ronghui/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Progress, Table, Tag, Typography } from 'antd';
import { describeError } from '../../api/describe-error.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { useReadOnly } from '../../app/read-only.tsx';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { dispatchApi } from '../../api/dispatch-api.ts';

export const requestColors: Record<StationRequestStatus, string> = {
  requested: 'gold',
  committed: 'green',
  declined: 'red',
  released: 'default',
};

/** Joint-area requests of one incident, one row per station, refreshed by `request.changed`. */
export function RequestBoard({
  incidentId,
  callsignOf,
  canRelease = true,
}: {
  incidentId: string;
  callsignOf: (id: string) => string;
  /** Releasing committed units is for command rooms (the server refuses stations). */
  canRelease?: boolean;
}) {
  const t = useT();
  const readOnly = useReadOnly();
  const queryClient = useQueryClient();
  const board = useQuery({
    queryKey: ['dispatch', 'board', incidentId],
    queryFn: () => dispatchApi.board(incidentId),
  });
  const release = useMutation({
    mutationFn: (id: string) => dispatchApi.release(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['dispatch'] }),
  });
  const rows = board.data?.items ?? [];
  if (rows.length === 0)
    return <Typography.Text type="secondary">{t('dispatch.board.empty')}</Typography.Text>;
  const wanted = rows.reduce((n, r) => n + r.quantity, 0);
  const committed = rows.reduce(
    (n, r) => n + (r.status === 'committed' || r.status === 'released' ? r.unitIds.length : 0),
    0,
  );
  const answered = rows.filter((r) => r.status !== 'requested').length;
  return (
    <div data-testid="request-board" data-committed={committed} data-answered={answered}>
      <Typography.Text>
        {t('dispatch.board.summary', { answered, stations: rows.length, committed, wanted })}
      </Typography.Text>
      <Progress percent={Math.round((100 * committed) / Math.max(1, wanted))} size="small" />
      {release.isError && <Alert type="error" showIcon title={describeError(release.error, t)} />}
      <Table<StationRequest>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 440 }}
        columns={[
          {
            title: t('dispatch.board.station'),
            width: 112,
            render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{r.station.name}</span>,
          },
          {
            title: t('dispatch.board.status'),
            width: 76,
            render: (_, r) => <Tag color={requestColors[r.status]}>{t(`dispatch.request.${r.status}`)}</Tag>,
          },
          {
            title: t('dispatch.board.units'),
            render: (_, r) =>
              r.status === 'declined'
                ? r.reason
                : r.unitIds.length > 0
                  ? r.unitIds.map(callsignOf).join('、')
                  : t('dispatch.board.wants', { n: r.quantity }),
          },
          {
            title: t('dispatch.board.answeredAt'),
            width: 64,
            render: (_, r) => (r.answeredAt ? formatDateTime(r.answeredAt).slice(11) : '—'),
          },
          {
            title: '',
            width: 60,
            render: (_, r) =>
              r.status === 'committed' && canRelease && !readOnly ? (
                <Button size="small" type="link" onClick={() => release.mutate(r.id)}>
                  {t('dispatch.board.release')}
                </Button>
              ) : null,
          },
        ]}
      />
    </div>
  );
}
