import { api } from './http-client.ts';
import type { OrgFeatureCollection, OrgNode } from './types.ts';

export const fetchOrgTree = () => api.get<OrgNode>('/orgs/tree');
export const fetchOrgGeojson = () => api.get<OrgFeatureCollection>('/orgs/geojson');
