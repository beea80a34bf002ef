import type { WebSocket } from 'ws';
import { liveClientMessage, topicMatches } from '@ronghui/contracts';
import { canReach } from '../auth/guard.ts';
import type { Principal } from '../auth/principal.ts';
import { mayOversee, mayRead, type Readable } from '../auth/read-access.ts';
import type { EventEnvelope, Topic } from '../bus/events.ts';

/**
 * The resource each topic is about. A user receives an event only when the API would let them read that
 * resource (`READ_ACCESS`) and their scope reaches one of the event's orgs: the same rule as REST. A new
 * topic does not compile until it names its resource here.
 */
export const TOPIC_RESOURCE: Readonly<Record<Topic, Readable>> = {
  'org.changed': 'org',
  'user.changed': 'user',
  'incident.created': 'incident',
  'incident.updated': 'incident',
  'incident.escalated': 'incident',
  'incident.backup': 'incident',
  'incident.timer': 'incident',
  'incident.units': 'incident',
  'callout.changed': 'callout',
  'callout.alert': 'callout-alert',
  'hazard.changed': 'hazard',
  'intel.changed': 'intel',
  'unit.status': 'unit',
  'unit.positions': 'unit',
  'request.changed': 'request',
  'message.sent': 'message',
  'message.acknowledged': 'message',
  'emergency.raised': 'emergency',
  'emergency.acknowledged': 'emergency',
  'road.event.changed': 'road',
  'patrol.changed': 'patrol',
  'patrol.task.changed': 'volunteer',
  'traffic.hazard.changed': 'traffic',
  'traffic.sign.changed': 'traffic',
  'traffic.device.changed': 'traffic',
  'traffic.route.changed': 'traffic',
  'dispute.alert': 'dispute',
  'services.ticket.changed': 'service',
  'services.case.changed': 'service',
  'outreach.warning.changed': 'outreach',
  'audit.alert': 'audit',
};

/** Topics every client in scope receives whether or not it subscribed: an emergency must not be missed. */
const ALWAYS_DELIVERED: ReadonlySet<Topic> = new Set<Topic>(['emergency.raised']);

/** May this principal see this event? Tenant, role and org scope all have to agree. */
export function visibleTo(
  principal: Principal,
  event: Pick<EventEnvelope, 'tenantCode' | 'topic' | 'orgIds' | 'userIds'>,
): boolean {
  if (event.tenantCode !== principal.tenantCode) return false;
  const resource = TOPIC_RESOURCE[event.topic];
  if (!resource || !mayRead(principal, resource)) return false;
  // An addressed event: its addressees, and otherwise only those who oversee such traffic in their scope.
  if (event.userIds) {
    if (event.userIds.includes(principal.userId)) return true;
    if (!mayOversee(principal, resource)) return false;
  }
  return event.orgIds.length === 0 || canReach(principal, event.orgIds);
}

/** Close codes the console acts on: 4401 sign in again, 4403 reconnect with the changed access. */
export const WS_SESSION_ENDED = 4401;
export const WS_ACCESS_CHANGED = 4403;

/**
 * Whether a session or token (by its hash) is still good, and for whom: undefined once it was revoked,
 * expired, idle too long or its user disabled. It must not count as activity.
 */
export type SessionCheck = (tokenHash: string) => Promise<Principal | undefined>;

interface Client {
  socket: WebSocket;
  principal: Principal;
  tokenHash: string;
  topics: Set<string>;
}

/** What decides a user's reach: a change of any of these closes their sockets. */
const accessOf = (p: Principal) =>
  JSON.stringify([p.tenantCode, [...p.roles].sort(), p.orgId, p.scopeKind, p.orgPath]);

export class WsHub {
  private readonly clients = new Set<Client>();
  private sweeper: NodeJS.Timeout | undefined;

  /**
   * @param check re-validates each socket's session; without it sockets are only closed when asked.
   * @param sweepMs how often every socket's session is re-checked (logout elsewhere, idle timeout, expiry).
   */
  constructor(
    private readonly options: {
      check?: SessionCheck;
      sweepMs?: number;
      onError?: (error: unknown) => void;
    } = {},
  ) {
    if (options.check && (options.sweepMs ?? 0) > 0) {
      this.sweeper = setInterval(() => void this.revalidate(), options.sweepMs);
      this.sweeper.unref();
    }
  }

  get size() {
    return this.clients.size;
  }

  attach(socket: WebSocket, principal: Principal, tokenHash: string) {
    const client: Client = { socket, principal, tokenHash, topics: new Set() };
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
    // A changed account (disabled, roles or org moved, password reset) is re-checked at once.
    if (event.topic === 'user.changed') {
      const { userId } = event.payload as { userId: string };
      void this.revalidate(
        (c) => c.principal.userId === userId && c.principal.tenantCode === event.tenantCode,
      );
    }
  }

  /** Closes the sockets of ended sessions: one user's (all, or those of the given tokens). */
  endSessions(
    e: { userId: string; tenantCode?: string; tokenHashes?: readonly string[] | undefined },
    reason = 'signed out',
  ) {
    for (const c of this.clients) {
      if (c.principal.userId !== e.userId) continue;
      if (e.tenantCode && c.principal.tenantCode !== e.tenantCode) continue;
      if (e.tokenHashes && !e.tokenHashes.includes(c.tokenHash)) continue;
      this.drop(c, WS_SESSION_ENDED, reason);
    }
  }

  /**
   * Re-checks the sessions behind the sockets (all, or those matching `which`): a session that ended closes
   * its socket with 4401, a user whose roles or org changed is disconnected with 4403 to reconnect under
   * the new access.
   */
  async revalidate(which: (c: Client) => boolean = () => true): Promise<void> {
    const check = this.options.check;
    if (!check) return;
    for (const c of [...this.clients]) {
      if (!which(c)) continue;
      try {
        const now = await check(c.tokenHash);
        if (!now) this.drop(c, WS_SESSION_ENDED, 'session ended: sign in again');
        else if (accessOf(now) !== accessOf(c.principal))
          this.drop(c, WS_ACCESS_CHANGED, 'access changed: reconnect');
      } catch (error) {
        this.options.onError?.(error);
      }
    }
  }

  private drop(c: Client, code: number, reason: string) {
    this.clients.delete(c);
    c.socket.close(code, reason);
  }

  closeAll() {
    if (this.sweeper) clearInterval(this.sweeper);
    for (const c of this.clients) c.socket.close(1001, 'server shutting down');
    this.clients.clear();
  }
}
