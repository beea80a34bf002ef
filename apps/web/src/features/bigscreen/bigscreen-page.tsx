import { useQueryClient } from '@tanstack/react-query';
import { type CSSProperties, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { consoleTopics, LiveChannelProvider, useLiveEvents } from '../../app/live-channel.tsx';
import { useHealth } from '../../app/use-health.ts';
import { useNow } from '../../app/use-now.ts';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { AntiFraudPanel } from './bigscreen-antifraud-panel.tsx';
import { DispatchBoard } from './bigscreen-dispatch-board.tsx';
import { GridGovernancePanel } from './bigscreen-grid-panel.tsx';
import { ModuleBoard } from './bigscreen-module-board.tsx';
import {
  BIGSCREEN_PAGES,
  type BigScreenPageKey,
  nextPage,
  pageFromParam,
  rotationDelayMs,
  rotationFromParams,
  yearFromParam,
} from './bigscreen-pages.ts';
import { ServicesPanel } from './bigscreen-services-panel.tsx';
import { SummaryBoard } from './bigscreen-summary-board.tsx';
import { TrafficPanel } from './bigscreen-traffic-panel.tsx';
import { VolunteerPanel } from './bigscreen-volunteer-panel.tsx';

export function BigScreenPage() {
  return (
    <LiveChannelProvider subscribe={bigscreenTopics}>
      <BigScreen />
    </LiveChannelProvider>
  );
}

// The volunteer panel follows the open call-outs, the traffic panel the road-weather hazards and signs,
// the service panel the halls' tickets and cases; the statistics follow the records they count.
const bigscreenTopics = [
  ...consoleTopics,
  'callout.changed',
  'traffic.*',
  'services.*',
  'hazard.*',
  'dispute.*',
  'intel.*',
] as const;
/** Events that change what the pages count: their reads are made again (a second later, once per burst). */
const refreshTopics = [
  'incident.*',
  'request.*',
  'hazard.*',
  'dispute.*',
  'intel.*',
  'callout.changed',
] as const;
const REFRESH_MS = 60_000;

const tabStyle = (active: boolean): CSSProperties => ({
  padding: '4px 18px',
  fontSize: 18,
  letterSpacing: 2,
  cursor: 'pointer',
  border: `1px solid ${active ? '#40a9ff' : '#1f4f8f'}`,
  borderRadius: 4,
  background: active ? 'linear-gradient(180deg,#1d5fb3,#12407d)' : 'rgba(16,42,84,0.6)',
  color: active ? '#ffffff' : '#9fc3f0',
  fontWeight: active ? 700 : 400,
});

/**
 * 大屏: a page per module (`?page=`), switched by the tabs and, when nobody touches the screen, by itself
 * (`?rotate=<seconds per page>`, 0 = off; `?idle=<seconds before it starts>`). Every page is live: reads are
 * made again on the modules' events and every 60 s.
 */
function BigScreen() {
  const t = useT();
  const queryClient = useQueryClient();
  const now = useNow(1000);
  const health = useHealth();
  const [params, setParams] = useSearchParams();
  const page = pageFromParam(params.get('page'));
  const year = yearFromParam(params.get('year'), now);
  const rotation = rotationFromParams(params);
  const [lastActivity, setLastActivity] = useState(() => Date.now());
  const [rotating, setRotating] = useState(false);

  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useLiveEvents(refreshTopics, () => {
    clearTimeout(pending.current);
    pending.current = setTimeout(() => void queryClient.invalidateQueries({ queryKey: ['bigscreen'] }), 1000);
  });
  useEffect(() => {
    const timer = setInterval(
      () => void queryClient.invalidateQueries({ queryKey: ['bigscreen'] }),
      REFRESH_MS,
    );
    return () => clearInterval(timer);
  }, [queryClient]);

  const show = (next: BigScreenPageKey) =>
    setParams(
      (p) => {
        const q = new URLSearchParams(p);
        q.set('page', next);
        return q;
      },
      { replace: true },
    );

  // Any touch, click or key holds the rotation; it starts again after the idle time.
  useEffect(() => {
    const touched = () => {
      setLastActivity(Date.now());
      setRotating(false);
    };
    const events = ['pointerdown', 'keydown', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, touched, { passive: true });
    return () => {
      for (const e of events) window.removeEventListener(e, touched);
    };
  }, []);
  const delay = rotationDelayMs(rotation, rotating);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a page change or a touch starts the wait again
  useEffect(() => {
    if (delay === null) return;
    const timer = setTimeout(() => {
      setRotating(true);
      show(nextPage(page));
    }, delay);
    return () => clearTimeout(timer);
  }, [delay, page, lastActivity]);

  return (
    <div
      data-testid="bigscreen"
      data-page={page}
      style={{
        width: '100vw',
        height: '100vh',
        background: 'radial-gradient(circle at 50% 0%, #12356b 0%, #061631 70%)',
        color: '#e6f0ff',
        display: 'grid',
        gridTemplateRows: '56px 38px 1fr',
        padding: 12,
        gap: 10,
        boxSizing: 'border-box',
        overflow: 'hidden',
      }}
    >
      <header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
        <div style={{ fontSize: 16, color: '#9fc3f0', width: 320 }}>{formatDateTime(new Date(now))}</div>
        <h1 style={{ margin: 0, fontSize: 32, letterSpacing: 4, color: '#ffffff' }}>
          {health.data?.tenant.name ?? ''} {t('bigscreen.title')}
        </h1>
        <div style={{ fontSize: 14, color: '#9fc3f0', width: 320, textAlign: 'right' }}>
          {t('dispatch.map.roadsNote')}
        </div>
      </header>
      <nav
        style={{
          display: 'flex',
          justifyContent: 'center',
          alignItems: 'center',
          gap: 10,
          position: 'relative',
        }}
        data-testid="bigscreen-tabs"
      >
        {BIGSCREEN_PAGES.map((p) => (
          <button
            key={p}
            type="button"
            role="tab"
            aria-selected={p === page}
            data-testid={`bigscreen-tab-${p}`}
            style={tabStyle(p === page)}
            onClick={() => show(p)}
          >
            {t(`bigscreen.page.${p}`)}
          </button>
        ))}
        <span
          style={{ position: 'absolute', right: 0, fontSize: 13, color: '#6f93c4' }}
          data-testid="bigscreen-rotation"
        >
          {rotation.dwellSeconds === 0
            ? t('bigscreen.rotate.paused')
            : t('bigscreen.rotate.on', { n: rotation.dwellSeconds })}
        </span>
      </nav>
      {page === 'summary' && <SummaryBoard year={year} />}
      {page === 'dispatch' && <DispatchBoard now={now} />}
      {page === 'grid' && (
        <ModuleBoard
          testId="bigscreen-page-grid"
          title="bigscreen.page.grid"
          panel={<GridGovernancePanel year={year} />}
          group="grid"
          year={year}
          now={now}
        />
      )}
      {page === 'volunteers' && (
        <ModuleBoard
          testId="bigscreen-page-volunteers"
          title="bigscreen.page.volunteers"
          panel={<VolunteerPanel />}
          group="volunteer"
          year={year}
          now={now}
        />
      )}
      {page === 'traffic' && (
        <ModuleBoard
          testId="bigscreen-page-traffic"
          title="bigscreen.page.traffic"
          panel={<TrafficPanel />}
          group={null}
          year={year}
          now={now}
        />
      )}
      {page === 'services' && (
        <ModuleBoard
          testId="bigscreen-page-services"
          title="bigscreen.page.services"
          panel={<ServicesPanel year={year} />}
          group="service"
          year={year}
          now={now}
        />
      )}
      {page === 'antifraud' && (
        <ModuleBoard
          testId="bigscreen-page-antifraud"
          title="bigscreen.page.antifraud"
          panel={<AntiFraudPanel />}
          group="outreach"
          year={year}
          now={now}
        />
      )}
    </div>
  );
}
