import { Button, Select, Tag } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/describe-error.ts';
import { formatClock, formatDateTime } from '../i18n/format-datetime.ts';
import { useT } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { useMobileContext } from './mobile-context.ts';
import { unitName, UnitStatusTag } from './unit-status.tsx';
import { useMyUnit, useSignOn } from './use-my-unit.ts';
import { useStationUnits } from './use-field-data.ts';
import type { TrackerState } from './use-tracker.ts';

const trackerText: Record<TrackerState, MessageKey> = {
  off: 'mobile.tracker.off',
  unsupported: 'mobile.tracker.unsupported',
  starting: 'mobile.tracker.starting',
  denied: 'mobile.tracker.denied',
  tracking: 'mobile.tracker.tracking',
};

/** 我的警力: the unit this officer works (上岗 / 下岗), its state, and whether the phone reports its position. */
export function MyUnitCard() {
  const t = useT();
  const context = useMobileContext();
  const mine = useMyUnit(context);
  const units = useStationUnits(context);
  const signOn = useSignOn();
  const [choice, setChoice] = useState<string | null>(null);
  const unit = mine.data?.unit ?? null;
  const tracker = context.tracker;

  if (mine.isPending && !context.offline) return null;
  if (!unit) {
    const people = units.data ?? [];
    return (
      <div className="m-card" data-testid="mobile-my-unit" data-signed-on="false">
        <div className="m-card-title">{t('mobile.myUnit.title')}</div>
        <div className="m-card-sub">{t('mobile.myUnit.none')}</div>
        <Select
          size="large"
          style={{ width: '100%', marginTop: 8 }}
          placeholder={t('mobile.myUnit.pick')}
          value={choice}
          onChange={setChoice}
          disabled={context.offline}
          data-testid="mobile-my-unit-select"
          options={people.map((u) => ({
            value: u.id,
            label: `${unitName(u)}${u.onDuty ? '' : ` · ${t('mobile.units.offDuty')}`}`,
          }))}
        />
        <Button
          type="primary"
          block
          className="m-button"
          style={{ marginTop: 8 }}
          disabled={!choice || context.offline}
          loading={signOn.isPending}
          onClick={() => choice && signOn.mutate(choice)}
          data-testid="mobile-sign-on"
        >
          {t('mobile.myUnit.signOn')}
        </Button>
        {signOn.error && <div className="m-card-sub">{describeError(signOn.error, t)}</div>}
      </div>
    );
  }
  return (
    <div className="m-card" data-testid="mobile-my-unit" data-signed-on="true" data-unit={unit.id}>
      <div className="m-card-row">
        <span className="m-card-title">{unitName(unit)}</span>
        <UnitStatusTag unit={unit} />
      </div>
      <div className="m-card-sub">
        {unit.onDuty ? t('mobile.myUnit.onDuty') : t('mobile.units.offDuty')}
        {mine.data?.since && ` · ${t('mobile.myUnit.since', { time: formatDateTime(mine.data.since) })}`}
      </div>
      <div className="m-card-sub" data-testid="mobile-tracker" data-state={tracker.state}>
        <Tag color={tracker.state === 'tracking' ? 'green' : tracker.state === 'denied' ? 'red' : 'default'}>
          {t(trackerText[tracker.state])}
        </Tag>
        {tracker.lastSent &&
          t('mobile.tracker.last', {
            time: formatClock(new Date(tracker.lastSent.at)),
          })}
        {tracker.saving && ` · ${t('mobile.tracker.saving')}`}
      </div>
      <Button
        block
        className="m-button"
        style={{ marginTop: 8 }}
        disabled={context.offline}
        loading={signOn.isPending}
        onClick={() => signOn.mutate(null)}
        data-testid="mobile-sign-off"
      >
        {t('mobile.myUnit.signOff')}
      </Button>
    </div>
  );
}
