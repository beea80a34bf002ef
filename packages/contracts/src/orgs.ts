import { z } from 'zod';

/** The kinds of org in a county's tree: the bureau (tenant), joint areas, stations, brigades, grids. */
export const orgKind = z.enum(['tenant', 'area', 'station', 'brigade', 'grid']);
export type OrgKind = z.infer<typeof orgKind>;

/** A named org reference inside another answer. */
export const orgRef = z.object({ id: z.string(), name: z.string() });
export type OrgRef = z.infer<typeof orgRef>;

/**
 * `GET /api/orgs/tree`: the tenant's organisation tree from its root. Recursive, so named: OpenAPI lists it
 * under `components/schemas/OrgTreeNode`.
 */
export const orgTreeNode = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: orgKind,
    code: z.string(),
    get children(): z.ZodArray<typeof orgTreeNode> {
      return z.array(orgTreeNode);
    },
  })
  .meta({ id: 'OrgTreeNode' });
export type OrgTreeNode = z.infer<typeof orgTreeNode>;

/** `GET /api/orgs/geojson?kinds=tenant,grid`. */
export const orgGeojsonQuery = z
  .object({
    kinds: z
      .string()
      .optional()
      .refine((v) => !v || v.split(',').every((k) => (orgKind.options as readonly string[]).includes(k)), {
        message: `comma-separated list of ${orgKind.options.join(', ')}`,
      }),
  })
  .strict();
export type OrgGeojsonQuery = z.infer<typeof orgGeojsonQuery>;

export const orgFeatureProperties = z.object({
  id: z.string(),
  name: z.string(),
  kind: orgKind,
  code: z.string(),
  parentId: z.string().nullable(),
  areaKey: z.string().nullable(),
  population: z.number().nullable(),
});
export type OrgFeatureProperties = z.infer<typeof orgFeatureProperties>;

/** One org as a GeoJSON feature (WGS-84): its boundary, or its position as a Point. */
export const orgFeature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: z.record(z.string(), z.unknown()),
  properties: orgFeatureProperties,
});
export type OrgFeature = z.infer<typeof orgFeature>;

export const orgFeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(orgFeature),
});
export type OrgFeatureCollection = z.infer<typeof orgFeatureCollection>;
