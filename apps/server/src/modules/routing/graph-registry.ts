import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type ContractionHierarchy, contract, type RoadGraph, RoadState, Router } from '@ronghui/routing';
import { DomainError } from '../../platform/http/errors.ts';
import { readGraphFile } from './graph-files.ts';

/** A tenant's road network in memory: the graph, its hierarchy, a router and the live road state. */
export interface TenantRoads {
  readonly tenantCode: string;
  readonly graph: RoadGraph;
  readonly ch: ContractionHierarchy;
  readonly router: Router;
  readonly state: RoadState;
  /** Where the graph came from: an imported file, or the generated demo network. */
  readonly source: 'file' | 'generated';
}

export interface GraphRegistry {
  get(tenantCode: string): TenantRoads;
  /** Forget a tenant's graph (after a new import); the routing service lays the stored road events on the new one. */
  invalidate(tenantCode: string): void;
}

export function graphPath(dataDir: string, tenantCode: string): string {
  if (!/^\d{6}$/.test(tenantCode)) throw new RangeError(`tenant code must be 6 digits, got "${tenantCode}"`);
  return join(dataDir, 'graphs', `${tenantCode}.rgraph`);
}

/**
 * Loads `DATA_DIR/graphs/<tenant>.rgraph` on first use and keeps it (a county graph is a few MB).
 * Without a file, `generate` may supply a network (the demo county's synthetic roads).
 */
export function createGraphRegistry(deps: {
  dataDir: string;
  generate?: (tenantCode: string) => RoadGraph | undefined;
}): GraphRegistry {
  const cache = new Map<string, TenantRoads>();
  return {
    get(tenantCode) {
      const hit = cache.get(tenantCode);
      if (hit) return hit;
      const path = graphPath(deps.dataDir, tenantCode);
      let graph: RoadGraph | undefined;
      let source: TenantRoads['source'] = 'file';
      if (existsSync(path)) graph = readGraphFile(path);
      else {
        graph = deps.generate?.(tenantCode);
        source = 'generated';
      }
      if (!graph) {
        throw new DomainError(
          'unavailable',
          'No road network',
          `No road graph for tenant ${tenantCode}: import one with \`ronghui import-osm <file.osm.pbf> --out ${path}\`.`,
        );
      }
      const ch = contract(graph);
      const entry: TenantRoads = {
        tenantCode,
        graph,
        ch,
        router: new Router(graph, ch),
        state: new RoadState(graph),
        source,
      };
      cache.set(tenantCode, entry);
      return entry;
    },
    invalidate(tenantCode) {
      cache.delete(tenantCode);
    },
  };
}
