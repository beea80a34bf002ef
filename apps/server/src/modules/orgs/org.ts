export type OrgKind = 'tenant' | 'area' | 'station' | 'brigade' | 'grid';
export const ORG_KINDS: readonly OrgKind[] = ['tenant', 'area', 'station', 'brigade', 'grid'];

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

export interface OrgTreeNode {
  id: string;
  name: string;
  kind: OrgKind;
  code: string;
  children: OrgTreeNode[];
}
