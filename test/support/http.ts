import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createServer, type Services } from '../../apps/server/src/main.ts';
import type { App } from '../../apps/server/src/platform/http/app-types.ts';

export const DEMO_PASSWORD = 'ronghui-demo';

export interface TestApp {
  app: App;
  services: Services;
  /** Logs in and returns the session cookie header value. */
  login(username: string, password?: string): Promise<string>;
  as(cookie: string, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function testApp(services: Services): Promise<TestApp> {
  const app = await createServer(services, { logger: false });
  await app.ready();
  return {
    app,
    services,
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'rh_session');
      if (!cookie) throw new Error('no session cookie');
      return `rh_session=${cookie.value}`;
    },
    as(cookie, options) {
      return app.inject({ ...options, headers: { ...(options.headers ?? {}), cookie } });
    },
    async close() {
      await app.close();
    },
  };
}
