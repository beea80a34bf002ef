import { describe, expect, it } from 'vitest';
import { canReach, requireRole } from './guard.ts';
import type { Principal } from './principal.ts';

const at = (scopeKind: Principal['scopeKind'], orgPath: string[]): Principal => ({
  userId: 'u',
  username: 'u',
  displayName: 'u',
  tenantCode: '350526',
  roles: ['officer'],
  orgId: orgPath[orgPath.length - 1]!,
  orgName: '',
  scopeKind,
  orgPath,
  sessionKind: 'session',
});

describe('scope and role checks', () => {
  const yangmeiGrid = ['350526', 'area-north', 'station-350526200', 'grid-350526-G30'];
  const xunzhongStation = ['350526', 'area-center', 'station-350526100'];

  it('lets a station reach its own station and grids, not another station', () => {
    const officer = at('station', ['350526', 'area-north', 'station-350526200']);
    expect(canReach(officer, yangmeiGrid)).toBe(true);
    expect(canReach(officer, xunzhongStation)).toBe(false);
  });

  it('lets a station reach another station only when dispatched there', () => {
    const officer = at('station', ['350526', 'area-north', 'station-350526200']);
    expect(canReach(officer, xunzhongStation, ['station-350526200'])).toBe(true);
  });

  it('lets an area reach its stations, and the county everything', () => {
    expect(canReach(at('area', ['350526', 'area-north']), yangmeiGrid)).toBe(true);
    expect(canReach(at('area', ['350526', 'area-north']), xunzhongStation)).toBe(false);
    expect(canReach(at('tenant', ['350526']), xunzhongStation)).toBe(true);
  });

  it('names the roles a use-case needs', () => {
    expect(() => requireRole(at('tenant', ['350526']), ['auditor'], 'Reading the audit trail')).toThrow(
      /auditor/,
    );
  });
});
