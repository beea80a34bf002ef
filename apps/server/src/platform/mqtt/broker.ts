import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { Aedes } from 'aedes';
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal.ts';

export interface EmbeddedBroker {
  url: string;
  port: number;
  /** Credentials of the server's own subscriber client. */
  internal: { username: string; password: string };
  /** Publishes from the server (e.g. refusals answered to a device). */
  publish(topic: string, body: object): void;
  close(): Promise<void>;
}

/** Devices sign in with any username and a bearer token as password; they may publish only under their tenant. */
export type DeviceAuthenticator = (token: string) => Promise<Principal | undefined>;

const TOPIC = /^ronghui\/(\d{6})\//;

/**
 * The embedded MQTT broker (aedes) for GPS trackers, road sensors and sign controllers when no external
 * broker is configured. A port already in use is reported and the server runs on without it.
 */
export async function startEmbeddedBroker(options: {
  port: number;
  host: string;
  authenticate: DeviceAuthenticator;
  log: Logger;
  /** Takes a device's message before it is acknowledged (e.g. stores AVL fixes); a rejection withholds the PUBACK. */
  onDevicePublish?: ((topic: string, payload: Buffer) => Promise<void>) | undefined;
}): Promise<EmbeddedBroker | undefined> {
  const internal = { username: 'ronghui-server', password: randomBytes(24).toString('base64url') };
  const tenants = new Map<string, string | '*'>();
  const broker = await Aedes.createBroker({
    authenticate: (client, username, password, done) => {
      const secret = password?.toString('utf8') ?? '';
      if (username === internal.username && secret === internal.password) {
        tenants.set(client.id, '*');
        done(null, true);
        return;
      }
      options.authenticate(secret).then(
        (principal) => {
          if (!principal) {
            const error = Object.assign(
              new Error('Bad token: sign in with a Ronghui bearer token as the MQTT password'),
              { returnCode: 4 as const },
            );
            done(error, false);
            return;
          }
          tenants.set(client.id, principal.tenantCode);
          done(null, true);
        },
        () => done(Object.assign(new Error('authentication unavailable'), { returnCode: 3 as const }), false),
      );
    },
    authorizePublish: (client, packet, callback) => {
      if (!client) return callback(null);
      const tenant = tenants.get(client.id);
      const match = TOPIC.exec(packet.topic);
      if (tenant !== '*' && match && match[1] === tenant && options.onDevicePublish) {
        // The device's PUBACK waits until its message is stored: acknowledged means kept.
        options.onDevicePublish(packet.topic, packet.payload as Buffer).then(
          () => callback(null),
          (error: Error) => callback(error),
        );
        return;
      }
      if (tenant === '*' || (match && match[1] === tenant)) return callback(null);
      callback(new Error(`topic ${packet.topic} is outside your tenant`));
    },
  });
  broker.on('clientDisconnect', (client) => tenants.delete(client.id));
  const server: Server = createServer(broker.handle);
  const port = await new Promise<number | undefined>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        options.log.warn(
          `MQTT port ${options.port} is already in use (another broker?): the embedded broker is not started. ` +
            'Set MQTT_URL to use that broker, or MQTT_PORT to another port (0 = off).',
        );
        resolve(undefined);
      } else reject(error);
    });
    server.listen(options.port, options.host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : options.port);
    });
  });
  if (port === undefined) {
    await new Promise<void>((r) => broker.close(() => r()));
    return undefined;
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    internal,
    publish(topic, body) {
      broker.publish(
        {
          cmd: 'publish',
          topic,
          payload: Buffer.from(JSON.stringify(body)),
          qos: 0,
          retain: false,
          dup: false,
        },
        () => {},
      );
    },
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await new Promise<void>((r) => broker.close(() => r()));
    },
  };
}
