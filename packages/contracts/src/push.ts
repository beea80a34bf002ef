import { z } from 'zod';
import { isoDateTime, listOf } from './common.ts';

/**
 * Web Push: the browser's push service wakes a phone or a console for an order even when Ronghui is not open.
 * Where no push service is reachable (an intranet, a browser without push), the live channel's alert is the
 * fallback: clients ask `GET /api/push/config` and fall back when `enabled` is false or subscribing fails.
 */

/** `GET /api/push/config`: the server's VAPID public key (the `applicationServerKey` of a subscription). */
export const pushConfig = z.object({
  enabled: z.boolean(),
  /** Uncompressed P-256 public key, base64url (87 characters). */
  publicKey: z.string(),
});
export type PushConfig = z.infer<typeof pushConfig>;

const base64url = (what: string, max: number) =>
  z
    .string()
    .min(8)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+=*$/, `${what} must be base64url`);

/** `POST /api/push/subscriptions`: a browser's `PushSubscription.toJSON()`. */
export const pushSubscribeBody = z
  .object({
    endpoint: z.url({ protocol: /^https?$/, message: 'must be the push service URL (https)' }).max(2000),
    expirationTime: z.number().int().nullable().optional(),
    keys: z.object({ p256dh: base64url('keys.p256dh', 200), auth: base64url('keys.auth', 100) }).strict(),
  })
  .strict();
export type PushSubscribeBody = z.infer<typeof pushSubscribeBody>;

/** One of the user's push subscriptions (a browser or phone), never its keys. */
export const pushSubscriptionView = z.object({
  id: z.string(),
  /** The push service it goes through (host of the endpoint). */
  service: z.string(),
  userAgent: z.string().nullable(),
  createdAt: isoDateTime,
  lastSentAt: isoDateTime.nullable(),
  /** Sends that failed in a row (the subscription is dropped when the service says it is gone). */
  failures: z.number().int(),
});
export type PushSubscriptionView = z.infer<typeof pushSubscriptionView>;
export const pushSubscriptionList = listOf(pushSubscriptionView);
export type PushSubscriptionList = z.infer<typeof pushSubscriptionList>;

/** `DELETE /api/push/subscriptions`: by endpoint, as the browser knows it. */
export const pushUnsubscribeBody = z.object({ endpoint: z.string().min(1).max(2000) }).strict();

/** What a push carries (decrypted by the service worker): enough to show the alert and open the order. */
export const pushMessage = z.object({
  kind: z.enum(['order', 'dispatch', 'message', 'emergency']),
  title: z.string(),
  body: z.string(),
  /** The page to open (`/m/orders/…`). */
  url: z.string(),
  /** Same tag: a newer push replaces the older alert. */
  tag: z.string(),
  incidentId: z.string().nullable(),
  at: isoDateTime,
});
export type PushMessage = z.infer<typeof pushMessage>;
