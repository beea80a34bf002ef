import type { PatrolPlanFeature, Unit } from '@ronghui/contracts';
import { EnvironmentOutlined, GatewayOutlined, NodeIndexOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, List, Popconfirm, Segmented, Space, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { describeError } from '../../../api/describe-error.ts';
import { useT } from '../../../i18n/i18n-context.tsx';
import { ClosuresPanel } from './closures-panel.tsx';
import { CoverageTable } from './coverage-table.tsx';
import { planColors } from './overlay-layers.ts';
import { clicksNeeded, type PlanKind, planKinds, verticesOf } from './plan-editor.ts';
import { PlanForm, type StationOption } from './plan-form.tsx';
import { usePatrol } from './patrol-state.tsx';
import { plansApi } from './plans-api.ts';

export interface PatrolPanelProps {
  stations: readonly StationOption[];
  units: readonly Unit[];
  callsignOf: (unitId: string) => string;
  onLocate: (p: { lon: number; lat: number }, zoom?: number) => void;
}

const kindIcons: Record<PlanKind, ReactNode> = {
  'guard-point': <EnvironmentOutlined />,
  'patrol-line': <NodeIndexOutlined />,
  'control-area': <GatewayOutlined />,
};

const centreOf = (plan: PatrolPlanFeature) => {
  const v = verticesOf(plan.geometry);
  const lon = v.reduce((s, p) => s + p[0], 0) / v.length;
  const lat = v.reduce((s, p) => s + p[1], 0) / v.length;
  return { lon, lat };
};

/** 巡防: patrol plans (守点、巡线、控面), the rapid-response coverage table and road closures. */
export function PatrolPanel(props: PatrolPanelProps) {
  const t = useT();
  const [view, setView] = useState<'plans' | 'coverage' | 'closures'>('plans');
  return (
    <div data-testid="patrol-panel">
      <Segmented
        size="small"
        block
        value={view}
        onChange={(v) => setView(v as typeof view)}
        style={{ marginBottom: 8 }}
        options={[
          { value: 'plans', label: t('dispatch.patrol.plans') },
          { value: 'coverage', label: t('dispatch.patrol.coverage') },
          { value: 'closures', label: t('dispatch.patrol.closures') },
        ]}
      />
      {view === 'plans' && <PlansList {...props} />}
      {view === 'coverage' && <CoverageTable />}
      {view === 'closures' && <ClosuresPanel onLocate={(p) => props.onLocate(p, 15)} />}
    </div>
  );
}

function PlansList({ stations, units, callsignOf, onLocate }: PatrolPanelProps) {
  const t = useT();
  const queryClient = useQueryClient();
  const patrol = usePatrol();
  const { editor, send } = patrol;
  const plans = patrol.plans.data ?? [];
  const remove = useMutation({
    mutationFn: plansApi.deletePlan,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['patrol', 'plans'] }),
  });
  const editedPlan =
    editor.mode === 'shaped' && editor.id ? plans.find((p) => p.id === editor.id) : undefined;

  return (
    <div>
      {patrol.canPlan && editor.mode === 'idle' && (
        <Space size={4} wrap>
          {planKinds.map((kind) => (
            <Button
              key={kind}
              size="small"
              icon={kindIcons[kind]}
              onClick={() => {
                patrol.setClosurePick(false);
                send({ type: 'draw', kind });
              }}
              data-testid={`plan-draw-${kind}`}
            >
              {t(`dispatch.plan.draw.${kind}`)}
            </Button>
          ))}
        </Space>
      )}
      {editor.mode === 'drawing' && (
        <Alert
          type="info"
          showIcon
          data-testid="plan-drawing"
          title={t(`dispatch.plan.drawHint.${editor.kind}`)}
          description={
            clicksNeeded(editor) > 0
              ? t('dispatch.plan.needMore', { n: clicksNeeded(editor) })
              : t('dispatch.plan.canFinish')
          }
          action={
            <Space orientation="vertical" size={4}>
              {editor.kind !== 'guard-point' && (
                <Button
                  size="small"
                  type="primary"
                  disabled={clicksNeeded(editor) > 0}
                  onClick={() => send({ type: 'finish' })}
                >
                  {t('dispatch.plan.finish')}
                </Button>
              )}
              <Button size="small" onClick={() => send({ type: 'cancel' })}>
                {t('common.cancel')}
              </Button>
            </Space>
          }
        />
      )}
      {editor.mode === 'shaped' && patrol.canPlan && (
        <PlanForm
          key={editor.id ?? 'new'}
          editor={editor}
          plan={editedPlan?.properties}
          stations={stations}
          units={units}
        />
      )}
      {remove.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 6 }}
          title={describeError(remove.error, t)}
          data-testid="plan-error"
        />
      )}
      {patrol.plans.isError && (
        <Alert type="error" showIcon style={{ marginTop: 6 }} title={describeError(patrol.plans.error, t)} />
      )}
      <List<PatrolPlanFeature>
        size="small"
        style={{ marginTop: 8 }}
        loading={patrol.plans.isLoading}
        dataSource={plans}
        locale={{ emptyText: t('dispatch.plan.none') }}
        renderItem={(plan) => {
          const p = plan.properties;
          const actions = patrol.canPlan
            ? [
                <Button
                  key="edit"
                  size="small"
                  type="link"
                  disabled={editor.mode !== 'idle'}
                  onClick={() => {
                    // The map stays put: the vertices are where the user last saw them.
                    send({ type: 'edit', id: plan.id, kind: p.kind, geometry: plan.geometry });
                  }}
                  data-testid="plan-edit"
                >
                  {t('common.edit')}
                </Button>,
                <Popconfirm
                  key="delete"
                  title={t('dispatch.plan.deleteConfirm', { name: p.name })}
                  okText={t('dispatch.plan.delete')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => remove.mutate(plan.id)}
                >
                  <Button size="small" type="link" danger data-testid="plan-delete">
                    {t('dispatch.plan.delete')}
                  </Button>
                </Popconfirm>,
              ]
            : [];
          return (
            <List.Item actions={actions} data-testid="plan-item" data-plan-id={plan.id}>
              <div style={{ minWidth: 0, cursor: 'pointer' }} onClick={() => onLocate(centreOf(plan), 13)}>
                <Space size={4}>
                  <Tag color={planColors[p.kind]} icon={kindIcons[p.kind]}>
                    {t(`dispatch.plan.kind.${p.kind}`)}
                  </Tag>
                  <Typography.Text strong data-testid="plan-name">
                    {p.name}
                  </Typography.Text>
                </Space>
                <div style={{ fontSize: 12, color: 'rgba(0,0,0,.55)' }} data-testid="plan-detail">
                  {p.stationName} ·{' '}
                  {p.unitIds.length ? p.unitIds.map(callsignOf).join('、') : t('dispatch.plan.noUnits')}
                </div>
              </div>
            </List.Item>
          );
        }}
      />
    </div>
  );
}
