import { describe, expect, it } from 'vitest';
import type { OrgTreeNode } from '@ronghui/contracts';
import { ancestorIds, expandedToDepth, indexOrgTree } from './org-index.ts';

const grid: OrgTreeNode = { id: 'g1', name: '网格一', kind: 'grid', code: 'G1', children: [] };
const station: OrgTreeNode = { id: 's1', name: '城关派出所', kind: 'station', code: 'S1', children: [grid] };
const area: OrgTreeNode = { id: 'a1', name: '北片', kind: 'area', code: 'A1', children: [station] };
const empty: OrgTreeNode = { id: 'a2', name: '南片', kind: 'area', code: 'A2', children: [] };
const root: OrgTreeNode = {
  id: 't',
  name: '德化县公安局',
  kind: 'tenant',
  code: '350526',
  children: [area, empty],
};

describe('indexOrgTree', () => {
  it('finds every node with its parent and depth', () => {
    const index = indexOrgTree(root);
    expect(index.size).toBe(5);
    expect(index.get('g1')?.parent?.id).toBe('s1');
    expect(index.get('g1')?.depth).toBe(3);
    expect(index.get('t')?.parent).toBeNull();
  });
});

describe('expandedToDepth', () => {
  it('opens nodes with children down to the depth', () => {
    expect(expandedToDepth(root, 1)).toEqual(['t', 'a1']);
    expect(expandedToDepth(root, 0)).toEqual(['t']);
  });
});

describe('ancestorIds', () => {
  it('lists the path from the root', () => {
    expect(ancestorIds(indexOrgTree(root), 'g1')).toEqual(['t', 'a1', 's1']);
    expect(ancestorIds(indexOrgTree(root), 't')).toEqual([]);
  });
});
