import { Empty, List, Space, Tag, Typography } from 'antd';
import type { TrafficHazard, TrafficStoredReading } from '../../api/traffic-api.ts';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { type Translate, useT } from '../../i18n/i18n-context.tsx';
import { levelTagColors } from './traffic-view.ts';

/** The measurements of a reading worth showing, with their units. */
export function describeReading(r: TrafficStoredReading, t: Translate): string {
  const parts: string[] = [];
  if (r.visibilityM !== null) parts.push(`${t('traffic.reading.visibility')} ${r.visibilityM} m`);
  if (r.surfaceTempC !== null) parts.push(`${t('traffic.reading.surface')} ${r.surfaceTempC} ℃`);
  if (r.airTempC !== null) parts.push(`${t('traffic.reading.air')} ${r.airTempC} ℃`);
  if (r.dewPointC !== null) parts.push(`${t('traffic.reading.dewPoint')} ${r.dewPointC} ℃`);
  if (r.friction !== null) parts.push(`${t('traffic.reading.friction')} ${r.friction}`);
  if (r.precipitationMmH !== null) parts.push(`${t('traffic.reading.rain')} ${r.precipitationMmH} mm/h`);
  if (r.windSpeedMs !== null) parts.push(`${t('traffic.reading.wind')} ${r.windSpeedMs} m/s`);
  return parts.join(' · ');
}

/** 路况预警: the hazards active now, worst first, with what raised them. */
export function HazardsTab(props: {
  hazards: readonly TrafficHazard[];
  loading: boolean;
  /** Frames the hazard's section on the map. */
  onShow: (sectionId: string) => void;
}) {
  const t = useT();
  const order = { red: 0, orange: 1, yellow: 2 } as const;
  const items = [...props.hazards].sort((a, b) => order[a.level] - order[b.level]);
  if (!props.loading && items.length === 0)
    return <Empty data-testid="traffic-no-hazards" description={t('traffic.hazards.none')} />;
  return (
    <List
      data-testid="traffic-hazards"
      loading={props.loading}
      dataSource={items}
      renderItem={(h) => (
        <List.Item
          data-testid="traffic-hazard"
          data-condition={h.condition}
          data-level={h.level}
          style={{ cursor: 'pointer' }}
          onClick={() => props.onShow(h.sectionId)}
        >
          <div style={{ width: '100%' }}>
            <Space wrap>
              <Tag color={levelTagColors[h.level]}>{t(`traffic.level.${h.level}`)}</Tag>
              <Typography.Text strong>{h.sectionName}</Typography.Text>
              <span>{t(`traffic.condition.${h.condition}`)}</span>
              <Typography.Text type="secondary">
                {t('traffic.hazards.since', { at: formatDateTime(h.startedAt) })}
              </Typography.Text>
            </Space>
            <div style={{ marginTop: 4 }}>
              <Typography.Text>{h.label}</Typography.Text>
              {h.advice && <Typography.Text type="secondary"> · {h.advice}</Typography.Text>}
            </div>
            <Space wrap style={{ marginTop: 4 }}>
              {h.speedLimitKmh !== null && (
                <Tag data-testid="traffic-hazard-limit">
                  {t('traffic.hazards.limit', { n: h.speedLimitKmh })}
                </Tag>
              )}
              {h.gapM !== null && <Tag>{t('traffic.hazards.gap', { n: h.gapM })}</Tag>}
            </Space>
            {h.evidence.length > 0 && (
              <div style={{ marginTop: 4, fontSize: 12 }}>
                <Typography.Text type="secondary">{t('traffic.hazards.evidence')}</Typography.Text>
                {h.evidence.slice(-3).map((r) => (
                  <div key={`${r.deviceId}-${r.at}`} style={{ fontSize: 12 }}>
                    {formatDateTime(r.at)} {r.deviceId}：{describeReading(r, t)}
                  </div>
                ))}
              </div>
            )}
          </div>
        </List.Item>
      )}
    />
  );
}
