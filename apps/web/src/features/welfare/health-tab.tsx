import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Input,
  Modal,
  Progress,
  Radio,
  Row,
  Space,
  Table,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { type WelfareHealthCheck, welfareApi, welfareKeys } from '../../api/welfare-api.ts';
import { LoadError } from '../../app/load-error.tsx';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { RevealModal } from './reveal-modal.tsx';
import { beijingToday, percent } from './welfare-view.ts';

/** 体检: campaigns with their completion, the people of one, marking a check done; results hidden until revealed. */
export function HealthTab() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const campaigns = useQuery({ queryKey: welfareKeys.campaigns, queryFn: () => welfareApi.campaigns() });
  const [picked, setPicked] = useState<string | null>(null);
  const [status, setStatus] = useState<'pending' | 'done'>('pending');
  const [page, setPage] = useState(1);
  const [marking, setMarking] = useState<WelfareHealthCheck | null>(null);
  const [doneOn, setDoneOn] = useState<Dayjs>(dayjs(beijingToday()));
  const [result, setResult] = useState('');
  const [revealing, setRevealing] = useState<WelfareHealthCheck | null>(null);
  const campaignId = picked ?? campaigns.data?.items[0]?.id ?? null;
  const campaign = campaigns.data?.items.find((c) => c.id === campaignId);
  const filter = { status, page, pageSize: 20 };
  const checks = useQuery({
    queryKey: welfareKeys.checks(campaignId ?? '', JSON.stringify(filter)),
    queryFn: () => welfareApi.checks(campaignId!, filter),
    enabled: campaignId !== null,
  });
  const mark = useMutation({
    mutationFn: (c: WelfareHealthCheck) =>
      welfareApi.markDone(c.campaignId, c.staffId, {
        doneOn: doneOn.format('YYYY-MM-DD'),
        result: result.trim() || undefined,
      }),
    onSuccess: () => {
      message.success(t('wf.health.saved'));
      setMarking(null);
      setResult('');
      void queryClient.invalidateQueries({ queryKey: welfareKeys.all });
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  if (campaigns.isError)
    return <LoadError error={campaigns.error} onRetry={() => void campaigns.refetch()} />;
  return (
    <div data-testid="wf-health">
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {(campaigns.data?.items ?? []).map((c) => (
          <Col key={c.id} xs={24} md={12} xl={8}>
            <Card
              size="small"
              hoverable
              onClick={() => {
                setPicked(c.id);
                setPage(1);
              }}
              style={c.id === campaignId ? { borderColor: '#1677ff' } : undefined}
              title={c.title}
              extra={c.demo && <Tag color="gold">{t('wf.demo')}</Tag>}
              data-testid="wf-campaign"
            >
              <Progress percent={Math.round((c.rate ?? 0) * 1000) / 10} />
              <div>
                {t('wf.health.progress', { done: c.done, targets: c.targets })} ·{' '}
                {t('wf.health.due', { date: c.dueOn })}
              </div>
            </Card>
          </Col>
        ))}
      </Row>
      {campaigns.data?.items.length === 0 && <Empty description={t('wf.health.none')} />}
      {campaign && (
        <>
          <Space style={{ marginBottom: 12 }}>
            <Radio.Group
              value={status}
              optionType="button"
              onChange={(e) => {
                setStatus(e.target.value);
                setPage(1);
              }}
              options={[
                { value: 'pending', label: t('wf.health.pending') },
                { value: 'done', label: t('wf.health.done') },
              ]}
            />
            <span>
              {campaign.title} · {percent(campaign.rate)}
            </span>
          </Space>
          <Table<WelfareHealthCheck>
            rowKey="staffId"
            scroll={{ x: 'max-content' }}
            size="small"
            loading={checks.isPending}
            dataSource={checks.data?.items ?? []}
            pagination={{
              current: page,
              pageSize: 20,
              total: checks.data?.total ?? 0,
              showSizeChanger: false,
              onChange: setPage,
              showTotal: (n) => t('wf.total', { n }),
            }}
            columns={[
              { title: t('wf.staff.name'), dataIndex: 'staffName', width: 100 },
              {
                title: t('wf.staff.kind'),
                width: 90,
                render: (_: unknown, c) => t(`wf.kind.${c.kind}` as MessageKey),
              },
              { title: t('wf.staff.org'), dataIndex: 'orgName' },
              {
                title: t('wf.health.doneOn'),
                width: 120,
                render: (_: unknown, c) =>
                  c.doneOn ?? (c.overdue ? <Tag color="red">{t('wf.health.overdue')}</Tag> : '—'),
              },
              {
                title: t('wf.health.result'),
                width: 140,
                render: (_: unknown, c) =>
                  c.result ? (
                    <Space size={4}>
                      {c.result}
                      <Button size="small" type="link" onClick={() => setRevealing(c)}>
                        {t('wf.reveal.show')}
                      </Button>
                    </Space>
                  ) : (
                    '—'
                  ),
              },
              {
                title: '',
                width: 110,
                render: (_: unknown, c) =>
                  !c.doneOn && (
                    <Button size="small" onClick={() => setMarking(c)} data-testid="wf-check-mark">
                      {t('wf.health.mark')}
                    </Button>
                  ),
              },
            ]}
          />
        </>
      )}
      <Modal
        open={marking !== null}
        title={marking ? t('wf.health.markTitle', { name: marking.staffName }) : ''}
        onCancel={() => setMarking(null)}
        okButtonProps={{ loading: mark.isPending, 'data-testid': 'wf-check-save' }}
        onOk={() => marking && mark.mutate(marking)}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <DatePicker
            value={doneOn}
            onChange={(d) => d && setDoneOn(d)}
            disabledDate={(d) => d.format('YYYY-MM-DD') > beijingToday()}
          />
          <Input.TextArea
            rows={2}
            maxLength={1000}
            value={result}
            onChange={(e) => setResult(e.target.value)}
            placeholder={t('wf.health.resultHint')}
            data-testid="wf-check-result"
          />
        </Space>
      </Modal>
      <RevealModal
        open={revealing !== null}
        title={
          revealing ? t('wf.reveal.title', { name: revealing.staffName, field: t('wf.health.result') }) : ''
        }
        onClose={() => setRevealing(null)}
        reveal={(reason) => welfareApi.revealResult(revealing!.campaignId, revealing!.staffId, reason)}
      />
    </div>
  );
}
