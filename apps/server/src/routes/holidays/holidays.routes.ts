import { holidayEntrySchema, holidayYearQuerySchema, holidayYearSchema, idParamsSchema, okSchema, saveHolidayRequestSchema } from "@tonghop/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

/** The holiday calendar: everyone reads it (deadlines, working days); administrators edit it. */
export const holidaysRoutes: FastifyPluginAsyncZod = async (app) => {
  const { holidays } = app.container.services;
  const tags = ["Lịch nghỉ lễ"];
  const anyone = { access: "authenticated" as const };
  const admin = { access: ["admin"] as const };

  app.get(
    "/holidays",
    { config: anyone, schema: { tags, summary: "Lịch nghỉ lễ, ngày làm bù của một năm (dữ liệu có sẵn và phần quản trị sửa)", querystring: holidayYearQuerySchema, response: { 200: holidayYearSchema } } },
    async (request) => holidays.year(request.query.year),
  );
  app.put(
    "/holidays",
    { config: admin, schema: { tags, summary: "Thêm hoặc sửa một ngày nghỉ / ngày làm việc", body: saveHolidayRequestSchema, response: { 200: holidayEntrySchema } } },
    async (request) => holidays.save(request.ctx(), request.body),
  );
  app.delete(
    "/holidays/:id",
    { config: admin, schema: { tags, summary: "Bỏ một ngày đã sửa (trở lại theo dữ liệu có sẵn)", params: idParamsSchema, response: { 200: okSchema } } },
    async (request) => {
      await holidays.remove(request.ctx(), request.params.id);
      return { ok: true as const };
    },
  );
};
