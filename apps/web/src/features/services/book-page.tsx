import type { ServiceItem } from '@ronghui/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Result, Select, Space, Steps, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { describeError } from '../../api/describe-error.ts';
import { type ServiceBooked, type ServiceSlot, servicesApi, servicesKeys } from '../../api/services-api.ts';
import { useNow } from '../../app/use-now.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { AttributeFields, attributeValues } from './attribute-fields.tsx';
import { PublicFrame } from './public-frame.tsx';
import { addDays, bookingTokens, shanghaiDate, shanghaiHhmm } from './service-view.ts';

interface Details {
  phone: string;
  code: string;
  name: string;
  idNumber?: string;
  attributes?: Record<string, string | number | string[]>;
}

/** 预约: from a phone, a hall, an item, a day and a slot; the phone is confirmed by a one-time code. */
export function BookPage() {
  const t = useT();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const now = useNow(1000);
  const [hallId, setHallId] = useState<string | undefined>(params.get('hall') ?? undefined);
  const [itemCode, setItemCode] = useState<string | undefined>(params.get('item') ?? undefined);
  const [date, setDate] = useState(addDays(shanghaiDate(Date.now()), 1));
  const [slot, setSlot] = useState<ServiceSlot | null>(null);
  const [hold, setHold] = useState<{ holdId: string; expiresAt: string } | null>(null);
  const [resendAt, setResendAt] = useState<number>(0);
  const [booked, setBooked] = useState<ServiceBooked | null>(null);
  const [form] = Form.useForm<Details>();

  const halls = useQuery({ queryKey: servicesKeys.halls, queryFn: servicesApi.halls });
  const items = useQuery({ queryKey: servicesKeys.items(), queryFn: () => servicesApi.items() });
  const hallItems = (items.data?.items ?? []).filter(
    (i) => i.active && i.channels.includes('window') && (!hallId || i.hallIds.includes(hallId)),
  );
  const item: ServiceItem | undefined = hallItems.find((i) => i.code === itemCode);
  useEffect(() => {
    // An item picked first narrows the halls; the first hall that handles it is proposed.
    if (!hallId && itemCode && items.data && halls.data) {
      const first = halls.data.items.find((h) =>
        items.data.items.find((i) => i.code === itemCode)?.hallIds.includes(h.id),
      );
      if (first) setHallId(first.id);
    }
  }, [hallId, itemCode, items.data, halls.data]);

  const slots = useQuery({
    queryKey: ['services', 'slots', hallId, itemCode, date],
    queryFn: () => servicesApi.slots(hallId!, itemCode!, date),
    enabled: Boolean(hallId && item),
  });
  const holdIt = useMutation({
    mutationFn: (s: ServiceSlot) => servicesApi.hold(hallId!, itemCode!, s.start),
    onSuccess: (h, s) => {
      setSlot(s);
      setHold(h);
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  const otp = useMutation({
    mutationFn: (phone: string) => servicesApi.otp(phone),
    onSuccess: (sent) => {
      setResendAt(Date.parse(sent.resendAfter));
      message.success(t('svc.book.otpSent'));
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  const book = useMutation({
    mutationFn: (v: Details) =>
      servicesApi.book({
        holdId: hold!.holdId,
        phone: v.phone,
        code: v.code,
        name: v.name,
        idNumber: v.idNumber || undefined,
        attributes: attributeValues(item?.attributes ?? [], v.attributes),
      }),
    onSuccess: (b) => {
      bookingTokens.save(b.reference, b.manageToken);
      setBooked(b);
    },
    onError: (error) => message.error(describeError(error, t)),
  });

  const step = booked ? 3 : hold ? 2 : item && hallId ? 1 : 0;
  const holdLeft = hold ? Math.max(0, Math.ceil((Date.parse(hold.expiresAt) - now) / 1000)) : 0;
  const resendLeft = Math.max(0, Math.ceil((resendAt - now) / 1000));

  return (
    <PublicFrame title={t('svc.book.title')}>
      <div data-testid="svc-book">
        <Steps
          size="small"
          direction="horizontal"
          responsive={false}
          current={step}
          items={[
            { title: t('svc.book.step.item') },
            { title: t('svc.book.step.slot') },
            { title: t('svc.book.step.details') },
            { title: t('svc.book.step.done') },
          ]}
          style={{ marginBottom: 12 }}
        />
        {booked ? (
          <Result
            status="success"
            title={t('svc.book.booked')}
            subTitle={
              <div data-testid="svc-book-done" data-reference={booked.reference}>
                <div style={{ fontSize: 22, fontWeight: 700, color: '#1f4f8f' }}>{booked.reference}</div>
                <div>
                  {booked.hallName} · {booked.itemName}
                </div>
                <div>
                  {shanghaiDate(Date.parse(booked.start))} {shanghaiHhmm(booked.start)}–
                  {shanghaiHhmm(booked.end)}
                </div>
                <div>
                  {t('svc.book.checkInWindow', {
                    from: shanghaiHhmm(booked.checkInFrom),
                    until: shanghaiHhmm(booked.checkInUntil),
                  })}
                </div>
              </div>
            }
            extra={
              <Link to={`/book/${encodeURIComponent(booked.reference)}`} data-testid="svc-book-manage">
                <Button type="primary" size="large">
                  {t('svc.book.manage')}
                </Button>
              </Link>
            }
          />
        ) : (
          <>
            <Card size="small" title={t('svc.book.step.item')}>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Select
                  size="large"
                  style={{ width: '100%' }}
                  data-testid="svc-book-hall"
                  placeholder={t('svc.queue.hall')}
                  value={hallId}
                  disabled={Boolean(hold)}
                  onChange={(v) => {
                    setHallId(v);
                    setSlot(null);
                  }}
                  options={(halls.data?.items ?? []).map((h) => ({ value: h.id, label: h.name }))}
                />
                <Select
                  size="large"
                  showSearch
                  optionFilterProp="label"
                  style={{ width: '100%' }}
                  data-testid="svc-book-item"
                  placeholder={t('svc.case.item')}
                  value={item ? itemCode : undefined}
                  disabled={Boolean(hold)}
                  onChange={(v) => {
                    setItemCode(v);
                    setSlot(null);
                  }}
                  options={hallItems.map((i) => ({ value: i.code, label: i.name }))}
                />
                {item && (
                  <div style={{ color: '#666' }}>
                    {t('svc.item.materials')}：{item.materials.join('、')}
                  </div>
                )}
              </Space>
            </Card>
            {item && hallId && !hold && (
              <Card size="small" title={t('svc.book.step.slot')} style={{ marginTop: 12 }}>
                <Input
                  type="date"
                  size="large"
                  data-testid="svc-book-date"
                  value={date}
                  min={shanghaiDate(Date.now())}
                  onChange={(e) => e.target.value && setDate(e.target.value)}
                />
                <div
                  style={{
                    display: 'grid',
                    gridTemplateColumns: 'repeat(auto-fill, minmax(100px, 1fr))',
                    gap: 8,
                    marginTop: 12,
                  }}
                >
                  {(slots.data?.items ?? []).map((s) => (
                    <Button
                      key={s.start}
                      data-testid="svc-slot"
                      data-window={s.window}
                      disabled={s.left <= 0}
                      loading={holdIt.isPending && holdIt.variables?.start === s.start}
                      onClick={() => holdIt.mutate(s)}
                      style={{ height: 'auto', padding: '6px 4px', whiteSpace: 'normal' }}
                    >
                      <div>{shanghaiHhmm(s.start)}</div>
                      <div style={{ fontSize: 12 }}>
                        {s.window !== 'regular' && (
                          <Tag
                            color={s.window === 'off-peak' ? 'cyan' : 'purple'}
                            style={{ marginInlineEnd: 2 }}
                          >
                            {t(`svc.slot.${s.window}` as MessageKey)}
                          </Tag>
                        )}
                        {t('svc.book.left', { n: s.left })}
                      </div>
                    </Button>
                  ))}
                </div>
                {slots.data && slots.data.items.length === 0 && (
                  <Alert type="info" message={t('svc.book.noSlots')} style={{ marginTop: 8 }} />
                )}
              </Card>
            )}
            {hold && slot && (
              <Card size="small" title={t('svc.book.step.details')} style={{ marginTop: 12 }}>
                <Alert
                  type={holdLeft > 0 ? 'info' : 'warning'}
                  data-testid="svc-book-held"
                  message={
                    holdLeft > 0
                      ? t('svc.book.held', { time: `${date} ${shanghaiHhmm(slot.start)}`, n: holdLeft })
                      : t('svc.book.holdExpired')
                  }
                  action={
                    <Button size="small" onClick={() => setHold(null)}>
                      {t('svc.book.changeSlot')}
                    </Button>
                  }
                  style={{ marginBottom: 12 }}
                />
                <Form form={form} layout="vertical" onFinish={(v) => book.mutate(v)} size="large">
                  <Form.Item label={t('svc.case.phone')} required>
                    <Space.Compact style={{ width: '100%' }}>
                      <Form.Item
                        name="phone"
                        noStyle
                        rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t('svc.form.phone') }]}
                      >
                        <Input inputMode="tel" maxLength={11} data-testid="svc-book-phone" />
                      </Form.Item>
                      <Button
                        data-testid="svc-book-otp"
                        disabled={resendLeft > 0}
                        loading={otp.isPending}
                        onClick={async () => {
                          const { phone } = await form.validateFields(['phone']);
                          otp.mutate(phone);
                        }}
                      >
                        {resendLeft > 0 ? t('svc.book.resendIn', { n: resendLeft }) : t('svc.book.getCode')}
                      </Button>
                    </Space.Compact>
                  </Form.Item>
                  <Form.Item
                    name="code"
                    label={t('svc.book.code')}
                    rules={[{ required: true, pattern: /^\d{6}$/, message: t('svc.book.codeRule') }]}
                  >
                    <Input
                      inputMode="numeric"
                      maxLength={6}
                      data-testid="svc-book-code"
                      autoComplete="one-time-code"
                    />
                  </Form.Item>
                  <Form.Item
                    name="name"
                    label={t('svc.case.applicant')}
                    rules={[{ required: true, whitespace: true, message: t('svc.form.required') }]}
                  >
                    <Input maxLength={40} data-testid="svc-book-name" />
                  </Form.Item>
                  <Form.Item name="idNumber" label={t('svc.case.idNumber')}>
                    <Input maxLength={18} data-testid="svc-book-id" />
                  </Form.Item>
                  {item && <AttributeFields attributes={item.attributes} size="large" />}
                  <Button
                    type="primary"
                    htmlType="submit"
                    block
                    loading={book.isPending}
                    disabled={holdLeft <= 0}
                    data-testid="svc-book-submit"
                  >
                    {t('svc.book.submit')}
                  </Button>
                </Form>
              </Card>
            )}
          </>
        )}
      </div>
    </PublicFrame>
  );
}
