import {
  pushConfig,
  pushSubscribeBody,
  pushSubscriptionList,
  pushSubscriptionView,
  pushUnsubscribeBody,
} from '@ronghui/contracts';
import { z } from 'zod';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { PushService } from './push.service.ts';

export function registerPushRoutes(app: App, push: PushService) {
  app.get(
    '/api/push/config',
    {
      schema: {
        tags: ['push'],
        summary: 'Whether Web Push is on, and the VAPID public key to subscribe with',
        response: { 200: pushConfig },
      },
    },
    async (request) => {
      requireUser(request);
      return push.config();
    },
  );
  app.get(
    '/api/push/subscriptions',
    {
      schema: {
        tags: ['push'],
        summary: 'Your browsers and phones subscribed to push',
        response: { 200: pushSubscriptionList },
      },
    },
    async (request) => push.list(requireUser(request)),
  );
  app.post(
    '/api/push/subscriptions',
    {
      schema: {
        tags: ['push'],
        summary: "Register this browser's push subscription (PushSubscription.toJSON())",
        body: pushSubscribeBody,
        response: { 201: pushSubscriptionView },
      },
    },
    async (request, reply) => {
      const saved = await push.subscribe(requireUser(request), request.body, request.headers['user-agent']);
      return reply.code(201).send(saved);
    },
  );
  app.delete(
    '/api/push/subscriptions',
    {
      schema: {
        tags: ['push'],
        summary: "Stop pushing to this browser (by its subscription's endpoint)",
        body: pushUnsubscribeBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await push.unsubscribe(requireUser(request), request.body.endpoint);
      return reply.status(204).send(null);
    },
  );
}
