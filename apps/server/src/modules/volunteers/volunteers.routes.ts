import {
  volunteerConsentBody,
  volunteerDutyBody,
  volunteerImportBody,
  volunteerImportResult,
  volunteerJoinBody,
  volunteerJoinDecisionBody,
  volunteerJoinRequest,
  volunteerJoinRequestList,
  volunteerJoinRequestParams,
  volunteerJoinRequestQuery,
  volunteerMemberCreateBody,
  volunteerMemberDetail,
  volunteerMemberList,
  volunteerMemberListQuery,
  volunteerMemberParams,
  volunteerMemberPatchBody,
  volunteerPositionBody,
  volunteerPositionResult,
  volunteerRevealBody,
  volunteerRevealed,
  volunteerStats,
  volunteerStatsQuery,
  volunteerTeam,
  volunteerTeamCreateBody,
  volunteerTeamList,
  volunteerTeamParams,
  volunteerTeamPatchBody,
  volunteerTemplateQuery,
} from '@ronghui/contracts';
import { requireRole, requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import { importTemplate } from './volunteer-import.ts';
import { type VolunteersService, WRITE_ROLES } from './volunteers.service.ts';

const tags = ['volunteers'];

export function registerVolunteersRoutes(app: App, volunteers: VolunteersService) {
  app.get(
    '/api/volunteers/teams',
    {
      schema: {
        tags,
        summary: 'Volunteer teams (群防群治) in your scope; a volunteer sees their own',
        response: { 200: volunteerTeamList },
      },
    },
    async (request) => volunteers.listTeams(requireUser(request)),
  );
  app.post(
    '/api/volunteers/teams',
    { schema: { tags, body: volunteerTeamCreateBody, response: { 201: volunteerTeam } } },
    async (request, reply) =>
      reply.status(201).send(await volunteers.createTeam(requireUser(request), request.body)),
  );
  app.get(
    '/api/volunteers/teams/:id',
    { schema: { tags, params: volunteerTeamParams, response: { 200: volunteerTeam } } },
    async (request) => volunteers.getTeam(requireUser(request), request.params.id),
  );
  app.patch(
    '/api/volunteers/teams/:id',
    {
      schema: {
        tags,
        params: volunteerTeamParams,
        body: volunteerTeamPatchBody,
        response: { 200: volunteerTeam },
      },
    },
    async (request) => volunteers.updateTeam(requireUser(request), request.params.id, request.body),
  );
  app.get(
    '/api/volunteers/members',
    {
      schema: {
        tags,
        summary: 'Members (masked) by team, skill, duty or an exact name/phone; a volunteer sees themself',
        querystring: volunteerMemberListQuery,
        response: { 200: volunteerMemberList },
      },
    },
    async (request) => volunteers.listMembers(requireUser(request), request.query),
  );
  app.post(
    '/api/volunteers/members',
    { schema: { tags, body: volunteerMemberCreateBody, response: { 201: volunteerMemberDetail } } },
    async (request, reply) =>
      reply.status(201).send(await volunteers.createMember(requireUser(request), request.body)),
  );
  app.get(
    '/api/volunteers/members/:id',
    { schema: { tags, params: volunteerMemberParams, response: { 200: volunteerMemberDetail } } },
    async (request) => volunteers.getMember(requireUser(request), request.params.id),
  );
  app.patch(
    '/api/volunteers/members/:id',
    {
      schema: {
        tags,
        params: volunteerMemberParams,
        body: volunteerMemberPatchBody,
        response: { 200: volunteerMemberDetail },
      },
    },
    async (request) => volunteers.updateMember(requireUser(request), request.params.id, request.body),
  );
  app.post(
    '/api/volunteers/members/:id/reveal',
    {
      schema: {
        tags,
        summary: "A volunteer's full name, phone or ID number, with a stated reason (audited)",
        params: volunteerMemberParams,
        body: volunteerRevealBody,
        response: { 200: volunteerRevealed },
      },
    },
    async (request) => volunteers.reveal(requireUser(request), request.params.id, request.body),
  );
  app.get(
    '/api/volunteers/me',
    { schema: { tags, summary: 'The volunteer’s own record', response: { 200: volunteerMemberDetail } } },
    async (request) => volunteers.getMe(requireUser(request)),
  );
  app.put(
    '/api/volunteers/me/duty',
    {
      schema: {
        tags,
        summary: 'Go on or off duty (a duty period opens or closes)',
        body: volunteerDutyBody,
        response: { 200: volunteerMemberDetail },
      },
    },
    async (request) => volunteers.setDuty(requireUser(request), request.body),
  );
  app.put(
    '/api/volunteers/me/consent',
    {
      schema: {
        tags,
        summary: 'Give or withdraw consent to location sharing (withdrawing deletes the stored position)',
        body: volunteerConsentBody,
        response: { 200: volunteerMemberDetail },
      },
    },
    async (request) => volunteers.setConsent(requireUser(request), request.body),
  );
  app.put(
    '/api/volunteers/me/position',
    {
      schema: {
        tags,
        summary: 'Report the latest position: stored only with consent and on duty (409 otherwise)',
        body: volunteerPositionBody,
        response: { 200: volunteerPositionResult },
      },
    },
    async (request) => volunteers.reportPosition(requireUser(request), request.body),
  );
  app.get(
    '/api/volunteers/join-requests',
    {
      schema: {
        tags,
        summary: 'Requests to join teams in your scope (an applicant: their own)',
        querystring: volunteerJoinRequestQuery,
        response: { 200: volunteerJoinRequestList },
      },
    },
    async (request) => volunteers.listJoinRequests(requireUser(request), request.query),
  );
  app.post(
    '/api/volunteers/join-requests',
    {
      schema: {
        tags,
        summary: 'Apply to join a team',
        body: volunteerJoinBody,
        response: { 201: volunteerJoinRequest },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await volunteers.requestJoin(requireUser(request), request.body)),
  );
  app.post(
    '/api/volunteers/join-requests/:id/decision',
    {
      schema: {
        tags,
        summary: 'Approve (the applicant becomes a member) or reject with a reason',
        params: volunteerJoinRequestParams,
        body: volunteerJoinDecisionBody,
        response: { 200: volunteerJoinRequest },
      },
    },
    async (request) => volunteers.decideJoinRequest(requireUser(request), request.params.id, request.body),
  );
  app.post(
    '/api/volunteers/import',
    {
      bodyLimit: 20 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Import members from XLSX or CSV into a team; bad rows are reported by line and field',
        body: volunteerImportBody,
        response: { 200: volunteerImportResult },
      },
    },
    async (request) => volunteers.importMembers(requireUser(request), request.body),
  );
  app.get(
    '/api/volunteers/import-template',
    {
      schema: {
        tags,
        summary: 'The import template (XLSX or CSV)',
        querystring: volunteerTemplateQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
      },
    },
    async (request, reply) => {
      requireRole(requireUser(request), WRITE_ROLES, 'Importing volunteers');
      const format = request.query.format;
      const body = await importTemplate(format);
      return reply
        .type(
          format === 'csv'
            ? 'text/csv; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        )
        .header('content-disposition', `attachment; filename="volunteers-template.${format}"`)
        .send(body);
    },
  );
  app.get(
    '/api/volunteers/stats',
    {
      schema: {
        tags,
        summary: 'Members, teams, on duty now, by skill and by team, in your scope',
        querystring: volunteerStatsQuery,
        response: { 200: volunteerStats },
      },
    },
    async (request) => volunteers.stats(requireUser(request), request.query),
  );
}
