import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { pushApi } from '../api/push-api.ts';
import { base64UrlToBytes, browserPushAbilities, type PushSupport, pushSupport } from './push-support.ts';
import { registerServiceWorker } from './register-sw.ts';

export interface PushState {
  support: PushSupport;
  /** This browser has a subscription (only meaningful when `support` is 'available'). */
  subscribed: boolean;
  busy: boolean;
  error: unknown;
  setOn(on: boolean): void;
}

const subscriptionKey = ['push', 'subscription'] as const;

async function currentSubscription(): Promise<PushSubscription | null> {
  const registration = await registerServiceWorker();
  return registration ? registration.pushManager.getSubscription() : null;
}

/** Push on/off for this browser: subscribes with the server's VAPID key and tells the server. */
export function usePush(): PushState {
  const queryClient = useQueryClient();
  const browser = browserPushAbilities();
  const config = useQuery({ queryKey: ['push', 'config'], queryFn: pushApi.config, staleTime: 300_000 });
  const support = pushSupport(browser, config.isError ? 'error' : config.data);
  const subscription = useQuery({
    queryKey: subscriptionKey,
    queryFn: async () => (await currentSubscription()) !== null,
    enabled: support === 'available',
  });
  const toggle = useMutation({
    mutationFn: async (on: boolean) => {
      const registration = await registerServiceWorker();
      if (!registration) throw new Error('no service worker');
      const existing = await registration.pushManager.getSubscription();
      if (!on) {
        if (existing) {
          await pushApi.unsubscribe(existing.endpoint).catch(() => undefined);
          await existing.unsubscribe();
        }
        return false;
      }
      if ((await Notification.requestPermission()) !== 'granted') throw new Error('permission refused');
      const key = config.data?.publicKey ?? '';
      const made =
        existing ??
        (await registration.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: base64UrlToBytes(key),
        }));
      const json = made.toJSON();
      await pushApi.subscribe({
        endpoint: made.endpoint,
        expirationTime: made.expirationTime,
        keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' },
      });
      return true;
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: subscriptionKey }),
  });
  return {
    // Read on every render: a refusal at the prompt shows as 'denied' at once.
    support,
    subscribed: subscription.data === true,
    busy: toggle.isPending || subscription.isPending,
    error: toggle.error,
    setOn: (on) => toggle.mutate(on),
  };
}
