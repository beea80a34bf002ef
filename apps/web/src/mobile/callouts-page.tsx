import type { MyCallout } from '@ronghui/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Input, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { calloutKeys, calloutsApi } from '../api/callouts-api.ts';
import { volunteersApi } from '../api/volunteers-api.ts';
import { formatDateTime } from '../i18n/format-datetime.ts';
import { useT } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { type Outbox, type OutboxState, useOutbox } from '../offline/index.ts';
import {
  type Answer,
  alertToShow,
  answerOf,
  type CalloutShown,
  queuedAnswers,
  refusalKind,
  shownState,
  sortMine,
} from './callouts.ts';
import { type MobileContext, useMobileContext } from './mobile-context.ts';
import { ring } from './order-alert.tsx';
import { etaMinutes, formatDistance, navigationLinks, type Place, useRoadRoute } from './road-eta.ts';
import { RouteMap } from './route-map.tsx';

const POLL_MS = 15_000;
const POSITION_EVERY_MS = 60_000;

const STATE_COLOR: Record<CalloutShown, string> = {
  waiting: 'red',
  sending: 'orange',
  accepted: 'green',
  declined: 'default',
  filled: 'blue',
  expired: 'default',
  cancelled: 'default',
};

/** The volunteer's own calls: live on `callout.alert` (field-live.tsx), polled as the fallback. */
function useMyCallouts(offline: boolean) {
  return useQuery({
    queryKey: calloutKeys.mine,
    queryFn: calloutsApi.mine,
    enabled: !offline,
    refetchInterval: POLL_MS,
  });
}

/** Once an answer has been sent, the list is read again (the server says accepted, declined or filled). */
function useRefreshOnSent(state: OutboxState) {
  const queryClient = useQueryClient();
  // The newest write sent (the history is capped: its length stops changing) and the refusals.
  const sent = state.sent[0]?.id ?? null;
  const refused = state.refused.length;
  useEffect(() => {
    if (sent !== null || refused > 0) void queryClient.invalidateQueries({ queryKey: calloutKeys.mine });
  }, [sent, refused, queryClient]);
}

/** Accept or decline through the offline outbox (an idempotency key each): kept and sent when the network is back. */
async function sendAnswer(outbox: Outbox, call: MyCallout, answer: Answer, label: string, reason?: string) {
  await outbox.enqueue({
    method: 'POST',
    url: calloutsApi.urls[answer](call.id),
    ...(answer === 'decline' ? { body: reason?.trim() ? { reason: reason.trim() } : {} } : {}),
    label: `${label} · ${call.kind}`,
  });
}

/** Where the phone is, while asked (the route to an accepted call). */
function useHere(enabled: boolean): Place | null {
  const [here, setHere] = useState<Place | null>(null);
  useEffect(() => {
    if (!enabled || !('geolocation' in navigator)) return;
    const watch = navigator.geolocation.watchPosition(
      (p) => setHere({ lon: p.coords.longitude, lat: p.coords.latitude }),
      () => undefined,
      { enableHighAccuracy: true, maximumAge: 30_000, timeout: 15_000 },
    );
    return () => navigator.geolocation.clearWatch(watch);
  }, [enabled]);
  return here;
}

function StateTag({ state }: { state: CalloutShown }) {
  const t = useT();
  return (
    <Tag color={STATE_COLOR[state]} data-testid="callout-state" data-state={state}>
      {t(`mobile.callouts.state.${state}` as MessageKey)}
    </Tag>
  );
}

function SkillTags({ skills }: { skills: readonly string[] }) {
  const t = useT();
  if (!skills.length) return <span>{t('mobile.callouts.anySkill')}</span>;
  return (
    <>
      {skills.map((s) => (
        <Tag key={s}>{t(`volunteers.skill.${s}` as MessageKey)}</Tag>
      ))}
    </>
  );
}

