import type { Incident, StationRequest, Unit } from '@ronghui/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { useLocale, useT } from '../../i18n/i18n-context.tsx';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { dispatchApi } from '../../api/dispatch-api.ts';
import { useLiveEvents } from '../../app/live-channel.tsx';

export interface StationRequestsProps {
  units: readonly Unit[];
  incidents: readonly Incident[];
  onShowIncident: (id: string) => void;
}

function RequestCard({
  request,
  units,
  incident,
  onShowIncident,
}: {
  request: StationRequest;
  units: readonly Unit[];
  incident: Incident | undefined;
  onShowIncident: (id: string) => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [declining, setDeclining] = useState(false);
  const done = () => void queryClient.invalidateQueries({ queryKey: ['dispatch'] });
  const commit = useMutation({ mutationFn: () => dispatchApi.commit(request.id, chosen), onSuccess: done });
  const decline = useMutation({
    mutationFn: () => dispatchApi.decline(request.id, reason.trim()),
    onSuccess: done,
  });
  const free = units.filter(
    (u) => u.stationId === request.station.id && (u.status === 'available' || u.status === 'returning'),
  );
  const error = commit.error ?? decline.error;
  return (
    <Card
      size="small"
      data-testid="station-request"
      title={
        <Space>
          <Tag color="gold">{t('dispatch.request.requested')}</Tag>
          {t('dispatch.officer.wants', { n: request.quantity, station: request.station.name })}
        </Space>
      }
      extra={
        <Button size="small" type="link" onClick={() => onShowIncident(request.incidentId)}>
          {t('common.detail')}
        </Button>
      }
      style={{ marginBottom: 8 }}
    >
      {incident && (
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          <b>{incident.number}</b> · {locale === 'zh-CN' ? incident.category.zh : incident.category.en} ·{' '}
          {incident.location.address ?? ''} · {incident.description}
        </Typography.Paragraph>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('dispatch.officer.requestedBy', {
          by: request.requestedBy,
          at: formatDateTime(request.requestedAt),
        })}
      </Typography.Text>
      <Space.Compact block style={{ marginTop: 8 }}>
        <Select
          mode="multiple"
          style={{ width: '100%' }}
          aria-label={t('dispatch.officer.chooseUnits')}
          placeholder={t('dispatch.officer.chooseUnits')}
          value={chosen}
          onChange={setChosen}
          options={free.map((u) => ({ value: u.id, label: `${u.callsign} ${u.name}` }))}
          optionFilterProp="label"
          data-testid="commit-units"
        />
        <Button
          type="primary"
          disabled={chosen.length === 0}
          loading={commit.isPending}
          onClick={() => commit.mutate()}
        >
          {t('dispatch.officer.commit', { n: chosen.length })}
        </Button>
      </Space.Compact>
      {declining ? (
        <Space.Compact block style={{ marginTop: 8 }}>
          <Input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={t('dispatch.officer.reason')}
            aria-label={t('dispatch.officer.reason')}
            maxLength={500}
          />
          <Button
            danger
            disabled={reason.trim().length < 2}
            loading={decline.isPending}
            onClick={() => decline.mutate()}
          >
            {t('dispatch.officer.decline')}
          </Button>
        </Space.Compact>
      ) : (
        <Button size="small" type="link" danger onClick={() => setDeclining(true)} style={{ paddingLeft: 0 }}>
          {t('dispatch.officer.cannot')}
        </Button>
      )}
      {error && <Alert type="error" showIcon title={describeError(error, t)} style={{ marginTop: 8 }} />}
    </Card>
  );
}

/** Requests addressed to the user's station: choose units and commit, or decline with a reason. */
export function StationRequests({ units, incidents, onShowIncident }: StationRequestsProps) {
  const t = useT();
  const open = useQuery({ queryKey: ['dispatch', 'open-requests'], queryFn: dispatchApi.openRequests });
  useLiveEvents('request.*', () => void open.refetch());
  const rows = open.data?.items ?? [];
  return (
    <div data-testid="station-requests">
      {rows.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dispatch.officer.none')} />
      )}
      {rows.map((r) => (
        <RequestCard
          key={r.id}
          request={r}
          units={units}
          incident={incidents.find((i) => i.id === r.incidentId)}
          onShowIncident={onShowIncident}
        />
      ))}
    </div>
  );
}
