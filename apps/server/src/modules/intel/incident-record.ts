import {
  type CrimeFromIncidentBody,
  type CrimeRecord as CrimeRecordJson,
  crimeFromIncidentBody,
  crimeFromIncidentParams,
  crimeRecord,
} from '@ronghui/contracts';
import { moCode } from '@ronghui/intel';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { requireUser } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { EventBus } from '../../platform/bus/bus.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import type { App } from '../../platform/http/app-types.ts';
import { conflict, DomainError, invalid } from '../../platform/http/errors.ts';
import type { IncidentsService } from '../incidents/index.ts';
import { prepareImport } from './crime-import.ts';
import { type IntelScope, presentCrime } from './intel-scope.ts';

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/**
 * 警情转研判: the analyst records a criminal incident taken by dispatch as a crime record with its modus
 * operandi, so linkage and hotspots see dispatch's cases beside imported history. The same checks as the CSV
 * import apply (codes, a place inside the county, the station and grid it belongs to).
 */
export function createIncidentRecords(deps: {
  scope: IntelScope;
  incidents: IncidentsService;
  audit: AuditService;
  bus: EventBus;
}) {
  const { scope, incidents, audit, bus } = deps;
  return async (
    principal: Principal,
    incidentId: string,
    body: CrimeFromIncidentBody,
  ): Promise<CrimeRecordJson> => {
    scope.write(principal, 'Recording crimes');
    const incident = await incidents.get(principal, incidentId);
    if (incident.category.kind !== 'criminal')
      throw invalid(
        '/incidentId',
        `incident ${incident.number} is not a criminal case (${incident.category.zh})`,
      );
    const category =
      body.category ?? (/^\d{6}$/.test(incident.category.code) ? incident.category.code : undefined);
    if (!category) throw invalid('/category', 'give the 6-digit case category: the incident only says 刑事');
    const received = new Date(incident.times.received ?? incident.createdAt);
    const from = body.occurredFrom ?? new Date(received.getTime() - 3_600_000).toISOString();
    const to = body.occurredTo ?? received.toISOString();
    if (new Date(from) > new Date(to)) throw invalid('/occurredFrom', 'must not be after occurredTo');
    const unknown = (
      [
        ['category', category, '/category'],
        ['premise', body.premise, '/premise'],
        ['method', body.method, '/method'],
        ...body.features.map((f, i) => ['feature', f, `/features/${i}`] as const),
      ] as const
    ).find(([table, c]) => !moCode(table, c));
    if (unknown) throw invalid(unknown[2], `"${unknown[1]}" is not in the ${unknown[0]} code table`);
    const id = `INC-${incident.number}`;
    const csv = [
      'id,occurred_from,occurred_to,lon,lat,x_m,y_m,category,premise,method,features,series_id',
      [
        id,
        from,
        to,
        String(incident.location.lon),
        String(incident.location.lat),
        '',
        '',
        category,
        body.premise,
        body.method,
        body.features.join(';'),
        '',
      ]
        .map(csvCell)
        .join(','),
    ].join('\n');
    const prepared = prepareImport(csv, await scope.context(principal.tenantCode));
    const problem = prepared.headerError ?? prepared.errors[0]?.message;
    if (problem || !prepared.rows[0])
      throw new DomainError('validation', 'Invalid request', problem ?? 'not recordable', {}, [
        { path: 'body', message: problem ?? '' },
      ]);
    const crime = { ...prepared.rows[0].crime, source_incident_id: incident.id };
    await scope.db.transaction().execute(async (trx) => {
      if ((await scope.repo.existingIds(trx, principal.tenantCode, [id])).size)
        throw conflict(`incident ${incident.number} is already recorded as ${id}`);
      await scope.repo.insertCrimes(trx, principal.tenantCode, principal.userId, [crime]);
      await audit.write(trx, principal, {
        action: 'intel.records.from-incident',
        resource: 'crime_records',
        resourceId: id,
        detail: { incidentId: incident.id },
      });
      await enqueue(trx, principal.tenantCode, 'intel.changed', { change: 'records-imported', id, count: 1 });
    });
    bus.kick();
    return presentCrime(crime);
  };
}

export function registerIncidentRecordRoute(app: App, record: ReturnType<typeof createIncidentRecords>) {
  app.post(
    '/api/intel/records/from-incident/:incidentId',
    {
      schema: {
        tags: ['intel'],
        summary: 'Record a criminal incident from dispatch as a crime record with its modus operandi',
        params: crimeFromIncidentParams,
        body: crimeFromIncidentBody,
        response: { 201: crimeRecord },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return record(requireUser(request), request.params.incidentId, request.body);
    },
  );
}
