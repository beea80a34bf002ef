import { randomUUID } from 'node:crypto';
import type {
  CrimeLinkCandidates,
  CrimeLinkWeights,
  CrimeSeries,
  CrimeSeriesGrowBody,
  CrimeSeriesList,
  GrownCrimeSeries,
} from '@ronghui/contracts';
import {
  buildLinkModel,
  type CrimeRecord,
  createRng,
  encodeRecords,
  explainLink,
  growSeries,
  LINK_FEATURES,
  type LinkFeedback,
  learnWeights,
  learnWeightsFromFeedback,
  linkNewIncident,
  seriesPairs,
} from '@ronghui/intel';
import type { Kysely } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { EventBus } from '../../platform/bus/bus.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import { type IntelScope, presentCrime } from './intel-scope.ts';
import type { CrimeRow, SeriesRow } from './intel.repo.ts';

/** Series linkage: ranked candidates, series grown from seeds, analyst verdicts that re-learn λ. */
export function createIntelLinkageService(deps: {
  scope: IntelScope;
  audit: AuditService;
  bus: EventBus;
  clock: Clock;
}) {
  const { scope, audit, bus, clock } = deps;
  const { db, repo } = scope;

  async function model(principal: Principal) {
    const context = await scope.context(principal.tenantCode);
    const stored = await scope.load(principal);
    const records = stored.map(context.toRecord);
    const m = buildLinkModel(records);
    return { stored, records, model: m, table: encodeRecords(m, records) };
  }
  type Loaded = Awaited<ReturnType<typeof model>>;

  /** λ from the solved series (records with a series id) plus every analyst verdict so far. */
  async function relearn(trx: Kysely<DB>, tenantCode: string, l: Loaded) {
    const seriesOf = l.records.map((r) => r.seriesId);
    const base = seriesPairs(
      l.model,
      l.table,
      seriesOf,
      seriesOf.map((_, i) => i),
      createRng(1),
    );
    const feedback: LinkFeedback[] = (await repo.listFeedback(trx, tenantCode)).flatMap((f) =>
      f.member_ids
        .filter((m) => m !== f.record_id)
        .map((m) => ({ a: f.record_id, b: m, verdict: f.verdict })),
    );
    const weights =
      feedback.length > 0
        ? learnWeightsFromFeedback(l.model, l.table, l.records, feedback, base)
        : base.y.includes(1)
          ? learnWeights(base)
          : new Float64Array(LINK_FEATURES.length).fill(1 / LINK_FEATURES.length);
    await repo.saveWeights(
      trx,
      tenantCode,
      { weights: [...weights], solvedPairs: base.y.length, feedbackPairs: feedback.length },
      clock.now(),
    );
    return weights;
  }

  async function weightsFor(tenantCode: string, l: Loaded): Promise<Float64Array> {
    const row = await repo.weights(db, tenantCode);
    if (row && row.weights.length === LINK_FEATURES.length) return Float64Array.from(row.weights);
    return db.transaction().execute((trx) => relearn(trx, tenantCode, l));
  }

  const indexOf = (l: Loaded, id: string) => {
    const i = l.records.findIndex((r) => r.id === id);
    if (i < 0) throw notFound('crime record', id);
    return i;
  };

  /** The crime_series row → JSON presenter (`crimeSeries` in the contract), members as loaded. */
  function presentSeries(s: SeriesRow, l: Loaded): CrimeSeries {
    const members = s.member_ids.flatMap((id) => {
      const i = l.records.findIndex((r) => r.id === id);
      return i < 0 ? [] : [{ record: l.records[i] as CrimeRecord, stored: l.stored[i] as CrimeRow }];
    });
    const why = explainLink(members.map((m) => m.record));
    return {
      id: s.id,
      name: s.name,
      seedIds: s.seed_ids,
      memberIds: members.map((m) => m.record.id),
      members: members.map((m) => presentCrime(m.stored)),
      cohesion: s.cohesion,
      explanation: { zh: why.zh, en: why.en },
      createdBy: s.created_by,
      createdAt: s.created_at.toISOString(),
      updatedAt: s.updated_at.toISOString(),
    };
  }

  async function verdict(
    principal: Principal,
    seriesId: string,
    recordId: string,
    v: 'confirm' | 'reject',
  ): Promise<CrimeSeries> {
    scope.write(principal, 'Confirming or rejecting a series link');
    const l = await model(principal);
    indexOf(l, recordId);
    const saved = await db.transaction().execute(async (trx) => {
      const s = await repo.findSeries(trx, principal.tenantCode, seriesId);
      if (!s) throw notFound('series', seriesId);
      const others = s.member_ids.filter((m) => m !== recordId);
      if (others.length === 0) throw invalid('/recordId', 'the series has no other member to compare with');
      const members = v === 'confirm' ? [...others, recordId] : others;
      await repo.insertFeedback(
        trx,
        principal.tenantCode,
        { seriesId, recordId, memberIds: others, verdict: v },
        principal.userId,
        clock.now(),
      );
      await repo.setMembers(trx, principal.tenantCode, seriesId, members, clock.now());
      if (v === 'confirm') await repo.setSeriesOf(trx, principal.tenantCode, members, seriesId);
      else await repo.setSeriesOf(trx, principal.tenantCode, [recordId], null);
      // Same records with the new series ids: the similarity table does not depend on them.
      const relabel = (r: CrimeRecord): CrimeRecord => {
        const { seriesId: _old, ...rest } = r;
        if (v === 'confirm' && members.includes(r.id)) return { ...rest, seriesId };
        if (v === 'reject' && r.id === recordId) return rest;
        return r;
      };
      const weights = await relearn(trx, principal.tenantCode, { ...l, records: l.records.map(relabel) });
      await audit.write(trx, principal, {
        action: `intel.series.${v}`,
        resource: 'crime_series',
        resourceId: seriesId,
        detail: { recordId, weights: [...weights].map((w) => Number(w.toFixed(4))) },
      });
      await enqueue(trx, principal.tenantCode, 'intel.changed', {
        change: v === 'confirm' ? 'series-confirmed' : 'series-rejected',
        id: seriesId,
        count: members.length,
      });
      return { ...s, member_ids: members, updated_at: clock.now() };
    });
    bus.kick();
    return presentSeries(saved, await model(principal));
  }

  return {
    async candidates(principal: Principal, id: string, k: number): Promise<CrimeLinkCandidates> {
      scope.read(principal, 'Series linkage');
      const l = await model(principal);
      const qi = indexOf(l, id);
      const weights = await weightsFor(principal.tenantCode, l);
      const ranked = linkNewIncident(l.model, l.table, l.records, l.records[qi] as CrimeRecord, weights, k);
      return {
        id,
        weights: Object.fromEntries(LINK_FEATURES.map((f, i) => [f, weights[i] ?? 0])),
        source: { recordIds: [id], query: { k }, records: l.records.length },
        items: ranked.map((c) => ({
          record: presentCrime(l.stored[c.index] as CrimeRow),
          score: c.score,
          similarities: c.similarities,
          explanation: { zh: c.explanation.zh, en: c.explanation.en },
        })),
        total: ranked.length,
      };
    },

    async listSeries(principal: Principal): Promise<CrimeSeriesList> {
      scope.read(principal, 'Series linkage');
      const l = await model(principal);
      const items = (await repo.listSeries(db, principal.tenantCode)).map((s) => presentSeries(s, l));
      return { items, total: items.length };
    },

    async getSeries(principal: Principal, id: string): Promise<CrimeSeries> {
      scope.read(principal, 'Series linkage');
      const s = (await repo.listSeries(db, principal.tenantCode)).find((x) => x.id === id);
      if (!s) throw notFound('series', id);
      return presentSeries(s, await model(principal));
    },

    async grow(principal: Principal, input: CrimeSeriesGrowBody): Promise<GrownCrimeSeries> {
      scope.write(principal, 'Building a series');
      const l = await model(principal);
      const seeds = input.seedIds.map((id) => indexOf(l, id));
      const weights = await weightsFor(principal.tenantCode, l);
      const grown = growSeries(l.model, l.table, seeds, weights, {
        minCohesion: input.minCohesion,
        maxSize: input.maxSize,
      });
      const last = grown.steps[grown.steps.length - 1];
      const row: SeriesRow = {
        tenant_code: principal.tenantCode,
        id: `SR-${randomUUID().slice(0, 8)}`,
        name: input.name ?? `${input.seedIds[0]} 串并系列`,
        seed_ids: input.seedIds,
        member_ids: grown.members.map((i) => l.records[i]?.id ?? ''),
        cohesion: last?.cohesion ?? null,
        created_by: principal.username,
        created_at: clock.now(),
        updated_at: clock.now(),
      };
      await db.transaction().execute(async (trx) => {
        await repo.insertSeries(trx, row);
        await audit.write(trx, principal, {
          action: 'intel.series.create',
          resource: 'crime_series',
          resourceId: row.id,
          detail: { seedIds: row.seed_ids, members: row.member_ids.length, minCohesion: input.minCohesion },
        });
        await enqueue(trx, principal.tenantCode, 'intel.changed', {
          change: 'series-created',
          id: row.id,
          count: row.member_ids.length,
        });
      });
      bus.kick();
      return {
        ...presentSeries(row, l),
        steps: grown.steps.map((s) => ({
          id: l.records[s.index]?.id ?? '',
          score: s.score,
          cohesion: s.cohesion,
        })),
      };
    },

    confirm: (p: Principal, seriesId: string, recordId: string) => verdict(p, seriesId, recordId, 'confirm'),
    reject: (p: Principal, seriesId: string, recordId: string) => verdict(p, seriesId, recordId, 'reject'),

    async weights(principal: Principal): Promise<CrimeLinkWeights | null> {
      scope.read(principal, 'Series linkage');
      const row = await repo.weights(db, principal.tenantCode);
      return row
        ? {
            weights: Object.fromEntries(LINK_FEATURES.map((f, i) => [f, row.weights[i] ?? 0])),
            solvedPairs: row.solved_pairs,
            feedbackPairs: row.feedback_pairs,
            updatedAt: row.updated_at.toISOString(),
          }
        : null;
    },
  };
}
export type IntelLinkageService = ReturnType<typeof createIntelLinkageService>;
