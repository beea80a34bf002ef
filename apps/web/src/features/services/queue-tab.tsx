import type { ServiceItem } from '@ronghui/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  type ButtonProps,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { type ServiceHall, type ServiceTicket, servicesApi, servicesKeys } from '../../api/services-api.ts';
import { useAuth } from '../../app/auth-context.tsx';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { CaseAcceptModal } from './case-accept-modal.tsx';
import { RatingPicker } from './rating-picker.tsx';
import { minutes } from './service-view.ts';

/**
 * 叫号: a clerk signs in to a counter of their hall, calls the next ticket, serves it (accepting its
 * cases), finishes and records the citizen's rating at the window; walk-ins get a ticket here too.
 */
export function QueueTab(props: { halls: readonly ServiceHall[]; canWork: boolean }) {
  const t = useT();
  const { user } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [hallId, setHallId] = useState<string | undefined>(props.halls[0]?.id);
  const [counterId, setCounterId] = useState<string | undefined>();
  const [accepting, setAccepting] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const [transferTo, setTransferTo] = useState<string | undefined>();
  const [rateTicket, setRateTicket] = useState<ServiceTicket | null>(null);
  const [walkIn, setWalkIn] = useState<string[]>([]);
  const [expedited, setExpedited] = useState(false);

  useEffect(() => {
    if (!hallId && props.halls[0]) setHallId(props.halls[0].id);
  }, [hallId, props.halls]);
  const hall = props.halls.find((h) => h.id === hallId);
  const counter = hall?.counters.find((c) => c.id === counterId);

  const items = useQuery({
    queryKey: servicesKeys.items(hallId ?? ''),
    queryFn: () => servicesApi.items({ hallId }),
    enabled: Boolean(hallId),
  });
  const tickets = useQuery({
    queryKey: servicesKeys.tickets(hallId ?? ''),
    queryFn: () => servicesApi.tickets(hallId!),
    enabled: Boolean(hallId),
    // The live channel refreshes it at once; polling covers a dropped socket.
    refetchInterval: 15_000,
  });
  const itemByCode = useMemo(
    () => new Map((items.data?.items ?? []).map((i) => [i.code, i] as const)),
    [items.data],
  );
  const list = tickets.data?.items ?? [];
  const waiting = list.filter((x) => x.status === 'waiting').sort((a, b) => (a.ahead ?? 0) - (b.ahead ?? 0));
  const current = list.find(
    (x) => x.counterId === counterId && (x.status === 'called' || x.status === 'serving'),
  );

  const refresh = () => void queryClient.invalidateQueries({ queryKey: servicesKeys.all });
  const act = useMutation({
    mutationFn: async (a: { kind: string; run: () => Promise<unknown> }) => a.run(),
    onSuccess: refresh,
    onError: (error) => message.error(describeError(error, t)),
  });
  const run = (kind: string, fn: () => Promise<unknown>) => act.mutate({ kind, run: fn });
  const busy = (kind: string) => act.isPending && act.variables?.kind === kind;
  const names = (codes: readonly string[]) => codes.map((c) => itemByCode.get(c)?.name ?? c).join('、');

  const signedIn = counter?.clerk !== null && counter?.clerk !== undefined;
  const mine = signedIn && (counter?.clerk === user?.username || counter?.clerk === user?.displayName);

  return (
    <div data-testid="svc-queue">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 240 }}
          data-testid="svc-hall"
          value={hallId}
          onChange={(v) => {
            setHallId(v);
            setCounterId(undefined);
          }}
          options={props.halls.map((h) => ({ value: h.id, label: h.name }))}
          placeholder={t('svc.queue.hall')}
        />
        <Select
          style={{ width: 200 }}
          data-testid="svc-counter"
          value={counterId}
          onChange={setCounterId}
          options={(hall?.counters ?? [])
            .filter((c) => c.active)
            .map((c) => ({ value: c.id, label: c.clerk ? `${c.name}（${c.clerk}）` : c.name }))}
          placeholder={t('svc.queue.counter')}
        />
        {props.canWork && counterId && (
          <Button
            data-testid="svc-sign-in"
            loading={busy('sign-in')}
            type={mine ? 'default' : 'primary'}
            onClick={() =>
              run('sign-in', async () => {
                await servicesApi.signIn(hallId!, counterId);
                await queryClient.invalidateQueries({ queryKey: servicesKeys.halls });
                message.success(t('svc.queue.signedIn', { counter: counter?.name ?? '' }));
              })
            }
          >
            {t('svc.queue.signIn')}
          </Button>
        )}
        {counter && (
          <Tag color={signedIn ? 'green' : 'default'} data-testid="svc-counter-clerk">
            {signedIn ? t('svc.queue.clerkAt', { clerk: counter.clerk ?? '' }) : t('svc.queue.noClerk')}
          </Tag>
        )}
      </Space>
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card
            title={t('svc.queue.current')}
            size="small"
            data-testid="svc-current"
            data-number={current?.number ?? ''}
            data-status={current?.status ?? ''}
          >
            {current ? (
              <>
                <Typography.Title level={2} style={{ margin: 0 }} data-testid="svc-current-number">
                  {current.number}
                </Typography.Title>
                <div>
                  <Tag>{t(`svc.ticket.status.${current.status}` as MessageKey)}</Tag>
                  {names(current.itemCodes)}
                </div>
                {current.caseIds.length > 0 && (
                  <Typography.Text
                    type="secondary"
                    data-testid="svc-current-cases"
                    data-count={current.caseIds.length}
                  >
                    {t('svc.queue.casesAccepted', { n: current.caseIds.length })}
                  </Typography.Text>
                )}
              </>
            ) : (
              <Empty description={t('svc.queue.idle')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
            {props.canWork && counterId && (
              <Space wrap style={{ marginTop: 12 }}>
                <Button
                  type="primary"
                  data-testid="svc-call-next"
                  disabled={Boolean(current)}
                  loading={busy('call')}
                  onClick={() => run('call', () => servicesApi.callNext(counterId))}
                >
                  {t('svc.queue.callNext')}
                </Button>
                {current?.status === 'called' && (
                  <>
                    <Button
                      data-testid="svc-recall"
                      loading={busy('recall')}
                      onClick={() => run('recall', () => servicesApi.recall(current.id))}
                    >
                      {t('svc.queue.recall')}
                    </Button>
                    <Button
                      type="primary"
                      data-testid="svc-start"
                      loading={busy('start')}
                      onClick={() => run('start', () => servicesApi.start(current.id))}
                    >
                      {t('svc.queue.start')}
                    </Button>
                    <Button
                      danger
                      data-testid="svc-no-show"
                      loading={busy('no-show')}
                      onClick={() => run('no-show', () => servicesApi.noShow(current.id))}
                    >
                      {t('svc.queue.noShow')}
                    </Button>
                  </>
                )}
                {current?.status === 'serving' && (
                  <>
                    <Button data-testid="svc-accept-open" onClick={() => setAccepting(true)}>
                      {t('svc.queue.accept')}
                    </Button>
                    <Button
                      type="primary"
                      data-testid="svc-finish"
                      loading={busy('finish')}
                      onClick={() =>
                        run('finish', async () => {
                          const done = await servicesApi.finish(current.id);
                          setRateTicket(done);
                        })
                      }
                    >
                      {t('svc.queue.finish')}
                    </Button>
                  </>
                )}
                {current && (
                  <Button data-testid="svc-transfer-open" onClick={() => setTransferring(true)}>
                    {t('svc.queue.transfer')}
                  </Button>
                )}
              </Space>
            )}
          </Card>
          {props.canWork && hallId && (
            <Card title={t('svc.queue.walkIn')} size="small" style={{ marginTop: 12 }}>
              <Select
                mode="multiple"
                style={{ width: '100%' }}
                data-testid="svc-walkin-items"
                value={walkIn}
                onChange={setWalkIn}
                showSearch
                optionFilterProp="label"
                maxCount={5}
                options={(items.data?.items ?? []).map((i) => ({
                  value: i.code,
                  label: `${i.code} ${i.name}`,
                }))}
                placeholder={t('svc.queue.pickItems')}
              />
              <Space style={{ marginTop: 8 }}>
                <Checkbox checked={expedited} onChange={(e) => setExpedited(e.target.checked)}>
                  {t('svc.queue.expedited')}
                </Checkbox>
                <Button
                  data-testid="svc-walkin-take"
                  disabled={walkIn.length === 0}
                  loading={busy('take')}
                  onClick={() =>
                    run('take', async () => {
                      const ticket = await servicesApi.takeTicket({ hallId, itemCodes: walkIn, expedited });
                      message.success(t('svc.queue.taken', { number: ticket.number }));
                      setWalkIn([]);
                      setExpedited(false);
                    })
                  }
                >
                  {t('svc.queue.take')}
                </Button>
              </Space>
            </Card>
          )}
        </Col>
        <Col xs={24} lg={14}>
          <Table<ServiceTicket>
            size="small"
            rowKey="id"
            data-testid="svc-waiting"
            loading={tickets.isPending && Boolean(hallId)}
            dataSource={waiting}
            pagination={false}
            title={() => t('svc.queue.waiting', { n: waiting.length })}
            onRow={(r) => ({ 'data-testid': 'svc-waiting-row', 'data-number': r.number }) as object}
            columns={[
              { title: t('svc.ticket.number'), dataIndex: 'number', width: 80 },
              { title: t('svc.ticket.items'), render: (_, r) => names(r.itemCodes) },
              {
                title: t('svc.ticket.priority'),
                width: 90,
                render: (_, r) =>
                  r.priority >= 2 ? (
                    <Tag color="red">{t('svc.ticket.priority.2')}</Tag>
                  ) : r.priority === 1 ? (
                    <Tag color="blue">{t('svc.ticket.priority.1')}</Tag>
                  ) : (
                    <Tag>{t('svc.ticket.priority.0')}</Tag>
                  ),
              },
              {
                title: t('svc.ticket.wait'),
                width: 110,
                render: (_, r) => t('svc.ticket.waitMinutes', { n: minutes(r.estimatedWaitSeconds) }),
              },
              {
                title: t('svc.ticket.issuedAt'),
                width: 140,
                render: (_, r) => formatDateTime(r.issuedAt).slice(11),
              },
            ]}
          />
        </Col>
      </Row>
      {hallId && current && (
        <CaseAcceptModal
          open={accepting}
          hallId={hallId}
          items={items.data?.items ?? ([] as ServiceItem[])}
          ticketId={current.id}
          itemCodes={current.itemCodes}
          onClose={() => setAccepting(false)}
        />
      )}
      <Modal
        open={transferring}
        title={t('svc.queue.transfer')}
        onCancel={() => setTransferring(false)}
        okButtonProps={{ disabled: !transferTo, 'data-testid': 'svc-transfer-ok' } as ButtonProps}
        onOk={() => {
          if (current && transferTo) run('transfer', () => servicesApi.transfer(current.id, transferTo));
          setTransferring(false);
        }}
      >
        <Select
          style={{ width: '100%' }}
          data-testid="svc-transfer-to"
          value={transferTo}
          onChange={setTransferTo}
          options={(hall?.counters ?? [])
            .filter((c) => c.active && c.id !== counterId)
            .map((c) => ({ value: c.id, label: c.name }))}
        />
      </Modal>
      <Modal
        open={rateTicket !== null}
        title={t('svc.rate.title', { number: rateTicket?.number ?? '' })}
        footer={null}
        onCancel={() => setRateTicket(null)}
        data-testid="svc-rate-modal"
      >
        <Typography.Paragraph>{t('svc.rate.ask')}</Typography.Paragraph>
        <RatingPicker
          onPick={(level) =>
            run('rate', async () => {
              await servicesApi.rate({ ticketId: rateTicket!.id, level, channel: 'window' });
              message.success(t('svc.rate.thanks'));
              setRateTicket(null);
            })
          }
        />
      </Modal>
    </div>
  );
}
