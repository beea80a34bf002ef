import { describe, expect, it } from 'vitest';
import { openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import type { Principal } from '../auth/principal.ts';
import { createPrivacy, mask } from './privacy.ts';

const principal = (roles: Principal['roles']): Principal => ({
  userId: 'u-1',
  username: roles[0] ?? 'nobody',
  displayName: 'x',
  tenantCode: '350526',
  roles,
  orgId: '350526',
  orgName: '德化县公安局',
  scopeKind: 'tenant',
  orgPath: ['350526'],
  sessionKind: 'session',
});

describe('personal data masking', () => {
  it('masks by kind with the national conventions', () => {
    expect(mask('id-number', '11010519491231002X')).toBe('110105********002X');
    expect(mask('phone', '13812341234')).toBe('138****1234');
    expect(mask('name', '张三')).toBe('张*');
    expect(mask('phone', null)).toBeNull();
  });

  it('reveals only to an allowed role with a reason, and audits reveals and refusals', async () => {
    const database = await openTestDatabase('pglite');
    try {
      const services = await testServices(database);
      const privacy = createPrivacy({ audit: services.audit });
      const req = {
        resource: 'incident',
        resourceId: 'i-1',
        field: 'caller.phone',
        kind: 'phone' as const,
        value: '13812341234',
      };
      expect(await privacy.reveal(principal(['dispatcher']), { ...req, reason: '回拨报警人核实地址' })).toBe(
        '13812341234',
      );
      await expect(privacy.reveal(principal(['dispatcher']), { ...req, reason: '' })).rejects.toThrow(
        /state why/,
      );
      await expect(
        privacy.reveal(principal(['system-admin']), { ...req, reason: 'curious' }),
      ).rejects.toThrow(/roles/);
      const rows = await database.db
        .selectFrom('audit_log')
        .select(['actor', 'outcome', 'reason', 'resource_id'])
        .where('action', '=', 'personal.unmask')
        .orderBy('seq')
        .execute();
      expect(rows).toEqual([
        { actor: 'dispatcher', outcome: 'ok', reason: '回拨报警人核实地址', resource_id: 'i-1' },
        { actor: 'system-admin', outcome: 'denied', reason: 'curious', resource_id: 'i-1' },
      ]);
    } finally {
      await database.close();
    }
  });
});
