import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { servicesApi, servicesKeys } from '../../api/services-api.ts';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { callSpeech, shanghaiHhmm, unspokenCalls } from './service-view.ts';

/** Says a call in Mandarin once; a browser without speech shows it only. */
function speak(text: string): boolean {
  if (
    typeof window === 'undefined' ||
    !('speechSynthesis' in window) ||
    typeof SpeechSynthesisUtterance === 'undefined'
  )
    return false;
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = 'zh-CN';
  utterance.rate = 0.9;
  window.speechSynthesis.speak(utterance);
  return true;
}

/** 叫号屏: a hall's TV (1920×1080): the latest call big, the calls before it, and how many wait. */
export function HallScreenPage() {
  const t = useT();
  const { hallId = '' } = useParams();
  const board = useQuery({
    queryKey: servicesKeys.board(hallId),
    queryFn: () => servicesApi.board(hallId),
    refetchInterval: 2_000,
    refetchIntervalInBackground: true,
  });
  const lastSpoken = useRef<number | null>(null);
  const [spoken, setSpoken] = useState('');
  useEffect(() => {
    const calls = board.data?.calls;
    if (!calls) return;
    // What was called before the screen came on is not read out again.
    if (lastSpoken.current === null) {
      lastSpoken.current = calls.reduce((m, c) => Math.max(m, c.seq), 0);
      return;
    }
    for (const c of unspokenCalls(calls, lastSpoken.current)) {
      const text = callSpeech(c.number, c.counterName);
      speak(text);
      setSpoken(text);
      lastSpoken.current = c.seq;
    }
  }, [board.data]);

  const b = board.data;
  const [latest, ...before] = b?.calls ?? [];
  return (
    <div
      data-testid="svc-screen"
      data-spoken={spoken}
      style={{
        width: '100vw',
        height: '100vh',
        background: 'linear-gradient(180deg, #0b2a5b 0%, #061631 100%)',
        color: '#fff',
        display: 'grid',
        gridTemplateRows: '12vh 1fr 14vh',
        padding: '2vh 3vw',
        boxSizing: 'border-box',
        overflow: 'hidden',
      }}
    >
      <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <h1 style={{ margin: 0, fontSize: '5vh', color: '#fff' }}>{b?.hallName ?? ''}</h1>
        <div style={{ fontSize: '3.5vh', color: '#9fc3f0' }}>{b ? formatDateTime(b.now) : ''}</div>
      </header>
      <main style={{ display: 'grid', gridTemplateColumns: '1.4fr 1fr', gap: '3vw', minHeight: 0 }}>
        <section
          data-testid="svc-screen-current"
          data-number={latest?.number ?? ''}
          style={{
            background: 'rgba(255,255,255,0.06)',
            borderRadius: 16,
            display: 'flex',
            flexDirection: 'column',
            justifyContent: 'center',
            alignItems: 'center',
          }}
        >
          {latest ? (
            <>
              <div style={{ fontSize: '5vh', color: '#9fc3f0' }}>{t('svc.screen.please')}</div>
              <div style={{ fontSize: '24vh', fontWeight: 800, lineHeight: 1, color: '#ffd666' }}>
                {latest.number}
              </div>
              <div style={{ fontSize: '9vh', fontWeight: 700 }}>
                {t('svc.screen.to', { counter: latest.counterName })}
              </div>
            </>
          ) : (
            <div style={{ fontSize: '6vh', color: '#9fc3f0' }}>{t('svc.screen.none')}</div>
          )}
        </section>
        <section style={{ minHeight: 0, overflow: 'hidden' }}>
          <h2 style={{ fontSize: '4vh', color: '#7fd1ff', margin: '0 0 1vh' }}>{t('svc.screen.recent')}</h2>
          {before.slice(0, 8).map((c) => (
            <div
              key={c.seq}
              data-testid="svc-screen-call"
              style={{
                display: 'flex',
                justifyContent: 'space-between',
                fontSize: '5vh',
                padding: '0.8vh 0',
                borderBottom: '1px solid rgba(255,255,255,0.15)',
              }}
            >
              <span style={{ fontWeight: 700 }}>{c.number}</span>
              <span>{c.counterName}</span>
              <span style={{ color: '#9fc3f0' }}>{shanghaiHhmm(c.at)}</span>
            </div>
          ))}
        </section>
      </main>
      <footer
        style={{ display: 'flex', gap: '3vw', alignItems: 'center', fontSize: '4vh' }}
        data-testid="svc-screen-waiting"
      >
        <span style={{ color: '#9fc3f0' }}>{t('svc.screen.waiting')}</span>
        {(b?.waiting ?? []).map((w) => (
          <span key={w.group}>
            {t('svc.screen.group', { group: w.group })} <b style={{ color: '#ffd666' }}>{w.count}</b>
          </span>
        ))}
      </footer>
    </div>
  );
}
