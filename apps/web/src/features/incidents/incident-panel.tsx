import type { IncidentDetail } from '@ronghui/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DISPOSITIONS, type IncidentStatus, TRANSITIONS } from '@ronghui/dispatch';
import { Alert, Button, Descriptions, Divider, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { useLocale, useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { dispatchApi } from '../../api/dispatch-api.ts';
import { FieldRecords } from './field-records.tsx';
import { IncidentTimers } from './incident-timers.tsx';
import { IncidentUnitProgress } from './incident-unit-progress.tsx';
import { useReadOnly } from '../../app/read-only.tsx';
import { priorityColors } from '../units/index.ts';
import { GridCaseButton } from '../hazards/index.ts';
import { CalloutCard } from '../callouts/index.ts';

/** Status moves a console offers; the unit-driven steps (en route, on scene) come from the units. */
const offered: Partial<Record<IncidentStatus, MessageKey>> = {
  answered: 'dispatch.action.answered',
  acknowledged: 'dispatch.action.acknowledged',
  'on-scene': 'dispatch.action.onScene',
  resolved: 'dispatch.action.resolved',
  closed: 'dispatch.action.closed',
  callback: 'dispatch.action.callback',
};

export function useIncident(id: string | null) {
  return useQuery({
    queryKey: ['dispatch', 'incident', id],
    queryFn: () => dispatchApi.incident(id!),
    enabled: id !== null,
    staleTime: 5_000,
  });
}

/**
 * The chosen incident: what, where, timers, each unit's progress, the next status steps, and what officers
 * recorded on scene.
 */
export function IncidentPanel({
  incident,
  callsignOf,
}: {
  incident: IncidentDetail;
  /** Names units that have not reported on the incident yet (the console's live units). */
  callsignOf?: (unitId: string) => string;
}) {
  const t = useT();
  const { locale } = useLocale();
  const queryClient = useQueryClient();
  const [disposition, setDisposition] = useState<string>('handled-on-scene');
  const name = (b: { zh: string; en: string }) => (locale === 'zh-CN' ? b.zh : b.en);
  const move = useMutation({
    mutationFn: (status: IncidentStatus) =>
      dispatchApi.setStatus(incident.id, status, status === 'resolved' ? disposition : undefined),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['dispatch'] }),
  });
  // A read-only console moves no incident: it offers no next step.
  const readOnly = useReadOnly();
  const next = readOnly ? [] : TRANSITIONS[incident.status].filter((s) => offered[s] !== undefined);

  return (
    <div data-testid="incident-panel" data-status={incident.status}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong data-testid="incident-number">
          {incident.number}
        </Typography.Text>
        <Tag color={priorityColors[incident.priority]}>{t(`dispatch.priority.${incident.priority}`)}</Tag>
        <Tag>{name(incident.category)}</Tag>
        <Tag color="processing" data-testid="incident-status">
          {name(incident.statusName)}
        </Tag>
      </Space>
      <IncidentTimers incident={incident} />
      <IncidentUnitProgress incident={incident} callsignOf={callsignOf} />
      <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
        <Descriptions.Item label={t('dispatch.incident.address')}>
          {incident.location.address ??
            `${incident.location.lon.toFixed(5)}, ${incident.location.lat.toFixed(5)}`}
          {incident.location.confidence < 0.7 && (
            <Tag color="orange" style={{ marginLeft: 4 }}>
              {t('dispatch.incident.lowConfidence')}
            </Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('dispatch.incident.station')}>
          {incident.station?.name ?? '—'} · {incident.area?.name ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('dispatch.incident.description')}>
          {incident.description}
        </Descriptions.Item>
        {incident.caller && (
          <Descriptions.Item label={t('dispatch.incident.caller')}>
            {[incident.caller.name, incident.caller.phone].filter(Boolean).join(' ')}
          </Descriptions.Item>
        )}
      </Descriptions>
      {next.length > 0 && (
        <Space wrap style={{ marginBottom: 8 }}>
          {next.includes('resolved') && (
            <Select
              size="small"
              style={{ width: 150 }}
              value={disposition}
              onChange={setDisposition}
              aria-label={t('dispatch.incident.disposition')}
              options={DISPOSITIONS.map((d) => ({ value: d.code, label: name(d) }))}
            />
          )}
          {next.map((s) => (
            <Button
              key={s}
              autoInsertSpace={false}
              size="small"
              loading={move.isPending && move.variables === s}
              onClick={() => move.mutate(s)}
            >
              {t(offered[s]!)}
            </Button>
          ))}
        </Space>
      )}
      {!readOnly && <GridCaseButton incident={incident} />}
      {!readOnly && <CalloutCard incident={incident} />}
      {move.isError && (
        <Alert type="error" showIcon title={describeError(move.error, t)} style={{ marginBottom: 8 }} />
      )}
      <Divider size="small" titlePlacement="start">
        {t('dispatch.field.title')}
      </Divider>
      <FieldRecords incident={incident} />
    </div>
  );
}
