import { idParamsSchema, reminderLogQuerySchema, reminderLogSchema, reminderScheduleParamsSchema, reminderSchedulesSchema, saveReminderScheduleSchema } from "@tonghop/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

/**
 * Reminder schedules of a campaign (default and per milestone) and the reminders that went out. Coordinators of the
 * campaign and administrators; the service checks the campaign's coordinator agency.
 */
export const remindersRoutes: FastifyPluginAsyncZod = async (app) => {
  const { reminders } = app.container.services;
  const tags = ["Nhắc hạn"];
  const staff = { access: ["admin", "coordinator", "coordinator_leader"] as const };

  app.get(
    "/campaigns/:id/reminders/schedules",
    { config: staff, schema: { tags, summary: "Lịch nhắc hạn của đợt và từng mốc, các bước dự kiến", params: idParamsSchema, response: { 200: reminderSchedulesSchema } } },
    async (request) => reminders.schedules(request.ctx(), request.params.id),
  );
  app.put(
    "/campaigns/:id/reminders/schedules/:milestone",
    {
      config: staff,
      schema: { tags, summary: "Sửa lịch nhắc (mac-dinh: lịch mặc định của đợt)", params: reminderScheduleParamsSchema, body: saveReminderScheduleSchema, response: { 200: reminderSchedulesSchema } },
    },
    async (request) => {
      const m = request.params.milestone;
      return reminders.saveSchedule(request.ctx(), request.params.id, m === "mac-dinh" ? null : m, request.body);
    },
  );
  app.delete(
    "/campaigns/:id/reminders/schedules/:milestone",
    { config: staff, schema: { tags, summary: "Mốc dùng lại lịch mặc định của đợt", params: reminderScheduleParamsSchema, response: { 200: reminderSchedulesSchema } } },
    async (request) => {
      const m = request.params.milestone;
      if (m === "mac-dinh") return reminders.schedules(request.ctx(), request.params.id);
      return reminders.resetSchedule(request.ctx(), request.params.id, m);
    },
  );
  app.get(
    "/campaigns/:id/reminders/log",
    { config: staff, schema: { tags, summary: "Các lần nhắc đã gửi; đơn vị cần công văn đôn đốc", params: idParamsSchema, querystring: reminderLogQuerySchema, response: { 200: reminderLogSchema } } },
    async (request) => reminders.log(request.ctx(), request.params.id, request.query),
  );
};
