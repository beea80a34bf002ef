import { randomUUID } from 'node:crypto';
import type {
  FraudImportResult,
  FraudWarning,
  FraudWarningBody,
  FraudWarningDetail,
  FraudWarningList,
  FraudWarningStep,
} from '@ronghui/contracts';
import { normalizeMobile, parseIdNumber, reasonMessage } from '@ronghui/ids';
import {
  actionFor,
  canStep,
  decodeCsv,
  FRAUD_TYPE_NAMES,
  type FraudType,
  isOverdue,
  nextDue,
  parseCsv,
  type Risk,
  STEPS,
  validateWarningSheet,
  type WarningSource,
  type WarningStatus,
} from '@ronghui/outreach';
import ExcelJS from 'exceljs';
import type { Kysely, Selectable } from 'kysely';
import { requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import type { DB, FraudWarningsTable } from '../../platform/db/schema.ts';
import { conflict, DomainError, forbidden, invalid, notFound } from '../../platform/http/errors.ts';
import { mask } from '../../platform/privacy/privacy.ts';
import type { OrgDirectory } from '../orgs/index.ts';
import { planWarningVisit } from './residents.service.ts';
import {
  createPlaceFinder,
  iso,
  OUTREACH_REVEAL,
  OUTREACH_WORK,
  type OutreachDeps,
  pathOfStation,
  reaches,
  WARNING_INTAKE,
} from './outreach-common.ts';

type WarningRow = Selectable<FraudWarningsTable>;

export interface WarningInput {
  personName: string;
  phone: string;
  idNumber: string | null;
  issuedAt: Date;
  fraudType: FraudType;
  source: WarningSource;
  risk: Risk;
  moneyAtRisk: number;
  address: string;
  note: string | null;
  incidentId: string | null;
}

export interface WarningQuery {
  page: number;
  pageSize: number;
  status?: WarningStatus | undefined;
  risk?: Risk | undefined;
  station?: string | undefined;
  overdue?: 'true' | 'false' | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const beijingDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`);

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Spreadsheet times are wall-clock times stored as if UTC.
    return value.toISOString().slice(0, 16).replace('T', ' ');
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

/** The first sheet of an XLSX file, or a CSV (UTF-8 or GB18030), as lines of cells. */
export async function readWarningSheet(bytes: Uint8Array): Promise<{ line: number; cells: string[] }[]> {
  if (!isZip(bytes)) return parseCsv(decodeCsv(bytes));
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer,
    );
  } catch {
    throw invalid('/', 'the file is neither a readable XLSX workbook nor a CSV');
  }
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  const rows: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells: string[] = [];
    for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]).trim());
    if (cells.some((c) => c !== '')) rows.push({ line, cells });
  });
  return rows;
}

export function createWarningsService(deps: OutreachDeps) {
  const { db, orgs, audit, clock, crypto, sms } = deps;
  const placeOf = createPlaceFinder(deps);

  function present(row: WarningRow, dir: OrgDirectory, now: Date): FraudWarning {
    const clockOf = {
      risk: row.risk,
      status: row.status,
      issuedAt: new Date(row.issued_at),
      signedAt: row.signed_at,
      dissuadedAt: row.dissuaded_at,
      feedbackAt: row.feedback_at,
    };
    const due = nextDue(clockOf);
    return {
      id: row.id,
      number: row.number,
      risk: row.risk,
      status: row.status,
      action: row.action,
      outcome: row.outcome,
      fraudType: row.fraud_type,
      source: row.source,
      personName: mask('name', crypto.decrypt(row.person_name)) ?? '',
      phone: mask('phone', crypto.decrypt(row.phone)) ?? '',
      idNumber: mask('id-number', crypto.decrypt(row.id_number)),
      address: row.address,
      stationId: row.station_id,
      stationName: row.station_id ? (dir.get(row.station_id)?.name ?? row.station_id) : null,
      incidentId: row.incident_id,
      issuedAt: iso(row.issued_at)!,
      signedAt: iso(row.signed_at),
      dissuadedAt: iso(row.dissuaded_at),
      feedbackAt: iso(row.feedback_at),
      dueAt: due ? due.due.toISOString() : null,
      overdue: row.status !== 'feedback' && (row.overdue || isOverdue(clockOf, now)),
      moneyAtRisk: row.money_at_risk,
      moneySaved: row.money_saved,
      smsStatus: row.sms_status,
      calls: row.calls,
      demo: row.demo,
    };
  }

  async function load(principal: Principal, dir: OrgDirectory, id: string): Promise<WarningRow> {
    const row = await db
      .selectFrom('fraud_warnings')
      .selectAll()
      .where('tenant_code', '=', principal.tenantCode)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || !reaches(principal, dir, row.station_id)) throw notFound('warning', id);
    return row;
  }

  async function event(
    trx: Kysely<DB>,
    tenantCode: string,
    warningId: string,
    at: Date,
    kind: string,
    actor: string,
    note: string | null,
  ) {
    await trx
      .insertInto('fraud_warning_events')
      .values({ tenant_code: tenantCode, id: randomUUID(), warning_id: warningId, at, kind, actor, note })
      .execute();
  }

  async function nextNumbers(trx: Kysely<DB>, tenantCode: string, day: string, n: number): Promise<string[]> {
    const prefix = `FZ${tenantCode}-${day.replaceAll('-', '')}-`;
    const last = await trx
      .selectFrom('fraud_warnings')
      .select((eb) => eb.fn.max('number').as('n'))
      .where('tenant_code', '=', tenantCode)
      .where('number', 'like', `${prefix}%`)
      .executeTakeFirst();
    const start = last?.n ? Number(String(last.n).slice(prefix.length)) : 0;
    return Array.from({ length: n }, (_, i) => `${prefix}${String(start + i + 1).padStart(4, '0')}`);
  }

  /** Inserts warnings in one transaction (all or none); answers their ids. Actions that leave the system run after. */
  async function insertAll(principal: Principal, inputs: WarningInput[]): Promise<string[]> {
    const dir = await orgs.directory(principal.tenantCode);
    const places = await Promise.all(inputs.map((w) => placeOf(principal.tenantCode, w.address)));
    for (const [i, p] of places.entries()) {
      if (!p.stationId && principal.scopeKind !== 'tenant')
        throw invalid(
          inputs.length > 1 ? `/${i}/address` : '/address',
          'no station answers for this address: name the township (e.g. 杨梅乡)',
        );
      if (!reaches(principal, dir, p.stationId))
        throw forbidden('a warning of this file lies outside your area');
    }
    const now = clock.now();
    const ids = inputs.map(() => randomUUID());
    await db.transaction().execute(async (trx) => {
      const byDay = new Map<string, number[]>();
      inputs.forEach((w, i) => {
        const d = beijingDay(w.issuedAt);
        byDay.set(d, [...(byDay.get(d) ?? []), i]);
      });
      const numbers: string[] = [];
      for (const [day, idx] of byDay) {
        const ns = await nextNumbers(trx, principal.tenantCode, day, idx.length);
        idx.forEach((i, k) => {
          numbers[i] = ns[k]!;
        });
      }
      for (const [i, w] of inputs.entries()) {
        const place = places[i]!;
        const action = actionFor(w.risk);
        await trx
          .insertInto('fraud_warnings')
          .values({
            tenant_code: principal.tenantCode,
            id: ids[i]!,
            number: numbers[i]!,
            station_id: place.stationId,
            risk: w.risk,
            action,
            status: 'issued',
            outcome: null,
            fraud_type: w.fraudType,
            source: w.source,
            person_name: crypto.encrypt(w.personName),
            phone: crypto.encrypt(w.phone),
            id_number: crypto.encrypt(w.idNumber),
            address: w.address,
            township_code: place.townshipCode,
            lon: place.lon,
            lat: place.lat,
            incident_id: w.incidentId,
            issued_at: w.issuedAt,
            signed_at: null,
            dissuaded_at: null,
            feedback_at: null,
            due_at: nextDue({ risk: w.risk, status: 'issued', issuedAt: w.issuedAt })!.due,
            money_at_risk: w.moneyAtRisk,
            sms_status: null,
            signed_by: null,
            note: w.note,
            created_by: principal.userId,
            created_at: now,
            updated_at: now,
          })
          .execute();
        const stationName = place.stationId
          ? (dir.get(place.stationId)?.name ?? place.stationId)
          : '县局指挥中心';
        await event(
          trx,
          principal.tenantCode,
          ids[i]!,
          now,
          'issued',
          principal.displayName || principal.username,
          action === 'visit'
            ? `高风险：交${stationName}当面劝阻`
            : action === 'call'
              ? `中风险：由${stationName}民警电话劝阻`
              : '低风险：短信提醒',
        );
        await audit.write(trx, principal, {
          action: 'outreach.warning.issued',
          resource: 'fraud-warning',
          resourceId: ids[i]!,
          detail: {
            number: numbers[i],
            risk: w.risk,
            source: w.source,
            fraudType: w.fraudType,
            stationId: place.stationId,
            incidentId: w.incidentId,
          },
        });
        await enqueue(
          trx,
          principal.tenantCode,
          'outreach.warning.changed',
          {
            warningId: ids[i]!,
            stationId: place.stationId,
            risk: w.risk,
            status: 'issued',
            change: 'issued',
          },
          pathOfStation(dir, place.stationId),
        );
      }
    });
    deps.bus.kick();
    // Low risk: the SMS goes out once the warning is on record.
    for (const [i, w] of inputs.entries())
      if (actionFor(w.risk) === 'sms') await textPerson(ids[i]!, principal, w);
    return ids;
  }

  async function textPerson(id: string, principal: Principal, w: WarningInput) {
    const r = await sms.send({
      messageId: `fraud-warning-${id}`,
      to: w.phone,
      text: `【德化公安】反诈提醒：您可能正遭遇${FRAUD_TYPE_NAMES[w.fraudType]}类诈骗。公检法不会电话办案，不要向陌生账户转账。如有疑问请拨打110或96110。`,
    });
    const status = r.ok ? 'sent' : sms.configured ? 'failed' : 'unconfigured';
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('fraud_warnings')
        .set({ sms_status: status, updated_at: now })
        .where('tenant_code', '=', principal.tenantCode)
        .where('id', '=', id)
        .execute();
      await event(
        trx,
        principal.tenantCode,
        id,
        now,
        'sms',
        'sms-gateway',
        status === 'sent' ? '短信已发送' : `短信未发出（${status}）`,
      );
    });
  }

  function checkPerson(phone: string, idNumber: string | undefined | null) {
    const m = normalizeMobile(phone);
    if (!m.ok) throw invalid('/phone', 'must be a mainland mobile number (1[3-9] and 9 digits)');
    let id: string | null = null;
    if (idNumber) {
      const p = parseIdNumber(idNumber, { today: beijingDay(clock.now()) });
      if (!p.ok) throw invalid('/idNumber', reasonMessage(p.reason, 'en-US'));
      id = p.value.value;
    }
    return { phone: m.value, idNumber: id };
  }

  async function detail(principal: Principal, id: string): Promise<FraudWarningDetail> {
    requireRole(principal, READ_ACCESS.outreach, 'Reading anti-fraud warnings');
    const dir = await orgs.directory(principal.tenantCode);
    const row = await load(principal, dir, id);
    const [events, visits] = await Promise.all([
      db
        .selectFrom('fraud_warning_events')
        .select(['at', 'kind', 'actor', 'note'])
        .where('tenant_code', '=', principal.tenantCode)
        .where('warning_id', '=', id)
        .orderBy('at')
        .orderBy('seq')
        .execute(),
      db
        .selectFrom('home_visits')
        .select(['id', 'resident_id', 'status', 'planned_for', 'done_at'])
        .where('tenant_code', '=', principal.tenantCode)
        .where('warning_id', '=', id)
        .orderBy('planned_for')
        .execute(),
    ]);
    await audit.record(principal, {
      action: 'outreach.warning.read',
      resource: 'fraud-warning',
      resourceId: id,
      detail: { number: row.number },
    });
    return {
      ...present(row, dir, clock.now()),
      note: row.note,
      timeline: events.map((e) => ({ at: iso(e.at)!, kind: e.kind, actor: e.actor, note: e.note })),
      visits: visits.map((v) => ({
        id: v.id,
        residentId: v.resident_id,
        status: v.status,
        plannedFor: v.planned_for,
        doneAt: iso(v.done_at),
      })),
    };
  }

  return {
    present,
    detail,

    async create(principal: Principal, body: FraudWarningBody): Promise<FraudWarningDetail> {
      requireRole(principal, WARNING_INTAKE, 'Taking in anti-fraud warnings');
      const { phone, idNumber } = checkPerson(body.phone, body.idNumber);
      const issuedAt = body.issuedAt ? new Date(body.issuedAt) : clock.now();
      if (issuedAt.getTime() > clock.now().getTime() + 5 * 60_000)
        throw invalid('/issuedAt', 'lies in the future');
      const [id] = await insertAll(principal, [
        {
          personName: body.personName,
          phone,
          idNumber,
          issuedAt,
          fraudType: body.fraudType,
          source: body.source,
          risk: body.risk,
          moneyAtRisk: body.moneyAtRisk ?? 0,
          address: body.address,
          note: body.note ?? null,
          incidentId: null,
        },
      ]);
      return detail(principal, id!);
    },

    /** A warning from one of our own incidents: the caller at risk, their phone and the incident's address. */
    async fromIncident(
      principal: Principal,
      body: {
        incidentId: string;
        fraudType: FraudType;
        risk: Risk;
        moneyAtRisk?: number | undefined;
        note?: string | undefined;
      },
    ): Promise<FraudWarningDetail> {
      requireRole(principal, WARNING_INTAKE, 'Taking in anti-fraud warnings');
      const dir = await orgs.directory(principal.tenantCode);
      const incident = await deps.incidentsRepo.findById(db, principal.tenantCode, body.incidentId);
      if (!incident || !reaches(principal, dir, incident.station_id))
        throw notFound('incident', body.incidentId);
      const phone = incident.caller_phone ? normalizeMobile(incident.caller_phone) : null;
      if (!phone?.ok)
        throw new DomainError(
          'unprocessable',
          'No mobile number',
          'the incident has no caller mobile number to warn',
        );
      const existing = await db
        .selectFrom('fraud_warnings')
        .select('id')
        .where('tenant_code', '=', principal.tenantCode)
        .where('incident_id', '=', body.incidentId)
        .executeTakeFirst();
      if (existing)
        throw conflict('a warning was already raised from this incident', { warningId: existing.id });
      const [id] = await insertAll(principal, [
        {
          personName: incident.caller_name || '报警人',
          phone: phone.value,
          idNumber: null,
          issuedAt: clock.now(),
          fraudType: body.fraudType,
          source: 'incident',
          risk: body.risk,
          moneyAtRisk: body.moneyAtRisk ?? 0,
          address: incident.address ?? '',
          note: body.note ?? `警情 ${incident.number}`,
          incidentId: incident.id,
        },
      ]);
      return detail(principal, id!);
    },

    /** An XLSX or CSV file from a higher level: every row checked first; one bad row and nothing is imported. */
    async importFile(principal: Principal, bytes: Uint8Array): Promise<FraudImportResult> {
      requireRole(principal, WARNING_INTAKE, 'Importing anti-fraud warnings');
      const now = clock.now();
      const rows = await readWarningSheet(bytes);
      const { warnings, problems } = validateWarningSheet(rows, { today: beijingDay(now), now });
      const dataRows = Math.max(0, rows.length - 1);
      if (problems.length) {
        const badLines = new Set(problems.map((p) => p.line));
        return {
          rows: dataRows,
          created: 0,
          rejected: badLines.size,
          errors: problems.slice(0, 1000),
          ids: [],
        };
      }
      const ids = await insertAll(
        principal,
        warnings.map((w) => ({ ...w, issuedAt: new Date(w.issuedAt), note: null, incidentId: null })),
      );
      await audit.record(principal, {
        action: 'outreach.warning.imported',
        resource: 'fraud-warning',
        resourceId: ids[0] ?? 'none',
        detail: { rows: dataRows, created: ids.length },
      });
      return { rows: dataRows, created: ids.length, rejected: 0, errors: [], ids };
    },

    async list(principal: Principal, q: WarningQuery): Promise<FraudWarningList> {
      requireRole(principal, READ_ACCESS.outreach, 'Listing anti-fraud warnings');
      const dir = await orgs.directory(principal.tenantCode);
      let query = db.selectFrom('fraud_warnings').selectAll().where('tenant_code', '=', principal.tenantCode);
      if (q.status) query = query.where('status', '=', q.status);
      if (q.risk) query = query.where('risk', '=', q.risk);
      if (q.station) query = query.where('station_id', '=', q.station);
      if (q.from) query = query.where('issued_at', '>=', dayStart(q.from));
      if (q.to) query = query.where('issued_at', '<', new Date(dayStart(q.to).getTime() + 86_400_000));
      const now = clock.now();
      let rows = (await query.orderBy('issued_at', 'desc').orderBy('number', 'desc').execute()).filter((r) =>
        reaches(principal, dir, r.station_id),
      );
      if (q.overdue) {
        const want = q.overdue === 'true';
        rows = rows.filter((r) => present(r, dir, now).overdue === want);
      }
      const page = rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
      return { items: page.map((r) => present(r, dir, now)), total: rows.length };
    },

    async step(principal: Principal, id: string, body: FraudWarningStep): Promise<FraudWarningDetail> {
      requireRole(principal, OUTREACH_WORK, 'Working anti-fraud warnings');
      const dir = await orgs.directory(principal.tenantCode);
      const row = await load(principal, dir, id);
      const now = clock.now();
      const actor = principal.displayName || principal.username;
      if (body.step === 'call') {
        if (row.status !== 'signed')
          throw conflict(`the warning is "${row.status}": sign for it before calling`, {
            status: row.status,
          });
        await db.transaction().execute(async (trx) => {
          await trx
            .updateTable('fraud_warnings')
            .set((eb) => ({ calls: eb('calls', '+', 1), updated_at: now }))
            .where('tenant_code', '=', principal.tenantCode)
            .where('id', '=', id)
            .execute();
          const answered = body.answered === false ? '未接通' : '已接通';
          await event(
            trx,
            principal.tenantCode,
            id,
            now,
            'called',
            actor,
            [answered, body.note].filter(Boolean).join('：'),
          );
          await audit.write(trx, principal, {
            action: 'outreach.warning.called',
            resource: 'fraud-warning',
            resourceId: id,
            detail: { answered: body.answered ?? true },
          });
          await enqueue(
            trx,
            principal.tenantCode,
            'outreach.warning.changed',
            {
              warningId: id,
              stationId: row.station_id,
              risk: row.risk,
              status: row.status,
              change: 'called',
            },
            pathOfStation(dir, row.station_id),
          );
        });
        deps.bus.kick();
        return detail(principal, id);
      }
      if (!canStep(row.status, body.step))
        throw conflict(`the warning is "${row.status}": it cannot ${body.step}`, { status: row.status });
      if (body.step === 'dissuade' && !body.outcome)
        throw invalid('/outcome', 'is required to record the dissuasion');
      if (body.step === 'dissuade' && body.outcome !== 'dissuaded' && (body.moneySaved ?? 0) > 0)
        throw invalid('/moneySaved', 'money is saved only when the person was dissuaded');
      if ((body.moneySaved ?? 0) > row.money_at_risk && row.money_at_risk > 0)
        throw invalid('/moneySaved', 'cannot exceed the money at risk');
      const to = STEPS[body.step].to;
      await db.transaction().execute(async (trx) => {
        const n = await trx
          .updateTable('fraud_warnings')
          .set({
            status: to,
            updated_at: now,
            ...(body.step === 'sign' ? { signed_at: now, signed_by: principal.userId } : {}),
            ...(body.step === 'dissuade'
              ? {
                  dissuaded_at: now,
                  outcome: body.outcome!,
                  money_saved: body.outcome === 'dissuaded' ? (body.moneySaved ?? row.money_at_risk) : 0,
                }
              : {}),
            ...(body.step === 'feedback' ? { feedback_at: now } : {}),
            due_at:
              nextDue({
                risk: row.risk,
                status: to,
                issuedAt: new Date(row.issued_at),
                dissuadedAt: body.step === 'dissuade' ? now : row.dissuaded_at,
              })?.due ?? null,
          })
          .where('tenant_code', '=', principal.tenantCode)
          .where('id', '=', id)
          .where('status', '=', row.status)
          .executeTakeFirst();
        if (Number(n.numUpdatedRows) === 0) throw conflict('the warning was changed meanwhile: reload it');
        // High risk: signing for it plans the face-to-face visit for the officer who signed.
        if (body.step === 'sign' && row.action === 'visit' && row.station_id)
          await planWarningVisit(deps, trx, principal, row, now);
        const outcomeZh = { dissuaded: '劝阻成功', defrauded: '已被骗', unreachable: '联系不上' } as const;
        await event(
          trx,
          principal.tenantCode,
          id,
          now,
          to,
          actor,
          body.step === 'dissuade'
            ? [outcomeZh[body.outcome!], body.note].filter(Boolean).join('：')
            : (body.note ?? null),
        );
        await audit.write(trx, principal, {
          action: `outreach.warning.${to}`,
          resource: 'fraud-warning',
          resourceId: id,
          detail: {
            from: row.status,
            to,
            outcome: body.outcome ?? null,
            moneySaved: body.moneySaved ?? null,
            note: body.note ?? null,
          },
        });
        await enqueue(
          trx,
          principal.tenantCode,
          'outreach.warning.changed',
          { warningId: id, stationId: row.station_id, risk: row.risk, status: to, change: to },
          pathOfStation(dir, row.station_id),
        );
      });
      deps.bus.kick();
      return detail(principal, id);
    },

    async reveal(
      principal: Principal,
      id: string,
      body: { field: 'personName' | 'phone' | 'idNumber'; reason: string },
    ) {
      requireRole(principal, OUTREACH_REVEAL, 'Showing unmasked personal data');
      const dir = await orgs.directory(principal.tenantCode);
      const row = await load(principal, dir, id);
      const reason = body.reason.trim();
      if (reason.length < 4)
        throw invalid('/reason', 'state why you need the full value (at least 4 characters)');
      const stored =
        body.field === 'personName' ? row.person_name : body.field === 'phone' ? row.phone : row.id_number;
      const value = crypto.decrypt(stored);
      if (!value)
        throw new DomainError('unprocessable', 'Nothing to reveal', `the warning has no ${body.field}`);
      await audit.record(principal, {
        action: 'personal.unmask',
        resource: 'fraud-warning',
        resourceId: id,
        reason,
        detail: { field: body.field, number: row.number },
      });
      return { field: body.field, value };
    },

    /**
     * Flags every open warning whose next step is past its limit, once, and tells the command room and the
     * station. Answers how many were flagged.
     */
    async sweep(tenantCode: string, now = clock.now()): Promise<{ overdue: number }> {
      const open = await db
        .selectFrom('fraud_warnings')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('status', '!=', 'feedback')
        .where('overdue', '=', false)
        .where('due_at', '<', now)
        .execute();
      if (open.length === 0) return { overdue: 0 };
      const dir = await orgs.directory(tenantCode);
      let flagged = 0;
      for (const row of open) {
        const late = isOverdue(
          {
            risk: row.risk,
            status: row.status,
            issuedAt: new Date(row.issued_at),
            dissuadedAt: row.dissuaded_at,
          },
          now,
        );
        if (!late) continue;
        await db.transaction().execute(async (trx) => {
          const n = await trx
            .updateTable('fraud_warnings')
            .set({ overdue: true, updated_at: now })
            .where('tenant_code', '=', tenantCode)
            .where('id', '=', row.id)
            .where('overdue', '=', false)
            .where('status', '=', row.status)
            .executeTakeFirst();
          if (Number(n.numUpdatedRows) === 0) return;
          const step = nextDue({
            risk: row.risk,
            status: row.status,
            issuedAt: new Date(row.issued_at),
          })?.step;
          await event(
            trx,
            tenantCode,
            row.id,
            now,
            'overdue',
            'outreach-timer',
            `超时未${step === 'sign' ? '签收' : step === 'dissuade' ? '劝阻' : '反馈'}`,
          );
          await audit.write(
            trx,
            { tenantCode, userId: 'system', username: 'outreach-timer' },
            {
              action: 'outreach.warning.overdue',
              resource: 'fraud-warning',
              resourceId: row.id,
              detail: { number: row.number, status: row.status, risk: row.risk },
            },
          );
          await enqueue(
            trx,
            tenantCode,
            'outreach.warning.changed',
            {
              warningId: row.id,
              stationId: row.station_id,
              risk: row.risk,
              status: row.status,
              change: 'overdue',
            },
            pathOfStation(dir, row.station_id),
          );
          flagged++;
        });
      }
      if (flagged) deps.bus.kick();
      return { overdue: flagged };
    },
  };
}
export type WarningsService = ReturnType<typeof createWarningsService>;
