import type { CSSProperties } from 'react';
import { useT } from '../../i18n/i18n-context.tsx';
import { areaPalette } from '../../map/area-colors.ts';

const row: CSSProperties = { display: 'flex', alignItems: 'center', gap: 8, lineHeight: '20px' };
const swatch: CSSProperties = { width: 18, height: 12, flex: 'none' };

/** The map's key, in the DOM (the map style has no text). Colours match org-style.ts. */
export function MapLegend() {
  const t = useT();
  return (
    <div
      style={{
        position: 'absolute',
        left: 12,
        bottom: 12,
        background: 'rgba(255,255,255,0.92)',
        padding: '8px 12px',
        borderRadius: 4,
        boxShadow: '0 1px 4px rgba(0,0,0,0.2)',
        fontSize: 12,
      }}
    >
      <div style={row}>
        <span style={{ ...swatch, height: 0, borderTop: '3px solid #0a2f66' }} />
        {t('home.legend.county')}
      </div>
      <div style={row}>
        <span style={{ ...swatch, display: 'flex' }}>
          {areaPalette.map((c) => (
            <span key={c} style={{ flex: 1, background: c, opacity: 0.6 }} />
          ))}
        </span>
        {t('home.legend.area')}
      </div>
      <div style={row}>
        <span style={{ ...swatch, height: 0, borderTop: '1px dashed #5f6f82' }} />
        {t('home.legend.grid')}
      </div>
      <div style={row}>
        <span
          style={{
            ...swatch,
            width: 12,
            borderRadius: '50%',
            background: '#0b4ea2',
            border: '2px solid #fff',
          }}
        />
        {t('home.legend.station')}
      </div>
      <div style={row}>
        <span
          style={{
            ...swatch,
            width: 12,
            borderRadius: '50%',
            background: '#722ed1',
            border: '2px solid #fff',
          }}
        />
        {t('home.legend.brigade')}
      </div>
    </div>
  );
}
