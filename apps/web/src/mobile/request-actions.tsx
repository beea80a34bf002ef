import type { StationRequest, Unit } from '@ronghui/contracts';
import { Button, Checkbox, Drawer, Tag } from 'antd';
import { useState } from 'react';
import { fieldUrls } from '../api/field-api.ts';
import { useT } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { useOutbox } from '../offline/index.ts';
import { useIncidentBrief } from './incident-brief.tsx';
import { useMobileContext } from './mobile-context.ts';
import { dispatchKey, markSeen } from './order-alert.tsx';
import { isReason, ReasonInput } from './reason-input.tsx';
import { unitName } from './unit-status.tsx';
import { useMyUnit } from './use-my-unit.ts';
import { useStationUnits } from './use-field-data.ts';

const declineReasons: readonly MessageKey[] = [
  'mobile.decline.noUnits',
  'mobile.decline.busy',
  'mobile.decline.roadBlocked',
];

/** Units the station can send now: on duty and free, the officer's own unit first, people before vehicles. */
export function sendable(units: readonly Unit[], mine: string | null): Unit[] {
  return units
    .filter((u) => u.onDuty && (u.status === 'available' || u.status === 'returning'))
    .sort(
      (a, b) =>
        Number(b.id === mine) - Number(a.id === mine) ||
        Number(a.kind === 'vehicle') - Number(b.kind === 'vehicle') ||
        a.callsign.localeCompare(b.callsign),
    );
}

/**
 * 接受 / 拒绝 of a station request, as the console answers it: accepting commits named units (they go en
 * route), declining gives a reason. Both go through the outbox, so an answer given without network is sent,
 * once, when the network is back.
 */
export function RequestActions({ request }: { request: StationRequest }) {
  const t = useT();
  const context = useMobileContext();
  const queue = useOutbox(context.outbox);
  const units = useStationUnits(context);
  const mine = useMyUnit(context).data?.unit?.id ?? null;
  const [sheet, setSheet] = useState<'accept' | 'decline' | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const brief = useIncidentBrief(request.incidentId, context.offline);
  const label = brief.place ? `${brief.title} ${brief.place}` : brief.title;
  const waiting = queue.pending.some(
    (e) => e.url === fieldUrls.commit(request.id) || e.url === fieldUrls.decline(request.id),
  );
  if (request.status !== 'requested') return null;
  if (waiting)
    return (
      <Tag color="orange" data-testid="mobile-answer-waiting" style={{ marginTop: 8 }}>
        {t('mobile.answer.waiting')}
      </Tag>
    );
  const candidates = sendable(units.data ?? [], mine);

  const openAccept = () => {
    setChosen(candidates.slice(0, request.quantity).map((u) => u.id));
    setSheet('accept');
  };
  const accept = () => {
    // Sending one's own unit is no news to oneself: no dispatch alert for it.
    if (mine && chosen.includes(mine)) markSeen(context.user.username, dispatchKey(mine, request.incidentId));
    void context.outbox.enqueue({
      method: 'POST',
      url: fieldUrls.commit(request.id),
      body: { unitIds: chosen },
      label: t('mobile.answer.acceptLabel', { what: label }),
    });
    setSheet(null);
  };
  const decline = () => {
    void context.outbox.enqueue({
      method: 'POST',
      url: fieldUrls.decline(request.id),
      body: { reason: reason.trim() },
      label: t('mobile.answer.declineLabel', { what: label }),
    });
    setSheet(null);
  };

  return (
    <div className="m-actions">
      <Button type="primary" className="m-button" onClick={openAccept} data-testid="mobile-accept">
        {t('mobile.answer.accept')}
      </Button>
      <Button danger className="m-button" onClick={() => setSheet('decline')} data-testid="mobile-decline">
        {t('mobile.answer.decline')}
      </Button>

      <Drawer
        open={sheet === 'accept'}
        placement="bottom"
        size="auto"
        onClose={() => setSheet(null)}
        title={t('mobile.answer.acceptTitle', { n: request.quantity })}
        styles={{ body: { paddingBottom: 24 } }}
      >
        {candidates.length === 0 ? (
          <div className="m-empty">{t('mobile.answer.noneFree')}</div>
        ) : (
          <Checkbox.Group
            value={chosen}
            onChange={(v) => setChosen(v as string[])}
            style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            data-testid="mobile-accept-units"
          >
            {candidates.map((u) => (
              <Checkbox key={u.id} value={u.id} className="m-check">
                {unitName(u)}
                {u.id === mine && <Tag style={{ marginInlineStart: 8 }}>{t('mobile.myUnit.mine')}</Tag>}
              </Checkbox>
            ))}
          </Checkbox.Group>
        )}
        <Button
          type="primary"
          block
          className="m-button"
          style={{ marginTop: 16 }}
          disabled={chosen.length === 0}
          onClick={accept}
          data-testid="mobile-accept-confirm"
        >
          {t('mobile.answer.acceptConfirm', { n: chosen.length })}
        </Button>
      </Drawer>

      <Drawer
        open={sheet === 'decline'}
        placement="bottom"
        size="auto"
        onClose={() => setSheet(null)}
        title={t('mobile.answer.declineTitle')}
        styles={{ body: { paddingBottom: 24 } }}
      >
        <ReasonInput
          reasons={declineReasons}
          value={reason}
          onChange={setReason}
          placeholder="mobile.answer.reasonPlaceholder"
          testId="mobile-decline-reason"
        />
        <Button
          danger
          type="primary"
          block
          className="m-button"
          style={{ marginTop: 16 }}
          disabled={!isReason(reason)}
          onClick={decline}
          data-testid="mobile-decline-confirm"
        >
          {t('mobile.answer.declineConfirm')}
        </Button>
      </Drawer>
    </div>
  );
}
