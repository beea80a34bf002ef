import { type FraudWarning, fraudOutcome, type PlanEntry } from '@ronghui/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Drawer, Input, InputNumber, Radio, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { OUTREACH_VISITS_PATH, outreachApi, outreachKeys } from '../api/outreach-api.ts';
import { formatDateTime } from '../i18n/format-datetime.ts';
import { useT } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { useOutbox } from '../offline/index.ts';
import { newHazardId } from './hazard-id.ts';
import { useMobileContext } from './mobile-context.ts';

const RISK_COLOR = { high: 'red', medium: 'orange', low: 'blue' } as const;
type Outcome = (typeof fraudOutcome.options)[number];
const stepUrl = (id: string) => `/api/anti-fraud/warnings/${encodeURIComponent(id)}/steps`;

interface VisitTarget {
  residentId: string;
  warningId?: string;
  title: string;
}

/**
 * 反诈与走访 on the officer's phone: the station's warnings still to sign for, dissuade or report back on, and
 * my visit plan; a visit is recorded on the spot. Every write goes through the outbox, so it is kept and sent
 * once the network is back.
 */
export function OutreachPhonePage() {
  const t = useT();
  const { offline, outbox } = useMobileContext();
  const queue = useOutbox(outbox);
  const queryClient = useQueryClient();
  const [visiting, setVisiting] = useState<VisitTarget | null>(null);
  const [activities, setActivities] = useState('');
  const [needs, setNeeds] = useState('');
  const [talk, setTalk] = useState(true);
  const [dissuading, setDissuading] = useState<FraudWarning | null>(null);
  const [outcome, setOutcome] = useState<Outcome>('dissuaded');
  const [saved, setSaved] = useState(0);
  const warnings = useQuery({
    queryKey: outreachKeys.warnings({ page: 1, pageSize: 100 }),
    queryFn: () => outreachApi.warnings({ page: 1, pageSize: 100 }),
    enabled: !offline,
    refetchInterval: 30_000,
  });
  const plans = useQuery({
    queryKey: outreachKeys.plans('mine'),
    queryFn: () => outreachApi.plans(undefined, 7),
    enabled: !offline,
  });
  const sentCount = queue.sent.length;
  useEffect(() => {
    if (sentCount > 0) void queryClient.invalidateQueries({ queryKey: ['outreach'] });
  }, [sentCount, queryClient]);

  const open = (warnings.data?.items ?? []).filter((w) => w.status !== 'feedback');
  const waiting = (url: string) => queue.pending.some((e) => e.url === url);
  const step = (w: FraudWarning, body: Record<string, unknown>, label: string) =>
    void outbox.enqueue({ method: 'POST', url: stepUrl(w.id), body, label: `${label} ${w.number}` });

  const openDissuade = (w: FraudWarning) => {
    setDissuading(w);
    setOutcome('dissuaded');
    setSaved(w.moneyAtRisk);
  };
  const saveDissuade = () => {
    if (!dissuading) return;
    step(
      dissuading,
      { step: 'dissuade', outcome, moneySaved: outcome === 'dissuaded' ? saved : 0 },
      t('or.step.dissuade'),
    );
    setDissuading(null);
  };

  const visitOf = async (w: FraudWarning) => {
    const detail = await outreachApi.warning(w.id);
    const planned = detail.visits.find((v) => v.status === 'planned') ?? detail.visits[0];
    if (planned)
      setVisiting({ residentId: planned.residentId, warningId: w.id, title: `${w.personName} ${w.address}` });
  };
  const saveVisit = () => {
    if (!visiting || activities.trim() === '') return;
    void outbox.enqueue({
      method: 'POST',
      url: OUTREACH_VISITS_PATH,
      body: {
        id: newHazardId(),
        residentId: visiting.residentId,
        ...(visiting.warningId ? { warningId: visiting.warningId } : {}),
        activities: activities.trim(),
        antiFraudTalk: talk,
        ...(needs.trim() ? { needs: needs.trim() } : {}),
      },
      label: `${t('or.mobile.visit')} ${visiting.title}`,
    });
    setVisiting(null);
    setActivities('');
    setNeeds('');
    setTalk(true);
  };

  return (
    <div className="m-page" data-testid="outreach-phone">
      <div className="m-section-title">{t('or.mobile.warnings')}</div>
      {open.length === 0 && <div className="m-empty">{t('or.mobile.none')}</div>}
      {open.map((w) => (
        <div className="m-card" key={w.id} data-testid="or-phone-warning">
          <div className="m-card-row">
            <span className="m-card-title">
              {w.personName} · {t(`or.fraud.${w.fraudType}` as MessageKey)}
            </span>
            <Tag color={RISK_COLOR[w.risk]}>{t(`or.risk.${w.risk}` as MessageKey)}</Tag>
          </div>
          <div className="m-card-sub">
            {w.address} · {t(`or.action.${w.action}` as MessageKey)}
          </div>
          <div className="m-card-row">
            <span>
              <Tag>{t(`or.status.${w.status}` as MessageKey)}</Tag>
              {w.overdue && <Tag color="red">{t('or.overdue')}</Tag>}
            </span>
            <span className="m-card-sub">{formatDateTime(w.dueAt)}</span>
          </div>
          {waiting(stepUrl(w.id)) ? (
            <Tag color="orange">{t('or.mobile.queued')}</Tag>
          ) : (
            <div className="m-actions">
              {w.status === 'issued' && (
                <Button
                  type="primary"
                  className="m-button"
                  onClick={() => step(w, { step: 'sign' }, t('or.step.sign'))}
                >
                  {t('or.step.sign')}
                </Button>
              )}
              {w.status === 'signed' && w.action === 'visit' && (
                <Button className="m-button" onClick={() => void visitOf(w)}>
                  {t('or.mobile.visit')}
                </Button>
              )}
              {w.status === 'signed' && (
                <Button type="primary" className="m-button" onClick={() => openDissuade(w)}>
                  {t('or.step.dissuade')}
                </Button>
              )}
              {w.status === 'dissuaded' && (
                <Button
                  type="primary"
                  className="m-button"
                  onClick={() => step(w, { step: 'feedback' }, t('or.step.feedback'))}
                >
                  {t('or.step.feedback')}
                </Button>
              )}
            </div>
          )}
        </div>
      ))}

      <div className="m-section-title">{t('or.mobile.plan')}</div>
      {(plans.data?.items ?? []).length === 0 && <div className="m-empty">{t('or.mobile.none')}</div>}
      {(plans.data?.items ?? []).map((p: PlanEntry) => (
        <div className="m-card" key={`${p.residentId}-${p.dueOn}`} data-testid="or-phone-plan">
          <div className="m-card-row">
            <span className="m-card-title">{p.residentName}</span>
            <span>
              {p.daysOverdue > 0 && <Tag color="red">{t('or.plan.overdueDays', { n: p.daysOverdue })}</Tag>}
              {p.kinds.map((k) => (
                <Tag key={k}>{t(`or.kind.${k}` as MessageKey)}</Tag>
              ))}
            </span>
          </div>
          <div className="m-card-sub">
            {p.dueOn} · {p.address}
          </div>
          <Button
            className="m-button"
            onClick={() => setVisiting({ residentId: p.residentId, title: `${p.residentName} ${p.address}` })}
          >
            {t('or.mobile.visit')}
          </Button>
        </div>
      ))}

      <Drawer
        open={visiting !== null}
        placement="bottom"
        size="auto"
        title={visiting ? `${t('or.mobile.visit')} · ${visiting.title}` : ''}
        onClose={() => setVisiting(null)}
      >
        <Input.TextArea
          data-testid="or-visit-activities"
          rows={3}
          maxLength={1000}
          placeholder={t('or.mobile.activities')}
          value={activities}
          onChange={(e) => setActivities(e.target.value)}
        />
        <Checkbox checked={talk} onChange={(e) => setTalk(e.target.checked)} style={{ margin: '8px 0' }}>
          {t('or.mobile.talk')}
        </Checkbox>
        <Input.TextArea
          rows={2}
          maxLength={1000}
          placeholder={t('or.mobile.needs')}
          value={needs}
          onChange={(e) => setNeeds(e.target.value)}
        />
        <Button
          type="primary"
          block
          className="m-button"
          style={{ marginTop: 12 }}
          disabled={activities.trim() === ''}
          onClick={saveVisit}
          data-testid="or-visit-save"
        >
          {t('or.mobile.save')}
        </Button>
      </Drawer>
      <Drawer
        open={dissuading !== null}
        placement="bottom"
        size="auto"
        title={dissuading ? `${t('or.mobile.dissuadeTitle')} · ${dissuading.personName}` : ''}
        onClose={() => setDissuading(null)}
      >
        <Radio.Group
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as Outcome)}
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
          data-testid="or-dissuade-outcome"
        >
          {fraudOutcome.options.map((o) => (
            <Radio key={o} value={o}>
              {t(`or.outcome.${o}` as MessageKey)}
            </Radio>
          ))}
        </Radio.Group>
        {outcome === 'dissuaded' && (
          <div style={{ marginTop: 12 }}>
            <label htmlFor="or-dissuade-saved">{t('or.mobile.moneySaved')}</label>
            <InputNumber
              min={0}
              max={dissuading?.moneyAtRisk ?? 0}
              value={saved}
              onChange={(v) => setSaved(typeof v === 'number' ? v : 0)}
              style={{ width: '100%' }}
              id="or-dissuade-saved"
              data-testid="or-dissuade-saved"
            />
          </div>
        )}
        <Button
          type="primary"
          block
          className="m-button"
          style={{ marginTop: 12 }}
          onClick={saveDissuade}
          data-testid="or-dissuade-save"
        >
          {t('or.mobile.save')}
        </Button>
      </Drawer>
    </div>
  );
}
