import type {
  RegistryAddressDetail,
  RegistryAddressList,
  RegistryAssignBody,
  RegistryBusinessList,
  RegistryCollection,
  RegistryCollectionList,
  RegistryCollectionStats,
  RegistryHistory,
  RegistryHouseList,
  RegistryImportResult,
  RegistryKind,
  RegistryPersonList,
  RegistryRevealBody,
  RegistryRevealed,
  RegistryReviewBody,
  RegistryWorkerList,
} from '@ronghui/contracts';
import { problemToError } from './api-error.ts';
import { api, apiUrl } from './http-client.ts';

/** 一标三实: the registry's calls, for the console's page and the phone's 采集 tab. */
export interface RegistryFilters {
  q?: string | undefined;
  kind?: string | undefined;
  addressId?: string | undefined;
  page: number;
  pageSize: number;
}

export const registryApi = {
  addresses: (f: RegistryFilters) => api.get<RegistryAddressList>('/registry/addresses', { ...f }),
  people: (f: RegistryFilters) => api.get<RegistryPersonList>('/registry/people', { ...f }),
  houses: (f: RegistryFilters) => api.get<RegistryHouseList>('/registry/houses', { ...f }),
  businesses: (f: RegistryFilters) => api.get<RegistryBusinessList>('/registry/businesses', { ...f }),
  address: (id: string) => api.get<RegistryAddressDetail>(`/registry/addresses/${encodeURIComponent(id)}`),
  history: (kind: RegistryKind, id: string) =>
    api.get<RegistryHistory>(`/registry/${kind}/${encodeURIComponent(id)}/history`),
  reveal: (kind: RegistryKind, id: string, body: RegistryRevealBody) =>
    api.post<RegistryRevealed>(`/registry/${kind}/${encodeURIComponent(id)}/reveal`, body),
  collections: (view: 'mine' | 'review' | 'all', page = 1, pageSize = 50, status?: string) =>
    api.get<RegistryCollectionList>('/registry/collections', { view, page, pageSize, status }),
  stats: () => api.get<RegistryCollectionStats>('/registry/collections/stats'),
  workers: () => api.get<RegistryWorkerList>('/registry/collections/workers'),
  assign: (body: RegistryAssignBody) => api.post<RegistryCollection>('/registry/collections/assign', body),
  review: (id: string, body: RegistryReviewBody) =>
    api.post<RegistryCollection>(`/registry/collections/${encodeURIComponent(id)}/review`, body),
  templateUrl: (kind: RegistryKind, format: 'xlsx' | 'csv') =>
    apiUrl('/registry/import/template', { kind, format }),
  /** The file itself as the body (XLSX or CSV). */
  async importFile(kind: RegistryKind, file: Blob): Promise<RegistryImportResult> {
    const response = await fetch(apiUrl('/registry/import', { kind }), {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/octet-stream',
        accept: 'application/json, application/problem+json',
      },
      body: file,
    });
    const body = await response.json().catch(() => null);
    if (!response.ok) throw problemToError(response.status, response.statusText, body);
    return body as RegistryImportResult;
  },
};

/** Where the phone's outbox posts a collection (with the collection's own id and an Idempotency-Key). */
export const REGISTRY_COLLECTIONS_PATH = '/api/registry/collections';
