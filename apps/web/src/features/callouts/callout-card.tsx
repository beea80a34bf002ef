import type { Callout, IncidentDetail } from '@ronghui/contracts';
import { VOLUNTEER_SKILLS } from '@ronghui/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, InputNumber, Popover, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { api } from '../../api/http-client.ts';
import { hasAnyRole, useAuth } from '../../app/auth-context.tsx';
import { useT } from '../../i18n/i18n-context.tsx';

const STATUS_COLOR: Record<Callout['status'], string> = {
  open: 'processing',
  filled: 'success',
  expired: 'default',
  cancelled: 'default',
};

/** 一呼百应 on the incident panel: call volunteers (how many, which skills) and follow the call ring by ring. */
export function CalloutCard({ incident }: { incident: IncidentDetail }) {
  const t = useT();
  const { user } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [needed, setNeeded] = useState(3);
  const [skills, setSkills] = useState<string[]>([]);
  const [open, setOpen] = useState(false);
  const list = useQuery({
    queryKey: ['callouts', 'incident', incident.id],
    queryFn: () => api.get<{ items: Callout[] }>('/callouts'),
    // Follows the answers while the call is open.
    refetchInterval: 3_000,
  });
  const raise = useMutation({
    mutationFn: () =>
      api.post<Callout>(`/incidents/${incident.id}/callouts`, {
        needed,
        ...(skills.length ? { skills } : {}),
      }),
    onSuccess: (c) => {
      setOpen(false);
      message.success(t('callouts.raised', { count: c.candidates.length }));
      void queryClient.invalidateQueries({ queryKey: ['callouts'] });
      void queryClient.invalidateQueries({ queryKey: ['dispatch'] });
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  if (!hasAnyRole(user, ['dispatcher', 'commander', 'officer', 'auxiliary', 'leader'])) return null;
  const mine = (list.data?.items ?? []).filter((c) => c.incidentId === incident.id);
  const canRaise =
    hasAnyRole(user, ['dispatcher', 'commander']) &&
    incident.status !== 'closed' &&
    incident.status !== 'merged';
  const form = (
    <Space direction="vertical" data-testid="callout-form">
      <Space>
        <Typography.Text>{t('callouts.needed')}</Typography.Text>
        <InputNumber
          min={1}
          max={20}
          value={needed}
          onChange={(v) => setNeeded(v ?? 3)}
          aria-label={t('callouts.needed')}
        />
      </Space>
      <Select
        mode="multiple"
        style={{ width: 220 }}
        placeholder={t('callouts.skills')}
        value={skills}
        onChange={setSkills}
        options={VOLUNTEER_SKILLS.map((s) => ({ value: s, label: s }))}
      />
      <Button
        type="primary"
        loading={raise.isPending}
        onClick={() => raise.mutate()}
        data-testid="callout-send"
      >
        {t('callouts.send')}
      </Button>
    </Space>
  );
  return (
    <div style={{ marginBottom: 8 }}>
      {canRaise && (
        <Popover content={form} trigger="click" open={open} onOpenChange={setOpen}>
          <Button size="small" danger data-testid="callout-button">
            {t('callouts.button')}
          </Button>
        </Popover>
      )}
      {mine.map((c) => (
        <Card key={c.id} size="small" style={{ marginTop: 8 }} data-testid="callout-card">
          <Space wrap>
            <Typography.Text strong>{t('callouts.title')}</Typography.Text>
            <Tag color={STATUS_COLOR[c.status]}>{t(`callouts.status.${c.status}`)}</Tag>
            <Typography.Text>
              {t('callouts.progress', { accepted: c.accepted, needed: c.needed })}
            </Typography.Text>
          </Space>
          {c.rings.map((r) => (
            <div key={r.ring}>
              <Typography.Text type="secondary">
                {t('callouts.ring', {
                  ring: r.ring,
                  seconds: r.seconds,
                  alerted: r.alerted,
                  accepted: r.accepted,
                  declined: r.declined,
                  expired: r.expired,
                })}
              </Typography.Text>
            </div>
          ))}
        </Card>
      ))}
    </div>
  );
}
