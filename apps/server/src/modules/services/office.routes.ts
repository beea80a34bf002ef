import {
  serviceCase,
  serviceCaseBody,
  serviceCaseList,
  serviceCaseQuery,
  serviceCaseRevealBody,
  serviceCaseRevealed,
  serviceCaseStep,
  serviceDeadline,
  serviceDeadlineQuery,
  serviceFollowUp,
  serviceFollowUpList,
  serviceFollowUpQuery,
  serviceFollowUpStep,
  serviceHomeVisit,
  serviceHomeVisitBody,
  serviceHomeVisitList,
  serviceHomeVisitQuery,
  serviceHomeVisitStep,
  serviceIdParams,
  serviceProgress,
  serviceProgressQuery,
  serviceRating,
  serviceRatingBody,
  serviceStats,
  serviceStatsQuery,
} from '@ronghui/contracts';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { ServiceOfficeService } from './office.service.ts';

const tags = ['services'];

export function registerServiceOfficeRoutes(app: App, office: ServiceOfficeService) {
  app.post(
    '/api/services/cases',
    {
      schema: {
        tags,
        summary: 'Accept a case (受理办件) with its working-day deadline',
        body: serviceCaseBody,
        response: { 201: serviceCase },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await office.createCase(requireUser(request), request.body)),
  );
  app.get(
    '/api/services/cases',
    { schema: { tags, querystring: serviceCaseQuery, response: { 200: serviceCaseList } } },
    async (request) => office.listCases(requireUser(request), request.query),
  );
  app.get(
    '/api/services/cases/:id',
    { schema: { tags, params: serviceIdParams, response: { 200: serviceCase } } },
    async (request) => office.getCase(requireUser(request), request.params.id),
  );
  app.post(
    '/api/services/cases/:id/steps',
    {
      schema: {
        tags,
        summary: 'Move a case: process, complete (texts the applicant), deliver or cancel',
        params: serviceIdParams,
        body: serviceCaseStep,
        response: { 200: serviceCase },
      },
    },
    async (request) => office.stepCase(requireUser(request), request.params.id, request.body),
  );
  app.post(
    '/api/services/cases/:id/reveal',
    {
      schema: {
        tags,
        summary: "Show one of the applicant's values in full, with a reason (audited)",
        params: serviceIdParams,
        body: serviceCaseRevealBody,
        response: { 200: serviceCaseRevealed },
      },
    },
    async (request) => office.revealCase(requireUser(request), request.params.id, request.body),
  );
  app.get(
    '/api/services/progress',
    {
      config: { public: true },
      schema: {
        tags,
        summary: "A case's progress, by its number and the last four digits of the applicant's phone",
        querystring: serviceProgressQuery,
        response: { 200: serviceProgress },
      },
    },
    async (request) => office.progress(request.query.number, request.query.phoneLast4),
  );
  app.post(
    '/api/services/ratings',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '好差评: rate a visit at the hall, or a case (at the hall or with the token sent by SMS)',
        body: serviceRatingBody,
        response: { 201: serviceRating },
      },
    },
    async (request, reply) => reply.status(201).send(await office.rate(request.principal, request.body)),
  );
  app.get(
    '/api/services/follow-ups',
    { schema: { tags, querystring: serviceFollowUpQuery, response: { 200: serviceFollowUpList } } },
    async (request) => office.listFollowUps(requireUser(request), request.query),
  );
  app.post(
    '/api/services/follow-ups/:id/steps',
    {
      schema: {
        tags,
        summary: 'Call back, rectify, or record the rating of the fix',
        params: serviceIdParams,
        body: serviceFollowUpStep,
        response: { 200: serviceFollowUp },
      },
    },
    async (request) => office.stepFollowUp(requireUser(request), request.params.id, request.body),
  );
  app.post(
    '/api/services/home-visits',
    {
      schema: {
        tags,
        summary: 'Ask for home service (上门办证) for someone who cannot come to the hall',
        body: serviceHomeVisitBody,
        response: { 201: serviceHomeVisit },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await office.createHomeVisit(requireUser(request), request.body)),
  );
  app.get(
    '/api/services/home-visits',
    { schema: { tags, querystring: serviceHomeVisitQuery, response: { 200: serviceHomeVisitList } } },
    async (request) => office.listHomeVisits(requireUser(request), request.query),
  );
  app.post(
    '/api/services/home-visits/:id/steps',
    {
      schema: {
        tags,
        summary: 'Accept, reject, schedule or complete a home visit (completing it records its cases)',
        params: serviceIdParams,
        body: serviceHomeVisitStep,
        response: { 200: serviceHomeVisit },
      },
    },
    async (request) => office.stepHomeVisit(requireUser(request), request.params.id, request.body),
  );
  app.get(
    '/api/services/stats',
    { schema: { tags, querystring: serviceStatsQuery, response: { 200: serviceStats } } },
    async (request) => office.stats(requireUser(request), request.query),
  );
  app.get(
    '/api/services/deadline',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'The date a number of working days after a day, on the official calendar',
        querystring: serviceDeadlineQuery,
        response: { 200: serviceDeadline },
      },
    },
    async (request) => office.deadline(request.query.from, request.query.workingDays),
  );
}
