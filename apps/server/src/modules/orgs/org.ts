import { type OrgKind, orgKind } from '@ronghui/contracts';

export type { OrgKind, OrgTreeNode } from '@ronghui/contracts';
export const ORG_KINDS: readonly OrgKind[] = orgKind.options;

export interface Org {
  id: string;
  tenantCode: string;
  parentId: string | null;
  kind: OrgKind;
  code: string;
  name: string;
  areaKey: string | null;
  boundary: unknown | null;
  position: [number, number] | null;
  population: number | null;
  sort: number;
}
