import type { ServiceItem } from '@ronghui/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Result, Spin, Timeline } from 'antd';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { describeError } from '../../api/describe-error.ts';
import {
  type ServiceProgress,
  type ServiceTicket,
  servicesApi,
  servicesKeys,
} from '../../api/services-api.ts';
import { useAuth } from '../../app/auth-context.tsx';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { RatingPicker } from './rating-picker.tsx';
import { minutes } from './service-view.ts';

const IDLE_MS = 60_000;
type Screen = 'home' | 'ticket' | 'book' | 'progress' | 'rate';
const big = { height: 96, fontSize: 32 } as const;

/**
 * 自助终端: a touch screen in the hall, run under a staff session: find an item and its materials, take a
 * ticket, book, check a case's progress, rate a visit. Untouched for a minute it goes back to the start.
 */
export function KioskPage() {
  const { status } = useAuth();
  if (status === 'loading') return <Spin size="large" style={{ display: 'block', margin: '40vh auto' }} />;
  if (status !== 'signed-in') return <KioskLogin />;
  return <Kiosk />;
}

function KioskLogin() {
  const t = useT();
  const { signIn } = useAuth();
  const [error, setError] = useState<string | null>(null);
  return (
    <Frame>
      <div style={{ maxWidth: 520, margin: '10vh auto' }} data-testid="svc-kiosk-login">
        <h2 style={{ fontSize: 32 }}>{t('svc.kiosk.staffLogin')}</h2>
        {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
        <Form
          layout="vertical"
          size="large"
          onFinish={async (v: { username: string; password: string }) => {
            try {
              await signIn(v.username, v.password);
            } catch (e) {
              setError(describeError(e, t));
            }
          }}
        >
          <Form.Item name="username" label={t('svc.kiosk.username')} rules={[{ required: true }]}>
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={t('svc.kiosk.password')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block style={big}>
            {t('svc.kiosk.start')}
          </Button>
        </Form>
      </div>
    </Frame>
  );
}

function Frame({ children, title }: { children: ReactNode; title?: string }) {
  return (
    <div
      style={{
        minHeight: '100vh',
        background: '#eef3fa',
        fontSize: 24,
        padding: 24,
        boxSizing: 'border-box',
      }}
    >
      {title && (
        <h1 style={{ fontSize: 44, margin: '0 0 24px', color: '#1f4f8f', textAlign: 'center' }}>{title}</h1>
      )}
      {children}
    </div>
  );
}

function Kiosk() {
  const t = useT();
  const { hallId = '' } = useParams();
  const [screen, setScreen] = useState<Screen>('home');
  const [touched, setTouched] = useState(Date.now());
  const halls = useQuery({ queryKey: servicesKeys.halls, queryFn: servicesApi.halls });
  const hall = halls.data?.items.find((h) => h.id === hallId);
  const touch = useCallback(() => setTouched(Date.now()), []);
  useEffect(() => {
    if (screen === 'home') return;
    const timer = setTimeout(() => setScreen('home'), Math.max(0, touched + IDLE_MS - Date.now()));
    return () => clearTimeout(timer);
  }, [screen, touched]);

  return (
    <div onPointerDown={touch} onKeyDown={touch} data-testid="svc-kiosk" data-screen={screen}>
      <Frame title={hall?.name ?? t('svc.kiosk.title')}>
        {screen !== 'home' && (
          <Button
            size="large"
            onClick={() => setScreen('home')}
            style={{ marginBottom: 16, height: 64, fontSize: 24 }}
            data-testid="svc-kiosk-home"
          >
            ← {t('svc.kiosk.back')}
          </Button>
        )}
        {screen === 'home' && (
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 24 }}>
            {(
              [
                ['ticket', '#1f4f8f'],
                ['book', '#13a8a8'],
                ['progress', '#d48806'],
                ['rate', '#389e0d'],
              ] as const
            ).map(([key, color]) => (
              <Button
                key={key}
                type="primary"
                data-testid={`svc-kiosk-${key}`}
                onClick={() => setScreen(key)}
                style={{ height: 260, fontSize: 44, background: color, borderRadius: 16 }}
              >
                {t(`svc.kiosk.${key}` as MessageKey)}
              </Button>
            ))}
          </div>
        )}
        {screen === 'ticket' && <TakeTicket hallId={hallId} />}
        {screen === 'book' && (
          <Result
            icon={null}
            title={<span style={{ fontSize: 36 }}>{t('svc.kiosk.bookHint')}</span>}
            subTitle={
              <span style={{ fontSize: 40, color: '#1f4f8f' }}>{`${window.location.origin}/book`}</span>
            }
            extra={
              <Button type="primary" href={`/book?hall=${encodeURIComponent(hallId)}`} style={big}>
                {t('svc.kiosk.bookHere')}
              </Button>
            }
          />
        )}
        {screen === 'progress' && <Progress />}
        {screen === 'rate' && <Rate />}
      </Frame>
    </div>
  );
}

