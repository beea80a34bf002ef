import type { WebSocket } from 'ws';
import { liveClientMessage, topicMatches } from '@ronghui/contracts';
import { canReach } from '../auth/guard.ts';
import type { Principal } from '../auth/principal.ts';
import type { Role } from '../auth/roles.ts';
import type { EventEnvelope, Topic } from '../bus/events.ts';

/** Topics only some roles may receive, whatever their org scope. */
const TOPIC_ROLES: Partial<Record<Topic, readonly Role[]>> = {
  'user.changed': ['system-admin', 'security-admin'],
  'audit.alert': ['auditor'],
};

/** Topics every client in scope receives whether or not it subscribed: an emergency must not be missed. */
const ALWAYS_DELIVERED: ReadonlySet<Topic> = new Set<Topic>(['emergency.raised']);

/** May this principal see this event? Tenant, role and org scope all have to agree. */
export function visibleTo(principal: Principal, event: EventEnvelope): boolean {
  if (event.tenantCode !== principal.tenantCode) return false;
  const roles = TOPIC_ROLES[event.topic];
  if (roles && !principal.roles.some((r) => roles.includes(r))) return false;
  return event.orgIds.length === 0 || canReach(principal, event.orgIds);
}

interface Client {
  socket: WebSocket;
  principal: Principal;
  topics: Set<string>;
}

export class WsHub {
  private readonly clients = new Set<Client>();

  get size() {
    return this.clients.size;
  }

  attach(socket: WebSocket, principal: Principal) {
    const client: Client = { socket, principal, topics: new Set() };
    this.clients.add(client);
    const send = (msg: unknown) => socket.readyState === socket.OPEN && socket.send(JSON.stringify(msg));
    send({ type: 'welcome', user: principal.username });
    socket.on('message', (raw: Buffer) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw.toString('utf8'));
      } catch {
        send({ type: 'error', message: 'message is not valid JSON' });
        return;
      }
      const msg = liveClientMessage.safeParse(parsed);
      if (!msg.success) {
        send({
          type: 'error',
          message: msg.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; '),
        });
        return;
      }
      const m = msg.data;
      if (m.type === 'ping') send({ type: 'pong' });
      else if (m.type === 'subscribe') {
        for (const t of m.topics) client.topics.add(t);
        send({ type: 'subscribed', topics: [...client.topics] });
      } else {
        for (const t of m.topics) client.topics.delete(t);
        send({ type: 'subscribed', topics: [...client.topics] });
      }
    });
    socket.on('close', () => this.clients.delete(client));
  }

  broadcast(event: EventEnvelope) {
    let payload: string | undefined;
    for (const c of this.clients) {
      const wanted =
        ALWAYS_DELIVERED.has(event.topic) || [...c.topics].some((p) => topicMatches(p, event.topic));
      if (!wanted) continue;
      if (!visibleTo(c.principal, event)) continue;
      payload ??= JSON.stringify({
        type: 'event',
        id: event.id,
        topic: event.topic,
        at: event.at,
        payload: event.payload,
      });
      if (c.socket.readyState === c.socket.OPEN) c.socket.send(payload);
    }
  }

  closeAll() {
    for (const c of this.clients) c.socket.close(1001, 'server shutting down');
    this.clients.clear();
  }
}
