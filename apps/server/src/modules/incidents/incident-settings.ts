import type { IncidentSettingsBody } from '@ronghui/contracts';
import { requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { invalid } from '../../platform/http/errors.ts';
import { type IncidentsDeps, READ_ROLES, SETTINGS_ROLES } from './incident-access.ts';
import { type DispatchSettings, settingsOf } from './incident-context.ts';

/** Per-tenant zones, arrival targets and the duplicate rule (DOMAIN-RULES: local values). */
export function createSettingsUseCases(deps: IncidentsDeps, onChange: (tenantCode: string) => void) {
  const { db, repo, audit, clock } = deps;
  return {
    async settings(principal: Principal): Promise<DispatchSettings> {
      requireRole(principal, READ_ROLES, 'Reading dispatch settings');
      return settingsOf(await repo.settings(db, principal.tenantCode));
    },
    async updateSettings(principal: Principal, body: IncidentSettingsBody): Promise<DispatchSettings> {
      requireRole(principal, SETTINGS_ROLES, 'Changing dispatch settings');
      const current = settingsOf(await repo.settings(db, principal.tenantCode));
      const next: DispatchSettings = {
        countyTownCodes: body.countyTownCodes ?? current.countyTownCodes,
        countyTownRadiusMeters: body.countyTownRadiusMeters ?? current.countyTownRadiusMeters,
        suburbRadiusMeters: body.suburbRadiusMeters ?? current.suburbRadiusMeters,
        targetSeconds: { ...current.targetSeconds, ...body.targetSeconds },
        duplicateRadiusMeters: body.duplicateRadiusMeters ?? current.duplicateRadiusMeters,
        duplicateWindowMinutes: body.duplicateWindowMinutes ?? current.duplicateWindowMinutes,
      };
      if (next.suburbRadiusMeters < next.countyTownRadiusMeters)
        throw invalid('/suburbRadiusMeters', 'must not be smaller than countyTownRadiusMeters');
      const divisions = await repo.divisions(db, principal.tenantCode);
      const unknown = next.countyTownCodes.filter(
        (c) => !divisions.some((d) => d.code === c && d.level === 'township'),
      );
      if (unknown.length)
        throw invalid('/countyTownCodes', `not townships of this county: ${unknown.join(', ')}`);
      await db.transaction().execute(async (trx) => {
        await repo.saveSettings(trx, {
          tenant_code: principal.tenantCode,
          county_town_codes: next.countyTownCodes,
          county_town_radius_m: next.countyTownRadiusMeters,
          suburb_radius_m: next.suburbRadiusMeters,
          target_county_town_s: next.targetSeconds.countyTown,
          target_suburb_s: next.targetSeconds.suburb,
          target_rural_s: next.targetSeconds.rural,
          duplicate_radius_m: next.duplicateRadiusMeters,
          duplicate_window_s: next.duplicateWindowMinutes * 60,
          updated_at: clock.now(),
        });
        await audit.write(trx, principal, {
          action: 'dispatch.settings.update',
          resource: 'dispatch-settings',
          resourceId: principal.tenantCode,
          detail: { ...body },
        });
      });
      onChange(principal.tenantCode);
      return next;
    },
  };
}
