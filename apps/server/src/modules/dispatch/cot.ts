import { requireRole, requireUser } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { IncidentsService } from '../incidents/index.ts';
import type { UnitsService } from '../units/index.ts';

const xml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

/** Cursor-on-Target unknown-accuracy marker for height and error ellipse. */
const UNKNOWN = '9999999.0';

interface CotEvent {
  uid: string;
  type: string;
  how: string;
  time: Date;
  staleMs: number;
  lat: number;
  lon: number;
  detail: string;
}

function event(e: CotEvent): string {
  const t = e.time.toISOString();
  return (
    `<event version="2.0" uid="${xml(e.uid)}" type="${e.type}" time="${t}" start="${t}" ` +
    `stale="${new Date(e.time.getTime() + e.staleMs).toISOString()}" how="${e.how}">` +
    `<point lat="${e.lat.toFixed(7)}" lon="${e.lon.toFixed(7)}" hae="${UNKNOWN}" ce="${UNKNOWN}" le="${UNKNOWN}"/>` +
    `<detail>${e.detail}</detail></event>`
  );
}

/**
 * Units and open incidents as Cursor-on-Target XML for map clients (ATAK/WinTAK style): units as friendly
 * ground units (`a-f-G-U-C`) with callsign, group and track; incidents as spot markers (`b-m-p-s-p-i`).
 */
export function createCot(deps: { units: UnitsService; incidents: IncidentsService; clock: Clock }) {
  return async (principal: Principal): Promise<string> => {
    requireRole(
      principal,
      ['dispatcher', 'commander', 'officer', 'auxiliary', 'leader'],
      'Reading the map feed',
    );
    const now = deps.clock.now();
    const units = await deps.units.list(principal, {});
    const open = await deps.incidents.list(principal, {
      status: ['received', 'answered', 'dispatched', 'acknowledged', 'en-route', 'on-scene'],
      page: 1,
      pageSize: 500,
    } as Parameters<IncidentsService['list']>[1]);
    const events: string[] = [];
    for (const u of units) {
      if (!u.position) continue;
      const speedMps = ((u.position.speedKmh ?? 0) / 3.6).toFixed(1);
      events.push(
        event({
          uid: `ronghui-${principal.tenantCode}-unit-${u.id}`,
          type: 'a-f-G-U-C',
          how: 'm-g',
          time: new Date(u.position.at),
          staleMs: 5 * 60_000,
          lat: u.position.lat,
          lon: u.position.lon,
          detail:
            `<contact callsign="${xml(u.callsign)}"/><__group name="${xml(u.stationName)}" role="${xml(u.kind)}"/>` +
            `<status readiness="${u.status === 'available' ? 'true' : 'false'}"/>` +
            `<track course="${(u.position.heading ?? 0).toFixed(1)}" speed="${speedMps}"/>` +
            `<remarks>${xml(`${u.name} · ${u.statusName.zh}`)}</remarks>`,
        }),
      );
    }
    for (const i of open.items) {
      events.push(
        event({
          uid: `ronghui-${principal.tenantCode}-incident-${i.id}`,
          type: 'b-m-p-s-p-i',
          how: 'h-e',
          time: now,
          staleMs: 60 * 60_000,
          lat: i.location.lat,
          lon: i.location.lon,
          detail:
            `<contact callsign="${xml(i.number)}"/>` +
            `<remarks>${xml(`${i.priorityName} ${i.category.zh} ${i.statusName.zh}: ${i.description}`)}</remarks>`,
        }),
      );
    }
    return `<?xml version="1.0" encoding="UTF-8"?>\n<events>${events.join('\n')}</events>\n`;
  };
}

export function registerCotRoute(app: App, cot: ReturnType<typeof createCot>) {
  app.get(
    '/api/cot',
    {
      schema: {
        tags: ['dispatch'],
        summary: 'Units and open incidents as Cursor-on-Target XML',
        produces: ['application/xml'],
      },
    },
    async (request, reply) => {
      const body = await cot(requireUser(request));
      return reply.type('application/xml; charset=utf-8').send(body);
    },
  );
}
