import { FilePdfOutlined } from '@ant-design/icons';
import { DISPUTE_REFERRAL_TARGETS, type DisputeDetail, type DisputeStatusBody } from '@ronghui/contracts';
import { useMutation } from '@tanstack/react-query';
import {
  App,
  Button,
  Descriptions,
  Divider,
  Empty,
  Input,
  List,
  Modal,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { RISK_COLOR, STATUS_COLOR } from './dispute-labels.ts';
import { DisputeStepModal, type StepKind } from './dispute-step-forms.tsx';
import { disputesApi } from '../../api/disputes-api.ts';

interface RevealTarget {
  partyId: string;
  field: 'name' | 'phone' | 'idNumber';
}

/** Asks for the reason, then shows one party's field in full (the server audits it). */
function RevealModal(props: {
  disputeId: string;
  target: RevealTarget;
  onRevealed: (value: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const reveal = useMutation({
    mutationFn: () => disputesApi.reveal(props.disputeId, { ...props.target, reason }),
    onSuccess: (r) => props.onRevealed(r.value),
    onError: (error) => message.error(describeError(error, t)),
  });
  return (
    <Modal
      open
      title={t('disputes.reveal')}
      onCancel={props.onClose}
      onOk={() => reveal.mutate()}
      confirmLoading={reveal.isPending}
      okButtonProps={{ 'data-testid': 'dispute-reveal-submit' } as Record<`data-${string}`, string>}
      destroyOnHidden
    >
      <Input
        autoFocus
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={t('disputes.reveal.reason')}
        data-testid="dispute-reveal-reason"
      />
    </Modal>
  );
}

/** One dispute: place, parties (masked, reveal with a reason), mediators, meetings, agreement, timeline. */
export function DisputeDetailView({
  dispute,
  canWrite,
  onChanged,
}: {
  dispute: DisputeDetail;
  canWrite: boolean;
  onChanged: (d: DisputeDetail) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [step, setStep] = useState<StepKind | null>(null);
  const [referTo, setReferTo] = useState<(typeof DISPUTE_REFERRAL_TARGETS)[number]>('judicial-office');
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  const [revealing, setRevealing] = useState<RevealTarget | null>(null);
  const d = dispute;
  const move = useMutation({
    mutationFn: (body: DisputeStatusBody) => disputesApi.status(d.id, body),
    onSuccess: (next) => {
      message.success(t('disputes.action.done'));
      onChanged(next);
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  const shown = (partyId: string, field: 'name' | 'phone' | 'idNumber', masked: string | null) =>
    masked ? (
      <Typography.Link onClick={() => setRevealing({ partyId, field })} title={t('disputes.reveal')}>
        {revealed[`${partyId}/${field}`] ?? masked}
      </Typography.Link>
    ) : (
      '—'
    );
  const open = d.status === 'registered' || d.status === 'mediating';
  return (
    <div data-testid="dispute-detail" data-status={d.status}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Tag color={RISK_COLOR[d.risk]}>{t(`disputes.risk.${d.risk}` as MessageKey)}</Tag>
        <Tag color={STATUS_COLOR[d.status]} data-testid="dispute-status">
          {t(`disputes.status.${d.status}` as MessageKey)}
        </Tag>
        {d.overdue ? <Tag color="red">{t('disputes.overdue')}</Tag> : null}
        {d.dueSoon ? <Tag color="orange">{t('disputes.dueSoon')}</Tag> : null}
      </Space>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('disputes.field.kind')}>
          {t(`disputes.kind.${d.kind}` as MessageKey)}
        </Descriptions.Item>
        <Descriptions.Item label={t('disputes.field.number')}>{d.number}</Descriptions.Item>
        <Descriptions.Item label={t('disputes.field.address')} span={2}>
          {d.address ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('disputes.field.grid')}>{d.grid?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('disputes.field.station')}>{d.station?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('disputes.field.registeredAt')}>
          {formatDateTime(d.registeredAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('disputes.field.dueAt')}>{formatDateTime(d.dueAt)}</Descriptions.Item>
        <Descriptions.Item label={t('disputes.field.description')} span={2}>
          {d.description}
        </Descriptions.Item>
        <Descriptions.Item label={t('disputes.field.parties')} span={2}>
          {d.parties.map((p) => (
            <div key={p.id} data-testid="dispute-party">
              {shown(p.id, 'name', p.name)} · {shown(p.id, 'phone', p.phone)} ·{' '}
              {shown(p.id, 'idNumber', p.idNumber)}
            </div>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('disputes.field.mediators')} span={2}>
          {d.mediators.map((m) => `${m.name}（${t(`disputes.role.${m.role}` as MessageKey)}）`).join('、') ||
            '—'}
        </Descriptions.Item>
      </Descriptions>
      {canWrite ? (
        <Space wrap style={{ margin: '12px 0' }}>
          {open ? (
            <Button type="primary" data-testid="dispute-add-meeting" onClick={() => setStep('meeting')}>
              {t('disputes.meeting.add')}
            </Button>
          ) : null}
          {d.status === 'mediating' ? (
            <Button
              type="primary"
              data-testid="dispute-record-agreement"
              onClick={() => setStep('agreement')}
            >
              {t('disputes.agreement.record')}
            </Button>
          ) : null}
          {d.status === 'mediating' ? (
            <Button danger onClick={() => move.mutate({ status: 'failed' })}>
              {t('disputes.action.fail')}
            </Button>
          ) : null}
          {['registered', 'mediating', 'failed'].includes(d.status) ? (
            <Space.Compact>
              <Select
                style={{ width: 220 }}
                value={referTo}
                onChange={setReferTo}
                options={DISPUTE_REFERRAL_TARGETS.map((r) => ({
                  value: r,
                  label: t(`disputes.referral.${r}` as MessageKey),
                }))}
              />
              <Button onClick={() => move.mutate({ status: 'referred', referralTarget: referTo })}>
                {t('disputes.action.refer')}
              </Button>
            </Space.Compact>
          ) : null}
          {['settled', 'failed', 'referred', 'followed-up'].includes(d.status) ? (
            <Button data-testid="dispute-follow-up" onClick={() => setStep('follow-up')}>
              {t('disputes.followUp.add')}
            </Button>
          ) : null}
          {['failed', 'referred', 'followed-up', 'settled'].includes(d.status) ? (
            <Button onClick={() => move.mutate({ status: 'closed' })}>{t('disputes.action.close')}</Button>
          ) : null}
        </Space>
      ) : null}
      <Divider titlePlacement="start">{t('disputes.detail.agreement')}</Divider>
      {d.agreement ? (
        <div data-testid="dispute-agreement">
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('disputes.agreement.facts')}>{d.agreement.facts}</Descriptions.Item>
            <Descriptions.Item label={t('disputes.agreement.responsibilities')}>
              {d.agreement.responsibilities}
            </Descriptions.Item>
            <Descriptions.Item label={t('disputes.agreement.obligations')}>
              {d.agreement.obligations}
            </Descriptions.Item>
            <Descriptions.Item label={t('disputes.agreement.performance')}>
              {d.agreement.performance}
              {d.agreement.performBy ? `（${d.agreement.performBy}）` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('disputes.agreement.signedAt')}>
              {formatDateTime(d.agreement.signedAt)}
            </Descriptions.Item>
          </Descriptions>
          <Button
            icon={<FilePdfOutlined />}
            href={disputesApi.pdfUrl(d.id)}
            target="_blank"
            data-testid="dispute-pdf"
          >
            {t('disputes.agreement.pdf')}
          </Button>
        </div>
      ) : (
        <Typography.Text type="secondary">{t('disputes.detail.noAgreement')}</Typography.Text>
      )}
      <Divider titlePlacement="start">{t('disputes.detail.meetings')}</Divider>
      {d.meetings.length ? (
        <List
          size="small"
          data-testid="dispute-meetings"
          dataSource={d.meetings}
          renderItem={(m) => (
            <List.Item>
              <div>
                <b>{formatDateTime(m.at)}</b> · {m.place} · {m.attendees.join('、')}
                <div>{m.summary}</div>
                <Typography.Text type="success">{m.outcome}</Typography.Text>
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
      {d.followUps.length ? (
        <>
          <Divider titlePlacement="start">{t('disputes.detail.followUps')}</Divider>
          {d.followUps.map((f) => (
            <div key={f.at}>
              {formatDateTime(f.at)} · {f.by} · {f.note}
            </div>
          ))}
        </>
      ) : null}
      <Divider titlePlacement="start">{t('disputes.detail.timeline')}</Divider>
      <Timeline
        data-testid="dispute-timeline"
        items={d.timeline.map((e, i) => ({
          key: `${e.at}-${i}`,
          color: e.kind === 'agreement' ? 'green' : e.toStatus ? 'blue' : 'gray',
          content: (
            <span style={{ fontSize: 12 }} data-kind={e.kind}>
              {formatDateTime(e.at)} · {t(`disputes.timeline.${e.kind}` as MessageKey)}
              {e.toStatus && e.kind === 'status'
                ? ` → ${t(`disputes.status.${e.toStatus}` as MessageKey)}`
                : ''}{' '}
              · {e.actor}
              {e.note ? ` · ${e.note}` : ''}
            </span>
          ),
        }))}
      />
      <DisputeStepModal
        dispute={d}
        kind={step}
        onClose={() => setStep(null)}
        onSaved={(next) => {
          setStep(null);
          onChanged(next);
        }}
      />
      {revealing && (
        <RevealModal
          disputeId={d.id}
          target={revealing}
          onRevealed={(value) => {
            setRevealed((s) => ({ ...s, [`${revealing.partyId}/${revealing.field}`]: value }));
            setRevealing(null);
          }}
          onClose={() => setRevealing(null)}
        />
      )}
    </div>
  );
}
