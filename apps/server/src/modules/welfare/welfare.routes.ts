import {
  welfareCampaign,
  welfareCampaignBody,
  welfareCampaignList,
  welfareCampaignQuery,
  welfareCheckParams,
  welfareCheckRevealBody,
  welfareCondolence,
  welfareCondolenceBody,
  welfareCondolenceList,
  welfareCondolenceQuery,
  welfareHealthCheck,
  welfareHealthCheckBody,
  welfareHealthCheckList,
  welfareHealthCheckQuery,
  welfareIdParams,
  welfareInjury,
  welfareInjuryBody,
  welfareInjuryList,
  welfareInjuryQuery,
  welfareReminderList,
  welfareRevealBody,
  welfareRevealed,
  welfareSchooling,
  welfareSchoolingBody,
  welfareSchoolingList,
  welfareSchoolingQuery,
  welfareSchoolingStep,
  welfareStaff,
  welfareStaffBody,
  welfareStaffList,
  welfareStaffPatch,
  welfareStaffQuery,
  welfareStats,
  welfareStatsQuery,
} from '@ronghui/contracts';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { WelfareService } from './welfare.service.ts';

const tags = ['welfare'];

/** 爱警暖警: every route is for the staff office and leadership only (READ_ACCESS.welfare). */
export function registerWelfareRoutes(app: App, welfare: WelfareService) {
  app.get(
    '/api/welfare/staff',
    { schema: { tags, querystring: welfareStaffQuery, response: { 200: welfareStaffList } } },
    async (request) => welfare.listStaff(requireUser(request), request.query),
  );
  app.post(
    '/api/welfare/staff',
    {
      schema: {
        tags,
        summary: 'Record an officer, auxiliary or civilian member of staff',
        body: welfareStaffBody,
        response: { 201: welfareStaff },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await welfare.createStaff(requireUser(request), request.body)),
  );
  app.get(
    '/api/welfare/staff/:id',
    { schema: { tags, params: welfareIdParams, response: { 200: welfareStaff } } },
    async (request) => welfare.getStaff(requireUser(request), request.params.id),
  );
  app.patch(
    '/api/welfare/staff/:id',
    { schema: { tags, params: welfareIdParams, body: welfareStaffPatch, response: { 200: welfareStaff } } },
    async (request) => welfare.patchStaff(requireUser(request), request.params.id, request.body),
  );
  app.post(
    '/api/welfare/staff/:id/reveal',
    {
      schema: {
        tags,
        summary: 'Show a name, phone, the family or the health notes in full, with a reason (audited)',
        params: welfareIdParams,
        body: welfareRevealBody,
        response: { 200: welfareRevealed },
      },
    },
    async (request) => welfare.revealStaff(requireUser(request), request.params.id, request.body),
  );
  app.get(
    '/api/welfare/injuries',
    { schema: { tags, querystring: welfareInjuryQuery, response: { 200: welfareInjuryList } } },
    async (request) => welfare.listInjuries(requireUser(request), request.query),
  );
  app.post(
    '/api/welfare/injuries',
    {
      schema: {
        tags,
        summary: 'Record an injury or illness that calls for a condolence visit',
        body: welfareInjuryBody,
        response: { 201: welfareInjury },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await welfare.createInjury(requireUser(request), request.body)),
  );
  app.get(
    '/api/welfare/condolences',
    { schema: { tags, querystring: welfareCondolenceQuery, response: { 200: welfareCondolenceList } } },
    async (request) => welfare.listCondolences(requireUser(request), request.query),
  );
  app.post(
    '/api/welfare/condolences',
    {
      schema: {
        tags,
        summary: 'Record a condolence visit (daily injury or illness, holiday, or major security operation)',
        body: welfareCondolenceBody,
        response: { 201: welfareCondolence },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await welfare.createCondolence(requireUser(request), request.body)),
  );
  app.get(
    '/api/welfare/campaigns',
    { schema: { tags, querystring: welfareCampaignQuery, response: { 200: welfareCampaignList } } },
    async (request) => welfare.listCampaigns(requireUser(request), request.query),
  );
  app.post(
    '/api/welfare/campaigns',
    {
      schema: {
        tags,
        summary: 'Plan a health-check campaign for the given staff (or every active member of some kinds)',
        body: welfareCampaignBody,
        response: { 201: welfareCampaign },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await welfare.createCampaign(requireUser(request), request.body)),
  );
  app.get(
    '/api/welfare/campaigns/:id/checks',
    {
      schema: {
        tags,
        params: welfareIdParams,
        querystring: welfareHealthCheckQuery,
        response: { 200: welfareHealthCheckList },
      },
    },
    async (request) => welfare.listChecks(requireUser(request), request.params.id, request.query),
  );
  app.post(
    '/api/welfare/campaigns/:id/checks/:staffId',
    {
      schema: {
        tags,
        summary: "Mark one person's health check done (the result is stored sealed)",
        params: welfareCheckParams,
        body: welfareHealthCheckBody,
        response: { 200: welfareHealthCheck },
      },
    },
    async (request) =>
      welfare.markCheckDone(requireUser(request), request.params.id, request.params.staffId, request.body),
  );
  app.post(
    '/api/welfare/campaigns/:id/checks/:staffId/reveal',
    {
      schema: {
        tags,
        summary: "Show a health check's result, with a reason (audited)",
        params: welfareCheckParams,
        body: welfareCheckRevealBody,
        response: { 200: welfareRevealed },
      },
    },
    async (request) =>
      welfare.revealCheck(requireUser(request), request.params.id, request.params.staffId, request.body),
  );
  app.get(
    '/api/welfare/schooling',
    { schema: { tags, querystring: welfareSchoolingQuery, response: { 200: welfareSchoolingList } } },
    async (request) => welfare.listSchooling(requireUser(request), request.query),
  );
  app.post(
    '/api/welfare/schooling',
    {
      schema: {
        tags,
        summary: "Open a schooling case for an officer's child",
        body: welfareSchoolingBody,
        response: { 201: welfareSchooling },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await welfare.createSchooling(requireUser(request), request.body)),
  );
  app.post(
    '/api/welfare/schooling/:id/steps',
    {
      schema: {
        tags,
        summary: 'Arrange or settle a schooling case (requested → arranged → done)',
        params: welfareIdParams,
        body: welfareSchoolingStep,
        response: { 200: welfareSchooling },
      },
    },
    async (request) => welfare.stepSchooling(requireUser(request), request.params.id, request.body),
  );
  app.get(
    '/api/welfare/reminders',
    {
      schema: {
        tags,
        summary:
          'Health checks overdue or due within 30 days, open schooling cases, coming holidays, unvisited injuries',
        response: { 200: welfareReminderList },
      },
    },
    async (request) => welfare.reminders(requireUser(request)),
  );
  app.get(
    '/api/welfare/stats',
    {
      schema: {
        tags,
        summary: "The year's condolence visits, health checks and schooling cases, counted from the records",
        querystring: welfareStatsQuery,
        response: { 200: welfareStats },
      },
    },
    async (request) => welfare.stats(requireUser(request), request.query.year),
  );
}
