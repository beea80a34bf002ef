import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';

const PASSWORD = 'ronghui-demo';

async function login(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/**
 * The embedded database under `kill -9`: every write the server acknowledged is there after a restart,
 * and the audit chain is intact. Also: a restart keeps all data and does not seed twice.
 */
// Two server starts with a demo seed each, and a kill between: more than a unit test's minute on a
// busy machine.
describe('PGlite durability', () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close();
  });

  it('loses nothing acknowledged when the server is killed during writes', async () => {
    const first = await startTestServer();
    servers.push(first);
    const admin = await login(first.url, 'system-admin');
    const tree = (await (
      await fetch(`${first.url}/api/orgs/tree`, { headers: { cookie: admin } })
    ).json()) as { id: string };
    const acknowledged: string[] = [];
    let stop = false;
    const writer = async (lane: number) => {
      for (let i = 0; !stop && i < 10_000; i++) {
        const username = `durable.${lane}.${i}`;
        try {
          const res = await fetch(`${first.url}/api/users`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: admin },
            body: JSON.stringify({
              username,
              displayName: '持久性',
              password: 'Strong-pass-2026',
              roles: ['analyst'],
              orgId: tree.id,
            }),
          });
          if (res.status === 201) acknowledged.push(username);
        } catch {
          return; // the server is gone
        }
      }
    };
    const lanes = [0, 1, 2, 3].map(writer);
    while (acknowledged.length < 12) await new Promise((r) => setTimeout(r, 50));
    await first.stop('SIGKILL');
    stop = true;
    await Promise.all(lanes);
    expect(acknowledged.length).toBeGreaterThanOrEqual(12);

    const second = await startTestServer({ dataDir: first.dataDir });
    servers.push(second);
    expect(second.output()).not.toMatch(/Seeded the Dehua demo/);
    const admin2 = await login(second.url, 'system-admin');
    const found = new Set<string>();
    for (let page = 1; ; page++) {
      const res = (await (
        await fetch(`${second.url}/api/users?q=durable.&pageSize=200&page=${page}`, {
          headers: { cookie: admin2 },
        })
      ).json()) as { items: { username: string }[] };
      for (const u of res.items) found.add(u.username);
      if (res.items.length < 200) break;
    }
    const lost = acknowledged.filter((u) => !found.has(u));
    expect(lost).toEqual([]);
    const auditor = await login(second.url, 'auditor');
    const verify = (await (
      await fetch(`${second.url}/api/audit/verify`, { method: 'POST', headers: { cookie: auditor } })
    ).json()) as { ok: boolean; checked: number };
    expect(verify.ok).toBe(true);
    expect(verify.checked).toBeGreaterThan(acknowledged.length);
  }, 240_000);
});
