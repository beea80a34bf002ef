import type { Emergency } from '@ronghui/contracts';
import { WarningFilled } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Modal, Space } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { dispatchApi } from '../../api/dispatch-api.ts';
import { useLiveEvents } from '../../app/live-channel.tsx';

export interface EmergencyAlertProps {
  canAcknowledge: boolean;
  onLocate: (at: { lon: number; lat: number }) => void;
}

/** An open emergency fills the screen until a dispatcher takes it in hand (or an officer has seen it). */
export function EmergencyAlert({ canAcknowledge, onLocate }: EmergencyAlertProps) {
  const t = useT();
  const queryClient = useQueryClient();
  const [seen, setSeen] = useState<ReadonlySet<string>>(new Set());
  const open = useQuery({
    queryKey: ['dispatch', 'emergencies'],
    queryFn: dispatchApi.emergencies,
    refetchInterval: 60_000,
  });
  useLiveEvents('emergency.*', () => void open.refetch());
  const ack = useMutation({
    mutationFn: (id: string) => dispatchApi.ackEmergency(id),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['dispatch', 'emergencies'] }),
  });
  const current: Emergency | undefined = (open.data?.items ?? []).find((e) => e.open && !seen.has(e.id));
  if (!current) return null;
  return (
    <Modal
      open
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      width={560}
      title={
        <Space style={{ color: '#cf1322', fontSize: 20 }}>
          <WarningFilled />
          {t('dispatch.emergency.title', { callsign: current.unit.callsign })}
        </Space>
      }
      footer={
        <Space>
          {current.position && (
            <Button onClick={() => current.position && onLocate(current.position)}>
              {t('dispatch.emergency.locate')}
            </Button>
          )}
          {canAcknowledge ? (
            <Button type="primary" danger loading={ack.isPending} onClick={() => ack.mutate(current.id)}>
              {t('dispatch.emergency.ack')}
            </Button>
          ) : (
            <Button type="primary" danger onClick={() => setSeen(new Set([...seen, current.id]))}>
              {t('dispatch.emergency.seen')}
            </Button>
          )}
        </Space>
      }
      styles={{
        mask: { background: 'rgba(168, 7, 26, 0.45)' },
        header: { background: '#fff1f0' },
        body: { borderLeft: '6px solid #cf1322', paddingLeft: 12 },
      }}
    >
      <div data-testid="emergency-alert">
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('dispatch.emergency.station')}>
            {current.station.name}
          </Descriptions.Item>
          <Descriptions.Item label={t('dispatch.emergency.at')}>
            {formatDateTime(current.raisedAt)}
          </Descriptions.Item>
          {current.note && (
            <Descriptions.Item label={t('dispatch.emergency.note')}>{current.note}</Descriptions.Item>
          )}
          <Descriptions.Item label={t('dispatch.emergency.nearest')}>
            {current.nearest.map((n) => `${n.callsign}（${Math.round(n.etaSeconds / 60)}′）`).join('、') ||
              '—'}
          </Descriptions.Item>
        </Descriptions>
        {ack.isError && <Alert type="error" showIcon title={describeError(ack.error, t)} />}
      </div>
    </Modal>
  );
}
