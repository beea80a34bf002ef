import { describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Role } from '../../platform/auth/roles.ts';
import { OrgDirectory } from '../orgs/index.ts';
import type { Org, OrgKind } from '../orgs/index.ts';
import { canSeeMessage, canUseGroup, commandScope, mailboxOf } from './message-access.ts';
import type { GroupRow, MessageRow, RecipientRow } from './messages.repo.ts';

const org = (id: string, parentId: string | null, kind: OrgKind): Org => ({
  id,
  tenantCode: '350526',
  parentId,
  kind,
  code: id,
  name: id,
  areaKey: null,
  boundary: null,
  position: null,
  population: null,
  sort: 0,
});
const dir = new OrgDirectory([
  org('county', null, 'tenant'),
  org('north', 'county', 'area'),
  org('south', 'county', 'area'),
  org('yangmei', 'north', 'station'),
  org('shangyong', 'north', 'station'),
  org('xunzhong', 'south', 'station'),
]);
const who = (userId: string, orgId: string, roles: Role[]): Principal => ({
  userId,
  username: userId,
  displayName: userId,
  tenantCode: '350526',
  roles,
  orgId,
  orgName: orgId,
  scopeKind: dir.get(orgId)!.kind,
  orgPath: dir.pathOf(orgId),
  sessionKind: 'session',
});
const message: MessageRow = {
  tenant_code: '350526',
  id: 'm1',
  kind: 'order',
  priority: 'urgent',
  text: '集合',
  incident_id: null,
  sender_id: 'north-dispatcher',
  sender: 'north-dispatcher',
  sender_name: '',
  sender_org_id: 'north',
  target: {},
  org_ids: ['yangmei'],
  created_at: new Date(0),
};
const row = (kind: 'user' | 'unit', id: string, orgId: string): RecipientRow => ({
  tenant_code: '350526',
  message_id: 'm1',
  recipient_kind: kind,
  recipient_id: id,
  name: id,
  org_id: orgId,
  state: 'sent',
  delivered_at: null,
  acknowledged_at: null,
  acknowledged_by: null,
});
const rows = [row('user', 'ym-officer', 'yangmei'), row('unit', 'ym-car-1', 'yangmei')];

describe('who sees a message', () => {
  it('gives station people their station’s unit rows, and command rooms none', () => {
    expect(mailboxOf(who('ym-aux', 'yangmei', ['auxiliary']))).toEqual({
      userId: 'ym-aux',
      unitStationId: 'yangmei',
    });
    expect(mailboxOf(who('nd', 'north', ['dispatcher'])).unitStationId).toBeNull();
  });

  it('lets recipients, the sender and command roles over a recipient see it; nobody else', () => {
    const sees = (p: Principal) => canSeeMessage(p, dir, message, rows);
    expect(sees(who('ym-officer', 'yangmei', ['officer']))).toBe(true);
    expect(sees(who('ym-aux', 'yangmei', ['auxiliary']))).toBe(true); // through the station's unit
    expect(sees(who('north-dispatcher', 'north', ['dispatcher']))).toBe(true);
    expect(sees(who('county-dispatcher', 'county', ['dispatcher']))).toBe(true);
    expect(sees(who('sy-officer', 'shangyong', ['officer']))).toBe(false);
    expect(sees(who('xz-officer', 'xunzhong', ['officer']))).toBe(false);
    expect(sees(who('south-dispatcher', 'south', ['dispatcher']))).toBe(false);
  });

  it('scopes command roles to their subtree and leaves others out', () => {
    expect(commandScope(who('c', 'county', ['commander']), dir)).toBeUndefined();
    expect(commandScope(who('n', 'north', ['dispatcher']), dir)?.sort()).toEqual(
      ['north', 'shangyong', 'yangmei'].sort(),
    );
    expect(commandScope(who('o', 'yangmei', ['officer']), dir)).toBeNull();
  });

  it('lets a group be used by its creator, its members and command roles over the creator', () => {
    const group: GroupRow = {
      tenant_code: '350526',
      id: 'g1',
      name: '专案组',
      user_ids: ['xz-officer'],
      unit_ids: [],
      owner_org_id: 'yangmei',
      created_by: 'ym-officer',
      created_at: new Date(0),
    };
    const none = new Map<string, string>();
    expect(canUseGroup(who('ym-officer', 'yangmei', ['officer']), dir, group, none)).toBe(true);
    expect(canUseGroup(who('xz-officer', 'xunzhong', ['officer']), dir, group, none)).toBe(true);
    expect(canUseGroup(who('nd', 'north', ['dispatcher']), dir, group, none)).toBe(true);
    expect(canUseGroup(who('sd', 'south', ['dispatcher']), dir, group, none)).toBe(false);
    expect(canUseGroup(who('sy-officer', 'shangyong', ['officer']), dir, group, none)).toBe(false);
  });

  it('lets the people of a member unit’s station use the group, and nobody else through it', () => {
    const group: GroupRow = {
      tenant_code: '350526',
      id: 'g2',
      name: '上涌巡逻组',
      user_ids: [],
      unit_ids: ['sy-car-1'],
      owner_org_id: 'county',
      created_by: 'county-commander',
      created_at: new Date(0),
    };
    const stations = new Map([
      ['sy-car-1', 'shangyong'],
      ['ym-car-1', 'yangmei'],
    ]);
    expect(canUseGroup(who('sy-officer', 'shangyong', ['officer']), dir, group, stations)).toBe(true);
    expect(canUseGroup(who('sy-aux', 'shangyong', ['auxiliary']), dir, group, stations)).toBe(true);
    expect(canUseGroup(who('ym-officer', 'yangmei', ['officer']), dir, group, stations)).toBe(false);
    // A command room of the unit's area is not thereby a member: the creator's org decides for it.
    expect(canUseGroup(who('nd', 'north', ['dispatcher']), dir, group, stations)).toBe(false);
    expect(canUseGroup(who('sy-officer', 'shangyong', ['officer']), dir, group, new Map())).toBe(false);
  });
});
