import type { RoadClosureCause } from '@ronghui/contracts';
import { StopOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Input, List, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { describeError } from '../../../api/describe-error.ts';
import { formatDateTime } from '../../../i18n/format-datetime.ts';
import { useT } from '../../../i18n/i18n-context.tsx';
import { usePatrol } from './patrol-state.tsx';
import { closureCauses, plansApi } from './plans-api.ts';

/** Live road closures: close a road picked on the map with a reason and an optional end, reopen it. */
export function ClosuresPanel({ onLocate }: { onLocate: (p: { lon: number; lat: number }) => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const patrol = usePatrol();
  const [cause, setCause] = useState<RoadClosureCause>('accident');
  const [note, setNote] = useState('');
  const [until, setUntil] = useState<Dayjs | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['patrol'] });
    // Recommendations read the live road state: ask again (the road network itself is unchanged).
    void queryClient.invalidateQueries({ queryKey: ['dispatch', 'recommendations'] });
  };
  const add = useMutation({
    mutationFn: plansApi.addClosure,
    onSuccess: () => {
      patrol.setPickedRoad(null);
      setNote('');
      setUntil(null);
      refresh();
    },
  });
  const reopen = useMutation({ mutationFn: plansApi.reopen, onSuccess: refresh });
  const road = patrol.pickedRoad;
  const list = patrol.closures.data ?? [];

  return (
    <div data-testid="closures-panel">
      {patrol.canPlan && !road && (
        <Button
          size="small"
          icon={<StopOutlined />}
          type={patrol.closurePick ? 'primary' : 'default'}
          danger={patrol.closurePick}
          onClick={() => patrol.setClosurePick(!patrol.closurePick)}
          data-testid="closure-pick"
        >
          {patrol.closurePick ? t('dispatch.closure.picking') : t('dispatch.closure.pick')}
        </Button>
      )}
      {patrol.closurePick && (
        <Alert type="info" showIcon style={{ marginTop: 6 }} title={t('dispatch.closure.pickHint')} />
      )}
      {patrol.mapNotice === 'noRoad' && (
        <Alert type="warning" showIcon style={{ marginTop: 6 }} title={t('dispatch.closure.noRoad')} />
      )}
      {patrol.canPlan && road && (
        <div data-testid="closure-form" style={{ marginTop: 6 }}>
          <Typography.Text strong>
            {t('dispatch.closure.road', {
              name: road.name ?? t('dispatch.closure.unnamed'),
              n: road.edges.length,
            })}
          </Typography.Text>
          <Space orientation="vertical" style={{ width: '100%', marginTop: 6 }} size={6}>
            <Select
              size="small"
              value={cause}
              onChange={setCause}
              aria-label={t('dispatch.closure.causeLabel')}
              style={{ width: '100%' }}
              options={closureCauses.map((c) => ({ value: c, label: t(`dispatch.closure.cause.${c}`) }))}
            />
            <Input
              size="small"
              value={note}
              maxLength={200}
              onChange={(e) => setNote(e.target.value)}
              placeholder={t('dispatch.closure.reason')}
              aria-label={t('dispatch.closure.reason')}
            />
            <DatePicker
              size="small"
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              value={until}
              onChange={setUntil}
              placeholder={t('dispatch.closure.untilOptional')}
              aria-label={t('dispatch.closure.untilOptional')}
              style={{ width: '100%' }}
            />
            <Space>
              <Button
                size="small"
                type="primary"
                danger
                loading={add.isPending}
                data-testid="closure-save"
                onClick={() =>
                  add.mutate({
                    cause,
                    ...(note.trim() ? { note: note.trim() } : {}),
                    ...(until ? { until: until.toISOString() } : {}),
                    place: { kind: 'edges', edges: road.edges },
                  })
                }
              >
                {t('dispatch.closure.save')}
              </Button>
              <Button size="small" onClick={() => patrol.setPickedRoad(null)}>
                {t('common.cancel')}
              </Button>
            </Space>
          </Space>
        </div>
      )}
      {add.isError && (
        <Alert type="error" showIcon style={{ marginTop: 6 }} title={describeError(add.error, t)} />
      )}
      {reopen.isError && (
        <Alert type="error" showIcon style={{ marginTop: 6 }} title={describeError(reopen.error, t)} />
      )}
      {patrol.closures.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 6 }}
          title={describeError(patrol.closures.error, t)}
        />
      )}
      <List
        size="small"
        style={{ marginTop: 8 }}
        dataSource={list}
        locale={{ emptyText: t('dispatch.closure.none') }}
        renderItem={(c) => (
          <List.Item
            data-testid="closure-item"
            actions={
              patrol.canPlan
                ? [
                    <Popconfirm
                      key="reopen"
                      title={t('dispatch.closure.reopenConfirm')}
                      onConfirm={() => reopen.mutate(c.id)}
                      okText={t('dispatch.closure.reopen')}
                      cancelText={t('common.cancel')}
                    >
                      <Button size="small" type="link" data-testid="closure-reopen">
                        {t('dispatch.closure.reopen')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <div style={{ minWidth: 0 }}>
              <Space size={4} wrap>
                <Tag color={c.kind === 'closure' ? 'red' : 'orange'}>
                  {c.kind === 'closure' ? t('dispatch.closure.closed') : t('dispatch.closure.slow')}
                </Tag>
                <span>{t(`dispatch.closure.cause.${c.cause}`)}</span>
                {c.note && <Typography.Text type="secondary">{c.note}</Typography.Text>}
              </Space>
              <div style={{ fontSize: 11, color: 'rgba(0,0,0,.45)' }}>
                {c.createdBy} · {c.createdAt ? formatDateTime(c.createdAt) : ''}
                {c.until ? ` → ${formatDateTime(c.until)}` : ` · ${t('dispatch.closure.untilReopened')}`}
              </div>
            </div>
          </List.Item>
        )}
      />
      {road && (
        <Button type="link" size="small" onClick={() => onLocate(road.at)} style={{ paddingLeft: 0 }}>
          {t('dispatch.plan.locate')}
        </Button>
      )}
    </div>
  );
}
