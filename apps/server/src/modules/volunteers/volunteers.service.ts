import type {
  VolunteerActivityFigures,
  VolunteerConsentBody,
  VolunteerDutyBody,
  VolunteerJoinBody,
  VolunteerJoinDecisionBody,
  VolunteerJoinRequest,
  VolunteerJoinRequestList,
  VolunteerJoinRequestQuery,
  VolunteerMember,
  VolunteerMemberCreateBody,
  VolunteerMemberDetail,
  VolunteerMemberList,
  VolunteerMemberListQuery,
  VolunteerMemberPatchBody,
  VolunteerPositionBody,
  VolunteerRevealBody,
  VolunteerRevealed,
  VolunteerSkill,
  VolunteerStats,
  VolunteerStatsQuery,
  VolunteerTeam,
  VolunteerTeamCreateBody,
  VolunteerTeamKind,
  VolunteerTeamList,
  VolunteerTeamPatchBody,
  VolunteerVetting,
} from '@ronghui/contracts';
import { VOLUNTEER_SKILLS, volunteerMemberCreateBody, volunteerJoinBody } from '@ronghui/contracts';
import { chinaDate } from '@ronghui/geo';
import {
  maskIdNumber,
  maskName,
  maskPhone,
  normalizeIdNumber,
  normalizeMobile,
  parseIdNumber,
  reasonMessage,
} from '@ronghui/ids';
import type { Kysely } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { canReach, requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { conflict, DomainError, forbidden, invalid, notFound } from '../../platform/http/errors.ts';
import type { FieldCrypto } from '../../platform/privacy/field-crypto.ts';
import type { Privacy } from '../../platform/privacy/privacy.ts';
import type { OrgDirectory, OrgsService } from '../orgs/index.ts';
import { type ImportRow, parseVolunteerFile, validateImportRows } from './volunteer-import.ts';
import type { JoinRequestRow, MemberRow, TeamRow, VolunteersRepo } from './volunteers.repo.ts';

/** Station and county staff read teams and members in their scope (a volunteer: only their own record). */
export const READ_ROLES: readonly Role[] = READ_ACCESS.volunteer;
/** Managing teams and members: the station and the command room. */
export const WRITE_ROLES: readonly Role[] = ['officer', 'auxiliary', 'dispatcher', 'commander'];
/** Applying to a team. */
export const JOIN_ROLES: readonly Role[] = ['volunteer'];

/** What a call-out needs to choose a volunteer (no personal data). */
export interface EligibleVolunteer {
  memberId: string;
  /** The account their phone app signs in with (alerts are sent to it); null when they have none. */
  userId: string | null;
  teamIds: string[];
  /** The leading stations of their teams. */
  stationIds: string[];
  skills: VolunteerSkill[];
  vetting: VolunteerVetting;
  onDuty: boolean;
  /** Consent to location sharing is given and not withdrawn. */
  locationConsent: boolean;
  township: string | null;
  /** Their latest position: only stored while they consent and are on duty. */
  position: { lon: number; lat: number; accuracyM: number | null; at: Date } | null;
}

export interface VolunteersDeps {
  db: Kysely<DB>;
  repo: VolunteersRepo;
  orgs: OrgsService;
  audit: AuditService;
  privacy: Privacy;
  crypto: FieldCrypto;
  clock: Clock;
  /**
   * The activity part of the statistics (confirmed records, hours, call-out answers) for these teams (all
   * the tenant's when undefined) within [from, to): the activities module's figures, wired in main.ts.
   */
  activityFigures?: (
    tenantCode: string,
    scope: { teamIds: readonly string[] | undefined; from: Date | undefined; to: Date },
  ) => Promise<VolunteerActivityFigures>;
}

const NO_ACTIVITY: VolunteerActivityFigures = {
  patrols: 0,
  mediations: 0,
  rescues: 0,
  arrestAssists: 0,
  eventSecurity: 0,
  activityHours: 0,
  activitiesByKind: {},
  calloutResponseRate: null,
  medianSecondsToFilled: null,
  activitiesByTeam: [],
  activitiesByTownship: [],
};

const hasConsent = (m: Pick<MemberRow, 'location_consent_at' | 'location_withdrawn_at'>) =>
  m.location_consent_at !== null &&
  (m.location_withdrawn_at === null || new Date(m.location_withdrawn_at) < new Date(m.location_consent_at));

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Hours of these periods inside [from, to). */
export function dutyHours(
  periods: readonly { started_at: Date | string; ended_at: Date | string | null }[],
  from: Date | undefined,
  to: Date,
): number {
  let ms = 0;
  for (const p of periods) {
    const a = Math.max(new Date(p.started_at).getTime(), from?.getTime() ?? 0);
    const b = Math.min(p.ended_at ? new Date(p.ended_at).getTime() : to.getTime(), to.getTime());
    if (b > a) ms += b - a;
  }
  return Math.round((ms / 3_600_000) * 10) / 10;
}

/** Midnight China time on 1 January of the year. */
const yearStart = (year: number) => new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000);

