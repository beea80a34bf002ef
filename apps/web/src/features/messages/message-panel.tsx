import type { Message } from '@ronghui/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, List, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { dispatchApi } from '../../api/dispatch-api.ts';
import { useLiveEvents } from '../../app/live-channel.tsx';

/** A station or joint area the panel can address. */
export interface MessageTarget {
  id: string;
  name: string;
  kind: 'station' | 'area';
}

export interface MessagePanelProps {
  stations: readonly MessageTarget[];
  canOrder: boolean;
}

/** Inbox and sent box (live), 签收 of what came in, and a short message or order to stations. */
export function MessagePanel({ stations, canOrder }: MessagePanelProps) {
  const t = useT();
  const queryClient = useQueryClient();
  const [box, setBox] = useState<'inbox' | 'sent'>('inbox');
  const [to, setTo] = useState<string[]>([]);
  const [kind, setKind] = useState<'message' | 'order'>('message');
  const [text, setText] = useState('');
  const list = useQuery({
    queryKey: ['dispatch', 'messages', box],
    queryFn: () => dispatchApi.messages(box),
  });
  useLiveEvents(
    'message.*',
    () => void queryClient.invalidateQueries({ queryKey: ['dispatch', 'messages'] }),
  );
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['dispatch', 'messages'] });
  const send = useMutation({
    mutationFn: () => {
      const areas = new Set(stations.filter((s) => s.kind === 'area').map((s) => s.id));
      const stationIds = to.filter((id) => !areas.has(id));
      const areaIds = to.filter((id) => areas.has(id));
      const recipients = {
        ...(stationIds.length > 0 ? { stations: stationIds } : {}),
        ...(areaIds.length > 0 ? { areas: areaIds } : {}),
      };
      return dispatchApi.sendMessage({ to: recipients, kind, text: text.trim() });
    },
    onSuccess: () => {
      setText('');
      refresh();
    },
  });
  const ack = useMutation({ mutationFn: (id: string) => dispatchApi.ackMessage(id), onSuccess: refresh });

  return (
    <div data-testid="message-panel">
      <Space.Compact block style={{ marginBottom: 4 }}>
        <Select
          mode="multiple"
          style={{ width: '100%' }}
          placeholder={t('dispatch.msg.to')}
          aria-label={t('dispatch.msg.to')}
          value={to}
          onChange={setTo}
          maxTagCount="responsive"
          options={stations.map((s) => ({ value: s.id, label: s.name }))}
          optionFilterProp="label"
        />
        {canOrder && (
          <Select
            style={{ width: 90 }}
            value={kind}
            onChange={setKind}
            options={[
              { value: 'message', label: t('dispatch.msg.message') },
              { value: 'order', label: t('dispatch.msg.order') },
            ]}
          />
        )}
      </Space.Compact>
      <Space.Compact block>
        <Input
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('dispatch.msg.text')}
          aria-label={t('dispatch.msg.text')}
          maxLength={1000}
          onPressEnter={() => to.length > 0 && text.trim() && send.mutate()}
        />
        <Button
          type="primary"
          autoInsertSpace={false}
          disabled={to.length === 0 || !text.trim()}
          loading={send.isPending}
          onClick={() => send.mutate()}
        >
          {t('dispatch.msg.send')}
        </Button>
      </Space.Compact>
      {send.isError && (
        <Alert type="error" showIcon title={describeError(send.error, t)} style={{ marginTop: 4 }} />
      )}
      {ack.isError && (
        <Alert type="error" showIcon title={describeError(ack.error, t)} style={{ marginTop: 4 }} />
      )}
      <Segmented
        size="small"
        style={{ margin: '8px 0' }}
        value={box}
        onChange={(v) => setBox(v as 'inbox' | 'sent')}
        options={[
          { value: 'inbox', label: t('dispatch.msg.inbox') },
          { value: 'sent', label: t('dispatch.msg.sent') },
        ]}
      />
      <List<Message>
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('dispatch.msg.empty') }}
        renderItem={(m) => {
          const pending = m.mine.some((r) => r.kind === 'user' && r.state !== 'acknowledged');
          return (
            <List.Item
              actions={
                box === 'inbox' && pending
                  ? [
                      <Button
                        key="ack"
                        size="small"
                        type="link"
                        autoInsertSpace={false}
                        onClick={() => ack.mutate(m.id)}
                      >
                        {t('dispatch.msg.ack')}
                      </Button>,
                    ]
                  : []
              }
            >
              <div style={{ minWidth: 0 }} data-testid="message-item">
                <Space size={4}>
                  {m.kind === 'order' && <Tag color="red">{t('dispatch.msg.order')}</Tag>}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(m.createdAt)} · {m.from.name}
                  </Typography.Text>
                </Space>
                <div>{m.text}</div>
                {box === 'sent' && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('dispatch.msg.counts', { ack: m.counts.acknowledged, total: m.counts.total })}
                  </Typography.Text>
                )}
              </div>
            </List.Item>
          );
        }}
      />
    </div>
  );
}
