import type { Incident, Unit } from '@ronghui/contracts';
import { AimOutlined, BlockOutlined, RadarChartOutlined } from '@ant-design/icons';
import { View3dSwitch } from '../../map/view-3d-switch.tsx';
import { AutoComplete, Badge, Button, Checkbox, Space, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { type LayerGroup, layerGroups } from './layer-groups.ts';
import { calloutPlaceColor, recipientColors, volunteerColor } from '../callouts/index.ts';
import { hazardStateColors } from '../hazards/index.ts';
import { priorityColors, unitStatusColors } from '../units/index.ts';

export interface Place {
  id: string;
  name: string;
  lon: number;
  lat: number;
}

export type SearchHit =
  | { kind: 'place'; place: Place }
  | { kind: 'unit'; unit: Unit }
  | { kind: 'incident'; incident: Incident };

const groupLabels: Record<LayerGroup, MessageKey> = {
  boundaries: 'dispatch.layer.boundaries',
  roads: 'dispatch.layer.roads',
  stations: 'dispatch.layer.stations',
  units: 'dispatch.layer.units',
  incidents: 'dispatch.layer.incidents',
  isochrone: 'dispatch.layer.isochrone',
  cameras: 'dispatch.layer.cameras',
  hazards: 'dispatch.layer.hazards',
  traffic: 'dispatch.layer.traffic',
  disputes: 'dispatch.layer.disputes',
  callouts: 'dispatch.layer.callouts',
  volunteers: 'dispatch.layer.volunteers',
  patrols: 'dispatch.layer.patrols',
  coverage: 'dispatch.layer.coverage',
  plans: 'dispatch.layer.plans',
  closures: 'dispatch.layer.closures',
};

export interface MapToolbarProps {
  visible: ReadonlySet<LayerGroup>;
  onVisible: (next: ReadonlySet<LayerGroup>) => void;
  places: readonly Place[];
  units: readonly Unit[];
  incidents: readonly Incident[];
  onHit: (hit: SearchHit) => void;
  isoMode: boolean;
  onIsoMode: (on: boolean) => void;
  onIsoFromUnit: (() => void) | null;
  /** The 2D/3D switch (absent: no switch). */
  view3d?: boolean;
  onView3d?: (on: boolean) => void;
  hasTerrain?: boolean;
  /** A narrow map (tablet portrait, phone): the layer panel and the legend fold behind a button. */
  compact?: boolean;
}

const panel = {
  background: 'rgba(255,255,255,0.94)',
  borderRadius: 6,
  padding: 8,
  boxShadow: '0 1px 4px rgba(0,0,0,.2)',
};

/** Search (place, callsign, incident number), layer switcher and the rapid-response circle controls. */
export function MapToolbar(props: MapToolbarProps) {
  const t = useT();
  const [q, setQ] = useState('');
  const [layersOpen, setLayersOpen] = useState(false);
  const showLayers = !props.compact || layersOpen;
  const options = useMemo(() => {
    const s = q.trim();
    if (!s) return [];
    const places = props.places.filter((p) => p.name.includes(s)).slice(0, 6);
    const units = props.units.filter((u) => u.callsign.includes(s)).slice(0, 6);
    const incidents = props.incidents.filter((i) => i.number.includes(s)).slice(0, 6);
    return [
      ...places.map((p) => ({ value: `place:${p.id}`, label: `📍 ${p.name}` })),
      ...units.map((u) => ({ value: `unit:${u.id}`, label: `🚓 ${u.callsign} · ${u.stationName}` })),
      ...incidents.map((i) => ({ value: `incident:${i.id}`, label: `⚠ ${i.number}` })),
    ];
  }, [q, props.places, props.units, props.incidents]);

  const select = (value: string) => {
    const [kind, id] = value.split(/:(.*)/s) as [string, string];
    setQ('');
    if (kind === 'place') {
      const place = props.places.find((p) => p.id === id);
      if (place) props.onHit({ kind: 'place', place });
    } else if (kind === 'unit') {
      const unit = props.units.find((u) => u.id === id);
      if (unit) props.onHit({ kind: 'unit', unit });
    } else {
      const incident = props.incidents.find((i) => i.id === id);
      if (incident) props.onHit({ kind: 'incident', incident });
    }
  };

  return (
    <div
      style={{
        position: 'absolute',
        top: 8,
        left: 8,
        zIndex: 2,
        // Leaves room for the zoom buttons on the right of a narrow map.
        width: props.compact ? 'min(280px, calc(100% - 64px))' : 280,
        maxHeight: 'calc(100% - 16px)',
        overflow: 'auto',
      }}
    >
      <Space.Compact style={{ width: '100%' }}>
        <AutoComplete
          value={q}
          options={options}
          onSearch={setQ}
          onSelect={select}
          style={{ width: '100%' }}
          placeholder={t('dispatch.map.search')}
          aria-label={t('dispatch.map.search')}
        />
        {props.compact && (
          <Button
            icon={<BlockOutlined />}
            type={layersOpen ? 'primary' : 'default'}
            onClick={() => setLayersOpen((o) => !o)}
            aria-expanded={layersOpen}
            aria-label={t('dispatch.map.layers')}
            title={t('dispatch.map.layers')}
            data-testid="layers-button"
          />
        )}
      </Space.Compact>
      {showLayers && (
        <div style={{ ...panel, marginTop: 6 }} data-testid="layer-switcher">
          <Checkbox.Group
            value={[...props.visible]}
            onChange={(v) => props.onVisible(new Set(v as LayerGroup[]))}
            style={{ display: 'flex', flexWrap: 'wrap', rowGap: 2 }}
            options={layerGroups.map((g) => ({ value: g, label: t(groupLabels[g]) }))}
          />
          <Space size={4} style={{ marginTop: 6 }} wrap>
            <Tooltip title={t('dispatch.iso.hint')}>
              <Button
                size="small"
                type={props.isoMode ? 'primary' : 'default'}
                icon={<RadarChartOutlined />}
                onClick={() => props.onIsoMode(!props.isoMode)}
              >
                {t('dispatch.iso.title')}
              </Button>
            </Tooltip>
            {props.onIsoFromUnit && (
              <Button size="small" icon={<AimOutlined />} onClick={props.onIsoFromUnit}>
                {t('dispatch.iso.fromUnit')}
              </Button>
            )}
          </Space>
          {props.visible.has('hazards') && (
            <div style={{ marginTop: 4, fontSize: 12 }} data-testid="hazard-legend">
              <HazardLegendItems />
            </div>
          )}
          {(props.visible.has('callouts') || props.visible.has('volunteers')) && (
            <div style={{ marginTop: 4, fontSize: 12 }} data-testid="callout-legend">
              <CalloutLegendItems
                callouts={props.visible.has('callouts')}
                volunteers={props.visible.has('volunteers')}
              />
            </div>
          )}
          {props.visible.has('isochrone') && (
            <Space size={8} style={{ marginTop: 4, fontSize: 12 }}>
              <Badge color="#52c41a" text={t('dispatch.iso.min', { n: 3 })} />
              <Badge color="#faad14" text={t('dispatch.iso.min', { n: 5 })} />
              <Badge color="#f5222d" text={t('dispatch.iso.min', { n: 10 })} />
            </Space>
          )}
          <div style={{ marginTop: 4, fontSize: 11, color: '#8c6d46' }}>{t('dispatch.map.roadsNote')}</div>
          {props.onView3d && (
            <View3dSwitch
              on={props.view3d ?? false}
              onChange={props.onView3d}
              hasTerrain={props.hasTerrain ?? false}
            />
          )}
          {props.compact && (
            <div style={{ marginTop: 6, fontSize: 12 }}>
              <UnitLegendItems />
            </div>
          )}
        </div>
      )}
    </div>
  );
}

export function UnitLegend() {
  return (
    <div style={{ ...panel, position: 'absolute', left: 8, bottom: 8, zIndex: 2, fontSize: 12 }}>
      <UnitLegendItems />
    </div>
  );
}

function UnitLegendItems() {
  const t = useT();
  const shown = ['available', 'en-route', 'on-scene', 'returning', 'committed'] as const;
  return (
    <Space size={8} wrap>
      {shown.map((s) => (
        <Badge key={s} color={unitStatusColors[s]} text={t(`dispatch.unitStatus.${s}`)} />
      ))}
      {([1, 2, 3] as const).map((p) => (
        <span key={p} style={{ color: priorityColors[p] }}>
          ◆ <span style={{ color: 'rgba(0,0,0,0.88)' }}>{t(`dispatch.priority.${p}`)}</span>
        </span>
      ))}
    </Space>
  );
}

/** The call-out layer's colours (the place, each recipient's answer) and the on-duty volunteers' dot. */
function CalloutLegendItems({ callouts, volunteers }: { callouts: boolean; volunteers: boolean }) {
  const t = useT();
  return (
    <Space size={[8, 0]} wrap>
      {callouts && (
        <>
          <Badge color={calloutPlaceColor} text={t('callouts.map.place')} />
          {(Object.keys(recipientColors) as (keyof typeof recipientColors)[]).map((k) => (
            <Badge key={k} color={recipientColors[k]} text={t(`callouts.map.recipient.${k}` as MessageKey)} />
          ))}
        </>
      )}
      {volunteers && <Badge color={volunteerColor} text={t('callouts.map.volunteer')} />}
    </Space>
  );
}

/** The hazard layer's colours: its open states, and the ring of a late one. */
function HazardLegendItems() {
  const t = useT();
  return (
    <Space size={[8, 0]} wrap>
      {Object.entries(hazardStateColors).map(([state, color]) => (
        <Badge key={state} color={color} text={t(`hazards.state.${state}` as MessageKey)} />
      ))}
      <span>
        <span style={{ color: '#cf1322' }}>◯</span> {t('hazards.overdue.overdue')}
      </span>
    </Space>
  );
}
