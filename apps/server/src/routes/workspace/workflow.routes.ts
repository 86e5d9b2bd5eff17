import {
  assignmentProgressSchema,
  assignmentWorkflowSchema,
  progressQuerySchema,
  sendAllPreviewSchema,
  sendAllRequestSchema,
  sendAllResultSchema,
  uuidSchema,
  workflowRequestSchema,
} from "@tonghop/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

const assignmentParams = z.strictObject({ assignmentId: uuidSchema });
const campaignParams = z.strictObject({ campaignId: uuidSchema });

/**
 * The submission workflow. Reading: any signed-in user (the service checks the assignment). Steps: agency officers
 * and leaders (submit, return internally, send, declare) and the campaign's coordinators (accept, return, reopen);
 * viewers are refused at the gate. "Gửi tất cả": agency leaders.
 */
export const workflowRoutes: FastifyPluginAsyncZod = async (app) => {
  const { workflow } = app.container.services;
  const tags = ["Trình, gửi, tiếp nhận"];
  const anyone = { access: "authenticated" as const };
  const actors = { access: ["officer", "leader", "coordinator", "coordinator_leader"] as const };
  const leaders = { access: ["leader"] as const };

  app.get(
    "/workspace/workflow/:assignmentId",
    {
      config: anyone,
      schema: { tags, summary: "Trạng thái nhiệm vụ, hạn, lịch sử và các thao tác người dùng được làm", params: assignmentParams, response: { 200: assignmentWorkflowSchema } },
    },
    async (request) => workflow.get(request.ctx(), request.params.assignmentId),
  );

  app.post(
    "/workspace/workflow/:assignmentId",
    {
      config: actors,
      schema: {
        tags,
        summary: "Chuyển trạng thái: submit | return-internal | send | declare | undeclare | accept | return | reopen (lý do bắt buộc khi trả lại, mở lại, khai báo)",
        params: assignmentParams,
        body: workflowRequestSchema,
        response: { 200: assignmentWorkflowSchema },
      },
    },
    async (request) => workflow.transition(request.ctx(), request.params.assignmentId, request.body),
  );

  app.get(
    "/workspace/progress",
    {
      config: anyone,
      schema: {
        tags,
        summary: "Việc của đơn vị: phần đã làm, phần còn thiếu, số ngày làm việc còn lại của từng nhiệm vụ",
        querystring: progressQuerySchema,
        response: { 200: z.array(assignmentProgressSchema) },
      },
    },
    async (request) => workflow.progress(request.ctx(), request.query.campaignId),
  );

  app.get(
    "/workspace/workflow/campaigns/:campaignId/send-all",
    {
      config: leaders,
      schema: { tags, summary: "Gửi tất cả: xem trước những nhiệm vụ sẽ gửi và những nhiệm vụ còn vướng", params: campaignParams, response: { 200: sendAllPreviewSchema } },
    },
    async (request) => workflow.sendAllPreview(request.ctx(), request.params.campaignId),
  );

  app.post(
    "/workspace/workflow/campaigns/:campaignId/send-all",
    {
      config: leaders,
      schema: {
        tags,
        summary: "Gửi tất cả nhiệm vụ của đơn vị trong đợt (một giao dịch: nếu còn nhiệm vụ vướng thì không gửi gì và liệt kê)",
        params: campaignParams,
        body: sendAllRequestSchema,
        response: { 200: sendAllResultSchema },
      },
    },
    async (request) => workflow.sendAll(request.ctx(), request.params.campaignId, request.body.agencyId),
  );
};