/** What a volunteer may know before accepting: the kind of help, the rough area, the road ETA, the skills. */
function Teaser({ call, light }: { call: MyCallout; light?: boolean }) {
  const t = useT();
  const muted = light ? 'rgba(255,255,255,0.85)' : '#666';
  return (
    <div data-testid="callout-teaser">
      <div style={{ fontSize: 13, color: muted }}>{t('mobile.callouts.kind')}</div>
      <div style={{ fontSize: 26, fontWeight: 700 }} data-testid="callout-kind">
        {call.kind}
      </div>
      <div style={{ marginTop: 8, fontSize: 18 }} data-testid="callout-area">
        {t('mobile.callouts.area', { place: call.place })}
      </div>
      <div style={{ marginTop: 8, fontSize: 22, fontWeight: 600 }} data-testid="callout-eta">
        {t('mobile.callouts.eta', {
          distance: formatDistance(call.distanceMeters),
          minutes: etaMinutes(call.etaSeconds),
        })}
      </div>
      <div style={{ marginTop: 8 }}>
        <span style={{ color: muted, marginRight: 6 }}>{t('mobile.callouts.skills')}</span>
        <SkillTags skills={call.skills} />
      </div>
      <div style={{ marginTop: 8, color: muted }}>
        {t('mobile.callouts.needed', { needed: call.needed, accepted: call.accepted })}
      </div>
      <div style={{ marginTop: 8, color: muted, fontSize: 13 }}>{t('mobile.callouts.addressAfter')}</div>
    </div>
  );
}

/** 接受 / 婉拒 (with an optional reason). */
function AnswerButtons({
  call,
  outbox,
  onAnswered,
}: {
  call: MyCallout;
  outbox: Outbox;
  onAnswered: (answer: Answer) => void;
}) {
  const t = useT();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const answer = async (a: Answer) => {
    await sendAnswer(outbox, call, a, t(`mobile.callouts.${a}` as MessageKey), reason);
    onAnswered(a);
  };
  if (declining)
    return (
      <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={200}
          rows={2}
          placeholder={t('mobile.callouts.declineReason')}
          data-testid="callout-decline-reason"
        />
        <div className="m-actions">
          <Button size="large" onClick={() => setDeclining(false)}>
            {t('common.cancel')}
          </Button>
          <Button
            size="large"
            danger
            onClick={() => void answer('decline')}
            data-testid="callout-decline-confirm"
          >
            {t('mobile.callouts.declineConfirm')}
          </Button>
        </div>
      </div>
    );
  return (
    <div className="m-actions">
      <Button size="large" onClick={() => setDeclining(true)} data-testid="callout-decline">
        {t('mobile.callouts.decline')}
      </Button>
      <Button
        size="large"
        type="primary"
        style={{ background: '#389e0d' }}
        onClick={() => void answer('accept')}
        data-testid="callout-accept"
      >
        {t('mobile.callouts.accept')}
      </Button>
    </div>
  );
}

/**
 * A new call fills the screen with a sound until it is answered (or put aside): the kind of help, the rough
 * area and road ETA, the skills asked, never the address. Push brings the volunteer to the app (the alert's
 * link is `/m/callouts/:id`); the live channel and the polling bring the call to an open app. When the call
 * fills before the volunteer's answer counted (the server answers 409 "filled", or the call on screen closes),
 * the screen says so plainly: 已满员，感谢响应.
 */
