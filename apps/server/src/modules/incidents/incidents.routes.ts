import {
  INCIDENT_PHOTO_TYPES,
  incidentAddressQuery,
  incidentAttachment,
  incidentAttachmentList,
  incidentAttachmentParams,
  incidentNoteBody,
  incidentPhotoQuery,
  incidentAddressSuggestions,
  incidentCreateBody,
  incidentCreated,
  incidentDetail,
  incidentEido,
  incidentIdempotencyHeaders,
  incidentList,
  incidentListQuery,
  incidentMergeBody,
  incidentParams,
  incidentRevealBody,
  incidentRevealed,
  incidentSettings,
  incidentSettingsBody,
  incidentStatusBody,
  incidentTrend,
  incidentTrendQuery,
} from '@ronghui/contracts';
import { z } from 'zod';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import { PHOTO_MAX_BYTES } from './incident-attachments.ts';
import type { IncidentsService } from './incidents.service.ts';

const tags = ['incidents'];

export function registerIncidentsRoutes(app: App, incidents: IncidentsService) {
  app.post(
    '/api/incidents',
    {
      // Intake keeps its key on the incident itself (200 with the incident taken before).
      config: { ownIdempotency: true },
      schema: {
        tags,
        body: incidentCreateBody,
        headers: incidentIdempotencyHeaders,
        // 201 for a new incident; 200 when an Idempotency-Key names one taken before.
        response: { 200: incidentCreated, 201: incidentCreated },
      },
    },
    async (request, reply) => {
      const result = await incidents.create(
        requireUser(request),
        request.body,
        request.headers['idempotency-key'],
      );
      reply.status(result.replayed ? 200 : 201);
      return result.incident;
    },
  );
  app.get(
    '/api/incidents',
    { schema: { tags, querystring: incidentListQuery, response: { 200: incidentList } } },
    async (request) => incidents.list(requireUser(request), request.query),
  );
  app.get(
    '/api/incidents/address-suggestions',
    {
      schema: {
        tags,
        summary:
          'Intake autocomplete: gazetteer entries (township, village, named place) for a typed address',
        querystring: incidentAddressQuery,
        response: { 200: incidentAddressSuggestions },
      },
    },
    async (request) => incidents.suggestAddresses(requireUser(request), request.query.q, request.query.limit),
  );
  app.get(
    '/api/incidents/trend',
    {
      schema: {
        tags,
        summary: '比降: incidents per day against the same days last year, in total and by kind',
        querystring: incidentTrendQuery,
        response: { 200: incidentTrend },
      },
    },
    async (request) => incidents.trend(requireUser(request), request.query),
  );
  app.get(
    '/api/incidents/settings',
    { schema: { tags, response: { 200: incidentSettings } } },
    async (request) => incidents.settings(requireUser(request)),
  );
  app.put(
    '/api/incidents/settings',
    { schema: { tags, body: incidentSettingsBody, response: { 200: incidentSettings } } },
    async (request) => incidents.updateSettings(requireUser(request), request.body),
  );
  app.get(
    '/api/incidents/:id',
    { schema: { tags, params: incidentParams, response: { 200: incidentDetail } } },
    async (request) => incidents.get(requireUser(request), request.params.id),
  );
  app.get(
    '/api/incidents/:id/eido',
    {
      schema: {
        tags,
        summary: 'The incident as a NENA EIDO JSON document (NENA-STA-021)',
        params: incidentParams,
        response: { 200: incidentEido },
      },
    },
    async (request) => incidents.eido(requireUser(request), request.params.id),
  );
  app.post(
    '/api/incidents/:id/status',
    { schema: { tags, params: incidentParams, body: incidentStatusBody, response: { 200: incidentDetail } } },
    async (request) => incidents.changeStatus(requireUser(request), request.params.id, request.body),
  );
  app.post(
    '/api/incidents/:id/merge',
    { schema: { tags, params: incidentParams, body: incidentMergeBody, response: { 200: incidentDetail } } },
    async (request) => incidents.merge(requireUser(request), request.params.id, request.body.into),
  );
  app.post(
    '/api/incidents/:id/reveal',
    {
      schema: { tags, params: incidentParams, body: incidentRevealBody, response: { 200: incidentRevealed } },
    },
    async (request) =>
      incidents.reveal(requireUser(request), request.params.id, request.body.field, request.body.reason),
  );

  app.post(
    '/api/incidents/:id/notes',
    {
      schema: {
        tags,
        summary: 'Record a note on the incident (on its timeline, audited)',
        params: incidentParams,
        body: incidentNoteBody,
        response: { 201: incidentDetail },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await incidents.addNote(requireUser(request), request.params.id, request.body.text)),
  );

  // Photos arrive as the raw image (a phone compresses it first); the route checks the bytes are that image.
  app.addContentTypeParser(
    [...INCIDENT_PHOTO_TYPES],
    { parseAs: 'buffer', bodyLimit: PHOTO_MAX_BYTES },
    (_r, body, done) => done(null, body),
  );
  app.post(
    '/api/incidents/:id/photos',
    {
      bodyLimit: PHOTO_MAX_BYTES,
      schema: {
        tags,
        summary:
          'Add a photo (JPEG, PNG or WebP as the body, at most 5 MB); the same photo again is stored once',
        consumes: [...INCIDENT_PHOTO_TYPES],
        params: incidentParams,
        querystring: incidentPhotoQuery,
        body: z.unknown().describe('the photo itself: JPEG, PNG or WebP bytes'),
        response: { 200: incidentAttachment, 201: incidentAttachment },
      },
    },
    async (request, reply) => {
      const { created, attachment } = await incidents.addPhoto(
        requireUser(request),
        request.params.id,
        String(request.headers['content-type'] ?? ''),
        request.body,
        request.query.caption,
      );
      return reply.status(created ? 201 : 200).send(attachment);
    },
  );
  app.get(
    '/api/incidents/:id/attachments',
    {
      schema: {
        tags,
        summary: "The incident's photos",
        params: incidentParams,
        response: { 200: incidentAttachmentList },
      },
    },
    async (request) => incidents.listAttachments(requireUser(request), request.params.id),
  );
  app.get(
    '/api/incidents/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: 'One photo (the image; every read is audited)',
        params: incidentAttachmentParams,
        produces: [...INCIDENT_PHOTO_TYPES],
      },
    },
    async (request, reply) => {
      const photo = await incidents.readAttachment(
        requireUser(request),
        request.params.id,
        request.params.attachmentId,
      );
      return reply.type(photo.contentType).header('content-disposition', 'inline').send(photo.bytes);
    },
  );
}
