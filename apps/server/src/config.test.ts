import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(8080);
    expect(c.TENANT_CODE).toBe('350526');
    expect(c.MQTT_PORT).toBe(1883);
    expect(c.DEMO).toBe('auto');
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.dataDir).toMatch(/\/data$/);
  });

  it('reads switches and URLs', () => {
    const c = loadConfig({
      DEMO: 'off',
      DATABASE_URL: 'postgres://u@h:5432/db',
      NATS_URL: 'nats://127.0.0.1:4222',
      PORT: '9000',
    });
    expect(c.DEMO).toBe(false);
    expect(c.PORT).toBe(9000);
    expect(c.NATS_URL).toBe('nats://127.0.0.1:4222');
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['TENANT_CODE', '3505'],
    ['DATABASE_URL', 'mysql://x@y/z'],
    ['NATS_URL', 'not a url'],
    ['DEMO', 'maybe'],
    ['LOG_LEVEL', 'loud'],
    ['TRUST_PROXY', 'everyone; please'],
    ['TRUST_PROXY', '10.0.0.0/8, example.com'],
    ['REQUEST_TIMEOUT_MS', '5'],
    ['CAMERA_STREAM_ORIGINS', 'http://10.1.2.3/stream.m3u8'],
  ])('refuses an invalid %s and names it', (variable, value) => {
    let error: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.variable)).toContain(variable);
    expect((error as Error).message).toContain(variable);
  });

  it('trusts no proxy by default, and reads a list of addresses or a hop count', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'off' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).TRUST_PROXY).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
    ]);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).TRUST_PROXY).toEqual(['loopback']);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
  });

  it('reads the request timeout and camera stream origins', () => {
    expect(loadConfig({}).REQUEST_TIMEOUT_MS).toBe(30_000);
    expect(loadConfig({ REQUEST_TIMEOUT_MS: '60000' }).REQUEST_TIMEOUT_MS).toBe(60_000);
    expect(loadConfig({}).CAMERA_STREAM_ORIGINS).toEqual([]);
    expect(
      loadConfig({ CAMERA_STREAM_ORIGINS: 'http://10.1.2.3:8080, https://cams.gaj.example' })
        .CAMERA_STREAM_ORIGINS,
    ).toEqual(['http://10.1.2.3:8080', 'https://cams.gaj.example']);
  });
});
