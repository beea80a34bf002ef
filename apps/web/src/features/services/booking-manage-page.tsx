import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Input, Popconfirm, Result, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { describeError } from '../../api/describe-error.ts';
import { type ServiceSlot, servicesApi } from '../../api/services-api.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { PublicFrame } from './public-frame.tsx';
import { RatingPicker } from './rating-picker.tsx';
import { bookingTokens, shanghaiDate, shanghaiHhmm } from './service-view.ts';

/** 我的预约: the phone that booked sees its booking, checks in at the hall, cancels, moves it, rates it. */
export function BookingManagePage() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { reference = '' } = useParams();
  const [params] = useSearchParams();
  const token = params.get('token') ?? bookingTokens.load(reference) ?? undefined;
  const [moving, setMoving] = useState(false);
  const [date, setDate] = useState('');
  const [caseNumber, setCaseNumber] = useState('');
  const [rated, setRated] = useState(false);
  const key = ['services', 'booking', reference];
  const appt = useQuery({
    queryKey: key,
    queryFn: () => servicesApi.appointment(reference, token),
    enabled: Boolean(token),
    refetchInterval: 30_000,
  });
  const a = appt.data;
  const onDone = (text: string) => () => {
    message.success(text);
    void queryClient.invalidateQueries({ queryKey: key });
  };
  const onError = (error: unknown) => message.error(describeError(error, t));
  const checkIn = useMutation({
    mutationFn: () => servicesApi.checkIn(reference, token),
    onSuccess: onDone(t('svc.manage.checkedIn')),
    onError,
  });
  const cancel = useMutation({
    mutationFn: () => servicesApi.cancel(reference, token),
    onSuccess: onDone(t('svc.manage.cancelled')),
    onError,
  });
  const slots = useQuery({
    queryKey: ['services', 'slots', a?.hallId, a?.itemCode, date],
    queryFn: () => servicesApi.slots(a!.hallId, a!.itemCode, date),
    enabled: Boolean(moving && a && date),
  });
  const move = useMutation({
    mutationFn: async (s: ServiceSlot) => {
      const hold = await servicesApi.hold(a!.hallId, a!.itemCode, s.start);
      return servicesApi.reschedule(reference, hold.holdId, token);
    },
    onSuccess: () => {
      setMoving(false);
      onDone(t('svc.manage.moved'))();
    },
    onError,
  });
  const rate = useMutation({
    mutationFn: (level: number) =>
      servicesApi.rate({
        caseNumber: (caseNumber || a?.cases[0]?.number || '').trim(),
        level,
        channel: 'phone',
        token,
      }),
    onSuccess: () => setRated(true),
    onError,
  });

  if (!token)
    return (
      <PublicFrame title={t('svc.manage.title')}>
        <Result
          status="warning"
          title={t('svc.manage.noToken')}
          extra={<Link to="/book">{t('svc.book.title')}</Link>}
        />
      </PublicFrame>
    );
  // The server says whether check-in is open: the phone's own clock may be off.
  const canCheckIn = a?.checkInOpen === true;
  return (
    <PublicFrame title={t('svc.manage.title')}>
      <div data-testid="svc-manage" data-status={a?.status ?? ''}>
        {appt.isError && <Alert type="error" message={describeError(appt.error, t)} />}
        {a && (
          <Card size="small">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('svc.appt.reference')}>{a.reference}</Descriptions.Item>
              <Descriptions.Item label={t('svc.case.status')}>
                <Tag color="blue" data-testid="svc-manage-status">
                  {t(`svc.appt.status.${a.status}` as MessageKey)}
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('svc.queue.hall')}>{a.hallName}</Descriptions.Item>
              <Descriptions.Item label={t('svc.case.item')}>{a.itemName}</Descriptions.Item>
              <Descriptions.Item label={t('svc.appt.time')}>
                {shanghaiDate(Date.parse(a.start))} {shanghaiHhmm(a.start)}–{shanghaiHhmm(a.end)}
              </Descriptions.Item>
              <Descriptions.Item label={t('svc.case.applicant')}>
                {a.name} {a.phone}
              </Descriptions.Item>
            </Descriptions>
            {a.ticketNumber && (
              <div style={{ textAlign: 'center', margin: '12px 0' }} data-testid="svc-manage-ticket">
                <div>{t('svc.manage.yourNumber')}</div>
                <div style={{ fontSize: 48, fontWeight: 700, color: '#1f4f8f' }}>{a.ticketNumber}</div>
              </div>
            )}
            {a.status === 'booked' && (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Button
                  type="primary"
                  size="large"
                  block
                  disabled={!canCheckIn}
                  loading={checkIn.isPending}
                  onClick={() => checkIn.mutate()}
                  data-testid="svc-manage-checkin"
                >
                  {t('svc.appt.checkIn')}
                </Button>
                {!canCheckIn && (
                  <div style={{ color: '#888', textAlign: 'center' }}>
                    {t('svc.book.checkInWindow', {
                      from: shanghaiHhmm(a.checkInFrom),
                      until: shanghaiHhmm(a.checkInUntil),
                    })}
                  </div>
                )}
                <Button size="large" block onClick={() => setMoving((m) => !m)}>
                  {t('svc.manage.reschedule')}
                </Button>
                <Popconfirm title={t('svc.manage.cancelConfirm')} onConfirm={() => cancel.mutate()}>
                  <Button danger size="large" block loading={cancel.isPending}>
                    {t('svc.manage.cancel')}
                  </Button>
                </Popconfirm>
              </Space>
            )}
            {moving && (
              <div style={{ marginTop: 12 }}>
                <Input type="date" size="large" value={date} onChange={(e) => setDate(e.target.value)} />
                <div
                  style={{
                    display: 'grid',
                    gridTemplateColumns: 'repeat(auto-fill, minmax(90px, 1fr))',
                    gap: 8,
                    marginTop: 8,
                  }}
                >
                  {(slots.data?.items ?? []).map((s) => (
                    <Button
                      key={s.start}
                      disabled={s.left <= 0}
                      onClick={() => move.mutate(s)}
                      loading={move.isPending && move.variables?.start === s.start}
                    >
                      {shanghaiHhmm(s.start)}
                      {s.window !== 'regular' && ` ${t(`svc.slot.${s.window}` as MessageKey)}`}
                    </Button>
                  ))}
                </div>
              </div>
            )}
            {a.status === 'completed' && (
              <div style={{ marginTop: 12 }}>
                {rated ? (
                  <Result status="success" title={t('svc.rate.thanks')} />
                ) : (
                  <>
                    <h4>{t('svc.manage.rate')}</h4>
                    <Input
                      size="large"
                      data-testid="svc-manage-case"
                      placeholder={t('svc.manage.caseNumber')}
                      value={caseNumber || a.cases[0]?.number || ''}
                      onChange={(e) => setCaseNumber(e.target.value)}
                      style={{ marginBottom: 8 }}
                    />
                    <RatingPicker
                      disabled={(caseNumber || a.cases[0]?.number || '').trim().length < 4}
                      onPick={(level) => rate.mutate(level)}
                    />
                  </>
                )}
              </div>
            )}
          </Card>
        )}
      </div>
    </PublicFrame>
  );
}