export function createVolunteersService(deps: VolunteersDeps) {
  const { db, repo, orgs, audit, privacy, crypto, clock } = deps;
  const indexOf = (v: string) => crypto.blindIndex(v);

  const isStaff = (p: Principal) => p.roles.some((r) => READ_ROLES.includes(r));
  const requireReader = (p: Principal) => requireRole(p, [...READ_ROLES, 'volunteer'], 'Reading volunteers');

  /** Teams the principal may see: staff those of stations in scope; a volunteer their own. */
  async function visibleTeams(principal: Principal, dir: OrgDirectory): Promise<TeamRow[]> {
    if (isStaff(principal)) {
      const ids = principal.scopeKind === 'tenant' ? undefined : dir.subtreeIds(principal.orgId);
      return repo.listTeams(db, principal.tenantCode, ids);
    }
    if (principal.roles.includes('volunteer')) {
      const me = await repo.findMemberByUser(db, principal.tenantCode, principal.userId);
      if (!me) return [];
      const mine = new Set(
        (await repo.teamsOf(db, principal.tenantCode, [me.id]))
          .filter((t) => !t.left_on)
          .map((t) => t.team_id),
      );
      return (await repo.listTeams(db, principal.tenantCode)).filter((t) => mine.has(t.id));
    }
    throw forbidden(`Reading volunteers needs one of the roles: ${READ_ROLES.join(', ')}, volunteer.`);
  }

  async function loadTeam(principal: Principal, dir: OrgDirectory, id: string): Promise<TeamRow> {
    const team = await repo.findTeam(db, principal.tenantCode, id);
    if (!team || !canReach(principal, dir.pathOf(team.station_id))) throw notFound('volunteer team', id);
    return team;
  }

  /** Loads a member the principal may see (staff: in a team of theirs; a volunteer: themself). */
  async function loadMember(principal: Principal, dir: OrgDirectory, id: string): Promise<MemberRow> {
    const m = await repo.findMember(db, principal.tenantCode, id);
    if (!m) throw notFound('volunteer', id);
    if (isStaff(principal)) {
      if (principal.scopeKind === 'tenant') return m;
      const teams = await repo.teamsOf(db, principal.tenantCode, [id]);
      const all = await repo.listTeams(db, principal.tenantCode);
      const reach = teams.some((t) => {
        const team = all.find((x) => x.id === t.team_id);
        return team && canReach(principal, dir.pathOf(team.station_id));
      });
      if (!reach && teams.length > 0) throw notFound('volunteer', id);
      if (!reach && m.created_by !== principal.userId) throw notFound('volunteer', id);
      return m;
    }
    if (principal.roles.includes('volunteer') && m.user_id === principal.userId) return m;
    if (principal.roles.includes('volunteer')) throw notFound('volunteer', id);
    throw forbidden(`Reading volunteers needs one of the roles: ${READ_ROLES.join(', ')}, volunteer.`);
  }

  function presentTeam(
    t: TeamRow,
    dir: OrgDirectory,
    counts: Map<string, { members: number; onDuty: number }>,
  ): VolunteerTeam {
    const c = counts.get(t.id);
    return {
      id: t.id,
      name: t.name,
      kind: t.kind as VolunteerTeamKind,
      stationId: t.station_id,
      stationName: dir.get(t.station_id)?.name ?? null,
      leaderUserId: t.leader_user_id,
      township: t.township,
      description: t.description,
      active: t.active,
      members: c?.members ?? 0,
      onDutyNow: c?.onDuty ?? 0,
      demo: t.demo,
    };
  }

  function presentMember(m: MemberRow, teamIds: string[]): VolunteerMember {
    return {
      id: m.id,
      name: m.name_masked,
      phone: m.phone_masked,
      idNumber: m.id_number_masked,
      userId: m.user_id,
      teamIds,
      skills: m.skills as VolunteerSkill[],
      vetting: m.vetting as VolunteerVetting,
      vettedOn: m.vetted_on,
      vettedBy: m.vetted_by,
      township: m.township,
      locationConsent: hasConsent(m),
      locationConsentAt: iso(m.location_consent_at),
      locationWithdrawnAt: iso(m.location_withdrawn_at),
      onDuty: m.on_duty,
      dutySince: iso(m.duty_since),
      joinedOn: m.joined_on,
      leftOn: m.left_on,
      demo: m.demo,
    };
  }

  async function present(tenantCode: string, rows: MemberRow[]): Promise<VolunteerMember[]> {
    const links = await repo.teamsOf(
      db,
      tenantCode,
      rows.map((r) => r.id),
    );
    return rows.map((r) =>
      presentMember(
        r,
        links.filter((l) => l.member_id === r.id && !l.left_on).map((l) => l.team_id),
      ),
    );
  }

  async function memberDetail(tenantCode: string, m: MemberRow): Promise<VolunteerMemberDetail> {
    const now = clock.now();
    const since = new Date(now.getTime() - 365 * 86_400_000);
    const [links, teams, periods] = await Promise.all([
      repo.teamsOf(db, tenantCode, [m.id]),
      repo.listTeams(db, tenantCode),
      repo.dutyPeriods(db, tenantCode, [m.id], since, undefined),
    ]);
    return {
      ...presentMember(
        m,
        links.filter((l) => !l.left_on).map((l) => l.team_id),
      ),
      teams: links.map((l) => ({
        id: l.team_id,
        name: teams.find((t) => t.id === l.team_id)?.name ?? '',
        joinedOn: l.joined_on,
        leftOn: l.left_on,
      })),
      dutyPeriods: periods
        .slice(0, 50)
        .map((p) => ({ startedAt: iso(p.started_at)!, endedAt: iso(p.ended_at) })),
      dutyHoursYear: dutyHours(periods, since, now),
    };
  }

  /** Validated person fields with their encrypted, masked and indexed forms. */
  function person(p: { name: string; phone: string; idNumber?: string | undefined }, at: string) {
    const phone = normalizeMobile(p.phone);
    if (!phone.ok) throw invalid(`${at}/phone`, reasonMessage(phone.reason, 'en-US'));
    let idNumber: string | null = null;
    if (p.idNumber) {
      const r = parseIdNumber(p.idNumber, { today: chinaDate(clock.now()) });
      if (!r.ok) throw invalid(`${at}/idNumber`, reasonMessage(r.reason, 'en-US'));
      idNumber = normalizeIdNumber(p.idNumber);
    }
    return sealPerson(p.name.trim(), phone.value, idNumber);
  }

  function sealPerson(name: string, phone: string, idNumber: string | null) {
    return {
      name: crypto.encrypt(name),
      name_masked: maskName(name),
      name_index: indexOf(`name:${name}`),
      phone: crypto.encrypt(phone),
      phone_masked: maskPhone(phone),
      phone_index: indexOf(`phone:${phone}`),
      id_number: crypto.encrypt(idNumber),
      id_number_masked: idNumber ? maskIdNumber(idNumber) : null,
      id_number_index: idNumber ? indexOf(`id:${idNumber}`) : null,
    };
  }

  async function checkTeams(principal: Principal, dir: OrgDirectory, teamIds: readonly string[], at: string) {
    for (const [i, id] of teamIds.entries()) {
      const team = await repo.findTeam(db, principal.tenantCode, id);
      if (!team || !canReach(principal, dir.pathOf(team.station_id)))
        throw invalid(`${at}/${i}`, `no volunteer team "${id}" in your area`);
    }
  }

  async function checkUser(tenantCode: string, userId: string | null | undefined, except?: string) {
    if (!userId) return;
    const u = await db
      .selectFrom('users')
      .select('id')
      .where('tenant_code', '=', tenantCode)
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!u) throw invalid('/userId', `no user "${userId}"`);
    const other = await repo.findMemberByUser(db, tenantCode, userId);
    if (other && other.id !== except) throw conflict('this account is already linked to another volunteer');
  }

  async function me(principal: Principal): Promise<MemberRow> {
    requireRole(principal, JOIN_ROLES, 'A volunteer’s own record');
    const m = await repo.findMemberByUser(db, principal.tenantCode, principal.userId);
    if (!m || m.left_on) throw notFound('volunteer record of user', principal.userId);
    return m;
  }

  function presentJoin(r: JoinRequestRow, teams: TeamRow[]): VolunteerJoinRequest {
    return {
      id: r.id,
      teamId: r.team_id,
      teamName: teams.find((t) => t.id === r.team_id)?.name ?? null,
      userId: r.user_id,
      memberId: r.member_id,
      name: r.name_masked,
      phone: r.phone_masked,
      skills: r.skills as VolunteerSkill[],
      note: r.note,
      status: r.status as VolunteerJoinRequest['status'],
      decidedBy: r.decided_by,
      decidedAt: iso(r.decided_at),
      reason: r.reason,
      createdAt: iso(r.created_at)!,
    };
  }

  /** Creates a member (or adds an existing one, matched by phone or ID number, to the teams). */
  async function upsertMember(
    trx: Kysely<DB>,
    principal: Principal,
    sealed: ReturnType<typeof sealPerson>,
    fields: {
      teamIds: readonly string[];
      skills: readonly string[];
      vetting: string;
      vettedOn: string | null;
      township: string | null;
      userId: string | null;
      joinedOn: string;
    },
  ): Promise<{ id: string; created: boolean }> {
    const now = clock.now();
    const existing = await repo.findByIndexes(
      trx,
      principal.tenantCode,
      [sealed.phone_index, sealed.id_number_index].filter((x): x is string => !!x),
    );
    let id: string;
    let created = false;
    if (existing[0]) {
      id = existing[0].id;
      if (existing[0].left_on)
        await repo.updateMember(trx, principal.tenantCode, id, { left_on: null, updated_at: now });
    } else {
      id = globalThis.crypto.randomUUID();
      created = true;
      await repo.insertMember(trx, {
        tenant_code: principal.tenantCode,
        id,
        ...sealed,
        user_id: fields.userId,
        skills: JSON.stringify([...new Set(fields.skills)]),
        vetting: fields.vetting,
        vetted_on: fields.vetting === 'unvetted' ? null : (fields.vettedOn ?? fields.joinedOn),
        vetted_by: fields.vetting === 'unvetted' ? null : principal.userId,
        township: fields.township,
        joined_on: fields.joinedOn,
        created_by: principal.userId,
        created_at: now,
        updated_at: now,
      });
    }
    for (const teamId of fields.teamIds)
      await repo.addToTeam(trx, {
        tenant_code: principal.tenantCode,
        team_id: teamId,
        member_id: id,
        joined_on: fields.joinedOn,
        left_on: null,
      });
    return { id, created };
  }

  return {
    // ── The API the call-out module builds on ──────────────────────────────────────────────────
    /**
     * Every current member with what a call-out chooses by: teams and their stations, skills, vetting,
     * duty, location consent, the linked user and the latest position (null unless consenting and on
     * duty). No personal data; no audit (nothing personal is read). Optionally only some teams/stations.
     */
    async eligibleForSelection(
      tenantCode: string,
      opts: { stationIds?: readonly string[]; onDutyOnly?: boolean; consentingOnly?: boolean } = {},
    ): Promise<EligibleVolunteer[]> {
      const teams = await repo.listTeams(db, tenantCode, opts.stationIds);
      const active = teams.filter((t) => t.active);
      const byId = new Map(active.map((t) => [t.id, t]));
      const rows = await repo.eligible(db, tenantCode, {
        teamIds: opts.stationIds ? [...byId.keys()] : undefined,
        ...(opts.onDutyOnly ? { onDuty: true } : {}),
      });
      const [links, positions] = await Promise.all([
        repo.teamsOf(
          db,
          tenantCode,
          rows.map((r) => r.id),
        ),
        repo.positions(db, tenantCode),
      ]);
      const teamsOf = new Map<string, string[]>();
      for (const l of links)
        if (!l.left_on && byId.has(l.team_id))
          teamsOf.set(l.member_id, [...(teamsOf.get(l.member_id) ?? []), l.team_id]);
      const pos = new Map(positions.map((p) => [p.member_id, p]));
      const out: EligibleVolunteer[] = [];
      for (const r of rows) {
        const teamIds = teamsOf.get(r.id) ?? [];
        if (teamIds.length === 0) continue;
        const consent = hasConsent(r);
        if (opts.consentingOnly && !consent) continue;
        const p = consent && r.on_duty ? pos.get(r.id) : undefined;
        out.push({
          memberId: r.id,
          userId: r.user_id,
          teamIds,
          stationIds: [...new Set(teamIds.map((t) => byId.get(t)!.station_id))],
          skills: r.skills as VolunteerSkill[],
          vetting: r.vetting as VolunteerVetting,
          onDuty: r.on_duty,
          locationConsent: consent,
          township: r.township,
          position: p ? { lon: p.lon, lat: p.lat, accuracyM: p.accuracy_m, at: new Date(p.at) } : null,
        });
      }
      return out;
    },

    /** The current volunteer record of a user account (masked), or null. */
    async memberByUserId(
      tenantCode: string,
      userId: string,
    ): Promise<(VolunteerMember & { stationIds: string[] }) | null> {
      const m = await repo.findMemberByUser(db, tenantCode, userId);
      if (!m || m.left_on) return null;
      const [presented] = await present(tenantCode, [m]);
      const teams = await repo.listTeams(db, tenantCode);
      const stationIds = [
        ...new Set(
          presented!.teamIds
            .map((t) => teams.find((x) => x.id === t)?.station_id)
            .filter((x): x is string => !!x),
        ),
      ];
      return { ...presented!, stationIds };
    },

    // ── Teams ───────────────────────────────────────────────────────────────────────────────────
    async listTeams(principal: Principal): Promise<VolunteerTeamList> {
      const dir = await orgs.directory(principal.tenantCode);
      const teams = await visibleTeams(principal, dir);
      const counts = await repo.teamCounts(db, principal.tenantCode);
      return { items: teams.map((t) => presentTeam(t, dir, counts)), total: teams.length };
    },

    async getTeam(principal: Principal, id: string): Promise<VolunteerTeam> {
      requireReader(principal);
      const dir = await orgs.directory(principal.tenantCode);
      const team = (await visibleTeams(principal, dir)).find((t) => t.id === id);
      if (!team) throw notFound('volunteer team', id);
      return presentTeam(team, dir, await repo.teamCounts(db, principal.tenantCode));
    },

    async createTeam(principal: Principal, body: VolunteerTeamCreateBody): Promise<VolunteerTeam> {
      requireRole(principal, WRITE_ROLES, 'Managing volunteer teams');
      const dir = await orgs.directory(principal.tenantCode);
      const stationId = body.stationId ?? (principal.scopeKind === 'station' ? principal.orgId : undefined);
      if (!stationId) throw invalid('/stationId', 'name the leading police station');
      if (dir.get(stationId)?.kind !== 'station')
        throw invalid('/stationId', `no police station "${stationId}"`);
      if (!canReach(principal, dir.pathOf(stationId))) throw forbidden('the station lies outside your area');
      if (body.leaderUserId) await checkUserExists(principal.tenantCode, body.leaderUserId, '/leaderUserId');
      const now = clock.now();
      const id = globalThis.crypto.randomUUID();
      await db.transaction().execute(async (trx) => {
        const clash = (await repo.listTeams(trx, principal.tenantCode)).find((t) => t.name === body.name);
        if (clash) throw conflict(`a team named "${body.name}" exists`);
        await repo.insertTeam(trx, {
          tenant_code: principal.tenantCode,
          id,
          name: body.name,
          kind: body.kind,
          station_id: stationId,
          leader_user_id: body.leaderUserId ?? null,
          township: body.township ?? null,
          description: body.description ?? null,
          created_by: principal.userId,
          created_at: now,
          updated_at: now,
        });
        await audit.write(trx, principal, {
          action: 'volunteer.team.create',
          resource: 'volunteer-team',
          resourceId: id,
          detail: { name: body.name, kind: body.kind, stationId },
        });
      });
      return this.getTeam(principal, id);
    },

    async updateTeam(principal: Principal, id: string, body: VolunteerTeamPatchBody): Promise<VolunteerTeam> {
      requireRole(principal, WRITE_ROLES, 'Managing volunteer teams');
      const dir = await orgs.directory(principal.tenantCode);
      await loadTeam(principal, dir, id);
      if (body.leaderUserId) await checkUserExists(principal.tenantCode, body.leaderUserId, '/leaderUserId');
      await db.transaction().execute(async (trx) => {
        await repo.updateTeam(trx, principal.tenantCode, id, {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.kind !== undefined ? { kind: body.kind } : {}),
          ...(body.leaderUserId !== undefined ? { leader_user_id: body.leaderUserId } : {}),
          ...(body.township !== undefined ? { township: body.township } : {}),
          ...(body.description !== undefined ? { description: body.description } : {}),
          ...(body.active !== undefined ? { active: body.active } : {}),
          updated_at: clock.now(),
        });
        await audit.write(trx, principal, {
          action: 'volunteer.team.update',
          resource: 'volunteer-team',
          resourceId: id,
          detail: { fields: Object.keys(body) },
        });
      });
      return this.getTeam(principal, id);
    },

    // ── Members ─────────────────────────────────────────────────────────────────────────────────
    async listMembers(principal: Principal, q: VolunteerMemberListQuery): Promise<VolunteerMemberList> {
      const dir = await orgs.directory(principal.tenantCode);
      const teams = await visibleTeams(principal, dir);
      let teamIds: string[] | undefined = teams.map((t) => t.id);
      if (q.teamId) {
        if (!teamIds.includes(q.teamId)) throw notFound('volunteer team', q.teamId);
        teamIds = [q.teamId];
      } else if (principal.scopeKind === 'tenant' && isStaff(principal)) teamIds = undefined;
      const own = isStaff(principal)
        ? undefined
        : await repo.findMemberByUser(db, principal.tenantCode, principal.userId);
      const indexes = q.q
        ? (() => {
            const phone = normalizeMobile(q.q);
            return [indexOf(`name:${q.q}`), ...(phone.ok ? [indexOf(`phone:${phone.value}`)] : [])];
          })()
        : undefined;
      const result = await repo.listMembers(
        db,
        principal.tenantCode,
        {
          teamIds,
          skill: q.skill,
          onDuty: q.onDuty,
          vetting: q.vetting,
          indexes,
          includeLeft: q.includeLeft,
          ...(own !== undefined ? { memberIds: own ? [own.id] : [] } : {}),
        },
        q.pageSize,
        (q.page - 1) * q.pageSize,
      );
      await audit.record(principal, {
        action: 'volunteer.member.list',
        resource: 'volunteer',
        resourceId: q.teamId ?? '*',
        detail: { shown: result.items.length, total: result.total, masked: true },
      });
      return { items: await present(principal.tenantCode, result.items), total: result.total };
    },

    async getMember(principal: Principal, id: string): Promise<VolunteerMemberDetail> {
      requireReader(principal);
      const dir = await orgs.directory(principal.tenantCode);
      const m = await loadMember(principal, dir, id);
      await audit.record(principal, {
        action: 'volunteer.member.read',
        resource: 'volunteer',
        resourceId: id,
        detail: { masked: true },
      });
      return memberDetail(principal.tenantCode, m);
    },

    async createMember(
      principal: Principal,
      input: VolunteerMemberCreateBody,
    ): Promise<VolunteerMemberDetail> {
      requireRole(principal, WRITE_ROLES, 'Managing volunteers');
      const body = volunteerMemberCreateBody.parse(input);
      const dir = await orgs.directory(principal.tenantCode);
      await checkTeams(principal, dir, body.teamIds, '/teamIds');
      const sealed = person(body, '');
      await checkUser(principal.tenantCode, body.userId);
      const existing = await repo.findByIndexes(
        db,
        principal.tenantCode,
        [sealed.phone_index, sealed.id_number_index].filter((x): x is string => !!x),
      );
      if (existing.length)
        throw conflict('a volunteer with this phone or ID number exists', { memberId: existing[0]!.id });
      const today = chinaDate(clock.now());
      const id = await db.transaction().execute(async (trx) => {
        const r = await upsertMember(trx, principal, sealed, {
          teamIds: body.teamIds,
          skills: body.skills,
          vetting: body.vetting,
          vettedOn: body.vettedOn ?? null,
          township: body.township ?? null,
          userId: body.userId ?? null,
          joinedOn: body.joinedOn ?? today,
        });
        await audit.write(trx, principal, {
          action: 'volunteer.member.create',
          resource: 'volunteer',
          resourceId: r.id,
          detail: { teamIds: body.teamIds, vetting: body.vetting },
        });
        return r.id;
      });
      return memberDetail(principal.tenantCode, (await repo.findMember(db, principal.tenantCode, id))!);
    },

    async updateMember(
      principal: Principal,
      id: string,
      body: VolunteerMemberPatchBody,
    ): Promise<VolunteerMemberDetail> {
      requireRole(principal, WRITE_ROLES, 'Managing volunteers');
      const dir = await orgs.directory(principal.tenantCode);
      const m = await loadMember(principal, dir, id);
      if (body.teamIds) await checkTeams(principal, dir, body.teamIds, '/teamIds');
      if (body.userId) await checkUser(principal.tenantCode, body.userId, id);
      const now = clock.now();
      const today = chinaDate(now);
      await db.transaction().execute(async (trx) => {
        const vetting = body.vetting;
        await repo.updateMember(trx, principal.tenantCode, id, {
          ...(body.skills ? { skills: JSON.stringify([...new Set(body.skills)]) } : {}),
          ...(vetting
            ? {
                vetting,
                vetted_on: vetting === 'unvetted' ? null : (body.vettedOn ?? today),
                vetted_by: vetting === 'unvetted' ? null : principal.userId,
              }
            : {}),
          ...(body.township !== undefined ? { township: body.township } : {}),
          ...(body.userId !== undefined ? { user_id: body.userId } : {}),
          ...(body.leftOn !== undefined
            ? { left_on: body.leftOn, ...(body.leftOn ? { on_duty: false, duty_since: null } : {}) }
            : {}),
          updated_at: now,
        });
        if (body.teamIds) {
          const links = await repo.teamsOf(trx, principal.tenantCode, [id]);
          for (const l of links)
            if (!l.left_on && !body.teamIds.includes(l.team_id))
              await repo.leaveTeam(trx, principal.tenantCode, id, l.team_id, today);
          for (const t of body.teamIds)
            if (!links.some((l) => l.team_id === t && !l.left_on))
              await repo.addToTeam(trx, {
                tenant_code: principal.tenantCode,
                team_id: t,
                member_id: id,
                joined_on: today,
                left_on: null,
              });
        }
        if (body.leftOn) {
          await repo.closeDuty(trx, principal.tenantCode, id, now);
          await repo.deletePosition(trx, principal.tenantCode, id);
        }
        await audit.write(trx, principal, {
          action: 'volunteer.member.update',
          resource: 'volunteer',
          resourceId: id,
          detail: { fields: Object.keys(body), from: { vetting: m.vetting } },
        });
      });
      return memberDetail(principal.tenantCode, (await repo.findMember(db, principal.tenantCode, id))!);
    },

    async reveal(principal: Principal, id: string, body: VolunteerRevealBody): Promise<VolunteerRevealed> {
      requireRole(principal, READ_ROLES, 'Reading volunteers');
      await privacy.requireUnmaskRole(principal, {
        resource: 'volunteer',
        resourceId: id,
        field: body.field,
        reason: body.reason,
      });
      const dir = await orgs.directory(principal.tenantCode);
      const m = await loadMember(principal, dir, id);
      const value =
        body.field === 'name'
          ? crypto.decrypt(m.name)
          : body.field === 'phone'
            ? crypto.decrypt(m.phone)
            : crypto.decrypt(m.id_number);
      if (!value)
        throw new DomainError('unprocessable', 'Nothing to reveal', `the volunteer has no ${body.field}`);
      const revealed = await privacy.reveal(principal, {
        resource: 'volunteer',
        resourceId: id,
        field: body.field,
        kind: body.field === 'idNumber' ? 'id-number' : body.field === 'phone' ? 'phone' : 'name',
        value,
        reason: body.reason,
      });
      return { memberId: id, field: body.field, value: revealed };
    },

    // ── The volunteer's own record ──────────────────────────────────────────────────────────────
    async getMe(principal: Principal): Promise<VolunteerMemberDetail> {
      const m = await me(principal);
      return memberDetail(principal.tenantCode, m);
    },

    /** On or off duty: opens or closes a duty period; going off duty forgets the position. */
    async setDuty(principal: Principal, body: VolunteerDutyBody): Promise<VolunteerMemberDetail> {
      const m = await me(principal);
      const now = clock.now();
      if (m.on_duty !== body.onDuty)
        await db.transaction().execute(async (trx) => {
          await repo.updateMember(trx, principal.tenantCode, m.id, {
            on_duty: body.onDuty,
            duty_since: body.onDuty ? now : null,
            updated_at: now,
          });
          if (body.onDuty) await repo.openDuty(trx, principal.tenantCode, m.id, now);
          else {
            await repo.closeDuty(trx, principal.tenantCode, m.id, now);
            await repo.deletePosition(trx, principal.tenantCode, m.id);
          }
          await audit.write(trx, principal, {
            action: body.onDuty ? 'volunteer.duty.on' : 'volunteer.duty.off',
            resource: 'volunteer',
            resourceId: m.id,
            detail: {},
          });
        });
      return memberDetail(principal.tenantCode, (await repo.findMember(db, principal.tenantCode, m.id))!);
    },

    /** Gives or withdraws the separate consent to location sharing; withdrawing deletes the stored position. */
    async setConsent(principal: Principal, body: VolunteerConsentBody): Promise<VolunteerMemberDetail> {
      const m = await me(principal);
      const now = clock.now();
      if (hasConsent(m) !== body.location)
        await db.transaction().execute(async (trx) => {
          await repo.updateMember(
            trx,
            principal.tenantCode,
            m.id,
            body.location
              ? { location_consent_at: now, location_withdrawn_at: null, updated_at: now }
              : { location_withdrawn_at: now, updated_at: now },
          );
          if (!body.location) await repo.deletePosition(trx, principal.tenantCode, m.id);
          await audit.write(trx, principal, {
            action: body.location ? 'volunteer.consent.location.give' : 'volunteer.consent.location.withdraw',
            resource: 'volunteer',
            resourceId: m.id,
            detail: {},
          });
        });
      return memberDetail(principal.tenantCode, (await repo.findMember(db, principal.tenantCode, m.id))!);
    },

    /** Stores the latest position, only with consent and on duty (else 409 and nothing is stored). */
    async reportPosition(
      principal: Principal,
      body: VolunteerPositionBody,
    ): Promise<{ stored: boolean; at: string }> {
      const m = await me(principal);
      if (!hasConsent(m))
        throw conflict('no consent to location sharing: the position is not stored', {
          reason: 'no-consent',
        });
      if (!m.on_duty) throw conflict('off duty: the position is not stored', { reason: 'off-duty' });
      const now = clock.now();
      const at = body.at ? new Date(body.at) : now;
      if (at.getTime() > now.getTime() + 60_000) throw invalid('/at', 'must not lie in the future');
      await repo.upsertPosition(db, {
        tenant_code: principal.tenantCode,
        member_id: m.id,
        lon: body.lon,
        lat: body.lat,
        accuracy_m: body.accuracyM ?? null,
        at,
      });
      return { stored: true, at: at.toISOString() };
    },

    // ── Join requests ───────────────────────────────────────────────────────────────────────────
    async requestJoin(principal: Principal, input: VolunteerJoinBody): Promise<VolunteerJoinRequest> {
      requireRole(principal, JOIN_ROLES, 'Applying to a volunteer team');
      const body = volunteerJoinBody.parse(input);
      const team = await repo.findTeam(db, principal.tenantCode, body.teamId);
      if (!team?.active) throw invalid('/teamId', `no open volunteer team "${body.teamId}"`);
      const phone = normalizeMobile(body.phone);
      if (!phone.ok) throw invalid('/phone', reasonMessage(phone.reason, 'en-US'));
      const pending = await repo.listJoinRequests(db, principal.tenantCode, {
        userId: principal.userId,
        status: 'pending',
      });
      if (pending.some((p) => p.team_id === body.teamId))
        throw conflict('you have already applied to this team');
      const mine = await repo.findMemberByUser(db, principal.tenantCode, principal.userId);
      if (mine && !mine.left_on) {
        const links = await repo.teamsOf(db, principal.tenantCode, [mine.id]);
        if (links.some((l) => l.team_id === body.teamId && !l.left_on))
          throw conflict('you are already a member of this team');
      }
      const id = globalThis.crypto.randomUUID();
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await repo.insertJoinRequest(trx, {
          tenant_code: principal.tenantCode,
          id,
          team_id: body.teamId,
          user_id: principal.userId,
          member_id: mine?.id ?? null,
          name: crypto.encrypt(body.name),
          name_masked: maskName(body.name),
          phone: crypto.encrypt(phone.value),
          phone_masked: maskPhone(phone.value),
          skills: JSON.stringify([...new Set(body.skills)]),
          note: body.note ?? null,
          status: 'pending',
          created_at: now,
        });
        await audit.write(trx, principal, {
          action: 'volunteer.join.request',
          resource: 'volunteer-team',
          resourceId: body.teamId,
          detail: { requestId: id },
        });
      });
      return presentJoin((await repo.findJoinRequest(db, principal.tenantCode, id))!, [team]);
    },

    async listJoinRequests(
      principal: Principal,
      q: VolunteerJoinRequestQuery,
    ): Promise<VolunteerJoinRequestList> {
      const dir = await orgs.directory(principal.tenantCode);
      const all = await repo.listTeams(db, principal.tenantCode);
      let rows: JoinRequestRow[];
      if (isStaff(principal)) {
        const teams = await visibleTeams(principal, dir);
        const ids = q.teamId
          ? teams.filter((t) => t.id === q.teamId).map((t) => t.id)
          : teams.map((t) => t.id);
        rows = await repo.listJoinRequests(db, principal.tenantCode, { teamIds: ids, status: q.status });
      } else if (principal.roles.includes('volunteer')) {
        rows = await repo.listJoinRequests(db, principal.tenantCode, {
          userId: principal.userId,
          status: q.status,
        });
      } else throw forbidden('Reading join requests needs a station or county role, or to be the applicant.');
      return { items: rows.map((r) => presentJoin(r, all)), total: rows.length };
    },

    /** The team's leading officer, or station/county staff in scope, approves (creating the member) or rejects. */
    async decideJoinRequest(
      principal: Principal,
      id: string,
      body: VolunteerJoinDecisionBody,
    ): Promise<VolunteerJoinRequest> {
      requireRole(principal, WRITE_ROLES, 'Deciding join requests');
      const r = await repo.findJoinRequest(db, principal.tenantCode, id);
      if (!r) throw notFound('join request', id);
      const dir = await orgs.directory(principal.tenantCode);
      const team = await repo.findTeam(db, principal.tenantCode, r.team_id);
      // The team's leading officer, or the station / command room whose scope holds the team.
      const isLeader = team?.leader_user_id === principal.userId;
      if (!isLeader && (!team || !canReach(principal, dir.pathOf(team.station_id))))
        throw notFound('join request', id);
      if (r.status !== 'pending') throw conflict(`the request is already ${r.status}`);
      if (body.decision === 'reject' && !body.reason)
        throw invalid('/reason', 'say why the request is rejected');
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        let memberId = r.member_id;
        if (body.decision === 'approve') {
          const name = crypto.decrypt(r.name);
          const phone = crypto.decrypt(r.phone);
          const other = await repo.findMemberByUser(trx, principal.tenantCode, r.user_id);
          const sealed = sealPerson(name, phone, null);
          if (other) {
            memberId = other.id;
            await repo.updateMember(trx, principal.tenantCode, other.id, { left_on: null, updated_at: now });
            await repo.addToTeam(trx, {
              tenant_code: principal.tenantCode,
              team_id: r.team_id,
              member_id: other.id,
              joined_on: chinaDate(now),
              left_on: null,
            });
          } else {
            const res = await upsertMember(trx, principal, sealed, {
              teamIds: [r.team_id],
              skills: r.skills as string[],
              vetting: 'unvetted',
              vettedOn: null,
              township: team?.township ?? null,
              userId: null,
              joinedOn: chinaDate(now),
            });
            memberId = res.id;
            const linked = await repo.findMember(trx, principal.tenantCode, res.id);
            if (linked && !linked.user_id)
              await repo.updateMember(trx, principal.tenantCode, res.id, {
                user_id: r.user_id,
                updated_at: now,
              });
          }
        }
        const n = await repo.decideJoinRequest(trx, principal.tenantCode, id, {
          status: body.decision === 'approve' ? 'approved' : 'rejected',
          decided_by: principal.userId,
          decided_at: now,
          reason: body.reason ?? null,
          member_id: memberId,
        });
        if (n === 0) throw conflict('the request was decided meanwhile');
        await audit.write(trx, principal, {
          action: `volunteer.join.${body.decision}`,
          resource: 'volunteer-team',
          resourceId: r.team_id,
          detail: { requestId: id, memberId, reason: body.reason ?? null },
        });
      });
      return presentJoin((await repo.findJoinRequest(db, principal.tenantCode, id))!, team ? [team] : []);
    },

    // ── Import ──────────────────────────────────────────────────────────────────────────────────
    /** Imports members from XLSX or CSV into a team: bad rows are reported by line and field, good rows kept. */
    async importMembers(
      principal: Principal,
      body: { teamId: string; fileName: string; contentBase64: string; dryRun?: boolean | undefined },
    ) {
      requireRole(principal, WRITE_ROLES, 'Importing volunteers');
      const dir = await orgs.directory(principal.tenantCode);
      await loadTeam(principal, dir, body.teamId);
      const bytes = Buffer.from(body.contentBase64, 'base64');
      let raw: ImportRow[];
      try {
        raw = await parseVolunteerFile(body.fileName, bytes);
      } catch (error) {
        throw invalid('/contentBase64', (error as Error).message);
      }
      const { rows, problems } = validateImportRows(raw, chinaDate(clock.now()));
      const seen = new Map<string, number>();
      const good: typeof rows = [];
      for (const r of rows) {
        const keys = [`phone:${r.phone}`, ...(r.idNumber ? [`id:${r.idNumber}`] : [])];
        const dup = keys.map((k) => seen.get(k)).find((x) => x !== undefined);
        if (dup !== undefined) {
          problems.push({
            line: r.line,
            field: seen.has(keys[0]!) ? 'phone' : 'idNumber',
            message: `same person as line ${dup}`,
          });
          continue;
        }
        for (const k of keys) seen.set(k, r.line);
        good.push(r);
      }
      let created = 0;
      let merged = 0;
      if (!body.dryRun && good.length) {
        await db.transaction().execute(async (trx) => {
          for (const r of good) {
            const res = await upsertMember(trx, principal, sealPerson(r.name, r.phone, r.idNumber), {
              teamIds: [body.teamId],
              skills: r.skills,
              vetting: r.vetting,
              vettedOn: r.vettedOn,
              township: r.township,
              userId: null,
              joinedOn: r.joinedOn,
            });
            if (res.created) created++;
            else merged++;
          }
          await audit.write(trx, principal, {
            action: 'volunteer.member.import',
            resource: 'volunteer-team',
            resourceId: body.teamId,
            detail: {
              file: body.fileName,
              rows: raw.length,
              created,
              merged,
              rejected: raw.length - good.length,
            },
          });
        });
      }
      problems.sort((a, b) => a.line - b.line || a.field.localeCompare(b.field));
      return {
        rows: raw.length,
        created,
        merged,
        rejected: new Set(problems.map((p) => p.line)).size,
        problems,
        dryRun: !!body.dryRun,
      };
    },

    // ── Statistics ──────────────────────────────────────────────────────────────────────────────
    async stats(principal: Principal, q: VolunteerStatsQuery): Promise<VolunteerStats> {
      requireRole(principal, READ_ROLES, 'Reading volunteer statistics');
      const dir = await orgs.directory(principal.tenantCode);
      const teams = await visibleTeams(principal, dir);
      const teamIds = principal.scopeKind === 'tenant' ? undefined : teams.map((t) => t.id);
      const now = clock.now();
      const to = q.year ? yearStart(q.year + 1) : now;
      const end = to.getTime() > now.getTime() ? now : to;
      const from = q.year ? yearStart(q.year) : undefined;
      const memberOn = q.year ? chinaDate(new Date(end.getTime() - 1)) : undefined;
      const rows = await repo.allMembers(db, principal.tenantCode, { teamIds, memberOn });
      const ids = rows.map((r) => r.id);
      const links = await repo.teamsOf(db, principal.tenantCode, ids);
      const bySkill: Record<string, number> = Object.fromEntries(VOLUNTEER_SKILLS.map((s) => [s, 0]));
      const byVetting: Record<string, number> = { unvetted: 0, basic: 0, full: 0 };
      for (const r of rows) {
        for (const s of r.skills as string[]) bySkill[s] = (bySkill[s] ?? 0) + 1;
        byVetting[r.vetting] = (byVetting[r.vetting] ?? 0) + 1;
      }
      const byTeam = teams.map((t) => ({
        teamId: t.id,
        name: t.name,
        members: links.filter(
          (l) =>
            l.team_id === t.id &&
            l.joined_on <= (memberOn ?? '9999') &&
            (!l.left_on || (memberOn ? l.left_on > memberOn : false)),
        ).length,
      }));
      const periods = await repo.dutyPeriods(db, principal.tenantCode, teamIds ? ids : undefined, from, end);
      const activity = deps.activityFigures
        ? await deps.activityFigures(principal.tenantCode, { teamIds, from, to: end })
        : NO_ACTIVITY;
      await audit.record(principal, {
        action: 'volunteer.stats.read',
        resource: 'volunteer',
        resourceId: '*',
        detail: { year: q.year ?? null },
      });
      return {
        year: q.year ?? null,
        members: rows.length,
        teams: teams.length,
        onDutyNow: rows.filter((r) => r.on_duty && !r.left_on).length,
        locationConsent: rows.filter(hasConsent).length,
        bySkill,
        byVetting,
        byTeam,
        dutyHours: dutyHours(periods, from, end),
        ...activity,
      };
    },
  };

  async function checkUserExists(tenantCode: string, userId: string, path: string) {
    const u = await db
      .selectFrom('users')
      .select('id')
      .where('tenant_code', '=', tenantCode)
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!u) throw invalid(path, `no user "${userId}"`);
  }
}
export type VolunteersService = ReturnType<typeof createVolunteersService>;
