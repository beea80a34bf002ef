import {
  fraudImportResult,
  fraudWarningBody,
  fraudWarningDetail,
  fraudWarningFromIncident,
  fraudWarningList,
  fraudWarningQuery,
  fraudWarningRevealBody,
  fraudWarningRevealed,
  fraudWarningStep,
  homeVisit,
  homeVisitList,
  outreachIdParams,
  planBody,
  planList,
  planQuery,
  resident,
  residentBody,
  residentList,
  residentPatch,
  residentQuery,
  residentRevealBody,
  residentRevealed,
  visitBody,
  visitQuery,
} from '@ronghui/contracts';
import { z } from 'zod';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { ResidentsService } from './residents.service.ts';
import type { WarningsService } from './warnings.service.ts';

const tags = ['outreach'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const IMPORT_BODY_LIMIT = 16 * 1024 * 1024;

export function registerOutreachRoutes(app: App, warnings: WarningsService, residents: ResidentsService) {
  // Import files arrive as the file itself (like the registry's and intel's).
  for (const type of [XLSX, 'application/octet-stream'])
    if (!app.hasContentTypeParser(type))
      app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_r, body, done) =>
        done(null, body),
      );

  app.get(
    '/api/anti-fraud/warnings',
    {
      schema: {
        tags,
        summary:
          'Anti-fraud warnings (a station its own), newest first, by status, risk, station and overdue',
        querystring: fraudWarningQuery,
        response: { 200: fraudWarningList },
      },
    },
    async (request) => warnings.list(requireUser(request), request.query),
  );
  app.post(
    '/api/anti-fraud/warnings',
    {
      schema: {
        tags,
        summary:
          "A warning from a higher level: graded, assigned to the station of the person's address, acted on",
        body: fraudWarningBody,
        response: { 201: fraudWarningDetail },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await warnings.create(requireUser(request), request.body)),
  );
  app.post(
    '/api/anti-fraud/warnings/from-incident',
    {
      schema: {
        tags,
        summary: "A warning from one of our incidents: the caller, their phone and the incident's address",
        body: fraudWarningFromIncident,
        response: { 201: fraudWarningDetail },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await warnings.fromIncident(requireUser(request), request.body)),
  );
  app.post(
    '/api/anti-fraud/warnings/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary:
          'Import warnings from an XLSX or CSV file (UTF-8 or GB18030): problems by line and field; any problem and nothing is imported',
        consumes: [XLSX, 'application/octet-stream', 'text/csv'],
        body: z.unknown().describe('the file itself: XLSX, or CSV'),
        response: { 200: fraudImportResult },
      },
    },
    async (request) => {
      const body = request.body;
      const bytes =
        typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.isBuffer(body) ? body : Buffer.alloc(0);
      return warnings.importFile(requireUser(request), bytes);
    },
  );
  app.get(
    '/api/anti-fraud/warnings/:id',
    {
      schema: { tags, params: outreachIdParams, response: { 200: fraudWarningDetail } },
    },
    async (request) => warnings.detail(requireUser(request), request.params.id),
  );
  app.post(
    '/api/anti-fraud/warnings/:id/steps',
    {
      schema: {
        tags,
        summary:
          'Sign for, log a call on, record the dissuasion (outcome, money saved) or the feedback of a warning',
        params: outreachIdParams,
        body: fraudWarningStep,
        response: { 200: fraudWarningDetail },
      },
    },
    async (request) => warnings.step(requireUser(request), request.params.id, request.body),
  );
  app.post(
    '/api/anti-fraud/warnings/:id/reveal',
    {
      schema: {
        tags,
        summary: "Show the person's name, phone or ID number in full, with a reason (audited)",
        params: outreachIdParams,
        body: fraudWarningRevealBody,
        response: { 200: fraudWarningRevealed },
      },
    },
    async (request) => warnings.reveal(requireUser(request), request.params.id, request.body),
  );

  app.get(
    '/api/outreach/residents',
    { schema: { tags, querystring: residentQuery, response: { 200: residentList } } },
    async (request) => residents.list(requireUser(request), request.query),
  );
  app.post(
    '/api/outreach/residents',
    {
      schema: {
        tags,
        summary:
          "Register a person who needs visits, linked to the registry's standard address when one matches",
        body: residentBody,
        response: { 201: resident },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await residents.create(requireUser(request), request.body)),
  );
  app.patch(
    '/api/outreach/residents/:id',
    { schema: { tags, params: outreachIdParams, body: residentPatch, response: { 200: resident } } },
    async (request) => residents.patch(requireUser(request), request.params.id, request.body),
  );
  app.post(
    '/api/outreach/residents/:id/reveal',
    {
      schema: {
        tags,
        summary: "Show a resident's name, phone or ID number in full, with a reason (audited)",
        params: outreachIdParams,
        body: residentRevealBody,
        response: { 200: residentRevealed },
      },
    },
    async (request) => residents.reveal(requireUser(request), request.params.id, request.body),
  );
  app.get(
    '/api/outreach/plans',
    {
      schema: {
        tags,
        summary: 'Who is due a visit in the coming days, per officer (an officer: their own)',
        querystring: planQuery,
        response: { 200: planList },
      },
    },
    async (request) => residents.plans(requireUser(request), request.query),
  );
  app.post(
    '/api/outreach/plans',
    {
      schema: {
        tags,
        summary: 'Plan a visit to a resident on a day',
        body: planBody,
        response: { 201: homeVisit },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await residents.plan(requireUser(request), request.body)),
  );
  app.get(
    '/api/outreach/visits',
    { schema: { tags, querystring: visitQuery, response: { 200: homeVisitList } } },
    async (request) => residents.visits(requireUser(request), request.query),
  );
  app.post(
    '/api/outreach/visits',
    {
      schema: {
        tags,
        summary:
          'Record a visit from the phone (what was done, anti-fraud talk, needs); may open a home-service request or a grid hazard',
        body: visitBody,
        response: { 200: homeVisit, 201: homeVisit },
      },
    },
    async (request, reply) => {
      const r = await residents.record(requireUser(request), request.body);
      return reply.status(r.created ? 201 : 200).send(r.visit);
    },
  );
}
