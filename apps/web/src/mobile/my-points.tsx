import { VOLUNTEER_ACTIVITY_KINDS, type VolunteerActivityKind } from '@ronghui/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, InputNumber, Select, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { volunteersApi } from '../api/volunteers-api.ts';
import { formatDateTime } from '../i18n/format-datetime.ts';
import { useT } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { useOutbox } from '../offline/index.ts';
import { useMobileContext } from './mobile-context.ts';

const STATUS_COLOR = { submitted: 'orange', confirmed: 'green', rejected: 'red' } as const;

/** 我的积分 on the volunteer's phone: this month's points, the rank in the team, the recent records. */
export function MyPoints() {
  const t = useT();
  const { offline, outbox } = useMobileContext();
  const queue = useOutbox(outbox);
  const queryClient = useQueryClient();
  const points = useQuery({
    queryKey: ['volunteers', 'me', 'points'],
    queryFn: volunteersApi.myPoints,
    enabled: !offline,
    retry: false,
  });
  const sent = queue.sent.length;
  useEffect(() => {
    if (sent > 0) void queryClient.invalidateQueries({ queryKey: ['volunteers', 'me', 'points'] });
  }, [sent, queryClient]);
  const p = points.data;
  if (!p) return null;
  return (
    <div data-testid="my-points">
      <div className="m-section-title">{t('mobile.points.title')}</div>
      <div className="m-card">
        <div className="m-card-row">
          <span>{t('mobile.points.month')}</span>
          <b style={{ fontSize: 24, color: '#b45309' }} data-testid="my-points-month">
            {p.points}
          </b>
        </div>
        <div className="m-card-row">
          <span>{t('mobile.points.rank')}</span>
          <span data-testid="my-points-rank">
            {p.teamRank === null
              ? t('mobile.points.noRank')
              : t('mobile.points.rankOf', { r: p.teamRank, n: p.teamSize })}
          </span>
        </div>
        <div style={{ color: '#888', marginTop: 6 }}>{t('mobile.points.year', { p: p.yearPoints })}</div>
      </div>
      <div className="m-section-title">{t('mobile.points.recent')}</div>
      <div className="m-card">
        {p.recent.length === 0 ? <span style={{ color: '#888' }}>{t('mobile.points.none')}</span> : null}
        {p.recent.slice(0, 5).map((r) => (
          <div key={r.id} className="m-card-row" style={{ borderTop: '1px solid #f5f5f5', padding: '6px 0' }}>
            <span>
              {t(`volunteers.activityKind.${r.kind}` as MessageKey)}
              <span style={{ color: '#888', fontSize: 12, marginLeft: 6 }}>
                {formatDateTime(r.occurredAt)}
              </span>
            </span>
            <span>
              <Tag color={STATUS_COLOR[r.status]}>
                {t(`volunteers.activityStatus.${r.status}` as MessageKey)}
              </Tag>
              {r.status === 'confirmed'
                ? `+${r.people.find((x) => x.memberId === p.memberId)?.points ?? 0}`
                : null}
            </span>
          </div>
        ))}
      </div>
    </div>
  );
}

/**
 * 上报活动: the volunteer reports an activity of their team (with themself as the lead) at their current
 * position. It goes through the offline outbox under its own Idempotency-Key, so it is sent once, later
 * if there is no network; the station confirms it.
 */
export function ReportActivityForm() {
  const t = useT();
  const { outbox } = useMobileContext();
  const [kind, setKind] = useState<VolunteerActivityKind>('patrol');
  const [address, setAddress] = useState('');
  const [minutes, setMinutes] = useState<number>(60);
  const [outcome, setOutcome] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const position = () =>
    new Promise<{ lon: number; lat: number } | null>((resolve) => {
      if (!('geolocation' in navigator)) return resolve(null);
      navigator.geolocation.getCurrentPosition(
        (p) => resolve({ lon: p.coords.longitude, lat: p.coords.latitude }),
        () => resolve(null),
        { enableHighAccuracy: true, timeout: 10_000, maximumAge: 120_000 },
      );
    });
  const submit = async () => {
    const warn = () => setNotice({ ok: false, text: t('mobile.report.needPlace') });
    if (!address.trim() || !outcome.trim()) return warn();
    setBusy(true);
    try {
      const at = await position();
      if (!at) return warn();
      const occurredAt = new Date(Date.now() - minutes * 60_000).toISOString();
      await outbox.enqueue({
        method: 'POST',
        url: volunteersApi.urls.activities,
        body: {
          kind,
          ...at,
          address: address.trim(),
          occurredAt,
          durationMinutes: minutes,
          outcome: outcome.trim(),
        },
        label: `${t('mobile.report.title')}: ${t(`volunteers.activityKind.${kind}` as MessageKey)}`,
      });
      setAddress('');
      setOutcome('');
      setNotice({ ok: true, text: t('mobile.report.queued') });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid="report-activity">
      <div className="m-section-title">{t('mobile.report.title')}</div>
      <div className="m-card" style={{ display: 'grid', gap: 8 }}>
        <Select
          value={kind}
          onChange={setKind}
          size="large"
          aria-label={t('mobile.report.kind')}
          options={VOLUNTEER_ACTIVITY_KINDS.map((k) => ({
            value: k,
            label: t(`volunteers.activityKind.${k}` as MessageKey),
          }))}
        />
        <Input
          size="large"
          placeholder={t('mobile.report.address')}
          value={address}
          maxLength={200}
          onChange={(e) => setAddress(e.target.value)}
          data-testid="report-address"
        />
        <InputNumber
          size="large"
          min={1}
          max={1440}
          value={minutes}
          onChange={(v) => setMinutes(v ?? 60)}
          addonBefore={t('mobile.report.duration')}
          style={{ width: '100%' }}
        />
        <Input.TextArea
          rows={3}
          placeholder={t('mobile.report.outcome')}
          value={outcome}
          maxLength={1000}
          onChange={(e) => setOutcome(e.target.value)}
          data-testid="report-outcome"
        />
        <Button
          type="primary"
          size="large"
          block
          loading={busy}
          onClick={() => void submit()}
          data-testid="report-submit"
        >
          {t('mobile.report.submit')}
        </Button>
        {notice ? (
          <Alert
            type={notice.ok ? 'success' : 'warning'}
            showIcon
            message={notice.text}
            data-testid="report-notice"
          />
        ) : null}
      </div>
    </div>
  );
}
