import {
  disputeAgreementBody,
  disputeCreateBody,
  disputeDetail,
  disputeFollowUpBody,
  disputeList,
  disputeListQuery,
  disputeMeetingBody,
  disputeParams,
  disputeRevealBody,
  disputeRevealed,
  disputeStats,
  disputeStatsQuery,
  disputeStatusBody,
} from '@ronghui/contracts';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { DisputesService } from './disputes.service.ts';

const tags = ['disputes'];

export function registerDisputesRoutes(app: App, disputes: DisputesService) {
  app.post(
    '/api/disputes',
    {
      schema: {
        tags,
        summary: 'Register a dispute (矛盾纠纷登记)',
        body: disputeCreateBody,
        response: { 201: disputeDetail },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await disputes.create(requireUser(request), request.body)),
  );
  app.get(
    '/api/disputes',
    { schema: { tags, querystring: disputeListQuery, response: { 200: disputeList } } },
    async (request) => disputes.list(requireUser(request), request.query),
  );
  app.get(
    '/api/disputes/stats',
    {
      schema: {
        tags,
        summary: 'Counts by risk, kind and status with the success and on-time rates, in your scope',
        querystring: disputeStatsQuery,
        response: { 200: disputeStats },
      },
    },
    async (request) => disputes.stats(requireUser(request), request.query),
  );
  app.get(
    '/api/disputes/:id',
    { schema: { tags, params: disputeParams, response: { 200: disputeDetail } } },
    async (request) => disputes.get(requireUser(request), request.params.id),
  );
  app.post(
    '/api/disputes/:id/status',
    { schema: { tags, params: disputeParams, body: disputeStatusBody, response: { 200: disputeDetail } } },
    async (request) => disputes.changeStatus(requireUser(request), request.params.id, request.body),
  );
  app.post(
    '/api/disputes/:id/meetings',
    {
      schema: {
        tags,
        summary: 'Record a mediation meeting (the first one starts mediation)',
        params: disputeParams,
        body: disputeMeetingBody,
        response: { 201: disputeDetail },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await disputes.addMeeting(requireUser(request), request.params.id, request.body)),
  );
  app.put(
    '/api/disputes/:id/agreement',
    {
      schema: {
        tags,
        summary: 'Record the signed mediation agreement (调解协议书): the dispute is settled',
        params: disputeParams,
        body: disputeAgreementBody,
        response: { 200: disputeDetail },
      },
    },
    async (request) => disputes.recordAgreement(requireUser(request), request.params.id, request.body),
  );
  app.get(
    '/api/disputes/:id/agreement.pdf',
    {
      schema: {
        tags,
        summary: 'The agreement as a PDF (names the parties in full; every read is audited)',
        params: disputeParams,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const { number, pdf } = await disputes.agreementPdf(requireUser(request), request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${number}.pdf"`)
        .send(pdf);
    },
  );
  app.post(
    '/api/disputes/:id/follow-ups',
    {
      schema: {
        tags,
        summary: 'Record a follow-up visit (回访)',
        params: disputeParams,
        body: disputeFollowUpBody,
        response: { 201: disputeDetail },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await disputes.followUp(requireUser(request), request.params.id, request.body)),
  );
  app.post(
    '/api/disputes/:id/reveal',
    {
      schema: {
        tags,
        summary: "A party's full name, phone or ID number, with a stated reason (audited)",
        params: disputeParams,
        body: disputeRevealBody,
        response: { 200: disputeRevealed },
      },
    },
    async (request) => disputes.reveal(requireUser(request), request.params.id, request.body),
  );
}
