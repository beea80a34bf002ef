import type { RosterEntry, RosterRevealed } from '@ronghui/contracts';
import { useQuery } from '@tanstack/react-query';
import { EyeOutlined, UserAddOutlined } from '@ant-design/icons';
import {
  Button,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { LoadError } from '../../app/load-error.tsx';
import { useT } from '../../i18n/i18n-context.tsx';
import { gridApi } from '../../api/grid-api.ts';
import { AppointModal, EndModal } from './roster-forms.tsx';

const ROLE_COLORS: Record<RosterEntry['role'], string> = {
  'community-officer': 'blue',
  auxiliary: 'geekblue',
  assistant: 'purple',
  'full-time': 'green',
  'part-time': 'cyan',
  'village-cadre': 'gold',
  volunteer: 'orange',
};

/** Shows one appointment's full name or phone after a stated reason (the server audits it). */
function RevealModal({ entry, onClose }: { entry: RosterEntry; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ field: RosterRevealed['field']; reason: string }>();
  const [shown, setShown] = useState<RosterRevealed | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      setShown(await gridApi.reveal(entry.id, values));
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('grid.reveal.title', { name: entry.name })}
      onCancel={onClose}
      onOk={shown ? onClose : submit}
      okText={shown ? t('common.confirm') : t('grid.reveal.submit')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'reveal-submit' } as Record<`data-${string}`, string>}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ field: 'phone', reason: '' }}>
        <Form.Item name="field" label={t('grid.reveal.field')}>
          <Radio.Group>
            <Radio value="phone">{t('grid.roster.phone')}</Radio>
            <Radio value="name">{t('grid.roster.name')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('grid.reveal.reason')}
          rules={[{ required: true, min: 4, message: t('grid.reveal.reasonRule') }]}
        >
          <Input
            placeholder={t('grid.reveal.reasonPlaceholder')}
            maxLength={200}
            data-testid="reveal-reason"
          />
        </Form.Item>
      </Form>
      {shown && (
        <Typography.Paragraph data-testid="revealed-value">
          {t(shown.field === 'phone' ? 'grid.roster.phone' : 'grid.roster.name')}：
          <Typography.Text strong copyable>
            {shown.value}
          </Typography.Text>
        </Typography.Paragraph>
      )}
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      <Typography.Paragraph type="secondary">{t('grid.reveal.audited')}</Typography.Paragraph>
    </Modal>
  );
}

/**
 * The "1+2+N" roster of one grid: current appointments, masked; history (ended ones with their end day
 * and reason) on request. Commanders and officers appoint people and end appointments here.
 */
export function RosterPanel({
  gridId,
  layer,
  canWrite,
}: {
  gridId: string;
  layer: 'police' | 'community';
  canWrite: boolean;
}) {
  const t = useT();
  const [history, setHistory] = useState(false);
  const [revealing, setRevealing] = useState<RosterEntry | null>(null);
  const [appointing, setAppointing] = useState(false);
  const [ending, setEnding] = useState<RosterEntry | null>(null);
  const rosters = useQuery({
    queryKey: ['grid', 'rosters', gridId, history],
    queryFn: () => gridApi.rosters(gridId, history),
  });
  if (rosters.error) return <LoadError error={rosters.error} onRetry={() => rosters.refetch()} />;
  if (rosters.isPending) return <Skeleton active />;
  return (
    <div data-testid="grid-roster">
      <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 8 }}>
        <Typography.Text type="secondary">{t('common.total', { n: rosters.data.total })}</Typography.Text>
        <Space>
          <span>
            <Switch size="small" checked={history} onChange={setHistory} data-testid="roster-history" />{' '}
            {t('grid.roster.history')}
          </span>
          {canWrite && (
            <Button
              size="small"
              type="primary"
              icon={<UserAddOutlined />}
              onClick={() => setAppointing(true)}
              data-testid="roster-appoint"
            >
              {t('grid.appoint.button')}
            </Button>
          )}
        </Space>
      </div>
      {rosters.data.items.length === 0 ? (
        <Empty description={t('grid.roster.empty')} />
      ) : (
        <Table<RosterEntry>
          size="small"
          rowKey="id"
          scroll={{ x: 'max-content' }}
          pagination={rosters.data.items.length > 12 ? { pageSize: 12, size: 'small' } : false}
          dataSource={rosters.data.items}
          onRow={(r) =>
            ({ 'data-testid': 'roster-row', 'data-current': String(r.current) }) as Record<string, string>
          }
          columns={[
            {
              title: t('grid.roster.role'),
              dataIndex: 'role',
              render: (role: RosterEntry['role']) => (
                <Tag color={ROLE_COLORS[role]}>{t(`grid.role.${role}`)}</Tag>
              ),
            },
            {
              title: t('grid.roster.name'),
              dataIndex: 'name',
              onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
            },
            {
              title: t('grid.roster.phone'),
              dataIndex: 'phone',
              onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
              render: (p: string | null) => p ?? '—',
            },
            {
              title: t('grid.roster.since'),
              dataIndex: 'startsOn',
              render: (s: string, r) => (
                <>
                  <span style={{ whiteSpace: 'nowrap' }}>{r.endsOn ? `${s} ~ ${r.endsOn}` : s}</span>
                  {r.endReason && (
                    <Typography.Text type="secondary" style={{ display: 'block' }}>
                      {t('grid.roster.ended', { reason: r.endReason })}
                    </Typography.Text>
                  )}
                </>
              ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, r) => (
                <Space size={0}>
                  <Button
                    size="small"
                    type="link"
                    style={{ paddingInline: 2 }}
                    icon={<EyeOutlined />}
                    title={t('grid.reveal.button')}
                    aria-label={t('grid.reveal.button')}
                    onClick={() => setRevealing(r)}
                  />
                  {canWrite && !r.endsOn && (
                    <Button
                      size="small"
                      type="link"
                      danger
                      style={{ paddingInline: 2 }}
                      onClick={() => setEnding(r)}
                      data-testid="roster-end"
                    >
                      {t('grid.end.button')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      {revealing && <RevealModal entry={revealing} onClose={() => setRevealing(null)} />}
      {appointing && <AppointModal gridId={gridId} layer={layer} onClose={() => setAppointing(false)} />}
      {ending && <EndModal entry={ending} onClose={() => setEnding(null)} />}
    </div>
  );
}
