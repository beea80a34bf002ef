import type { PushConfig, PushSubscribeBody, PushSubscriptionView } from '@ronghui/contracts';
import { api } from './http-client.ts';

/** Web Push: the server's VAPID key, and this browser's subscription (see packages/contracts/src/push.ts). */
export const pushApi = {
  config: () => api.get<PushConfig>('/push/config'),
  subscribe: (subscription: PushSubscribeBody) =>
    api.post<PushSubscriptionView>('/push/subscriptions', subscription),
  unsubscribe: (endpoint: string) => api.delete('/push/subscriptions', { endpoint }),
};
