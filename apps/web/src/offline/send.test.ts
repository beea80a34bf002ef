import { afterEach, describe, expect, it, vi } from 'vitest';
import { binaryBody, fetchSend, isBinaryBody } from './send.ts';

describe('fetchSend', () => {
  afterEach(() => vi.unstubAllGlobals());

  const capture = () => {
    const calls: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify({ ok: true }), {
        status: 201,
        headers: { 'content-type': 'application/json' },
      });
    });
    return calls;
  };

  it('sends JSON with the idempotency key', async () => {
    const calls = capture();
    const answer = await fetchSend({
      id: 1,
      method: 'POST',
      url: '/api/incidents/x/notes',
      body: { text: '现场已控制' },
      idempotencyKey: 'k-1',
    });
    expect(answer).toEqual({ status: 201, body: { ok: true } });
    const headers = calls[0]!.init.headers as Record<string, string>;
    expect(headers['content-type']).toBe('application/json');
    expect(headers['idempotency-key']).toBe('k-1');
    expect(calls[0]!.init.body).toBe('{"text":"现场已控制"}');
  });

  it('sends a binary body as its raw bytes with its own type', async () => {
    const calls = capture();
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]).buffer;
    const body = binaryBody(bytes, 'image/jpeg');
    expect(isBinaryBody(body)).toBe(true);
    expect(isBinaryBody({ binary: 'x', contentType: 'image/jpeg' })).toBe(false);
    await fetchSend({ id: 2, method: 'POST', url: '/api/incidents/x/photos', body, idempotencyKey: 'k-2' });
    const headers = calls[0]!.init.headers as Record<string, string>;
    expect(headers['content-type']).toBe('image/jpeg');
    expect(calls[0]!.init.body).toBe(bytes);
  });
});
