import { toVnPlainDate } from "@tonghop/domain";
import { hasRole, type RequestContext } from "../../auth/actor.js";
import { forbidden } from "../../http/errors.js";
import type { Directory } from "../agencies/directory.js";

/** Roles that set campaigns up (import, edit, publish, copy). */
export const COORDINATOR_ROLES = ["coordinator", "coordinator_leader"] as const;

/**
 * Whether the actor speaks for the coordinator agency: its own agency, or the agency that carries on its work
 * today (Sở Tài chính after Sở Kế hoạch và Đầu tư was merged into it). System contexts (seed, CLI) have no actor
 * and may act.
 */
export function isCoordinatorOf(dir: Directory, ctx: RequestContext, coordinatorAgencyId: string): boolean {
  const actor = ctx.actor;
  if (!actor) return true;
  if (!hasRole(actor, ...COORDINATOR_ROLES)) return false;
  if (actor.agencyId === coordinatorAgencyId) return true;
  return dir.activeSuccessorsOn(coordinatorAgencyId, toVnPlainDate(ctx.now)).includes(actor.agencyId);
}

/** Refuses unless the actor is a coordinator (officer or leader) of the campaign's coordinator agency. */
export function assertCoordinatorOf(dir: Directory, ctx: RequestContext, coordinatorAgencyId: string, what = "thiết lập đợt tổng hợp này"): void {
  if (!isCoordinatorOf(dir, ctx, coordinatorAgencyId)) {
    throw forbidden(`Chỉ chuyên viên, lãnh đạo của ${dir.displayName(coordinatorAgencyId, toVnPlainDate(ctx.now))} (cơ quan tổng hợp) được ${what}.`);
  }
}

/** Sees every campaign (drafts included). */
export function seesAllCampaigns(ctx: RequestContext): boolean {
  return ctx.actor === null || hasRole(ctx.actor, "admin", ...COORDINATOR_ROLES);
}
