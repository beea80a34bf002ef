import type { Unit } from '@ronghui/contracts';
import { describeError } from '../api/describe-error.ts';
import { formatDateTime } from '../i18n/format-datetime.ts';
import { useT } from '../i18n/i18n-context.tsx';
import { useMobileContext } from './mobile-context.ts';
import { unitName, UnitStatusTag } from './unit-status.tsx';
import { useStationUnits } from './use-field-data.ts';

/** Busy units first, then those free, then the ones off duty. */
const order: Record<Unit['status'], number> = {
  'en-route': 0,
  'on-scene': 1,
  committed: 2,
  delayed: 3,
  staging: 4,
  returning: 5,
  available: 6,
  'out-of-service': 7,
  'off-duty': 8,
};

/** 警力: the station's units and what each is doing. */
export function UnitsPage() {
  const t = useT();
  const units = useStationUnits(useMobileContext());
  const list = [...(units.data ?? [])].sort(
    (a, b) => order[a.status] - order[b.status] || a.callsign.localeCompare(b.callsign),
  );
  const onDuty = list.filter((u) => u.onDuty).length;
  return (
    <div data-testid="mobile-units">
      <h2 className="m-section-title">
        {t('mobile.units.title')}
        {units.data && (
          <span style={{ fontWeight: 400, color: '#595959', marginInlineStart: 8 }}>
            {t('mobile.units.summary', { on: onDuty, total: list.length })}
          </span>
        )}
      </h2>
      {units.error && (
        <div className="m-empty">{t('mobile.loadFailed', { reason: describeError(units.error, t) })}</div>
      )}
      {units.data && list.length === 0 && <div className="m-empty">{t('mobile.units.empty')}</div>}
      {list.map((unit) => (
        <div key={unit.id} className="m-card" data-testid="mobile-unit">
          <div className="m-card-row">
            <span className="m-card-title">{unitName(unit)}</span>
            <UnitStatusTag unit={unit} />
          </div>
          <div className="m-card-sub">
            {!unit.onDuty && `${t('mobile.units.offDuty')} · `}
            {unit.position
              ? t('mobile.units.lastFix', { time: formatDateTime(unit.position.at) })
              : unit.stationName}
          </div>
        </div>
      ))}
    </div>
  );
}
