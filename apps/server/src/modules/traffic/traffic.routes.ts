import {
  ok,
  trafficAccepted,
  trafficDetectionBody,
  trafficDevice,
  trafficDeviceBody,
  trafficDeviceImportResult,
  trafficDeviceList,
  trafficDeviceParams,
  trafficDevicePatch,
  trafficHazardList,
  trafficHazardQuery,
  trafficIdParams,
  trafficOverrideBody,
  trafficPlateReadBody,
  trafficPlateReadList,
  trafficPlateReadQuery,
  trafficReadingList,
  trafficReadingQuery,
  trafficReplayBody,
  trafficRoute,
  trafficRouteBody,
  trafficRouteList,
  trafficRulesPut,
  trafficSection,
  trafficSectionBody,
  trafficSectionList,
  trafficSectionPatch,
  trafficSettings,
  trafficSign,
  trafficSignList,
  trafficTemplate,
  trafficTemplateList,
  trafficTemplateParams,
  trafficTemplatePut,
} from '@ronghui/contracts';
import { z } from 'zod';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { TrafficService } from './traffic.service.ts';

const tags = ['traffic'];
const CSV_LIMIT = 2 * 1024 * 1024;
const XML = 'application/xml; charset=utf-8';

const rulesPutBody = trafficRulesPut
  .extend({
    readingRetentionDays: z.number().int().min(1).max(3650).optional(),
    plateRetentionDays: z.number().int().min(1).max(365).optional(),
  })
  .strict();

