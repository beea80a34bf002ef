import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { fetchOrgTree } from '../../api/orgs-api.ts';
import { indexOrgTree, type OrgIndexEntry } from './org-index.ts';

export function useOrgTree() {
  const query = useQuery({ queryKey: ['orgs', 'tree'], queryFn: fetchOrgTree, staleTime: 5 * 60_000 });
  const index = useMemo(
    () => (query.data ? indexOrgTree(query.data) : new Map<string, OrgIndexEntry>()),
    [query.data],
  );
  return { ...query, index };
}
