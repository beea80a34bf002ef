import type { HazardAction, HazardStepBody } from '@ronghui/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Tag,
  Timeline,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../api/describe-error.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { hazardColor, hazardKeys, hazardsApi } from '../../api/hazards-api.ts';

type UnitKind = 'station' | 'village' | 'department';

/** One hazard: its facts, photos, the loop so far and the steps this user may take now. */
export function HazardDetailCard(props: { id: string | null; stations: { id: string; name: string }[] }) {
  const { id, stations } = props;
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const detail = useQuery({
    queryKey: hazardKeys.detail(id ?? '-'),
    queryFn: () => hazardsApi.get(id!),
    enabled: id !== null,
  });
  const [acting, setActing] = useState<HazardAction | 'incident' | null>(null);
  const [note, setNote] = useState('');
  const [unitKind, setUnitKind] = useState<UnitKind>('station');
  const [unitValue, setUnitValue] = useState('');
  const [rating, setRating] = useState<'satisfied' | 'basically-satisfied' | 'dissatisfied'>('satisfied');
  const [category, setCategory] = useState('治安');

  const done = () => {
    setActing(null);
    setNote('');
    setUnitValue('');
    void queryClient.invalidateQueries({ queryKey: hazardKeys.all });
  };
  const step = useMutation({
    mutationFn: (body: HazardStepBody) => hazardsApi.step(id!, body),
    onSuccess: done,
    onError: (error) => message.error(describeError(error, t)),
  });
  const incident = useMutation({
    mutationFn: () => hazardsApi.toIncident(id!, { category, priority: 3, ...(note ? { note } : {}) }),
    onSuccess: done,
    onError: (error) => message.error(describeError(error, t)),
  });

  if (!id)
    return (
      <Card>
        <Empty description={t('hazards.detail.empty')} />
      </Card>
    );
  const h = detail.data;
  if (!h) return <Card loading />;

  const submit = () => {
    if (acting === 'incident') return incident.mutate();
    if (!acting) return;
    const body: HazardStepBody = { action: acting, ...(note.trim() ? { note: note.trim() } : {}) };
    if (acting === 'dispatch')
      body.unit =
        unitKind === 'station'
          ? { kind: 'station', orgId: unitValue }
          : unitKind === 'village'
            ? { kind: 'village', code: unitValue }
            : { kind: 'department', name: unitValue };
    if (acting === 'evaluate') body.rating = rating;
    step.mutate(body);
  };

  const kindLabel = (k: string) => t(`hazards.kind.${k}` as MessageKey);
  const stateLabel = (s: string) => t(`hazards.state.${s}` as MessageKey);
  const timelineLabel = (k: string) =>
    ['created', 'photo', 'incident', 'overdue'].includes(k)
      ? t(`hazards.timeline.${k}` as MessageKey)
      : t(`hazards.action.${k}` as MessageKey);

  return (
    <Card
      data-testid="hazard-detail"
      title={
        <Space>
          <span>{h.number}</span>
          <Tag color={hazardColor(h)}>{stateLabel(h.status)}</Tag>
          {h.overdue !== 'none' && <Tag color="red">{t(`hazards.overdue.${h.overdue}` as MessageKey)}</Tag>}
        </Space>
      }
    >
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('hazards.col.kind')}>{kindLabel(h.kind)}</Descriptions.Item>
        <Descriptions.Item label={t('hazards.detail.description')}>{h.description}</Descriptions.Item>
        {h.address && <Descriptions.Item label={t('hazards.detail.address')}>{h.address}</Descriptions.Item>}
        <Descriptions.Item label={t('hazards.col.grid')}>{h.grid?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('hazards.detail.station')}>{h.station?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('hazards.detail.reportedBy')}>
          {h.reportedBy} · {formatDateTime(h.reportedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('hazards.col.deadline')}>
          {formatDateTime(h.deadlineAt)}
        </Descriptions.Item>
        {h.responsible && (
          <Descriptions.Item label={t('hazards.detail.responsible')}>
            {t(`hazards.unit.${h.responsible.kind}` as MessageKey)} · {h.responsible.name}
          </Descriptions.Item>
        )}
        {h.escalatedTo && (
          <Descriptions.Item label={t('hazards.detail.escalatedTo')}>{h.escalatedTo.name}</Descriptions.Item>
        )}
        {h.incident && (
          <Descriptions.Item label={t('hazards.detail.incident')}>
            <Link to={`/dispatch?incident=${h.incident.id}`}>{h.incident.number}</Link>
          </Descriptions.Item>
        )}
        {h.fromIncident && (
          <Descriptions.Item label={t('hazards.detail.fromIncident')}>
            {h.fromIncident.number}
          </Descriptions.Item>
        )}
        {h.rating && (
          <Descriptions.Item label={t('hazards.detail.rating')}>
            {t(`hazards.rating.${h.rating}` as MessageKey)}
          </Descriptions.Item>
        )}
      </Descriptions>
      {h.photos.length > 0 && (
        <Space wrap style={{ margin: '8px 0' }} data-testid="hazard-photos">
          {h.photos.map((p) => (
            <a key={p.id} href={p.url} target="_blank" rel="noreferrer">
              <img src={p.url} alt={t('hazards.detail.photos')} style={{ height: 72, borderRadius: 4 }} />
            </a>
          ))}
        </Space>
      )}
      <Space wrap style={{ margin: '8px 0 16px' }}>
        {h.actions.map((a) => (
          <Button
            key={a}
            type="primary"
            ghost
            onClick={() => setActing(a)}
            data-testid={`hazard-action-${a}`}
          >
            {t(`hazards.action.${a}` as MessageKey)}
          </Button>
        ))}
        {!h.incident && !h.fromIncident && h.status !== 'evaluated' && (
          <Button danger onClick={() => setActing('incident')} data-testid="hazard-to-incident">
            {t('hazards.detail.toIncident')}
          </Button>
        )}
      </Space>
      <div style={{ fontWeight: 600, marginBottom: 8 }}>{t('hazards.detail.timeline')}</div>
      <Timeline
        data-testid="hazard-timeline"
        items={h.timeline.map((e) => ({
          key: `${e.at}-${e.kind}`,
          children: (
            <div>
              <div>
                {timelineLabel(e.kind)} · {e.actor}
              </div>
              <div style={{ color: '#8c8c8c', fontSize: 12 }}>{formatDateTime(e.at)}</div>
              {e.note && <div>{e.note}</div>}
            </div>
          ),
        }))}
      />
      <Modal
        open={acting !== null}
        title={
          acting === 'incident'
            ? t('hazards.detail.toIncident')
            : acting
              ? t(`hazards.action.${acting}` as MessageKey)
              : ''
        }
        onCancel={() => setActing(null)}
        onOk={submit}
        confirmLoading={step.isPending || incident.isPending}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          {acting === 'dispatch' && (
            <>
              <Radio.Group
                value={unitKind}
                onChange={(e) => {
                  setUnitKind(e.target.value);
                  setUnitValue('');
                }}
              >
                {(['station', 'village', 'department'] as const).map((k) => (
                  <Radio.Button key={k} value={k}>
                    {t(`hazards.unit.${k}` as MessageKey)}
                  </Radio.Button>
                ))}
              </Radio.Group>
              {unitKind === 'station' ? (
                <Select
                  style={{ width: '100%' }}
                  value={unitValue || undefined}
                  onChange={setUnitValue}
                  options={stations.map((s) => ({ value: s.id, label: s.name }))}
                  showSearch
                  optionFilterProp="label"
                />
              ) : (
                <Input
                  value={unitValue}
                  onChange={(e) => setUnitValue(e.target.value)}
                  placeholder={t(
                    unitKind === 'village' ? 'hazards.detail.villageCode' : 'hazards.detail.unitName',
                  )}
                />
              )}
            </>
          )}
          {acting === 'evaluate' && (
            <Radio.Group value={rating} onChange={(e) => setRating(e.target.value)}>
              {(['satisfied', 'basically-satisfied', 'dissatisfied'] as const).map((r) => (
                <Radio key={r} value={r}>
                  {t(`hazards.rating.${r}` as MessageKey)}
                </Radio>
              ))}
            </Radio.Group>
          )}
          {acting === 'incident' && (
            <Input
              value={category}
              onChange={(e) => setCategory(e.target.value)}
              addonBefore={t('hazards.detail.category')}
            />
          )}
          <Input.TextArea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('hazards.detail.note')}
            rows={3}
          />
        </Space>
      </Modal>
    </Card>
  );
}
