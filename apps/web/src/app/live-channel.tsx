import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';

export interface LiveEvent {
  topic: string;
  id: number;
  at: string;
  payload: unknown;
}

type Listener = (event: LiveEvent) => void;

export type LiveState = 'connecting' | 'open' | 'closed';

interface LiveValue {
  state: LiveState;
  listen: (listener: Listener) => () => void;
}

const LiveContext = createContext<LiveValue | null>(null);
const topics = ['unit.*', 'incident.*', 'request.*', 'message.*', 'emergency.*', 'patrol.*', 'road.*'];

function isEvent(value: unknown): value is LiveEvent & { type: 'event' } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.type === 'event' && typeof v.topic === 'string';
}

/** One WebSocket for the console (session cookie), reconnecting with back-off while mounted. */
export function LiveChannelProvider({ children }: { children: ReactNode }) {
  const listeners = useRef(new Set<Listener>());
  const [state, setState] = useState<LiveState>('connecting');
  const [value] = useState<Omit<LiveValue, 'state'>>(() => ({
    listen: (listener) => {
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
        socket?.send(JSON.stringify({ type: 'subscribe', topics }));
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
      socket.onclose = () => {
        setState('closed');
        if (stopped) return;
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
  }, []);

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

/** Calls `handler` for every event whose topic starts with one of `prefixes`. */
export function useLiveEvents(prefixes: readonly string[], handler: (event: LiveEvent) => void): void {
  const { listen } = useLive();
  const latest = useRef({ handler, prefixes });
  latest.current = { handler, prefixes };
  useEffect(
    () =>
      listen((event) => {
        if (latest.current.prefixes.some((p) => event.topic.startsWith(p))) latest.current.handler(event);
      }),
    [listen],
  );
}
