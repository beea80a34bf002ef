import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { roleKey } from '@ronghui/contracts';
import { z } from 'zod';

/** Environment switches are written on/off/true/false/1/0; anything else is refused with the variable's name. */
const flag = z
  .enum(['on', 'off', 'true', 'false', '1', '0', 'auto'])
  .transform((v) => (v === 'auto' ? 'auto' : v === 'on' || v === 'true' || v === '1'));

const url = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((v) => protocols.some((p) => v.startsWith(`${p}://`)), {
      message: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    });

const port = z.coerce.number().int().min(0).max(65_535);

/**
 * Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed: off (default: nobody), a hop count, or a
 * comma-separated list of addresses and CIDRs (127.0.0.1,10.0.0.0/8), as Fastify's `trustProxy` takes them.
 */
const trustProxy = z.string().transform((v, ctx): false | number | string[] => {
  const value = v.trim();
  if (['off', 'false', '0', 'none'].includes(value)) return false;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  const address = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)(\/\d{1,3})?$/;
  const named = /^(loopback|linklocal|uniquelocal)$/;
  if (entries.length === 0 || !entries.every((e) => address.test(e) || named.test(e))) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be off, a hop count, or addresses/CIDRs separated by commas (e.g. 10.0.0.0/8)',
    });
    return z.NEVER;
  }
  return entries;
});

