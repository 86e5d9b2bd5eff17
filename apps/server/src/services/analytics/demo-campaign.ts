// Demonstration data for the dashboards (administrators only): imports one of the two reference templates under a
// code of its own ("demo-<template>"), publishes it and fills it with F's demo filler (generated Vietnamese text,
// figures with statuses, a realistic mix of workflow states with events). Calling it again fills what is still
// empty and never overwrites: the same seed gives the same data. Real campaigns are never touched.

import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { parse } from "yaml";
import type { DemoCampaignRequest, DemoCampaignResultDto } from "@tonghop/contracts";
import type { Container } from "../../app/container.js";
import { requireRole, systemContext, type RequestContext } from "../../auth/actor.js";
import { campaigns } from "../../db/schema/index.js";
import { fillCampaign } from "../../demo/fill-campaign.js";
import { badRequest } from "../../http/errors.js";
import { TEMPLATES_DIR } from "../../paths.js";

export const DEMO_PREFIX = "demo-";

export async function createDemoCampaign(container: Container, ctx: RequestContext, body: DemoCampaignRequest): Promise<DemoCampaignResultDto> {
  const actor = requireRole(ctx, ["admin"], "Chỉ quản trị viên được tạo dữ liệu mẫu.");
  const code = `${DEMO_PREFIX}${body.template}`;
  // The work is done in the name of the system (the coordinator's set-up steps), labelled with the administrator.
  const sys = systemContext(ctx.now, `demo:${actor.username}`);
  let [existing] = await container.db.select({ id: campaigns.id, status: campaigns.status }).from(campaigns).where(eq(campaigns.code, code)).limit(1);
  let created = false;
  if (!existing) {
    let text: string;
    try {
      text = readFileSync(path.join(TEMPLATES_DIR, `${body.template}.yaml`), "utf8");
    } catch {
      throw badRequest(`Không tìm thấy mẫu ${body.template}.yaml trong thư mục templates.`, { field: "template" });
    }
    const parsed = parse(text) as { name?: unknown } | null;
    const name = typeof parsed?.name === "string" ? `${parsed.name} (dữ liệu mẫu)` : undefined;
    const result = await container.services.campaigns.importTemplate(sys, { text, code, ...(name ? { name } : {}) });
    existing = { id: result.campaignId!, status: "draft" };
    created = true;
  }
  if (existing.status === "draft") await container.services.campaigns.publish(sys, existing.id);
  const fill = await fillCampaign(container, existing.id, {
    seed: body.seed ?? 2024,
    fraction: body.fraction ?? 0.85,
    accept: body.accept ?? false,
    now: ctx.now,
  });
  return { campaignId: existing.id, code, created, values: fill.values, filled: fill.filled };
}
