import type { OrgFeatureProperties, OrgTreeNode } from '@ronghui/contracts';
import type { FeatureCollection, Geometry } from 'geojson';
import { api } from './http-client.ts';

/** The contract's `OrgFeatureCollection`, its loosely described geometry read as GeoJSON for MapLibre. */
export type OrgFeatureCollection = FeatureCollection<Geometry, OrgFeatureProperties>;

export const fetchOrgTree = () => api.get<OrgTreeNode>('/orgs/tree');
export const fetchOrgGeojson = () => api.get<OrgFeatureCollection>('/orgs/geojson');