export const configSchema = z.object({
  PORT: port.default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: url(['postgres', 'postgresql']).optional(),
  NATS_URL: url(['nats', 'tls']).optional(),
  MQTT_URL: url(['mqtt', 'mqtts', 'ws', 'wss']).optional(),
  MQTT_PORT: port.default(1883),
  TENANT_CODE: z
    .string()
    .regex(/^\d{6}$/, 'must be a 6-digit division code such as 350526')
    .default('350526'),
  DEMO: flag.default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  // Delay before answering a failed login: LOGIN_DELAY_MS, doubling with each failure, at most LOGIN_DELAY_MAX_MS.
  LOGIN_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(250),
  LOGIN_DELAY_MAX_MS: z.coerce.number().int().min(0).max(60_000).default(4_000),
  // How often the live channel re-checks each socket's session (sign-out elsewhere, idle timeout, expiry).
  WS_CHECK_SECONDS: z.coerce.number().int().min(1).max(600).default(15),
  // Web Push: on/off, the VAPID contact the push services see, and whether plain-HTTP push endpoints are
  // accepted (a push service inside the bureau's network; off: https only). Keys: <DATA_DIR>/vapid.json.
  PUSH: flag.default(true),
  PUSH_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:\/\/)\S+$/, 'must be a mailto: address or an https: URL')
    .default('mailto:ronghui-admin@localhost'),
  PUSH_ALLOW_HTTP: flag.default(false),
  // 一呼百应 call-outs: seconds before the next ring is alerted, default minutes to expiry, minutes a volunteer
  // is left in peace after an alert, and the SMS gateway webhook (POST JSON, see README) with its shared token
  // (sent as Bearer; the gateway's receipts to /api/callouts/sms-receipts carry it back) and the receipt URL.
  CALLOUT_WIDEN_SECONDS: z.coerce.number().int().min(5).max(3_600).default(60),
  CALLOUT_EXPIRE_MINUTES: z.coerce.number().int().min(2).max(240).default(15),
  CALLOUT_COOLDOWN_MINUTES: z.coerce.number().int().min(0).max(1_440).default(30),
  CALLOUT_SMS_WEBHOOK: z.url().optional(),
  CALLOUT_SMS_TOKEN: z.string().min(16).optional(),
  CALLOUT_RECEIPT_URL: z.url().optional(),
  // The SMS gateway for the service hall (one-time codes, reminders, case notices): POST JSON, see README.
  // Unset: the call-outs' gateway is used; with neither, the demo writes messages to the log.
  SMS_WEBHOOK: z.url().optional(),
  SMS_TOKEN: z.string().min(16).optional(),
  // 一窗通办: working days to rectify after a bad review, minutes a booking holds its place, check-in window.
  SERVICE_RECTIFY_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(5),
  SERVICE_HOLD_MINUTES: z.coerce.number().int().min(1).max(30).default(5),
  SERVICE_CHECKIN_BEFORE_MINUTES: z.coerce.number().int().min(0).max(240).default(30),
  SERVICE_CHECKIN_AFTER_MINUTES: z.coerce.number().int().min(0).max(120).default(15),
  // Training and browser tests: the server's clock starts at this instant and runs on from there.
  CLOCK_START: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with offset' }).optional(),
  // Bearer tokens: longest life, and the roles that may hold one (unset: every non-administrator role).
  TOKEN_MAX_DAYS: z.coerce.number().int().min(1).max(365).default(90),
  TOKEN_ROLES: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((r) => r.trim())
        .filter((r) => r !== ''),
    )
    .pipe(z.array(roleKey.exclude(['system-admin', 'security-admin', 'auditor'])).min(1))
    .optional(),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  WEB_DIST: z.string().optional(),
  SIMULATE: flag.default('auto'),
  SIM_SPEEDUP: z.coerce.number().min(0.1).max(600).default(1),
  SIM_INCIDENTS_PER_DAY: z.coerce.number().min(0).max(100_000).default(60),
  // Master key for personal fields encrypted at rest (SM4); default: <DATA_DIR>/field.key, made on first start.
  FIELD_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (a 256-bit key)')
    .optional(),
  // Key of the audit trail's HMAC-SM3 chain; default: <DATA_DIR>/audit.key, made on first start.
  AUDIT_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (a 256-bit key)')
    .optional(),
  // Days of past (closed) incidents the demo starts with, for year-on-year comparisons; 0 = none.
  DEMO_HISTORY_DAYS: z.coerce.number().int().min(0).max(1_000).default(400),
  // The scorecard's generated 2022–2023 incidents, crime records and 三率 results when the demo is seeded.
  DEMO_STATS_HISTORY: flag.default(true),
  // Map: the elevation model for 3D terrain, and the bureau's own base tiles (unset: fully offline).
  DEM_PATH: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p !== ''),
    )
    .refine((paths) => paths.every((p) => /\.hgt(\.zip)?$/i.test(p)), {
      message: 'must list SRTM tiles (.hgt or .hgt.zip files), separated by commas',
    })
    .refine((paths) => paths.every((p) => existsSync(p)), { message: 'a listed file does not exist' })
    .default([]),
  MAP_TILE_URL: url(['http', 'https'])
    .refine((v) => ['{z}', '{x}', '{y}'].every((k) => v.includes(k)) || v.includes('{quadkey}'), {
      message: 'must be an XYZ template with {z}, {x} and {y}',
    })
    .optional(),
  MAP_TILE_ATTRIBUTION: z.string().max(300).optional(),
  // HTTP hardening: which proxies may speak for the client (X-Forwarded-For/-Proto), how long a request
  // may take to arrive, and the outside origins of camera streams the console may load.
  TRUST_PROXY: trustProxy.default(false),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  CAMERA_STREAM_ORIGINS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o !== ''),
    )
    .refine((origins) => origins.every((o) => /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(o)), {
      message: 'must list origins such as http://10.1.2.3:8080, separated by commas',
    })
    .default([]),
});

export type Config = Omit<z.infer<typeof configSchema>, 'DEMO' | 'SIMULATE'> & {
  DEMO: boolean | 'auto';
  /** auto: run the live simulator for a demo tenant. */
  SIMULATE: boolean | 'auto';
  /** Absolute path of DATA_DIR. */
  dataDir: string;
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
  }
}

/** The only reader of the environment. Unknown variables are ignored; known ones are checked. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.keys(configSchema.shape);
  const input: Record<string, string> = {};
  for (const key of known) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '?'),
        message: `${issue.message} (got "${input[String(issue.path[0])] ?? ''}")`,
      })),
    );
  }
  return { ...parsed.data, dataDir: resolve(parsed.data.DATA_DIR) };
}
