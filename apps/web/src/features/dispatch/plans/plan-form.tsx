import type { PatrolPlanFeature, Unit } from '@ronghui/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../../../api/describe-error.ts';
import { useT } from '../../../i18n/i18n-context.tsx';
import { type EditorState, geometryOf } from './plan-editor.ts';
import { usePatrol } from './patrol-state.tsx';
import { plansApi } from './plans-api.ts';

export interface StationOption {
  id: string;
  name: string;
}

export interface PlanFormProps {
  editor: Extract<EditorState, { mode: 'shaped' }>;
  /** The stored plan being edited; absent for a new shape. */
  plan: PatrolPlanFeature['properties'] | undefined;
  stations: readonly StationOption[];
  units: readonly Unit[];
}

/** Name, station and units of the shape on the map; saves a new plan or the edited one. */
export function PlanForm({ editor, plan, stations, units }: PlanFormProps) {
  const t = useT();
  const queryClient = useQueryClient();
  const { send } = usePatrol();
  const [name, setName] = useState(plan?.name ?? '');
  const [stationId, setStationId] = useState<string | undefined>(plan?.stationId ?? stations[0]?.id);
  const [unitIds, setUnitIds] = useState<string[]>(plan?.unitIds ?? []);
  const stationUnits = units.filter((u) => u.stationId === stationId);

  const save = useMutation({
    mutationFn: () => {
      const body = {
        kind: editor.kind,
        name: name.trim(),
        geometry: geometryOf(editor.kind, editor.vertices),
        stationId: stationId ?? '',
        unitIds,
        ...(plan?.note ? { note: plan.note } : {}),
      };
      return editor.id ? plansApi.updatePlan(editor.id, body) : plansApi.createPlan(body);
    },
    onSuccess: () => {
      send({ type: 'saved' });
      void queryClient.invalidateQueries({ queryKey: ['patrol', 'plans'] });
    },
    // A refusal may mean the list is out of date (deleted or changed elsewhere): show the current one.
    onError: () => void queryClient.invalidateQueries({ queryKey: ['patrol', 'plans'] }),
  });

  return (
    <div
      data-testid="plan-form"
      style={{ border: '1px solid #ffd591', borderRadius: 6, padding: 8, marginTop: 6 }}
    >
      <Typography.Text strong>
        {editor.id ? t('dispatch.plan.editTitle') : t('dispatch.plan.newTitle')} ·{' '}
        {t(`dispatch.plan.kind.${editor.kind}`)}
      </Typography.Text>
      {editor.kind !== 'guard-point' && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '2px 0 6px' }}>
          {t('dispatch.plan.dragHint')}
        </Typography.Paragraph>
      )}
      <Space orientation="vertical" size={6} style={{ width: '100%' }}>
        <Input
          size="small"
          value={name}
          maxLength={80}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('dispatch.plan.name')}
          aria-label={t('dispatch.plan.name')}
        />
        <Select
          size="small"
          showSearch={{ optionFilterProp: 'label' }}
          value={stationId}
          onChange={(id: string) => {
            setStationId(id);
            // Units belong to one station: a new station starts with none assigned.
            setUnitIds([]);
          }}
          aria-label={t('dispatch.plan.station')}
          placeholder={t('dispatch.plan.station')}
          style={{ width: '100%' }}
          options={stations.map((s) => ({ value: s.id, label: s.name }))}
        />
        <Select
          size="small"
          mode="multiple"
          value={unitIds}
          onChange={setUnitIds}
          aria-label={t('dispatch.plan.units')}
          placeholder={t('dispatch.plan.units')}
          style={{ width: '100%' }}
          optionFilterProp="label"
          options={stationUnits.map((u) => ({ value: u.id, label: `${u.callsign} ${u.name}` }))}
        />
        <Space>
          <Button
            size="small"
            type="primary"
            loading={save.isPending}
            disabled={!name.trim() || !stationId}
            onClick={() => save.mutate()}
            data-testid="plan-save"
          >
            {t('common.save')}
          </Button>
          <Button size="small" onClick={() => send({ type: 'cancel' })}>
            {t('common.cancel')}
          </Button>
        </Space>
        {save.isError && (
          <Alert type="error" showIcon title={describeError(save.error, t)} data-testid="plan-error" />
        )}
      </Space>
    </div>
  );
}
