import { LeftOutlined, SendOutlined } from '@ant-design/icons';
import type { DisputeKind, DisputeRisk } from '@ronghui/contracts';
import { Button, Input, Segmented, Select } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { disputeUrls } from '../api/disputes-api.ts';
import { useAuth } from '../app/auth-context.tsx';
import { useT } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { useDraft } from './drafts.ts';
import { splitNames } from './meeting-fields.ts';
import { useMobileContext } from './mobile-context.ts';
import { usePosition } from './use-my-grid.ts';

// Type-only use of the contracts: the phone's bundle stays free of schema code.
const DISPUTE_KINDS = [
  'neighbours',
  'homestead',
  'family',
  'land-forest',
  'debt',
  'labour',
  'contract',
  'traffic-damage',
  'other',
] as const satisfies readonly DisputeKind[];
const DISPUTE_RISKS = ['blue', 'yellow', 'red'] as const satisfies readonly DisputeRisk[];

interface RegisterDraft {
  kind: string;
  risk: string;
  description: string;
  address: string;
  parties: string;
}

const initial = (): RegisterDraft => ({
  kind: 'neighbours',
  risk: 'blue',
  description: '',
  address: '',
  parties: '',
});

/**
 * 登记纠纷 from the phone: `POST /api/disputes` in the worker's own police grid, at the phone's position when
 * it has one, with the worker as mediator; through the outbox (offline too), the draft kept until sent.
 */
export function DisputeRegisterForm() {
  const t = useT();
  const navigate = useNavigate();
  const { outbox, user: shown } = useMobileContext();
  const { user } = useAuth();
  const { here } = usePosition();
  const [draft, update, clear] = useDraft<RegisterDraft>('dispute:new', useCallback(initial, []));
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const parties = splitNames(draft.parties);
    if (draft.description.trim().length < 2) return setError(t('mobile.disputeNew.needDescription'));
    if (parties.length === 0) return setError(t('mobile.disputeNew.needParties'));
    setError(null);
    const name = shown.displayName.split(' ').at(-1) ?? shown.displayName;
    await outbox.enqueue({
      method: 'POST',
      url: disputeUrls.create(),
      body: {
        kind: draft.kind,
        risk: draft.risk,
        description: draft.description.trim(),
        ...(draft.address.trim() ? { address: draft.address.trim() } : {}),
        gridId: shown.scope.orgId,
        ...(here ? { location: here } : {}),
        parties: parties.map((p) => ({ name: p })),
        mediators: [{ name, role: 'grid-worker', ...(user ? { userId: user.id } : {}) }],
      },
      label: t('mobile.disputeNew.label', { text: draft.description.trim().slice(0, 16) }),
    });
    clear();
    navigate('/m/grid');
  };

  return (
    <div data-testid="grid-dispute-new">
      <Link to="/m/grid" className="m-back">
        <LeftOutlined /> {t('mobile.grid.back')}
      </Link>
      <div className="m-section-title">{t('mobile.grid.registerDispute')}</div>
      <div className="m-card">
        <label className="m-form-label" htmlFor="dn-kind">
          {t('mobile.disputeNew.kind')}
        </label>
        <Select
          size="large"
          style={{ width: '100%' }}
          value={draft.kind}
          onChange={(kind) => update({ kind })}
          id="dn-kind"
          data-testid="dispute-new-kind"
          options={DISPUTE_KINDS.map((k) => ({ value: k, label: t(`disputes.kind.${k}` as MessageKey) }))}
        />
        <label className="m-form-label" htmlFor="dn-risk">
          {t('mobile.disputeNew.risk')}
        </label>
        <Segmented
          block
          size="large"
          value={draft.risk}
          onChange={(risk) => update({ risk: String(risk) })}
          options={DISPUTE_RISKS.map((r) => ({ value: r, label: t(`disputes.risk.${r}` as MessageKey) }))}
          id="dn-risk"
          data-testid="dispute-new-risk"
        />
        <label className="m-form-label" htmlFor="dn-description">
          {t('mobile.disputeNew.description')}
        </label>
        <Input.TextArea
          rows={3}
          maxLength={2000}
          value={draft.description}
          onChange={(e) => update({ description: e.target.value })}
          id="dn-description"
          data-testid="dispute-new-description"
        />
        <label className="m-form-label" htmlFor="dn-parties">
          {t('mobile.disputeNew.parties')}
        </label>
        <Input
          size="large"
          value={draft.parties}
          placeholder={t('mobile.meeting.attendeesHint')}
          onChange={(e) => update({ parties: e.target.value })}
          id="dn-parties"
          data-testid="dispute-new-parties"
        />
        <label className="m-form-label" htmlFor="dn-address">
          {t('mobile.hazards.address')}
        </label>
        <Input
          size="large"
          maxLength={200}
          value={draft.address}
          onChange={(e) => update({ address: e.target.value })}
          id="dn-address"
          data-testid="dispute-new-address"
        />
        <div className="m-card-sub">
          {here
            ? t('mobile.hazards.located', { lon: here.lon.toFixed(5), lat: here.lat.toFixed(5) })
            : t('mobile.disputeNew.noPosition')}
        </div>
        {error && (
          <div className="m-card-sub" style={{ color: '#cf1322' }} data-testid="dispute-new-error">
            {error}
          </div>
        )}
        <div className="m-actions" style={{ marginTop: 12 }}>
          <Button
            className="m-button"
            type="primary"
            icon={<SendOutlined />}
            onClick={() => void submit()}
            data-testid="dispute-new-submit"
          >
            {t('mobile.disputeNew.submit')}
          </Button>
        </div>
      </div>
    </div>
  );
}