export function CalloutAlert({ context }: { context: MobileContext }) {
  const t = useT();
  const navigate = useNavigate();
  const mine = useMyCallouts(context.offline);
  const queue = useOutbox(context.outbox);
  useRefreshOnSent(queue);
  const queued = queuedAnswers(queue.pending);
  const [later, setLater] = useState<ReadonlySet<string>>(new Set());
  const [onScreen, setOnScreen] = useState<string | null>(null);
  const items = mine.data?.items ?? [];
  const call = alertToShow(items, queued, later);
  const id = call?.id;
  useEffect(() => {
    if (!id) return;
    ring();
    setOnScreen(id);
  }, [id]);

  // An answer the server refused: filled (or the call ended) before it counted. Never sent again.
  const refused = queue.refused.find((e) => answerOf(e.url) !== null);
  // The call on screen closed while the volunteer looked at it.
  const missed = !call && onScreen ? items.find((c) => c.id === onScreen) : undefined;
  const missedState = missed ? shownState(missed, queued.get(missed.id)) : null;
  const ended = missedState === 'filled' || missedState === 'expired' || missedState === 'cancelled';

  if (refused || ended) {
    const filled = refused ? refusalKind(refused.problem) === 'filled' : missedState === 'filled';
    const ok = () => {
      if (refused) void context.outbox.discard(refused.id);
      setOnScreen(null);
    };
    return (
      <div
        className="m-alert"
        role="alertdialog"
        aria-modal="true"
        style={{ background: '#0958d9' }}
        data-testid="callout-filled"
        data-kind={filled ? 'filled' : 'closed'}
      >
        <div className="m-alert-title">
          {filled ? t('mobile.callouts.filled') : t('mobile.callouts.closed')}
        </div>
        {filled && <div className="m-alert-body">{t('mobile.callouts.filledHelp')}</div>}
        <Button size="large" block onClick={ok} data-testid="callout-filled-ok">
          {t('mobile.callouts.ok')}
        </Button>
      </div>
    );
  }
  if (!call) return null;
  const answered = (a: Answer) => {
    setOnScreen(null);
    navigate(`/m/callouts/${call.id}`);
    if (a === 'decline') setLater(new Set([...later, call.id]));
  };
  return (
    <div
      className="m-alert"
      role="alertdialog"
      aria-modal="true"
      data-testid="callout-alert"
      data-id={call.id}
    >
      <div className="m-alert-title" style={{ fontSize: 26 }}>
        {t('mobile.callouts.alertTitle')}
      </div>
      <div className="m-alert-body" style={{ textAlign: 'left' }}>
        <Teaser call={call} light />
      </div>
      <AnswerButtons call={call} outbox={context.outbox} onAnswered={answered} />
      <Button
        type="link"
        style={{ color: '#fff' }}
        onClick={() => {
          setOnScreen(null);
          setLater(new Set([...later, call.id]));
        }}
        data-testid="callout-later"
      >
        {t('mobile.callouts.later')}
      </Button>
    </div>
  );
}

/** After accepting: the exact address, what is going on (numbers masked by the server) and the route there. */
function Accepted({ call, offline }: { call: MyCallout; offline: boolean }) {
  const t = useT();
  const open = call.status === 'open' || call.status === 'filled';
  const here = useHere(open);
  const route = useRoadRoute(here, call.location, offline);
  const lastSent = useRef(0);
  // The command room follows those who accepted: the position goes with the duty page's consent rules.
  useEffect(() => {
    if (!here || offline || Date.now() - lastSent.current < POSITION_EVERY_MS) return;
    lastSent.current = Date.now();
    void volunteersApi.setPosition(here).catch(() => undefined);
  }, [here, offline]);
  const links = call.location ? navigationLinks(call.location, call.address ?? call.place) : null;
  return (
    <>
      <div className="m-card" data-testid="callout-accepted">
        <div style={{ fontSize: 13, color: '#888' }}>{t('mobile.callouts.address')}</div>
        <div style={{ fontSize: 20, fontWeight: 700 }} data-testid="callout-address">
          {call.address}
        </div>
        {call.description && (
          <>
            <div style={{ fontSize: 13, color: '#888', marginTop: 8 }}>{t('mobile.callouts.details')}</div>
            <div style={{ fontSize: 16 }} data-testid="callout-description">
              {call.description}
            </div>
          </>
        )}
        {route.data && (
          <div style={{ marginTop: 8, fontSize: 18, fontWeight: 600 }} data-testid="callout-route-eta">
            {t('mobile.callouts.eta', {
              distance: formatDistance(route.data.distanceMeters),
              minutes: etaMinutes(route.data.durationSeconds),
            })}
          </div>
        )}
        {links && (
          <Button href={links.amap} target="_blank" block style={{ marginTop: 8 }}>
            {t('mobile.callouts.navigate')}
          </Button>
        )}
      </div>
      {call.location && (
        <div className="m-card">
          <div className="m-card-title">
            {here ? t('mobile.callouts.routeTitle') : t('mobile.callouts.noPosition')}
          </div>
          <RouteMap here={here} incident={call.location} route={route.data} />
        </div>
      )}
    </>
  );
}