export function registerTrafficRoutes(app: App, traffic: TrafficService) {
  // Sections
  app.get(
    '/api/traffic/sections',
    {
      schema: {
        tags,
        summary: 'Hazard-prone road sections with their edges',
        response: { 200: trafficSectionList },
      },
    },
    async (request) => traffic.listSections(requireUser(request)),
  );
  app.post(
    '/api/traffic/sections',
    {
      schema: {
        tags,
        summary: 'A section drawn along the road (its edges are found on the road graph)',
        body: trafficSectionBody,
        response: { 201: trafficSection },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await traffic.createSection(requireUser(request), request.body)),
  );
  app.patch(
    '/api/traffic/sections/:id',
    {
      schema: { tags, params: trafficIdParams, body: trafficSectionPatch, response: { 200: trafficSection } },
    },
    async (request) => traffic.updateSection(requireUser(request), request.params.id, request.body),
  );
  app.delete(
    '/api/traffic/sections/:id',
    { schema: { tags, params: trafficIdParams, response: { 200: ok } } },
    async (request) => {
      await traffic.deleteSection(requireUser(request), request.params.id);
      return { ok: true as const };
    },
  );

  // Devices
  app.get(
    '/api/traffic/devices',
    {
      schema: {
        tags,
        summary: 'Roadside devices with their online state, last reading and refused readings by reason',
        response: { 200: trafficDeviceList },
      },
    },
    async (request) => traffic.listDevices(requireUser(request)),
  );
  app.post(
    '/api/traffic/devices',
    { schema: { tags, body: trafficDeviceBody, response: { 201: trafficDevice } } },
    async (request, reply) =>
      reply.status(201).send(await traffic.createDevice(requireUser(request), request.body)),
  );
  if (!app.hasContentTypeParser('text/csv'))
    app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: CSV_LIMIT }, (_r, body, done) =>
      done(null, body),
    );
  app.post(
    '/api/traffic/devices/import',
    {
      bodyLimit: CSV_LIMIT,
      schema: {
        tags,
        summary:
          'Devices from CSV (id,name,kind,lon,lat,sectionId,signId,junction,branch,lines,charsPerLine); all or nothing',
        consumes: ['text/csv'],
        body: z.string().describe('CSV text, UTF-8, a header line first'),
        response: { 200: trafficDeviceImportResult },
      },
    },
    async (request) => traffic.importDevices(requireUser(request), request.body),
  );
  app.patch(
    '/api/traffic/devices/:id',
    {
      schema: {
        tags,
        params: trafficDeviceParams,
        body: trafficDevicePatch,
        response: { 200: trafficDevice },
      },
    },
    async (request) => traffic.updateDevice(requireUser(request), request.params.id, request.body),
  );
  app.delete(
    '/api/traffic/devices/:id',
    { schema: { tags, params: trafficDeviceParams, response: { 200: ok } } },
    async (request) => {
      await traffic.deleteDevice(requireUser(request), request.params.id);
      return { ok: true as const };
    },
  );

  // Readings, plate reads, detections
  app.post(
    '/api/traffic/readings',
    {
      schema: {
        tags,
        summary:
          'Road-weather readings, the same JSON array as an MQTT message: [{deviceId, at?, visibilityM, airTempC, surfaceTempC, dewPointC, friction, precipitationMmH, windSpeedMs, windGustMs}]. 202 once stored; 400 names each bad field (nothing stored)',
        body: z.array(z.unknown()).describe('an array of readings (see the README for fields and units)'),
        response: { 202: trafficAccepted },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await traffic.postReadings(requireUser(request), request.body)),
  );
  app.get(
    '/api/traffic/readings',
    { schema: { tags, querystring: trafficReadingQuery, response: { 200: trafficReadingList } } },
    async (request) => traffic.listReadings(requireUser(request), request.query),
  );
  app.post(
    '/api/traffic/plate-reads',
    {
      schema: {
        tags,
        summary:
          'A plate read by an ANPR camera: on the approach to an active hazard the next sign addresses that driver',
        body: trafficPlateReadBody,
        response: { 202: z.object({ accepted: z.number().int(), warned: z.boolean() }) },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await traffic.plateRead(requireUser(request), request.body)),
  );
  app.get(
    '/api/traffic/plate-reads',
    {
      schema: {
        tags,
        summary: 'Plate reads, newest first, plates masked (kept for the plate retention)',
        querystring: trafficPlateReadQuery,
        response: { 200: trafficPlateReadList },
      },
    },
    async (request) => traffic.listPlateReads(requireUser(request), request.query),
  );
  app.post(
    '/api/traffic/detections',
    {
      schema: {
        tags,
        summary:
          'A vehicle detected by radar or loop (no plate): warns the other branches of a blind junction',
        body: trafficDetectionBody,
        response: { 202: z.object({ accepted: z.number().int(), warned: z.boolean() }) },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await traffic.detection(requireUser(request), request.body)),
  );

  // Hazards
  app.get(
    '/api/traffic/hazards',
    { schema: { tags, querystring: trafficHazardQuery, response: { 200: trafficHazardList } } },
    async (request) => traffic.listHazards(requireUser(request), request.query),
  );

  // Signs
  app.get(
    '/api/traffic/signs',
    {
      schema: {
        tags,
        summary: 'Signs with what each shows now ("" when blank)',
        response: { 200: trafficSignList },
      },
    },
    async (request) => traffic.listSigns(requireUser(request)),
  );
  app.post(
    '/api/traffic/signs/:id/override',
    {
      schema: {
        tags,
        summary:
          "An operator's text on a sign, above every automatic message, until a time (audited with the reason)",
        params: trafficDeviceParams,
        body: trafficOverrideBody,
        response: { 200: trafficSign },
      },
    },
    async (request) => traffic.override(requireUser(request), request.params.id, request.body),
  );
  app.delete(
    '/api/traffic/signs/:id/override',
    { schema: { tags, params: trafficDeviceParams, response: { 200: trafficSign } } },
    async (request) => traffic.clearOverride(requireUser(request), request.params.id),
  );

  // Templates and rules
  app.get(
    '/api/traffic/templates',
    { schema: { tags, response: { 200: trafficTemplateList } } },
    async (request) => traffic.listTemplates(requireUser(request)),
  );
  app.put(
    '/api/traffic/templates/:condition/:level',
    {
      schema: {
        tags,
        params: trafficTemplateParams,
        body: trafficTemplatePut,
        response: { 200: trafficTemplate },
      },
    },
    async (request) =>
      traffic.putTemplate(requireUser(request), request.params.condition, request.params.level, request.body),
  );
  app.get('/api/traffic/rules', { schema: { tags, response: { 200: trafficSettings } } }, async (request) =>
    traffic.getRules(requireUser(request)),
  );
  app.put(
    '/api/traffic/rules',
    { schema: { tags, body: rulesPutBody, response: { 200: trafficSettings } } },
    async (request) => traffic.putRules(requireUser(request), request.body),
  );

  // Routes between configured points
  app.get(
    '/api/traffic/routes',
    {
      schema: {
        tags,
        summary: 'The best route now between each configured pair of points',
        response: { 200: trafficRouteList },
      },
    },
    async (request) => traffic.listRoutes(requireUser(request)),
  );
  app.post(
    '/api/traffic/routes',
    { schema: { tags, body: trafficRouteBody, response: { 201: trafficRoute } } },
    async (request, reply) =>
      reply.status(201).send(await traffic.createRoute(requireUser(request), request.body)),
  );
  app.delete(
    '/api/traffic/routes/:id',
    { schema: { tags, params: trafficIdParams, response: { 200: ok } } },
    async (request) => {
      await traffic.deleteRoute(requireUser(request), request.params.id);
      return { ok: true as const };
    },
  );

  // Outputs
  app.get(
    '/api/traffic/cap',
    {
      schema: {
        tags,
        summary: 'Active warnings (and those ended within the hour) as an Atom feed of CAP 1.2 alerts',
        produces: ['application/atom+xml'],
      },
    },
    async (request, reply) => {
      const self = `${request.protocol}://${request.host}/api/traffic/cap`;
      return reply
        .type('application/atom+xml; charset=utf-8')
        .send(await traffic.cap(requireUser(request), self));
    },
  );
  app.get(
    '/api/traffic/cap/:id',
    {
      schema: {
        tags,
        summary: 'One warning as a CAP 1.2 alert',
        params: trafficIdParams,
        produces: ['application/xml'],
      },
    },
    async (request, reply) =>
      reply.type(XML).send(await traffic.capOne(requireUser(request), request.params.id)),
  );
  app.get(
    '/api/traffic/datex',
    {
      schema: {
        tags,
        summary: 'Active warnings as a DATEX II situation publication',
        produces: ['application/xml'],
      },
    },
    async (request, reply) => reply.type(XML).send(await traffic.datex(requireUser(request))),
  );

  app.post(
    '/api/traffic/replay',
    {
      schema: {
        tags,
        summary:
          'Replay a recorded day on the devices of its place (jiuxianshan-2023-12-22: ice at the 九仙山 tunnel)',
        body: trafficReplayBody,
        response: { 202: z.object({ steps: z.number().int(), section: z.string() }) },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await traffic.replay(requireUser(request), request.body.scenario)),
  );
}
