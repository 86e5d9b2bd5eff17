import type { CampaignTemplate, CopyCampaignRequest } from "@tonghop/contracts";
import { addDays, daysBetween, formatVnDate, parseDeadline, VnDateError } from "@tonghop/domain";
import type { RequestContext } from "../../auth/actor.js";
import { conflict, notFound } from "../../http/errors.js";
import { analyseTemplate, NO_LOCATION } from "./analyse-template.js";
import { assertCoordinatorOf } from "./campaign-access.js";
import type { CampaignDeps } from "./campaign-deps.js";
import { templateOf } from "./export-template.js";
import { suggestCode, TemplateImportError, writeCampaign } from "./import-template.js";

/** Rewrites a milestone's wording for its new due date when the wording is a plain deadline ("trước ngày …"). */
function shiftWording(wording: string | undefined, oldDue: string, newDue: string): string | undefined {
  if (!wording) return wording;
  try {
    const d = parseDeadline(wording);
    if (d.kind === "date" && d.due === oldDue) {
      const old = formatVnDate(oldDue);
      if (wording.includes(old)) return wording.replace(old, formatVnDate(newDue));
    }
  } catch (e) {
    if (!(e instanceof VnDateError)) throw e;
  }
  return wording;
}

/**
 * Starts the next campaign from an existing one: same structure (outline, assignments of agencies, appendices,
 * rows, milestones), new code, name and reference date. Milestones move by the same number of days as the
 * reference date unless given; agency names are checked again as of the new date (a merged agency is an error
 * naming its successor). Figures are not copied — they belong to the indicators and serve every campaign.
 */
export async function copyCampaign(deps: CampaignDeps, ctx: RequestContext, sourceId: string, input: CopyCampaignRequest): Promise<{ campaignId: string }> {
  return deps.db.transaction(async (tx) => {
    const source = await deps.repo.findById(tx, sourceId);
    if (!source) throw notFound("đợt tổng hợp");
    const dir = await deps.agencies.directory(tx);
    assertCoordinatorOf(dir, ctx, source.coordinatorAgencyId, "sao chép đợt tổng hợp này");
    const taken = await deps.repo.findByCode(tx, input.code);
    if (taken) {
      throw conflict(`Mã đợt "${input.code}" đã được dùng cho đợt "${taken.name}". Chọn mã khác, ví dụ "${await suggestCode(deps.repo, tx, input.code)}".`, { field: "code" });
    }
    const { template } = await templateOf(deps, tx, sourceId);
    const shift = daysBetween(template.referenceDate, input.referenceDate);
    const given = new Map((input.milestones ?? []).map((m) => [m.code, m]));
    const next: CampaignTemplate = {
      ...template,
      code: input.code,
      name: input.name,
      referenceDate: input.referenceDate,
      milestones: template.milestones.map((m) => {
        const g = given.get(m.code);
        const due = g?.due ?? addDays(m.due, shift);
        const wording = g?.wording ?? shiftWording(m.wording, m.due, due);
        return { ...m, due, ...(wording ? { wording } : {}) };
      }),
    };
    // Contributions keep the due date of the milestone that covers them, else move like the milestones.
    const contributions = template.requirements.contributions?.map((c) => {
      if (!c.due) return c;
      const m = next.milestones.find((ms) => ms.scope.kind === "contributions" && ms.scope.codes.includes(c.code));
      return { ...c, due: m?.due ?? addDays(c.due, shift) };
    });
    if (contributions) next.requirements = { ...template.requirements, contributions };
    for (const code of given.keys()) {
      if (!template.milestones.some((m) => m.code === code)) throw conflict(`Đợt gốc không có mốc ${code}.`, { field: "milestones" });
    }
    const indicatorRows = await deps.repo.indicatorsByCodes(tx, next.indicators.map((i) => i.code));
    const result = analyseTemplate(next, NO_LOCATION, {
      directory: dir,
      catalogue: new Map(indicatorRows.map((r) => [r.code, r])),
      catalogueExpressions: await deps.repo.computedExpressions(tx),
    });
    if (!result.ok) throw new TemplateImportError(result.problems);
    const campaignId = await writeCampaign(deps, tx, ctx, result.analysis, {
      code: input.code,
      name: input.name,
      copiedFromId: sourceId,
      auditAction: "campaign.copy",
      auditSummary: `Sao chép đợt "${source.name}" thành đợt mới "${input.name}" (${input.code}), ngày tham chiếu ${formatVnDate(input.referenceDate)}`,
    });
    return { campaignId };
  });
}
