import type { ServiceItem } from '@ronghui/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Drawer, Input, Modal, Select, Space, Table, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import {
  type ServiceCase,
  type ServiceHall,
  type ServiceRevealField,
  servicesApi,
  servicesKeys,
} from '../../api/services-api.ts';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { CaseAcceptModal } from './case-accept-modal.tsx';
import { dueState, shanghaiDate } from './service-view.ts';

const STATUSES = ['accepted', 'processing', 'completed', 'delivered', 'cancelled'] as const;
const NEXT_STEPS: Record<string, readonly ('process' | 'complete' | 'deliver' | 'cancel')[]> = {
  accepted: ['process', 'complete', 'cancel'],
  processing: ['complete', 'cancel'],
  completed: ['deliver'],
};

/** 办件: the cases of the caller's halls with their deadlines; a drawer moves one on. */
export function CasesTab(props: {
  halls: readonly ServiceHall[];
  items: readonly ServiceItem[];
  canWork: boolean;
}) {
  const t = useT();
  const [status, setStatus] = useState<string | undefined>();
  const [itemCode, setItemCode] = useState<string | undefined>();
  const [dueBy, setDueBy] = useState<string>('');
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const [accepting, setAccepting] = useState(false);
  const today = shanghaiDate(Date.now());
  const filter = { status, itemCode, dueBy: dueBy || undefined, page, pageSize: 20 };
  const cases = useQuery({
    queryKey: servicesKeys.cases(JSON.stringify(filter)),
    queryFn: () => servicesApi.cases(filter),
  });
  return (
    <div data-testid="svc-cases">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('svc.case.status')}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={STATUSES.map((s) => ({ value: s, label: t(`svc.case.status.${s}` as MessageKey) }))}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 240 }}
          placeholder={t('svc.case.item')}
          value={itemCode}
          onChange={(v) => {
            setItemCode(v);
            setPage(1);
          }}
          options={props.items.map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }))}
        />
        <Input
          type="date"
          style={{ width: 170 }}
          value={dueBy}
          onChange={(e) => setDueBy(e.target.value)}
          addonBefore={t('svc.case.dueBy')}
        />
        {props.canWork && props.halls.length > 0 && (
          <Button type="primary" onClick={() => setAccepting(true)} data-testid="svc-case-new">
            {t('svc.queue.accept')}
          </Button>
        )}
      </Space>
      <Table<ServiceCase>
        size="small"
        rowKey="id"
        loading={cases.isPending}
        dataSource={cases.data?.items ?? []}
        onRow={(r) =>
          ({
            onClick: () => setOpenId(r.id),
            style: { cursor: 'pointer' },
            'data-testid': 'svc-case-row',
          }) as object
        }
        pagination={{ current: page, pageSize: 20, total: cases.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('svc.case.number'), dataIndex: 'number', width: 200 },
          { title: t('svc.case.item'), dataIndex: 'itemName' },
          { title: t('svc.case.applicant'), dataIndex: 'applicantName', width: 100 },
          {
            title: t('svc.case.status'),
            width: 100,
            render: (_, r) => <Tag>{t(`svc.case.status.${r.status}` as MessageKey)}</Tag>,
          },
          {
            title: t('svc.case.deadline'),
            width: 180,
            render: (_, r) => {
              const due = dueState(r, today);
              return (
                <Space size={4}>
                  {r.deadline}
                  {r.expedited && <Tag color="purple">{t('svc.case.expedited')}</Tag>}
                  {due && (
                    <Tag color={due === 'overdue' ? 'red' : 'orange'} data-testid={`svc-due-${due}`}>
                      {t(`svc.case.${due}` as MessageKey)}
                    </Tag>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
      <CaseDrawer id={openId} canWork={props.canWork} onClose={() => setOpenId(null)} />
      {props.halls[0] && (
        <CaseAcceptModal
          open={accepting}
          hallId={props.halls[0].id}
          items={props.items}
          onClose={() => setAccepting(false)}
        />
      )}
    </div>
  );
}

function CaseDrawer(props: { id: string | null; canWork: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [revealed, setRevealed] = useState<Partial<Record<ServiceRevealField, string>>>({});
  const [revealing, setRevealing] = useState<ServiceRevealField | null>(null);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const detail = useQuery({
    queryKey: servicesKeys.case(props.id ?? ''),
    queryFn: () => servicesApi.case(props.id!),
    enabled: props.id !== null,
  });
  const step = useMutation({
    mutationFn: (s: 'process' | 'complete' | 'deliver' | 'cancel') =>
      servicesApi.step(props.id!, { step: s, note: note.trim() || undefined }),
    onSuccess: () => {
      setNote('');
      void queryClient.invalidateQueries({ queryKey: servicesKeys.all });
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  const reveal = useMutation({
    mutationFn: (field: ServiceRevealField) => servicesApi.reveal(props.id!, field, reason.trim()),
    onSuccess: (r) => {
      setRevealed((prev) => ({ ...prev, [r.field]: r.value }));
      setRevealing(null);
      setReason('');
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  const c = detail.data;
  const personal = (field: ServiceRevealField, masked: string | null) => (
    <Space>
      {revealed[field] ?? masked ?? '—'}
      {props.canWork && masked && !revealed[field] && (
        <Button
          size="small"
          type="link"
          onClick={() => setRevealing(field)}
          data-testid={`svc-reveal-${field}`}
        >
          {t('svc.case.reveal')}
        </Button>
      )}
    </Space>
  );
  return (
    <Drawer
      open={props.id !== null}
      onClose={() => {
        setRevealed({});
        props.onClose();
      }}
      width={560}
      title={c?.number ?? t('common.loading')}
      data-testid="svc-case-drawer"
    >
      {c && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('svc.case.item')}>{c.itemName}</Descriptions.Item>
            <Descriptions.Item label={t('svc.case.status')}>
              {t(`svc.case.status.${c.status}` as MessageKey)}
            </Descriptions.Item>
            <Descriptions.Item label={t('svc.case.applicant')}>
              {personal('applicantName', c.applicantName)}
            </Descriptions.Item>
            <Descriptions.Item label={t('svc.case.phone')}>
              {personal('applicantPhone', c.applicantPhone)}
            </Descriptions.Item>
            <Descriptions.Item label={t('svc.case.idNumber')}>
              {personal('applicantIdNumber', c.applicantIdNumber)}
            </Descriptions.Item>
            <Descriptions.Item label={t('svc.case.acceptedAt')}>
              {formatDateTime(c.acceptedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('svc.case.deadline')}>
              {c.deadline}（{t('svc.case.warnOn', { date: c.warnOn })}）
            </Descriptions.Item>
            <Descriptions.Item label={t('svc.case.channel')}>
              {t(`svc.channel.${c.channel}` as MessageKey)}
            </Descriptions.Item>
            <Descriptions.Item label={t('svc.case.clerk')}>{c.clerk ?? '—'}</Descriptions.Item>
          </Descriptions>
          <h4 style={{ marginTop: 16 }}>{t('svc.case.timeline')}</h4>
          <Timeline
            items={c.timeline.map((e) => ({
              children: (
                <>
                  {formatDateTime(e.at)} · {t(`svc.case.status.${e.status}` as MessageKey)} · {e.actor}
                  {e.note ? ` · ${e.note}` : ''}
                </>
              ),
            }))}
          />
          {props.canWork && (NEXT_STEPS[c.status]?.length ?? 0) > 0 && (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Input.TextArea
                rows={2}
                maxLength={200}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                placeholder={t('svc.case.note')}
              />
              <Space wrap>
                {NEXT_STEPS[c.status]!.map((s) => (
                  <Button
                    key={s}
                    danger={s === 'cancel'}
                    type={s === 'cancel' ? 'default' : 'primary'}
                    loading={step.isPending && step.variables === s}
                    onClick={() => step.mutate(s)}
                    data-testid={`svc-step-${s}`}
                  >
                    {t(`svc.case.step.${s}` as MessageKey)}
                  </Button>
                ))}
              </Space>
            </Space>
          )}
        </>
      )}
      <Modal
        open={revealing !== null}
        title={t('svc.case.revealTitle')}
        onCancel={() => setRevealing(null)}
        okButtonProps={{ disabled: reason.trim().length < 2, loading: reveal.isPending }}
        onOk={() => revealing && reveal.mutate(revealing)}
      >
        <Input.TextArea
          rows={2}
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('svc.case.revealReason')}
        />
      </Modal>
    </Drawer>
  );
}