function Detail({ call, context }: { call: MyCallout; context: MobileContext }) {
  const t = useT();
  const queue = useOutbox(context.outbox);
  const state = shownState(call, queuedAnswers(queue.pending).get(call.id));
  return (
    <div data-testid="callout-detail" data-state={state}>
      <Link to="/m/callouts" style={{ display: 'inline-block', margin: '4px 0 8px' }}>
        ‹ {t('mobile.callouts.back')}
      </Link>
      <div className="m-card">
        <div className="m-card-row">
          <span className="m-card-title">{call.kind}</span>
          <StateTag state={state} />
        </div>
        {state === 'accepted' ? (
          <div style={{ color: '#888' }}>{t('mobile.callouts.area', { place: call.place })}</div>
        ) : (
          <Teaser call={call} />
        )}
        <div style={{ color: '#888', fontSize: 13, marginTop: 6 }}>
          {t('mobile.callouts.expires', { time: formatDateTime(call.expiresAt) })}
        </div>
        {state === 'waiting' && (
          <div style={{ marginTop: 12 }}>
            <AnswerButtons call={call} outbox={context.outbox} onAnswered={() => undefined} />
          </div>
        )}
        {state === 'sending' && (
          <Tag color="orange" style={{ marginTop: 8 }} data-testid="callout-sending">
            {t('mobile.callouts.sent')}
          </Tag>
        )}
        {state === 'filled' && (
          <div
            style={{ marginTop: 12, fontSize: 18, fontWeight: 600, color: '#0958d9' }}
            data-testid="callout-filled-note"
          >
            {t('mobile.callouts.filled')}
          </div>
        )}
      </div>
      {state === 'accepted' && <Accepted call={call} offline={context.offline} />}
    </div>
  );
}

/** 呼叫 (/m/callouts): the volunteer's calls, open ones first, and one call's page (/m/callouts/:id). */
export function CalloutsPage() {
  const t = useT();
  const context = useMobileContext();
  const { id } = useParams();
  const mine = useMyCallouts(context.offline);
  const queue = useOutbox(context.outbox);
  const queued = queuedAnswers(queue.pending);
  const items = sortMine(mine.data?.items ?? [], queued);
  if (id) {
    const call = items.find((c) => c.id === id);
    if (call) return <Detail call={call} context={context} />;
  }
  return (
    <div data-testid="mobile-callouts">
      <div className="m-section-title">{t('mobile.callouts.title')}</div>
      {items.length === 0 && mine.isFetched && (
        <div className="m-empty" data-testid="callouts-empty">
          {t('mobile.callouts.empty')}
        </div>
      )}
      {items.map((c) => (
        <Link key={c.id} to={`/m/callouts/${c.id}`} style={{ color: 'inherit' }}>
          <div className="m-card" data-testid="callout-item" data-id={c.id}>
            <div className="m-card-row">
              <span className="m-card-title">{c.kind}</span>
              <StateTag state={shownState(c, queued.get(c.id))} />
            </div>
            <div>
              {c.state === 'accepted' && c.address
                ? c.address
                : t('mobile.callouts.area', { place: c.place })}
            </div>
            <div style={{ color: '#888', fontSize: 13 }}>
              {formatDateTime(c.alertedAt)} ·{' '}
              {t('mobile.callouts.eta', {
                distance: formatDistance(c.distanceMeters),
                minutes: etaMinutes(c.etaSeconds),
              })}
            </div>
          </div>
        </Link>
      ))}
    </div>
  );
}
