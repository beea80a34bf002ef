import {
  registryAddress,
  registryAddressBody,
  registryAddressDetail,
  registryAddressList,
  registryAddressPatch,
  registryAssignBody,
  registryBusiness,
  registryBusinessBody,
  registryBusinessList,
  registryBusinessPatch,
  registryCollection,
  registryCollectionBody,
  registryCollectionList,
  registryCollectionParams,
  registryCollectionQuery,
  registryCollectionStats,
  registryCollectionStatsQuery,
  registryHistory,
  registryHouse,
  registryHouseBody,
  registryHouseList,
  registryHousePatch,
  registryIdParams,
  registryImportQuery,
  registryImportResult,
  registryKindIdParams,
  registryListQuery,
  registryPerson,
  registryPersonBody,
  registryPersonList,
  registryPersonPatch,
  registryRevealBody,
  registryRevealed,
  registryReviewBody,
  registryTemplateQuery,
  registryWorkerList,
} from '@ronghui/contracts';
import { z } from 'zod';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { CollectionsService } from './collections.service.ts';
import { template } from './registry-files.ts';
import type { RegistryService } from './registry.service.ts';

const tags = ['registry'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** An import file: 10 000 rows of XLSX or CSV fit easily. */
export const IMPORT_BODY_LIMIT = 16 * 1024 * 1024;
const IMPORT_TYPES = [XLSX, 'application/octet-stream', 'text/csv'] as const;

export function registerRegistryRoutes(app: App, registry: RegistryService, collections: CollectionsService) {
  // Import files arrive as the file itself (like intel's CSV and the hazards' photos).
  for (const type of [XLSX, 'application/octet-stream'])
    if (!app.hasContentTypeParser(type))
      app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_r, body, done) =>
        done(null, body),
      );

  app.get(
    '/api/registry/addresses',
    { schema: { tags, querystring: registryListQuery, response: { 200: registryAddressList } } },
    async (request) => registry.listAddresses(requireUser(request), request.query),
  );
  app.get(
    '/api/registry/people',
    { schema: { tags, querystring: registryListQuery, response: { 200: registryPersonList } } },
    async (request) => registry.listPeople(requireUser(request), request.query),
  );
  app.get(
    '/api/registry/houses',
    { schema: { tags, querystring: registryListQuery, response: { 200: registryHouseList } } },
    async (request) => registry.listHouses(requireUser(request), request.query),
  );
  app.get(
    '/api/registry/businesses',
    { schema: { tags, querystring: registryListQuery, response: { 200: registryBusinessList } } },
    async (request) => registry.listBusinesses(requireUser(request), request.query),
  );

  app.get(
    '/api/registry/addresses/:id',
    {
      schema: {
        tags,
        summary: 'An address with the people, house and businesses at it (masked)',
        params: registryIdParams,
        response: { 200: registryAddressDetail },
      },
    },
    async (request) => registry.addressDetail(requireUser(request), request.params.id),
  );
  app.post(
    '/api/registry/addresses',
    { schema: { tags, body: registryAddressBody, response: { 201: registryAddress } } },
    async (request, reply) =>
      reply.status(201).send(await registry.createAddress(requireUser(request), request.body)),
  );
  app.patch(
    '/api/registry/addresses/:id',
    {
      schema: {
        tags,
        params: registryIdParams,
        body: registryAddressPatch,
        response: { 200: registryAddress },
      },
    },
    async (request) => registry.updateAddress(requireUser(request), request.params.id, request.body),
  );
  app.post(
    '/api/registry/people',
    { schema: { tags, body: registryPersonBody, response: { 201: registryPerson } } },
    async (request, reply) =>
      reply.status(201).send(await registry.createPerson(requireUser(request), request.body)),
  );
  app.patch(
    '/api/registry/people/:id',
    {
      schema: {
        tags,
        params: registryIdParams,
        body: registryPersonPatch,
        response: { 200: registryPerson },
      },
    },
    async (request) => registry.updatePerson(requireUser(request), request.params.id, request.body),
  );
  app.post(
    '/api/registry/houses',
    { schema: { tags, body: registryHouseBody, response: { 201: registryHouse } } },
    async (request, reply) =>
      reply.status(201).send(await registry.createHouse(requireUser(request), request.body)),
  );
  app.patch(
    '/api/registry/houses/:id',
    {
      schema: { tags, params: registryIdParams, body: registryHousePatch, response: { 200: registryHouse } },
    },
    async (request) => registry.updateHouse(requireUser(request), request.params.id, request.body),
  );
  app.post(
    '/api/registry/businesses',
    { schema: { tags, body: registryBusinessBody, response: { 201: registryBusiness } } },
    async (request, reply) =>
      reply.status(201).send(await registry.createBusiness(requireUser(request), request.body)),
  );
  app.patch(
    '/api/registry/businesses/:id',
    {
      schema: {
        tags,
        params: registryIdParams,
        body: registryBusinessPatch,
        response: { 200: registryBusiness },
      },
    },
    async (request) => registry.updateBusiness(requireUser(request), request.params.id, request.body),
  );
  app.get(
    '/api/registry/:kind/:id/history',
    {
      schema: {
        tags,
        summary: 'Who changed the record, when and what (personal values masked)',
        params: registryKindIdParams,
        response: { 200: registryHistory },
      },
    },
    async (request) => registry.history(requireUser(request), request.params.kind, request.params.id),
  );
  app.post(
    '/api/registry/:kind/:id/reveal',
    {
      schema: {
        tags,
        summary: 'One personal value in full, with a stated reason (audited)',
        params: registryKindIdParams,
        body: registryRevealBody,
        response: { 200: registryRevealed },
      },
    },
    async (request) =>
      registry.reveal(requireUser(request), request.params.kind, request.params.id, request.body),
  );

  app.post(
    '/api/registry/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary:
          'Import an XLSX or CSV file (UTF-8, GB18030) of people, addresses, houses or businesses: bad rows reported by line and field, good rows kept',
        consumes: [...IMPORT_TYPES],
        querystring: registryImportQuery,
        body: z.unknown().describe('the file itself: XLSX, or CSV (UTF-8 with or without BOM, or GB18030)'),
        response: { 200: registryImportResult },
      },
    },
    async (request) => {
      const body = request.body;
      const bytes =
        typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.isBuffer(body) ? body : Buffer.alloc(0);
      return registry.importFile(requireUser(request), request.query.kind, bytes);
    },
  );
  app.get(
    '/api/registry/import/template',
    {
      schema: {
        tags,
        summary: "A kind's import template (the header row and, in XLSX, a sheet explaining each column)",
        querystring: registryTemplateQuery,
        produces: [XLSX, 'text/csv'],
      },
    },
    async (request, reply) => {
      requireUser(request);
      const { kind, format } = request.query;
      const file = await template(kind, format);
      return reply
        .type(format === 'xlsx' ? XLSX : 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="registry-${kind}.${format}"`)
        .send(file);
    },
  );

  // ── collection tasks ──
  app.post(
    '/api/registry/collections',
    {
      schema: {
        tags,
        summary:
          "A grid worker's collection (新租户, 空置房, 新商铺, 纠错) under the phone's own id: exactly once",
        body: registryCollectionBody,
        response: { 200: registryCollection, 201: registryCollection },
      },
    },
    async (request, reply) => {
      const { created, collection } = await collections.submit(requireUser(request), request.body);
      return reply.status(created ? 201 : 200).send(collection);
    },
  );
  app.get(
    '/api/registry/collections',
    { schema: { tags, querystring: registryCollectionQuery, response: { 200: registryCollectionList } } },
    async (request) => collections.list(requireUser(request), request.query),
  );
  app.get(
    '/api/registry/collections/stats',
    {
      schema: {
        tags,
        summary: 'Per grid worker: collected, accepted, rejected, pending',
        querystring: registryCollectionStatsQuery,
        response: { 200: registryCollectionStats },
      },
    },
    async (request) => collections.stats(requireUser(request), request.query),
  );
  app.get(
    '/api/registry/collections/workers',
    {
      schema: {
        tags,
        summary: 'Grid workers in your area (to assign tasks to)',
        response: { 200: registryWorkerList },
      },
    },
    async (request) => collections.workers(requireUser(request)),
  );
  app.post(
    '/api/registry/collections/assign',
    {
      schema: {
        tags,
        summary: 'Assign a collection task to a grid worker',
        body: registryAssignBody,
        response: { 201: registryCollection },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await collections.assign(requireUser(request), request.body)),
  );
  app.post(
    '/api/registry/collections/:id/review',
    {
      schema: {
        tags,
        summary:
          'Accept (applied to the registry, history naming collector and reviewer) or reject a submitted collection',
        params: registryCollectionParams,
        body: registryReviewBody,
        response: { 200: registryCollection },
      },
    },
    async (request) => collections.review(requireUser(request), request.params.id, request.body),
  );
}
