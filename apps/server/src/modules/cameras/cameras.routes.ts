import {
  camera,
  cameraList,
  cameraListQuery,
  cameraParams,
  cameraScene,
  createCameraBody,
  updateCameraBody,
} from '@ronghui/contracts';
import { z } from 'zod';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { CamerasService } from './cameras.service.ts';

export function registerCamerasRoutes(app: App, cameras: CamerasService) {
  app.get(
    '/api/cameras',
    {
      schema: {
        tags: ['cameras'],
        summary: 'Registered cameras of your scope',
        querystring: cameraListQuery,
        response: { 200: cameraList },
      },
    },
    async (request) => cameras.list(requireUser(request), request.query),
  );
  app.get(
    '/api/cameras/:id',
    {
      schema: {
        tags: ['cameras'],
        summary: 'One camera and its pose',
        params: cameraParams,
        response: { 200: camera },
      },
    },
    async (request) => cameras.get(requireUser(request), request.params.id),
  );
  app.get(
    '/api/cameras/:id/scene',
    {
      schema: {
        tags: ['cameras'],
        summary: 'Gazetteer places, villages and stations within the camera range (AR labels)',
        params: cameraParams,
        response: { 200: cameraScene },
      },
    },
    async (request) => cameras.scene(requireUser(request), request.params.id),
  );
  app.post(
    '/api/cameras',
    {
      schema: {
        tags: ['cameras'],
        summary: 'Register a camera',
        body: createCameraBody,
        response: { 201: camera },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return cameras.create(requireUser(request), request.body);
    },
  );
  app.patch(
    '/api/cameras/:id',
    {
      schema: {
        tags: ['cameras'],
        summary: 'Change a camera (pose, stream, station, active)',
        params: cameraParams,
        body: updateCameraBody,
        response: { 200: camera },
      },
    },
    async (request) => cameras.update(requireUser(request), request.params.id, request.body),
  );
  app.delete(
    '/api/cameras/:id',
    {
      schema: {
        tags: ['cameras'],
        summary: 'Remove a camera',
        params: cameraParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await cameras.remove(requireUser(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
