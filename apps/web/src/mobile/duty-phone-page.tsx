import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Switch, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { volunteersApi } from '../api/volunteers-api.ts';
import { useT } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { useOutbox } from '../offline/index.ts';
import { useMobileContext } from './mobile-context.ts';
import { MyPoints, ReportActivityForm } from './my-points.tsx';

const POSITION_EVERY_MS = 60_000;

/**
 * 值守 on the volunteer's phone: go on or off duty, and give or withdraw the separate consent to share the
 * position (个人信息保护法). Both switches go through the offline outbox, so they hold without a network; the
 * position is sent (directly, a stale one is worth nothing) only while on duty with consent.
 */
export function DutyPhonePage() {
  const t = useT();
  const { offline, outbox } = useMobileContext();
  const queue = useOutbox(outbox);
  const queryClient = useQueryClient();
  const me = useQuery({
    queryKey: ['volunteers', 'me'],
    queryFn: volunteersApi.me,
    enabled: !offline,
    retry: false,
  });
  const [onDuty, setOnDuty] = useState<boolean | null>(null);
  const [consent, setConsent] = useState<boolean | null>(null);
  const duty = onDuty ?? me.data?.onDuty ?? false;
  const shares = consent ?? me.data?.locationConsent ?? false;
  const sentCount = queue.sent.length;
  useEffect(() => {
    if (sentCount > 0) void queryClient.invalidateQueries({ queryKey: ['volunteers', 'me'] });
  }, [sentCount, queryClient]);

  useEffect(() => {
    if (!duty || !shares || offline || !('geolocation' in navigator)) return;
    const send = () =>
      navigator.geolocation.getCurrentPosition(
        (p) =>
          void volunteersApi
            .setPosition({ lon: p.coords.longitude, lat: p.coords.latitude, accuracyM: p.coords.accuracy })
            .catch(() => undefined),
        () => undefined,
        { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 },
      );
    send();
    const timer = setInterval(send, POSITION_EVERY_MS);
    return () => clearInterval(timer);
  }, [duty, shares, offline]);

  const toggleDuty = async (value: boolean) => {
    setOnDuty(value);
    await outbox.enqueue({
      method: 'PUT',
      url: volunteersApi.urls.duty,
      body: { onDuty: value },
      label: `${t('mobile.duty.onDuty')}: ${value ? 'ON' : 'OFF'}`,
    });
  };
  const toggleConsent = async (value: boolean) => {
    setConsent(value);
    await outbox.enqueue({
      method: 'PUT',
      url: volunteersApi.urls.consent,
      body: { location: value },
      label: `${t('mobile.duty.consent')}: ${value ? 'ON' : 'OFF'}`,
    });
  };

  if (me.isError)
    return (
      <div className="m-card" data-testid="mobile-duty">
        {t('mobile.duty.notMember')}
      </div>
    );
  const m = me.data;
  return (
    <div data-testid="mobile-duty">
      <div className="m-section-title">{t('mobile.duty.title')}</div>
      <div className="m-card">
        <div className="m-card-row" style={{ minHeight: 56 }}>
          <span style={{ fontSize: 17 }}>{t('mobile.duty.onDuty')}</span>
          <Switch checked={duty} onChange={(v) => void toggleDuty(v)} data-testid="duty-switch" />
        </div>
        <div className="m-card-row" style={{ minHeight: 56, borderTop: '1px solid #f0f0f0' }}>
          <span style={{ fontSize: 17 }}>{t('mobile.duty.consent')}</span>
          <Switch checked={shares} onChange={(v) => void toggleConsent(v)} data-testid="consent-switch" />
        </div>
        <div style={{ color: '#888', fontSize: 13, marginTop: 6 }}>{t('mobile.duty.consentHelp')}</div>
        {queue.pending.some((e) => e.url.startsWith('/api/volunteers')) ? (
          <Tag color="orange" style={{ marginTop: 8 }}>
            {t('mobile.outboxWaiting')}
          </Tag>
        ) : null}
      </div>
      {m ? (
        <div className="m-card">
          <div className="m-card-row">
            <span>{t('mobile.duty.team')}</span>
            <span>
              {m.teams
                .filter((x) => !x.leftOn)
                .map((x) => x.name)
                .join('、')}
            </span>
          </div>
          <div style={{ marginTop: 6 }}>
            {m.skills.map((s) => (
              <Tag key={s}>{t(`volunteers.skill.${s}` as MessageKey)}</Tag>
            ))}
          </div>
          <div style={{ color: '#888', marginTop: 6 }}>{t('mobile.duty.hours', { h: m.dutyHoursYear })}</div>
        </div>
      ) : null}
      {m ? <MyPoints /> : null}
      {m ? <ReportActivityForm /> : null}
    </div>
  );
}
