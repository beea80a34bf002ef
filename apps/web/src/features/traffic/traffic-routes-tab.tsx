import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { type TrafficRoute, trafficApi, trafficKeys } from '../../api/traffic-api.ts';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MapDrawing } from './traffic-drawing.ts';
import { delayMinutes } from './traffic-view.ts';

const minutes = (seconds: number | null) => (seconds === null ? '—' : String(Math.round(seconds / 60)));

/** 绕行路线: configured pairs of points with the best route between them now, against the hazard-free time. */
export function RoutesTab(props: {
  routes: readonly TrafficRoute[];
  sectionNames: ReadonlyMap<string, string>;
  canManage: boolean;
  drawing: MapDrawing;
}) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { drawing } = props;
  const [name, setName] = useState('');
  const adding = drawing.tool === 'route';
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trafficKeys.routes });
  const create = useMutation({
    mutationFn: () => {
      const [from, to] = drawing.points;
      if (!from || !to) throw new Error(t('traffic.routes.pickHint'));
      return trafficApi.createRoute({ name: name.trim(), from: [from[0], from[1]], to: [to[0], to[1]] });
    },
    onSuccess: () => {
      refresh();
      setName('');
      drawing.stop();
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => trafficApi.deleteRoute(id),
    onSuccess: refresh,
    onError: (error) => message.error(describeError(error, t)),
  });
  const names = (ids: readonly string[]) => ids.map((id) => props.sectionNames.get(id) ?? id).join('、');

  return (
    <div data-testid="traffic-routes">
      {props.canManage && !adding && (
        <Button type="primary" style={{ marginBottom: 8 }} onClick={() => drawing.start('route')}>
          {t('traffic.routes.add')}
        </Button>
      )}
      {adding && (
        <Card size="small" style={{ marginBottom: 8 }}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('traffic.routes.pickHint')} ({drawing.points.length}/2)
          </Typography.Paragraph>
          <Space wrap>
            <Input
              value={name}
              maxLength={60}
              placeholder={t('traffic.col.name')}
              onChange={(e) => setName(e.target.value)}
              style={{ width: 200 }}
            />
            <Button
              type="primary"
              disabled={!name.trim() || drawing.points.length < 2}
              loading={create.isPending}
              onClick={() => create.mutate()}
            >
              {t('common.save')}
            </Button>
            <Button onClick={drawing.stop}>{t('common.cancel')}</Button>
          </Space>
        </Card>
      )}
      <List
        size="small"
        dataSource={[...props.routes]}
        locale={{ emptyText: t('traffic.routes.none') }}
        renderItem={(r) => {
          const delay = delayMinutes(r);
          return (
            <List.Item
              data-testid="traffic-route"
              actions={
                props.canManage
                  ? [
                      <Popconfirm
                        key="delete"
                        title={t('traffic.routes.deleteConfirm')}
                        onConfirm={() => remove.mutate(r.id)}
                      >
                        <Button size="small" type="link" danger>
                          {t('traffic.delete')}
                        </Button>
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <div>
                <Space wrap>
                  <Typography.Text strong>{r.name}</Typography.Text>
                  <span>
                    {t('traffic.routes.duration', {
                      now: minutes(r.durationSeconds),
                      normal: minutes(r.normalDurationSeconds),
                    })}
                  </span>
                  {delay !== null && delay > 0 && <Tag color="orange">+{delay} min</Tag>}
                  {r.distanceMeters !== null && <span>{(r.distanceMeters / 1000).toFixed(1)} km</span>}
                </Space>
                <div style={{ fontSize: 12 }}>
                  {r.avoids.length > 0 && (
                    <Typography.Text type="success">
                      {t('traffic.routes.avoids', { names: names(r.avoids) })}{' '}
                    </Typography.Text>
                  )}
                  {r.crosses.length > 0 && (
                    <Typography.Text type="danger">
                      {t('traffic.routes.crosses', { names: names(r.crosses) })}{' '}
                    </Typography.Text>
                  )}
                  {!r.geometry && (
                    <Typography.Text type="warning">{t('traffic.routes.noPath')} </Typography.Text>
                  )}
                  <Typography.Text type="secondary">{formatDateTime(r.computedAt)}</Typography.Text>
                </div>
              </div>
            </List.Item>
          );
        }}
      />
    </div>
  );
}
