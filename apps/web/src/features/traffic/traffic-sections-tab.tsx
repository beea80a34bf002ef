import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, List, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { applyFieldErrors } from '../../api/apply-field-errors.ts';
import { describeError } from '../../api/describe-error.ts';
import { type TrafficLevel, type TrafficSection, trafficApi, trafficKeys } from '../../api/traffic-api.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MapDrawing } from './traffic-drawing.ts';
import { levelColors, levelTagColors } from './traffic-view.ts';

type Direction = TrafficSection['direction'];
const DIRECTIONS: readonly Direction[] = ['both', 'forward', 'backward'];

/** 路段: the hazard-prone stretches; a new one is drawn on the map point by point in driving order. */
export function SectionsTab(props: {
  sections: readonly TrafficSection[];
  levels: ReadonlyMap<string, TrafficLevel>;
  canManage: boolean;
  selectedId: string | null;
  onSelect: (id: string) => void;
  drawing: MapDrawing;
}) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { drawing } = props;
  const [form] = Form.useForm<{ name: string; direction: Direction; note?: string }>();
  const [adding, setAdding] = useState(false);
  const done = () => {
    setAdding(false);
    drawing.stop();
    form.resetFields();
  };
  const create = useMutation({
    mutationFn: (v: { name: string; direction: Direction; note?: string }) =>
      trafficApi.createSection({
        name: v.name,
        direction: v.direction,
        line: drawing.points.map((p) => [p[0], p[1]] as [number, number]),
        ...(v.note ? { note: v.note } : {}),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: trafficKeys.all });
      message.success(t('traffic.saved'));
      done();
    },
    onError: (error) => {
      if (!applyFieldErrors(form, ['name', 'direction', 'note'], error))
        message.error(describeError(error, t));
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => trafficApi.deleteSection(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: trafficKeys.all }),
    onError: (error) => message.error(describeError(error, t)),
  });

  return (
    <div data-testid="traffic-sections">
      {props.canManage && !adding && (
        <Button
          type="primary"
          style={{ marginBottom: 8 }}
          data-testid="traffic-section-add"
          onClick={() => {
            setAdding(true);
            form.setFieldsValue({ direction: 'both' });
            drawing.start('section');
          }}
        >
          {t('traffic.sections.add')}
        </Button>
      )}
      {adding && (
        <Card size="small" style={{ marginBottom: 8 }} data-testid="traffic-section-form">
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('traffic.sections.drawHint', { n: drawing.points.length })}
          </Typography.Paragraph>
          <Form form={form} layout="inline" size="small" onFinish={(v) => create.mutate(v)}>
            <Form.Item
              name="name"
              label={t('traffic.col.name')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input maxLength={60} style={{ width: 180 }} data-testid="traffic-section-name" />
            </Form.Item>
            <Form.Item name="direction" label={t('traffic.sections.direction')}>
              <Select
                style={{ width: 120 }}
                options={DIRECTIONS.map((d) => ({ value: d, label: t(`traffic.direction.${d}`) }))}
              />
            </Form.Item>
            <Form.Item name="note" label={t('traffic.sections.note')}>
              <Input maxLength={200} style={{ width: 160 }} />
            </Form.Item>
          </Form>
          <Space style={{ marginTop: 8 }}>
            <Button
              type="primary"
              size="small"
              disabled={drawing.points.length < 2}
              loading={create.isPending}
              onClick={() => form.submit()}
              data-testid="traffic-section-save"
            >
              {t('common.save')}
            </Button>
            <Button
              size="small"
              disabled={drawing.points.length === 0}
              onClick={() => drawing.start('section', drawing.points.slice(0, -1))}
            >
              {t('traffic.sections.undo')}
            </Button>
            <Button size="small" onClick={done}>
              {t('common.cancel')}
            </Button>
          </Space>
        </Card>
      )}
      <List
        size="small"
        dataSource={[...props.sections]}
        locale={{ emptyText: t('traffic.sections.none') }}
        renderItem={(s) => {
          const level = props.levels.get(s.id);
          return (
            <List.Item
              data-testid="traffic-section"
              onClick={() => props.onSelect(s.id)}
              style={{ cursor: 'pointer', background: s.id === props.selectedId ? '#e6f4ff' : undefined }}
              actions={
                props.canManage
                  ? [
                      <Popconfirm
                        key="delete"
                        title={t('traffic.sections.deleteConfirm')}
                        onConfirm={() => remove.mutate(s.id)}
                      >
                        <Button size="small" type="link" danger>
                          {t('traffic.delete')}
                        </Button>
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <Space wrap>
                <span
                  style={{
                    display: 'inline-block',
                    width: 18,
                    height: 5,
                    background: levelColors[level ?? 'none'],
                    verticalAlign: 'middle',
                  }}
                />
                <Typography.Text strong>{s.name}</Typography.Text>
                <Tag>{t(`traffic.direction.${s.direction}`)}</Tag>
                {level && <Tag color={levelTagColors[level]}>{t(`traffic.level.${level}`)}</Tag>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('traffic.sections.points', { n: s.line.length, edges: s.edges.length })}
                </Typography.Text>
                {Object.keys(s.rules).length > 0 && (
                  <Tag color="purple">{t('traffic.sections.ownRules')}</Tag>
                )}
              </Space>
            </List.Item>
          );
        }}
      />
    </div>
  );
}