function TakeTicket({ hallId }: { hallId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [ticket, setTicket] = useState<ServiceTicket | null>(null);
  const items = useQuery({
    queryKey: servicesKeys.items(hallId),
    queryFn: () => servicesApi.items({ hallId }),
  });
  const take = useMutation({
    mutationFn: () => servicesApi.takeTicket({ hallId, itemCodes: picked }, true),
    onSuccess: setTicket,
    onError: (error) => message.error(describeError(error, t)),
  });
  if (ticket)
    return (
      <div
        style={{ textAlign: 'center', background: '#fff', borderRadius: 16, padding: 48 }}
        data-testid="svc-kiosk-ticket"
        data-number={ticket.number}
      >
        <div style={{ fontSize: 36 }}>{t('svc.kiosk.yourNumber')}</div>
        <div style={{ fontSize: 200, fontWeight: 800, color: '#1f4f8f', lineHeight: 1.1 }}>
          {ticket.number}
        </div>
        <div style={{ fontSize: 32 }}>
          {t('svc.kiosk.ahead', { n: ticket.ahead ?? 0, m: minutes(ticket.estimatedWaitSeconds) })}
        </div>
        <div style={{ fontSize: 24, color: '#666', marginTop: 16 }}>{formatDateTime(ticket.issuedAt)}</div>
      </div>
    );
  const needle = q.trim().toLowerCase();
  const shown = (items.data?.items ?? []).filter(
    (i) => i.active && (needle === '' || `${i.code}${i.name}`.toLowerCase().includes(needle)),
  );
  const chosen = picked
    .map((c) => items.data?.items.find((i) => i.code === c))
    .filter((i): i is ServiceItem => Boolean(i));
  return (
    <div>
      <Input
        size="large"
        allowClear
        placeholder={t('svc.guide.search')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        style={{ height: 72, fontSize: 28 }}
        data-testid="svc-kiosk-search"
      />
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: '1fr 1fr',
          gap: 12,
          margin: '16px 0',
          maxHeight: '50vh',
          overflowY: 'auto',
        }}
      >
        {shown.map((i) => (
          <Button
            key={i.code}
            type={picked.includes(i.code) ? 'primary' : 'default'}
            data-testid="svc-kiosk-item"
            data-code={i.code}
            onClick={() =>
              setPicked((p) =>
                p.includes(i.code) ? p.filter((c) => c !== i.code) : p.length < 5 ? [...p, i.code] : p,
              )
            }
            style={{ height: 88, fontSize: 26, whiteSpace: 'normal' }}
          >
            {i.name}
          </Button>
        ))}
      </div>
      {chosen.map((i) => (
        <div key={i.code} style={{ background: '#fff', borderRadius: 12, padding: 16, marginBottom: 12 }}>
          <b>{i.name}</b> · {t('svc.item.materials')}：{i.materials.join('、')}
        </div>
      ))}
      <Button
        type="primary"
        block
        disabled={picked.length === 0}
        loading={take.isPending}
        onClick={() => take.mutate()}
        style={{ ...big, height: 120, fontSize: 44 }}
        data-testid="svc-kiosk-take"
      >
        {t('svc.kiosk.take')}
      </Button>
    </div>
  );
}

function Progress() {
  const t = useT();
  const [result, setResult] = useState<ServiceProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <Form
        layout="vertical"
        size="large"
        onFinish={async (v: { number: string; phoneLast4: string }) => {
          setError(null);
          try {
            setResult(await servicesApi.progress(v.number.trim(), v.phoneLast4));
          } catch (e) {
            setResult(null);
            setError(describeError(e, t));
          }
        }}
      >
        <Form.Item name="number" label={t('svc.manage.caseNumber')} rules={[{ required: true, min: 4 }]}>
          <Input style={{ height: 72, fontSize: 28 }} />
        </Form.Item>
        <Form.Item
          name="phoneLast4"
          label={t('svc.kiosk.phoneLast4')}
          rules={[{ required: true, pattern: /^\d{4}$/ }]}
        >
          <Input inputMode="numeric" maxLength={4} style={{ height: 72, fontSize: 28 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block style={big}>
          {t('common.search')}
        </Button>
      </Form>
      {error && <Alert type="error" message={error} style={{ marginTop: 16 }} />}
      {result && (
        <div
          style={{ background: '#fff', borderRadius: 12, padding: 24, marginTop: 16 }}
          data-testid="svc-kiosk-progress"
        >
          <h2>
            {result.itemName} · {t(`svc.case.status.${result.status}` as MessageKey)}
          </h2>
          <p>{t('svc.kiosk.deadline', { date: result.deadline })}</p>
          <Timeline
            items={result.timeline.map((e) => ({
              children: `${formatDateTime(e.at)} ${t(`svc.case.status.${e.status}` as MessageKey)}`,
            }))}
          />
        </div>
      )}
    </div>
  );
}

function Rate() {
  const t = useT();
  const { message } = App.useApp();
  const [caseNumber, setCaseNumber] = useState('');
  const [done, setDone] = useState(false);
  const rate = useMutation({
    mutationFn: (level: number) =>
      servicesApi.rate({ caseNumber: caseNumber.trim(), level, channel: 'kiosk' }),
    onSuccess: () => setDone(true),
    onError: (error) => message.error(describeError(error, t)),
  });
  if (done)
    return <Result status="success" title={<span style={{ fontSize: 40 }}>{t('svc.rate.thanks')}</span>} />;
  return (
    <div>
      <Input
        size="large"
        placeholder={t('svc.manage.caseNumber')}
        value={caseNumber}
        onChange={(e) => setCaseNumber(e.target.value)}
        style={{ height: 72, fontSize: 28, marginBottom: 16 }}
      />
      <RatingPicker
        size="large"
        disabled={caseNumber.trim().length < 4}
        onPick={(level) => rate.mutate(level)}
      />
    </div>
  );
}
