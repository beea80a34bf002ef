import type { OrgTreeNode } from '@ronghui/contracts';

export interface OrgIndexEntry {
  node: OrgTreeNode;
  parent: OrgTreeNode | null;
  depth: number;
}

/** Every node of the tree by id, with its parent: the tree arrives nested, screens look up by id. */
export function indexOrgTree(root: OrgTreeNode): Map<string, OrgIndexEntry> {
  const index = new Map<string, OrgIndexEntry>();
  const stack: OrgIndexEntry[] = [{ node: root, parent: null, depth: 0 }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    index.set(entry.node.id, entry);
    for (const child of entry.node.children)
      stack.push({ node: child, parent: entry.node, depth: entry.depth + 1 });
  }
  return index;
}

/** Ids of the nodes down to `maxDepth` that have children: what the tree opens with. */
export function expandedToDepth(root: OrgTreeNode, maxDepth: number): string[] {
  const keys: string[] = [];
  const walk = (node: OrgTreeNode, depth: number) => {
    if (depth > maxDepth || node.children.length === 0) return;
    keys.push(node.id);
    for (const child of node.children) walk(child, depth + 1);
  };
  walk(root, 0);
  return keys;
}

/** Ids from the root down to (not including) the node: open these to reveal it. */
export function ancestorIds(index: Map<string, OrgIndexEntry>, id: string): string[] {
  const ids: string[] = [];
  let parent = index.get(id)?.parent ?? null;
  while (parent) {
    ids.unshift(parent.id);
    parent = index.get(parent.id)?.parent ?? null;
  }
  return ids;
}
