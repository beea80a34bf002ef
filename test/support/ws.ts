import WebSocket from 'ws';

export interface TestSocket {
  messages: { type: string; topic?: string; payload?: unknown; id?: number }[];
  send(msg: unknown): void;
  /** Resolves when a message matching `predicate` has arrived (or rejects after `timeoutMs`). */
  waitFor(
    predicate: (m: TestSocket['messages'][number]) => boolean,
    timeoutMs?: number,
  ): Promise<TestSocket['messages'][number]>;
  close(): void;
  /** Resolves with the close code and reason when the server (or we) closed the socket. */
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens the live channel with a session cookie and waits for the welcome message. */
export async function openSocket(baseUrl: string, cookie: string): Promise<TestSocket> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/ws`, { headers: { cookie } });
  const messages: TestSocket['messages'] = [];
  const waiters: {
    predicate: (m: TestSocket['messages'][number]) => boolean;
    resolve: (m: TestSocket['messages'][number]) => void;
    reject: (e: Error) => void;
  }[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => {
      for (const w of waiters.splice(0)) w.reject(new Error(`socket closed with ${code}`));
      resolve({ code, reason: reason.toString() });
    }),
  );
  socket.on('message', (raw: Buffer) => {
    const msg = JSON.parse(raw.toString());
    messages.push(msg);
    for (const w of [...waiters]) {
      if (w.predicate(msg)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(msg);
      }
    }
  });
  const api: TestSocket = {
    messages,
    send: (msg) => socket.send(JSON.stringify(msg)),
    waitFor(predicate, timeoutMs = 10_000) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(messages)}`)),
          timeoutMs,
        );
        waiters.push({
          predicate,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
      });
    },
    close: () => socket.close(),
    closed,
  };
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('close', (code) => reject(new Error(`socket closed with ${code}`)));
    socket.once('open', () => resolve());
  });
  await api.waitFor((m) => m.type === 'welcome');
  return api;
}
