import {
  volunteerActivity,
  volunteerActivityCreateBody,
  volunteerActivityDecisionBody,
  volunteerActivityList,
  volunteerActivityListQuery,
  volunteerActivityParams,
  volunteerCertificateParams,
  volunteerCertificateQuery,
  volunteerMyPoints,
  volunteerRanking,
  volunteerRankingQuery,
} from '@ronghui/contracts';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { ActivitiesService } from './activities.service.ts';

const tags = ['volunteers'];

export function registerActivitiesRoutes(app: App, activities: ActivitiesService) {
  app.get(
    '/api/volunteers/activities',
    {
      schema: {
        tags,
        summary:
          'Activity records (巡逻, 调解, 救助, 协助抓获, 活动安保) of teams in your scope; names masked',
        querystring: volunteerActivityListQuery,
        response: { 200: volunteerActivityList },
      },
    },
    async (request) => activities.list(requireUser(request), request.query),
  );
  app.post(
    '/api/volunteers/activities',
    {
      schema: {
        tags,
        summary: 'Record an activity: a volunteer for their own team, or the station for its team',
        body: volunteerActivityCreateBody,
        response: { 201: volunteerActivity },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await activities.submit(requireUser(request), request.body)),
  );
  app.get(
    '/api/volunteers/activities/:id',
    { schema: { tags, params: volunteerActivityParams, response: { 200: volunteerActivity } } },
    async (request) => activities.get(requireUser(request), request.params.id),
  );
  app.post(
    '/api/volunteers/activities/:id/decision',
    {
      schema: {
        tags,
        summary: 'Confirm (points are awarded) or reject with a reason: the team’s leading station',
        params: volunteerActivityParams,
        body: volunteerActivityDecisionBody,
        response: { 200: volunteerActivity },
      },
    },
    async (request) => activities.decide(requireUser(request), request.params.id, request.body),
  );
  app.get(
    '/api/volunteers/ranking',
    {
      schema: {
        tags,
        summary: 'Members ranked by confirmed points in a month, per team, township or county (names masked)',
        querystring: volunteerRankingQuery,
        response: { 200: volunteerRanking },
      },
    },
    async (request) => activities.ranking(requireUser(request), request.query),
  );
  app.get(
    '/api/volunteers/me/points',
    {
      schema: {
        tags,
        summary: 'My points this month, my rank in my team and my recent records (a volunteer)',
        response: { 200: volunteerMyPoints },
      },
    },
    async (request) => activities.myPoints(requireUser(request)),
  );
  app.get(
    '/api/volunteers/members/:id/certificate.pdf',
    {
      schema: {
        tags,
        summary: 'The member’s recognition certificate (荣誉证书) for a month or year, as a PDF (audited)',
        params: volunteerCertificateParams,
        querystring: volunteerCertificateQuery,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const { fileName, pdf } = await activities.certificatePdf(
        requireUser(request),
        request.params.id,
        request.query.period,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${fileName}"`)
        .send(pdf);
    },
  );
}
