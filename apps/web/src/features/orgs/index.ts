// What the orgs feature offers the other features: the organisation tree and its view.
export { OrgTree } from './org-tree.tsx';
export { useOrgTree } from './use-org-tree.ts';
