/**
 * 一呼百应 (citizen-responder call-outs, GoodSAM style, DOMAIN-RULES): volunteers are chosen by road ETA from
 * their live position, filtered by skills, duty, vetting and a cooldown since their last alert; the N nearest
 * within the first ring first (500 m in town, 1 km rural), widening ring by ring until N accept.
 *
 * Rings are measured in road seconds, so a volunteer across a river is as far as the drive: the first ring is
 * 500 m (town) or 1 km (rural) at the road network's typical speed there, and each further ring doubles it.
 */

/** Town (county town and suburbs) or rural: from the incident's zone. */
export type CalloutSetting = 'town' | 'rural';

/** First-ring radius in metres (DOMAIN-RULES, local): 500 m in town, 1 km rural. */
export const FIRST_RING_M: Readonly<Record<CalloutSetting, number>> = { town: 500, rural: 1_000 };
/** Typical road speed (m/s) that turns the first ring's metres into road seconds: 30 km/h town, 40 km/h rural. */
export const RING_SPEED_MS: Readonly<Record<CalloutSetting, number>> = { town: 30 / 3.6, rural: 40 / 3.6 };
/** Rings after the first double the radius; the fourth is the widest. */
export const MAX_RINGS = 4;
/** A volunteer alerted less than this long ago (by any call-out) is left in peace. */
export const DEFAULT_COOLDOWN_MS = 30 * 60_000;

/** Town for the county town and its suburbs, rural elsewhere (the incident's response zone). */
export function calloutSetting(zone: string | null | undefined): CalloutSetting {
  return zone === 'county-town' || zone === 'suburb' ? 'town' : 'rural';
}

/** The outer edge of ring `ring` (1-based), in road seconds. */
export function ringSeconds(setting: CalloutSetting, ring: number): number {
  const first = FIRST_RING_M[setting] / RING_SPEED_MS[setting];
  return Math.round(first * 2 ** (Math.max(1, ring) - 1));
}

/** The ring a road ETA falls in (1…MAX_RINGS), or null beyond the widest ring or unreachable. */
export function ringOf(setting: CalloutSetting, etaS: number): number | null {
  if (!Number.isFinite(etaS)) return null;
  for (let r = 1; r <= MAX_RINGS; r++) if (etaS <= ringSeconds(setting, r)) return r;
  return null;
}

export interface VolunteerCandidate {
  volunteerId: string;
  skills: readonly string[];
  onDuty: boolean;
  /** Vetting level (higher = more thoroughly vetted). */
  vetting: number;
  /** Last time this volunteer was alerted by any call-out (ms since epoch), or null. */
  lastAlertedAt: number | null;
  /** Road travel time from the volunteer's live position to the place (Infinity when unreachable). */
  etaS: number;
}

export type CalloutExclusion = 'off-duty' | 'skill' | 'vetting' | 'cooldown' | 'unreachable' | 'alerted';

export interface WaveOptions {
  /** Volunteers wanted (N). */
  needed: number;
  setting: CalloutSetting;
  requiredSkills?: readonly string[] | undefined;
  minVetting?: number | undefined;
  now: number;
  cooldownMs?: number | undefined;
  /** The ring the call-out has reached so far (0 before the first wave). */
  ring: number;
  /** Already alerted by this call-out: not alerted again. */
  alerted: ReadonlySet<string>;
  /** Accepted so far. */
  accepted: number;
}

export interface WavePick extends VolunteerCandidate {
  ring: number;
}

export interface Wave {
  /** The ring reached by this wave (unchanged when nobody is left to alert). */
  ring: number;
  /** Whom to alert now, nearest by road first. */
  picks: WavePick[];
  excluded: { volunteerId: string; reason: CalloutExclusion }[];
}

/** Who may be alerted at all, and why the others may not. */
export function eligibleVolunteers(
  candidates: readonly VolunteerCandidate[],
  o: Pick<WaveOptions, 'requiredSkills' | 'minVetting' | 'now' | 'cooldownMs' | 'alerted'>,
) {
  const cooldown = o.cooldownMs ?? DEFAULT_COOLDOWN_MS;
  const eligible: VolunteerCandidate[] = [];
  const excluded: Wave['excluded'] = [];
  for (const c of candidates) {
    let reason: CalloutExclusion | null = null;
    if (o.alerted.has(c.volunteerId)) reason = 'alerted';
    else if (!c.onDuty) reason = 'off-duty';
    else if (o.requiredSkills?.some((s) => !c.skills.includes(s))) reason = 'skill';
    else if (c.vetting < (o.minVetting ?? 0)) reason = 'vetting';
    else if (c.lastAlertedAt !== null && o.now - c.lastAlertedAt < cooldown) reason = 'cooldown';
    else if (!Number.isFinite(c.etaS)) reason = 'unreachable';
    if (reason) excluded.push({ volunteerId: c.volunteerId, reason });
    else eligible.push(c);
  }
  eligible.sort((a, b) => a.etaS - b.etaS || a.volunteerId.localeCompare(b.volunteerId));
  return { eligible, excluded };
}

/**
 * The next wave of a call-out: the volunteers still missing (N − accepted) nearest by road ETA, from the next
 * ring on; a ring with too few widens at once to the next, up to the widest. Nobody is alerted twice.
 */
export function nextWave(candidates: readonly VolunteerCandidate[], o: WaveOptions): Wave {
  const { eligible, excluded } = eligibleVolunteers(candidates, o);
  const want = Math.max(0, o.needed - o.accepted);
  if (want === 0 || o.ring >= MAX_RINGS) return { ring: o.ring, picks: [], excluded };
  for (let r = Math.max(1, o.ring + 1); r <= MAX_RINGS; r++) {
    const edge = ringSeconds(o.setting, r);
    const pool = eligible.filter((c) => c.etaS <= edge);
    if (pool.length >= want || r === MAX_RINGS) {
      return {
        ring: r,
        picks: pool.slice(0, want).map((c) => ({ ...c, ring: ringOf(o.setting, c.etaS) ?? r })),
        excluded,
      };
    }
  }
  return { ring: o.ring, picks: [], excluded };
}

export type RecipientState = 'alerted' | 'accepted' | 'declined' | 'expired' | 'filled' | 'cancelled';
export type CalloutStatus = 'open' | 'filled' | 'expired' | 'cancelled';

/** What a volunteer's answer does to the call-out: accepted while places are left; told it is filled after. */
export function answer(
  status: CalloutStatus,
  recipient: RecipientState,
  accepted: number,
  needed: number,
  choice: 'accept' | 'decline',
):
  | { ok: true; recipient: RecipientState; filled: boolean }
  | { ok: false; reason: 'filled' | 'closed' | 'answered' } {
  if (recipient !== 'alerted') return { ok: false, reason: recipient === 'filled' ? 'filled' : 'answered' };
  if (choice === 'decline') return { ok: true, recipient: 'declined', filled: false };
  if (status === 'filled' || accepted >= needed) return { ok: false, reason: 'filled' };
  if (status !== 'open') return { ok: false, reason: 'closed' };
  return { ok: true, recipient: 'accepted', filled: accepted + 1 >= needed };
}

/** Retry delays for an unreachable delivery channel: 5 s, 15 s, 45 s, 135 s, 405 s, then given up and reported. */
export function retryDelayMs(attempt: number, baseMs = 5_000, factor = 3, attempts = 5): number | null {
  if (attempt >= attempts) return null;
  return baseMs * factor ** attempt;
}
