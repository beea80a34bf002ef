import type { Principal } from './principal.ts';
import { ROLE_KEYS, type Role } from './roles.ts';

/**
 * Who may read each kind of resource. This one table is the read rule of the API and of the live
 * channel: each module's read use-cases check it (`requireRead`), and `/api/ws` delivers an event only to
 * users whose role may read the resource its topic concerns and whose scope reaches the event's orgs.
 * Scope (org ancestry) is the second half of the rule and is checked with `canReach` by both sides.
 */
export const READ_ACCESS = {
  /** Incidents, their timelines, clocks and the units working them. */
  incident: ['dispatcher', 'commander', 'officer', 'auxiliary', 'analyst', 'leader', 'grid-worker'],
  /** Units, their status and positions. */
  unit: ['dispatcher', 'commander', 'officer', 'auxiliary', 'leader'],
  /** Requests to stations for units ("each station sends N"); leadership watches the boards. */
  request: ['officer', 'auxiliary', 'dispatcher', 'commander', 'leader'],
  /** Messages and orders (a recipient reads their own; command rooms those in their scope). */
  message: ['dispatcher', 'commander', 'leader', 'officer', 'auxiliary'],
  /** Officers' emergency buttons. */
  emergency: ['dispatcher', 'commander', 'leader', 'officer', 'auxiliary'],
  /** 矛盾纠纷: disputes, their mediation and agreements (a grid worker their grid's, a station its own). */
  dispute: ['grid-worker', 'officer', 'auxiliary', 'dispatcher', 'commander', 'analyst', 'leader'],
  /** Hazards (隐患) and grid cases: grid workers their grid's, stations theirs, county roles all. */
  hazard: ['grid-worker', 'officer', 'auxiliary', 'dispatcher', 'commander', 'analyst', 'leader'],
  /**
   * 群防群治: volunteer teams and members (a station its teams, county roles all). A volunteer reads only
   * their own record and team, checked by the volunteers module.
   */
  volunteer: ['officer', 'auxiliary', 'dispatcher', 'commander', 'leader'],
  /** 一呼百应 call-outs of volunteers: the command rooms and stations in their scope. */
  callout: ['dispatcher', 'commander', 'officer', 'auxiliary', 'leader'],
  /** A volunteer's own calls (addressed to them alone; nobody oversees them). */
  'callout-alert': ['volunteer'],
  /** Crime records, series, hotspots and reports. */
  intel: ['analyst', 'commander', 'leader'],
  /** Guard points, patrol lines, control areas and coverage. */
  patrol: ['dispatcher', 'commander', 'leader', 'officer'],
  /** Police and community grids and their "1+2+N" rosters (a grid worker: their own grid). */
  grid: ['officer', 'auxiliary', 'dispatcher', 'commander', 'leader', 'grid-worker'],
  /** 一标三实: standard addresses, people, houses, businesses and collection tasks (a grid worker: their grid). */
  registry: ['grid-worker', 'officer', 'auxiliary', 'dispatcher', 'commander', 'leader'],
  /** Video cameras. */
  camera: ['dispatcher', 'commander', 'leader', 'officer', 'system-admin'],
  /** 智慧交通: road sections, roadside devices, readings, hazards, signs and plate reads (plates masked). */
  traffic: ['dispatcher', 'commander', 'officer', 'auxiliary', 'leader', 'system-admin'],
  /**
   * 一窗通办: the hall's queue, appointments, cases, ratings, follow-ups and home-service requests (a clerk or
   * station their own hall's; county roles all). The catalogue, halls and calling screen are public.
   */
  service: ['clerk', 'officer', 'auxiliary', 'commander', 'leader'],
  /** The scorecard: 比降, clearance, indicators, rankings, drill-down, 三率 surveys and reports. */
  stats: ['leader', 'commander', 'analyst'],
  /**
   * 爱警暖警: staff records, condolence visits, health checks and schooling cases of officers and staff: the
   * staff office and leadership only (an officer does not read even their own record here).
   */
  welfare: ['staff-officer', 'leader'],
  /** 暖心为民: anti-fraud warnings, vulnerable residents and home visits (a station its own, county roles all). */
  outreach: ['dispatcher', 'commander', 'officer', 'auxiliary', 'leader'],
  /** Road closures and slow-downs: every signed-in user routes on them. */
  road: ROLE_KEYS,
  /** The organisation tree: every signed-in user. */
  org: ROLE_KEYS,
  /** User accounts. */
  user: ['system-admin', 'security-admin'],
  /** The audit trail and its alerts. */
  audit: ['auditor'],
} as const satisfies Record<string, readonly Role[]>;

export type Readable = keyof typeof READ_ACCESS;

/**
 * Resources read per addressee: a user reads those addressed to them (or sent by them), and only these
 * roles read all of them within their scope (a command room reads the traffic of its area).
 */
export const OVERSEE_ACCESS: Partial<Record<Readable, readonly Role[]>> = {
  message: ['dispatcher', 'commander', 'leader'],
  'callout-alert': [],
};

/** May a user with these roles read every such resource in their scope, not only those addressed to them? */
export function mayOversee(principal: Pick<Principal, 'roles'>, kind: Readable): boolean {
  const roles = OVERSEE_ACCESS[kind];
  return roles ? principal.roles.some((r) => roles.includes(r)) : true;
}

/** May a user with these roles read this kind of resource (scope aside)? */
export function mayRead(principal: Pick<Principal, 'roles'>, kind: Readable): boolean {
  const allowed: readonly Role[] = READ_ACCESS[kind];
  return principal.roles.some((r) => allowed.includes(r));
}
