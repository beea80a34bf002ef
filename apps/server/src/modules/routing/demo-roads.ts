import { generateCountyNetwork, type RoadGraph } from '@ronghui/routing';
import { buildDehuaDemo, DEHUA_TENANT_CODE } from '../../demo/dehua.ts';

/** Seed of the demo road network: the same roads on every start. */
export const DEMO_ROADS_SEED = 350526;

/**
 * The demo county has no offline map data: its roads are generated from the demo township seats and
 * villages. Other tenants get nothing here and must import OSM data.
 */
export function generatedDemoRoads(tenantCode: string): RoadGraph | undefined {
  if (tenantCode !== DEHUA_TENANT_CODE) return undefined;
  const demo = buildDehuaDemo();
  return generateCountyNetwork(
    {
      boundary: demo.tenant.boundary,
      countyTown: demo.tenant.countyTown,
      townships: demo.townships.map((t) => ({ code: t.code, name: t.name, position: t.seat })),
      villages: demo.villages,
    },
    DEMO_ROADS_SEED,
  ).graph;
}
