import type { TestApp } from '../../../../../test/support/http.ts';
import { openSocket, type TestSocket } from '../../../../../test/support/ws.ts';

/** Signed-in HTTP calls and live-channel sockets per demo user, for the messaging tests. */
export function testClient(t: TestApp, baseUrl: () => string) {
  const cookies = new Map<string, string>();
  const sockets: TestSocket[] = [];
  const as = async (username: string) => {
    if (!cookies.has(username)) cookies.set(username, await t.login(username));
    return cookies.get(username)!;
  };
  return {
    as,
    async call(username: string, method: 'GET' | 'POST', url: string, payload?: object) {
      return t.as(await as(username), { method, url, ...(payload ? { payload } : {}) });
    },
    /** A socket subscribed to `topics`; with none it subscribes to nothing at all. */
    async socket(username: string, topics: string[]) {
      const s = await openSocket(baseUrl(), await as(username));
      sockets.push(s);
      if (!topics.length) return s;
      s.send({ type: 'subscribe', topics });
      await s.waitFor((m) => m.type === 'subscribed');
      return s;
    },
    close() {
      for (const s of sockets) s.close();
    },
  };
}
