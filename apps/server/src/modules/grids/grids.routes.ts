import {
  grid,
  gridBoundaryBody,
  gridCoverage,
  gridFeatureCollection,
  gridGeojsonQuery,
  gridImportBody,
  gridImportResult,
  gridList,
  gridListQuery,
  gridParams,
  gridPointQuery,
  gridsAt,
  rosterCreateBody,
  rosterEndBody,
  rosterEntry,
  rosterList,
  rosterListQuery,
  rosterParams,
  rosterRevealBody,
  rosterRevealed,
  rosterSummary,
} from '@ronghui/contracts';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { GridsService } from './grids.service.ts';
import type { RostersService } from './rosters.service.ts';

const tags = ['grids'];

export function registerGridsRoutes(app: App, grids: GridsService, rosters: RostersService) {
  app.get(
    '/api/grids',
    {
      schema: {
        tags,
        summary: 'Police or community grids of your scope',
        querystring: gridListQuery,
        response: { 200: gridList },
      },
    },
    async (request) => grids.list(requireUser(request), request.query.layer),
  );
  app.get(
    '/api/grids/geojson',
    {
      schema: {
        tags,
        summary: 'Grid boundaries of your scope (WGS-84 GeoJSON), one layer or both',
        querystring: gridGeojsonQuery,
        response: { 200: gridFeatureCollection },
      },
    },
    async (request) => grids.geojson(requireUser(request), request.query.layer),
  );
  app.get(
    '/api/grids/at',
    {
      schema: {
        tags,
        summary: 'The community grid and police grid at a point',
        querystring: gridPointQuery,
        response: { 200: gridsAt },
      },
    },
    async (request) => grids.at(requireUser(request), request.query.lon, request.query.lat),
  );
  app.post(
    '/api/grids/import',
    {
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Import community grids from a GeoJSON FeatureCollection (all or nothing)',
        body: gridImportBody,
        response: { 200: gridImportResult },
      },
    },
    async (request) => grids.importCommunity(requireUser(request), request.body),
  );
  app.put(
    '/api/grids/:id/boundary',
    {
      schema: {
        tags,
        summary: "Change a community grid's boundary",
        params: gridParams,
        body: gridBoundaryBody,
        response: { 200: grid },
      },
    },
    async (request) => grids.setBoundary(requireUser(request), request.params.id, request.body.geometry),
  );
  app.get(
    '/api/grid/rosters',
    {
      schema: {
        tags,
        summary:
          'Grid appointments of your scope (current, or with history=true all); names and phones masked',
        querystring: rosterListQuery,
        response: { 200: rosterList },
      },
    },
    async (request) => rosters.list(requireUser(request), request.query),
  );
  app.get(
    '/api/grid/rosters/summary',
    {
      schema: {
        tags,
        summary: '"1+2+N" counts: current appointments by role in your scope, and per police grid',
        response: { 200: rosterSummary },
      },
    },
    async (request) => rosters.summary(requireUser(request)),
  );
  app.post(
    '/api/grid/rosters',
    {
      schema: {
        tags,
        summary: 'Appoint someone to a grid',
        body: rosterCreateBody,
        response: { 201: rosterEntry },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return rosters.create(requireUser(request), request.body);
    },
  );
  app.post(
    '/api/grid/rosters/:id/end',
    {
      schema: {
        tags,
        summary: 'End an appointment (the entry stays with its end day)',
        params: rosterParams,
        body: rosterEndBody,
        response: { 200: rosterEntry },
      },
    },
    async (request) => rosters.end(requireUser(request), request.params.id, request.body),
  );
  app.post(
    '/api/grid/rosters/:id/reveal',
    {
      schema: {
        tags,
        summary: 'Show the full name or phone of an appointment (reason required, audited)',
        params: rosterParams,
        body: rosterRevealBody,
        response: { 200: rosterRevealed },
      },
    },
    async (request) =>
      rosters.reveal(requireUser(request), request.params.id, request.body.field, request.body.reason),
  );
  app.get(
    '/api/grid/coverage',
    {
      schema: {
        tags,
        summary: 'Who covers a point: its grids and their current roster (masked)',
        querystring: gridPointQuery,
        response: { 200: gridCoverage },
      },
    },
    async (request) => rosters.coverage(requireUser(request), request.query.lon, request.query.lat),
  );
}
