import type { Logger } from 'pino';

/** How a message reaches the gateway (fetch by default; tests pass a capture). */
export type SmsTransport = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string },
) => Promise<{ status: number }>;

export interface SmsMessage {
  /** The sender's id for the message: the gateway reports receipts by it. */
  messageId: string;
  /** A mainland mobile number, 11 digits. */
  to: string;
  text: string;
}

export interface SmsGateway {
  /** Whether a gateway webhook is configured. */
  readonly configured: boolean;
  /** Sends one message: `ok` when the gateway took it (2xx). Never throws. */
  send(message: SmsMessage): Promise<{ ok: boolean; error: string | null }>;
}

export interface SmsGatewaySettings {
  webhook: string | undefined;
  token: string | undefined;
  /** Without a webhook, write the message to the log (the demo on a machine with no gateway). */
  logWhenUnconfigured: boolean;
  log: Logger;
  transport?: SmsTransport;
}

const maskPhone = (p: string) => (p.length >= 7 ? `${p.slice(0, 3)}****${p.slice(-4)}` : '****');

/**
 * The SMS gateway webhook: `POST <webhook>` with `{messageId, to, text}` as JSON and the shared token as
 * Bearer. Without a webhook nothing is sent; the demo then writes the text to the server log instead.
 */
export function createSmsGateway(settings: SmsGatewaySettings): SmsGateway {
  const transport: SmsTransport =
    settings.transport ??
    (async (url, init) => {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
      return { status: res.status };
    });
  return {
    configured: Boolean(settings.webhook),
    async send(message) {
      if (!settings.webhook) {
        if (settings.logWhenUnconfigured)
          settings.log.info({ to: maskPhone(message.to), text: message.text }, 'SMS (no gateway configured)');
        return { ok: false, error: 'no SMS gateway is configured' };
      }
      try {
        const res = await transport(settings.webhook, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(settings.token ? { authorization: `Bearer ${settings.token}` } : {}),
          },
          body: JSON.stringify(message),
        });
        if (res.status >= 200 && res.status < 300) return { ok: true, error: null };
        return { ok: false, error: `SMS gateway answered ${res.status}` };
      } catch (e) {
        return { ok: false, error: (e as Error).message };
      }
    },
  };
}
