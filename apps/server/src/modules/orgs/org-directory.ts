import type { Org, OrgTreeNode } from './org.ts';

/**
 * An in-memory view of one tenant's organisation tree (a county has a few hundred orgs): ancestry
 * lookups for scope checks and the tree for the console.
 */
export class OrgDirectory {
  private readonly byId = new Map<string, Org>();
  private readonly children = new Map<string | null, Org[]>();

  constructor(readonly orgs: readonly Org[]) {
    for (const o of orgs) this.byId.set(o.id, o);
    for (const o of orgs) {
      const list = this.children.get(o.parentId) ?? [];
      list.push(o);
      this.children.set(o.parentId, list);
    }
  }

  get(id: string): Org | undefined {
    return this.byId.get(id);
  }

  root(): Org | undefined {
    return this.children.get(null)?.[0];
  }

  childrenOf(id: string): Org[] {
    return this.children.get(id) ?? [];
  }

  /** Ids from the root down to `id` (inclusive); empty when unknown. */
  pathOf(id: string): string[] {
    const path: string[] = [];
    let current = this.byId.get(id);
    const seen = new Set<string>();
    while (current && !seen.has(current.id)) {
      seen.add(current.id);
      path.unshift(current.id);
      current = current.parentId ? this.byId.get(current.parentId) : undefined;
    }
    return path;
  }

  /** True when `orgId` is `ancestorId` or lies below it. */
  isWithin(orgId: string, ancestorId: string): boolean {
    return this.pathOf(orgId).includes(ancestorId);
  }

  /** `id` and every org below it. */
  subtreeIds(id: string): string[] {
    const out: string[] = [];
    const stack = [id];
    while (stack.length) {
      const next = stack.pop()!;
      if (!this.byId.has(next)) continue;
      out.push(next);
      for (const c of this.childrenOf(next)) stack.push(c.id);
    }
    return out;
  }

  ofKind(kind: Org['kind']): Org[] {
    return this.orgs.filter((o) => o.kind === kind);
  }

  tree(rootId = this.root()?.id): OrgTreeNode | undefined {
    const org = rootId ? this.byId.get(rootId) : undefined;
    if (!org) return undefined;
    return {
      id: org.id,
      name: org.name,
      kind: org.kind,
      code: org.code,
      children: this.childrenOf(org.id)
        .map((c) => this.tree(c.id))
        .filter((n): n is OrgTreeNode => n !== undefined),
    };
  }
}
