import {
  HAZARD_PHOTO_TYPES,
  hazardCreateBody,
  hazardDeadlines,
  hazardDeadlinesBody,
  hazardDetail,
  hazardIncidentBody,
  hazardList,
  hazardListQuery,
  hazardParams,
  hazardPhoto,
  hazardPhotoParams,
  hazardStepBody,
  incidentGridCaseBody,
  incidentParams,
} from '@ronghui/contracts';
import { z } from 'zod';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import { HAZARD_PHOTO_MAX_BYTES, type HazardsService } from './hazards.service.ts';

const tags = ['hazards'];

export function registerHazardsRoutes(app: App, hazards: HazardsService) {
  app.post(
    '/api/hazards',
    {
      schema: {
        tags,
        summary:
          'Report a hazard (隐患); `id` may be made by the phone so queued photos can name it (200 when sent again)',
        body: hazardCreateBody,
        response: { 200: hazardDetail, 201: hazardDetail },
      },
    },
    async (request, reply) => {
      const { created, hazard } = await hazards.create(requireUser(request), request.body);
      return reply.status(created ? 201 : 200).send(hazard);
    },
  );
  app.get(
    '/api/hazards',
    { schema: { tags, querystring: hazardListQuery, response: { 200: hazardList } } },
    async (request) => hazards.list(requireUser(request), request.query),
  );
  app.get(
    '/api/hazards/deadlines',
    { schema: { tags, summary: 'Days to close a hazard of each kind', response: { 200: hazardDeadlines } } },
    async (request) => hazards.deadlines(requireUser(request)),
  );
  app.put(
    '/api/hazards/deadlines',
    { schema: { tags, body: hazardDeadlinesBody, response: { 200: hazardDeadlines } } },
    async (request) => hazards.setDeadlines(requireUser(request), request.body),
  );
  app.get(
    '/api/hazards/:id',
    { schema: { tags, params: hazardParams, response: { 200: hazardDetail } } },
    async (request) => hazards.get(requireUser(request), request.params.id),
  );
  app.post(
    '/api/hazards/:id/steps',
    {
      schema: {
        tags,
        summary:
          'One step of the closed loop: register, dispatch, start, report-back, verify, reject, close, evaluate',
        params: hazardParams,
        body: hazardStepBody,
        response: { 200: hazardDetail },
      },
    },
    async (request) => hazards.step(requireUser(request), request.params.id, request.body),
  );
  app.post(
    '/api/hazards/:id/incident',
    {
      schema: {
        tags,
        summary: 'Police business: make an incident (source grid) of the hazard; each names the other',
        params: hazardParams,
        body: hazardIncidentBody,
        response: { 201: hazardDetail },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await hazards.toIncident(requireUser(request), request.params.id, request.body)),
  );
  app.post(
    '/api/incidents/:id/grid-case',
    {
      schema: {
        tags,
        summary:
          '非警务警情: hand the call to the grid centre as a grid case (a hazard of kind referred-call)',
        params: incidentParams,
        body: incidentGridCaseBody,
        response: { 201: hazardDetail },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await hazards.gridCase(requireUser(request), request.params.id, request.body.note)),
  );

  // Photos arrive as the raw image, like incidents' (the parser is shared when that module registered it).
  if (!app.hasContentTypeParser('image/jpeg'))
    app.addContentTypeParser(
      [...HAZARD_PHOTO_TYPES],
      { parseAs: 'buffer', bodyLimit: HAZARD_PHOTO_MAX_BYTES },
      (_r, body, done) => done(null, body),
    );
  app.post(
    '/api/hazards/:id/photos',
    {
      bodyLimit: HAZARD_PHOTO_MAX_BYTES,
      schema: {
        tags,
        summary:
          'Add a photo (JPEG, PNG or WebP as the body, at most 5 MB); the same photo again is stored once',
        consumes: [...HAZARD_PHOTO_TYPES],
        params: hazardParams,
        body: z.unknown().describe('the photo itself: JPEG, PNG or WebP bytes'),
        response: { 200: hazardPhoto, 201: hazardPhoto },
      },
    },
    async (request, reply) => {
      const { created, photo } = await hazards.addPhoto(
        requireUser(request),
        request.params.id,
        String(request.headers['content-type'] ?? ''),
        request.body,
      );
      return reply.status(created ? 201 : 200).send(photo);
    },
  );
  app.get(
    '/api/hazards/:id/photos/:photoId',
    {
      schema: {
        tags,
        summary: 'One photo (the image; every read is audited)',
        params: hazardPhotoParams,
        produces: [...HAZARD_PHOTO_TYPES],
      },
    },
    async (request, reply) => {
      const photo = await hazards.readPhoto(requireUser(request), request.params.id, request.params.photoId);
      return reply.type(photo.contentType).header('content-disposition', 'inline').send(photo.bytes);
    },
  );
}
