import type { LiveEventMessage, Topic, TopicPattern, TopicsOf } from '@ronghui/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { meQueryKey } from './query-client.ts';

/** An event of the live channel; `LiveEvent<'unit.status'>` carries that topic's payload. */
export type LiveEvent<T extends Topic = Topic> = LiveEventMessage<T>;

type Listener = (event: LiveEvent) => void;

export type LiveState = 'connecting' | 'open' | 'closed';

interface LiveValue {
  state: LiveState;
  /** Calls `handler` for every event under one of `patterns`; returns the unsubscribe. */
  subscribe: <P extends TopicPattern>(
    patterns: P | readonly P[],
    handler: (event: LiveEvent<TopicsOf<P>>) => void,
  ) => () => void;
}

const LiveContext = createContext<LiveValue | null>(null);
/** What the command console listens to by default. */
export const consoleTopics: readonly TopicPattern[] = [
  'unit.*',
  'incident.*',
  'request.*',
  'message.*',
  'emergency.*',
  'patrol.*',
  'road.*',
];

function isEvent(value: unknown): value is LiveEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.type === 'event' && typeof v.topic === 'string';
}

/**
 * As the server matches subscriptions: a topic, `prefix.*`, or `*`. (The console takes only types from the
 * contract, so zod stays out of its bundle.)
 */
function topicMatches(pattern: TopicPattern, topic: string): boolean {
  if (pattern === '*' || pattern === topic) return true;
  return pattern.endsWith('.*') && topic.startsWith(pattern.slice(0, -1));
}

/** Hands an event under one of the patterns to the handler: its topic is then one of theirs. */
function deliver<P extends TopicPattern>(
  event: LiveEvent,
  patterns: P | readonly P[],
  handler: (event: LiveEvent<TopicsOf<P>>) => void,
): void {
  const list: readonly TopicPattern[] = typeof patterns === 'string' ? [patterns] : patterns;
  if (list.some((p) => topicMatches(p, event.topic))) handler(event as LiveEvent<TopicsOf<P>>);
}

/** The server closes a socket with 4401 when its session ended and 4403 when the user's access changed. */
const SESSION_ENDED = 4401;
const ACCESS_CHANGED = 4403;

/**
 * One WebSocket for the console (session cookie), reconnecting with back-off while mounted. When the server
 * ends it because the session ended or the user's access changed, the console asks who it is again: a
 * signed-out user goes back to sign-in, a changed one gets the menu of the new roles.
 */
export function LiveChannelProvider({
  children,
  subscribe = consoleTopics,
}: {
  children: ReactNode;
  /** The topics to ask for (default: everything the console shows). */
  subscribe?: readonly TopicPattern[];
}) {
  const queryClient = useQueryClient();
  const listeners = useRef(new Set<Listener>());
  const [state, setState] = useState<LiveState>('connecting');
  const wanted = useRef(subscribe);
  wanted.current = subscribe;
  const [value] = useState<Omit<LiveValue, 'state'>>(() => ({
    subscribe: (patterns, handler) => {
      const listener: Listener = (event) => deliver(event, patterns, handler);
      listeners.current.add(listener);
      return () => listeners.current.delete(listener);
    },
  }));

  useEffect(() => {
    let socket: WebSocket | null = null;
    let stopped = false;
    let retry = 1000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
      socket = new WebSocket(`${scheme}://${window.location.host}/api/ws`);
      setState('connecting');
      socket.onopen = () => {
        retry = 1000;
        setState('open');
        socket?.send(JSON.stringify({ type: 'subscribe', topics: wanted.current }));
      };
      socket.onmessage = (message) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(String(message.data));
        } catch {
          return;
        }
        if (!isEvent(parsed)) return;
        for (const listener of listeners.current) listener(parsed);
      };
      socket.onclose = (event) => {
        setState('closed');
        if (stopped) return;
        if (event.code === SESSION_ENDED || event.code === ACCESS_CHANGED) {
          void queryClient.invalidateQueries({ queryKey: meQueryKey });
          if (event.code === ACCESS_CHANGED) retry = 1000;
        }
        timer = setTimeout(connect, retry);
        retry = Math.min(retry * 2, 15_000);
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      socket?.close();
    };
  }, [queryClient]);

  return <LiveContext.Provider value={{ ...value, state }}>{children}</LiveContext.Provider>;
}

function useLive(): LiveValue {
  const value = useContext(LiveContext);
  if (!value) throw new Error('LiveChannelProvider is missing above this component');
  return value;
}

export function useLiveState(): LiveState {
  return useLive().state;
}

/**
 * Calls `handler` for every event under `patterns` (a topic, `incident.*`, or a list of them), with the
 * payload of its topic: `useLiveEvents('unit.status', (e) => e.payload.callsign)`. The latest handler and
 * patterns are used; the subscription lasts while the component is mounted.
 */
export function useLiveEvents<P extends TopicPattern>(
  patterns: P | readonly P[],
  handler: (event: LiveEvent<TopicsOf<P>>) => void,
): void {
  const { subscribe } = useLive();
  const latest = useRef({ handler, patterns });
  latest.current = { handler, patterns };
  useEffect(
    () => subscribe('*', (event) => deliver(event, latest.current.patterns, latest.current.handler)),
    [subscribe],
  );
}
