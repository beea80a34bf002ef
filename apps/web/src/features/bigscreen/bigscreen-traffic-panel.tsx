import type { CSSProperties } from 'react';
import { trafficApi, trafficKeys } from '../../api/traffic-api.ts';
import { useModuleQuery } from '../../app/use-module-query.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { levelColors, SignMatrix } from '../traffic/index.ts';

const label: CSSProperties = { fontSize: 14, color: '#9fc3f0', whiteSpace: 'nowrap' };
const LEVEL_ORDER = { red: 0, orange: 1, yellow: 2 } as const;

/**
 * 智慧交通 on the big screen: the road-weather hazards active now by level, the worst three, and the sign
 * with the most urgent message as drivers see it. Live on `traffic.*`; empty for users without the module.
 */
export function TrafficPanel() {
  const t = useT();
  const hazards = useModuleQuery({
    module: 'traffic',
    queryKey: ['bigscreen', ...trafficKeys.hazards],
    queryFn: () => trafficApi.hazards(true),
    refreshOn: 'traffic.*',
  });
  const signs = useModuleQuery({
    module: 'traffic',
    queryKey: ['bigscreen', ...trafficKeys.signs],
    queryFn: trafficApi.signs,
    refreshOn: 'traffic.*',
  });
  if (!hazards.allowed || !hazards.data) return null;
  const items = [...hazards.data.items].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
  const count = (level: keyof typeof LEVEL_ORDER) => items.filter((h) => h.level === level).length;
  const sign = [...(signs.data?.items ?? [])]
    .filter((s) => s.text !== '')
    .sort((a, b) => b.priority - a.priority)[0];
  return (
    <div
      data-testid="bigscreen-traffic"
      style={{ display: 'flex', gap: 12, height: '100%', alignItems: 'center' }}
    >
      <div style={{ flex: 1, minWidth: 0 }}>
        <div style={{ display: 'flex', gap: 12, marginBottom: 4 }}>
          {(['red', 'orange', 'yellow'] as const).map((level) => (
            <span key={level} style={label}>
              <span style={{ color: levelColors[level], fontSize: 24, fontWeight: 700, marginRight: 4 }}>
                {count(level)}
              </span>
              {t(`traffic.level.${level}`)}
            </span>
          ))}
        </div>
        {items.length === 0 && <div style={label}>{t('traffic.hazards.none')}</div>}
        {items.slice(0, 3).map((h) => (
          <div
            key={h.id}
            data-testid="bigscreen-traffic-hazard"
            style={{ fontSize: 14, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
          >
            <span style={{ color: levelColors[h.level] }}>● </span>
            {h.sectionName} · {t(`traffic.condition.${h.condition}`)}
            {h.speedLimitKmh !== null ? ` · ${t('traffic.hazards.limit', { n: h.speedLimitKmh })}` : ''}
          </div>
        ))}
      </div>
      {sign && (
        <div style={{ flex: 'none' }}>
          <SignMatrix model={sign.model} lines={sign.lines} maxWidth={220} testId="bigscreen-traffic-sign" />
          <div style={{ ...label, fontSize: 12, marginTop: 2 }}>{sign.name}</div>
        </div>
      )}
    </div>
  );
}
