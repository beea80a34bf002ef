import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Modal, Table, Tag } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { type ServiceFollowUp, servicesApi, servicesKeys } from '../../api/services-api.ts';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { RatingPicker } from './rating-picker.tsx';

type Step = 'callback' | 'rectify' | 'fix-rating';
const NEXT: Record<string, Step | undefined> = {
  open: 'callback',
  'called-back': 'rectify',
  rectified: 'fix-rating',
};

/** 回访: every bad review is called back, rectified within the working days, and the fix rated. */
export function FollowUpsTab(props: { canWork: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<{ f: ServiceFollowUp; step: Step } | null>(null);
  const [note, setNote] = useState('');
  const list = useQuery({ queryKey: servicesKeys.followUps, queryFn: () => servicesApi.followUps() });
  const step = useMutation({
    mutationFn: (a: { id: string; step: Step; note?: string; level?: number }) =>
      servicesApi.followUpStep(a.id, { step: a.step, note: a.note, level: a.level }),
    onSuccess: () => {
      setEditing(null);
      setNote('');
      void queryClient.invalidateQueries({ queryKey: servicesKeys.followUps });
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  return (
    <div data-testid="svc-follow-ups">
      <Table<ServiceFollowUp>
        size="small"
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        columns={[
          { title: t('svc.follow.openedAt'), width: 150, render: (_, r) => formatDateTime(r.openedAt) },
          {
            title: t('svc.follow.level'),
            width: 110,
            render: (_, r) => t(`svc.rating.${r.level}` as MessageKey),
          },
          { title: t('svc.follow.comment'), render: (_, r) => r.comment ?? '—' },
          {
            title: t('svc.case.status'),
            width: 150,
            render: (_, r) => (
              <>
                <Tag>{t(`svc.follow.status.${r.status}` as MessageKey)}</Tag>
                {r.overdue && <Tag color="red">{t('svc.case.overdue')}</Tag>}
              </>
            ),
          },
          { title: t('svc.follow.rectifyBy'), dataIndex: 'rectifyBy', width: 110 },
          {
            title: t('svc.follow.notes'),
            render: (_, r) =>
              [r.callbackNote, r.rectifyNote, r.fixLevel ? t(`svc.rating.${r.fixLevel}` as MessageKey) : null]
                .filter(Boolean)
                .join(' / ') || '—',
          },
          {
            title: t('common.actions'),
            width: 110,
            render: (_, r) => {
              const next = NEXT[r.status];
              return props.canWork && next ? (
                <Button size="small" onClick={() => setEditing({ f: r, step: next })}>
                  {t(`svc.follow.step.${next}` as MessageKey)}
                </Button>
              ) : null;
            },
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing ? t(`svc.follow.step.${editing.step}` as MessageKey) : ''}
        onCancel={() => setEditing(null)}
        footer={editing?.step === 'fix-rating' ? null : undefined}
        okButtonProps={{ disabled: note.trim() === '', loading: step.isPending }}
        onOk={() => editing && step.mutate({ id: editing.f.id, step: editing.step, note: note.trim() })}
      >
        {editing?.step === 'fix-rating' ? (
          <RatingPicker onPick={(level) => step.mutate({ id: editing.f.id, step: 'fix-rating', level })} />
        ) : (
          <Input.TextArea rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
        )}
      </Modal>
    </div>
  );
}
