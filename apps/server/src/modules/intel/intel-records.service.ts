import type { CrimeImportResult, CrimeRecordList, CrimeRecordsQuery } from '@ronghui/contracts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { EventBus } from '../../platform/bus/bus.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { prepareImport } from './crime-import.ts';
import { type IntelScope, presentCrime } from './intel-scope.ts';

/** Crime records: CSV import (bad rows reported by line, good rows kept) and filtered listing. */
export function createIntelRecordsService(deps: { scope: IntelScope; audit: AuditService; bus: EventBus }) {
  const { scope, audit, bus } = deps;
  const { db, repo } = scope;

  return {
    async importCsv(principal: Principal, text: string): Promise<CrimeImportResult> {
      scope.write(principal, 'Importing crime records');
      const prepared = prepareImport(text, await scope.context(principal.tenantCode));
      if (prepared.headerError)
        throw new DomainError('validation', 'Invalid request', prepared.headerError, {}, [
          { path: 'body', message: prepared.headerError },
        ]);
      const errors = [...prepared.errors];
      const imported = await db.transaction().execute(async (trx) => {
        const existing = await repo.existingIds(
          trx,
          principal.tenantCode,
          prepared.rows.map((r) => r.crime.id),
        );
        const fresh = prepared.rows.filter((r) => {
          if (!existing.has(r.crime.id)) return true;
          errors.push({ line: r.line, message: `id "${r.crime.id}" is already imported` });
          return false;
        });
        if (fresh.length === 0) return 0;
        await repo.insertCrimes(
          trx,
          principal.tenantCode,
          principal.userId,
          fresh.map((r) => r.crime),
        );
        await audit.write(trx, principal, {
          action: 'intel.records.import',
          resource: 'crime_records',
          detail: { imported: fresh.length, rejected: errors.length },
        });
        await enqueue(trx, principal.tenantCode, 'intel.changed', {
          change: 'records-imported',
          id: fresh[0]?.crime.id ?? '',
          count: fresh.length,
        });
        return fresh.length;
      });
      if (imported > 0) bus.kick();
      errors.sort((a, b) => a.line - b.line);
      return { imported, errors };
    },

    async list(principal: Principal, q: CrimeRecordsQuery): Promise<CrimeRecordList> {
      scope.read(principal, 'Reading crime records');
      const rows = await scope.load(principal, {
        from: q.from,
        to: q.to,
        orgId: q.area,
        category: q.category,
      });
      return { items: rows.map(presentCrime), total: rows.length };
    },
  };
}
export type IntelRecordsService = ReturnType<typeof createIntelRecordsService>;
