import { SendOutlined } from '@ant-design/icons';
import { Button, Input } from 'antd';
import { useCallback, useState } from 'react';
import { disputeUrls } from '../api/disputes-api.ts';
import { useT } from '../i18n/i18n-context.tsx';
import { useMobileContext } from './mobile-context.ts';
import { useDraft } from './drafts.ts';
import { localMinute, splitNames } from './meeting-fields.ts';

interface MeetingDraft {
  at: string;
  place: string;
  attendees: string;
  summary: string;
  outcome: string;
}

/**
 * 记录调解: a mediation meeting (`POST /api/disputes/:id/meetings`) through the outbox, so it is kept and
 * sent once when there is no network; what is typed is kept as a draft until then.
 */
export function MeetingForm({
  disputeId,
  number,
  place,
}: {
  disputeId: string;
  number: string;
  place: string;
}) {
  const t = useT();
  const { outbox } = useMobileContext();
  const initial = useCallback(
    (): MeetingDraft => ({ at: localMinute(Date.now()), place, attendees: '', summary: '', outcome: '' }),
    [place],
  );
  const [draft, update, clear] = useDraft<MeetingDraft>(`meeting:${disputeId}`, initial);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const attendees = splitNames(draft.attendees);
    const at = new Date(draft.at);
    if (Number.isNaN(at.getTime())) return setError(t('mobile.meeting.needAt'));
    if (at.getTime() > Date.now()) return setError(t('mobile.meeting.futureAt'));
    if (!draft.place.trim()) return setError(t('mobile.meeting.needPlace'));
    if (attendees.length === 0) return setError(t('mobile.meeting.needAttendees'));
    if (!draft.summary.trim()) return setError(t('mobile.meeting.needSummary'));
    if (!draft.outcome.trim()) return setError(t('mobile.meeting.needOutcome'));
    setError(null);
    await outbox.enqueue({
      method: 'POST',
      url: disputeUrls.meeting(disputeId),
      body: {
        at: at.toISOString(),
        place: draft.place.trim(),
        attendees,
        summary: draft.summary.trim(),
        outcome: draft.outcome.trim(),
      },
      label: t('mobile.meeting.label', { number, text: draft.outcome.trim().slice(0, 16) }),
    });
    clear();
  };

  return (
    <>
      <div className="m-section-title">{t('mobile.meeting.title')}</div>
      <div className="m-card" data-testid="meeting-form">
        <label className="m-form-label" htmlFor="meeting-at">
          {t('mobile.meeting.at')}
        </label>
        <Input
          id="meeting-at"
          type="datetime-local"
          size="large"
          value={draft.at}
          onChange={(e) => update({ at: e.target.value })}
          data-testid="meeting-at"
        />
        <label className="m-form-label" htmlFor="meeting-place">
          {t('mobile.meeting.place')}
        </label>
        <Input
          id="meeting-place"
          size="large"
          maxLength={200}
          value={draft.place}
          onChange={(e) => update({ place: e.target.value })}
          data-testid="meeting-place"
        />
        <label className="m-form-label" htmlFor="meeting-attendees">
          {t('mobile.meeting.attendees')}
        </label>
        <Input
          id="meeting-attendees"
          size="large"
          value={draft.attendees}
          placeholder={t('mobile.meeting.attendeesHint')}
          onChange={(e) => update({ attendees: e.target.value })}
          data-testid="meeting-attendees"
        />
        <label className="m-form-label" htmlFor="meeting-summary">
          {t('mobile.meeting.summary')}
        </label>
        <Input.TextArea
          id="meeting-summary"
          rows={3}
          maxLength={2000}
          value={draft.summary}
          placeholder={t('mobile.meeting.summaryHint')}
          onChange={(e) => update({ summary: e.target.value })}
          data-testid="meeting-summary"
        />
        <label className="m-form-label" htmlFor="meeting-outcome">
          {t('mobile.meeting.outcome')}
        </label>
        <Input.TextArea
          id="meeting-outcome"
          rows={2}
          maxLength={500}
          value={draft.outcome}
          placeholder={t('mobile.meeting.outcomeHint')}
          onChange={(e) => update({ outcome: e.target.value })}
          data-testid="meeting-outcome"
        />
        {error && (
          <div className="m-card-sub" style={{ color: '#cf1322' }} data-testid="meeting-error">
            {error}
          </div>
        )}
        <div className="m-actions" style={{ marginTop: 12 }}>
          <Button
            className="m-button"
            type="primary"
            icon={<SendOutlined />}
            onClick={() => void submit()}
            data-testid="meeting-submit"
          >
            {t('mobile.meeting.submit')}
          </Button>
        </div>
      </div>
    </>
  );
}
