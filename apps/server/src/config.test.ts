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
});
