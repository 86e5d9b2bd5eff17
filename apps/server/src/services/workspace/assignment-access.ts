/**
 * Who may see and change an assignment's content (shared by the figures workspace — D1 — and the
 * narrative/workflow workspace — D2).
 *
 *   edit    an agency officer or leader of the assignment's own agency, while the campaign is published
 *           and the assignment is `draft` or `returned`; the agency leader also while it is `submitted`
 *           (Trình lãnh đạo: the leader may correct before sending). `sent` and `accepted` are locked.
 *   view    the agency's own officers and leaders; the coordinator roles (coordinator, coordinator_leader)
 *           of the campaign's coordinator agency; viewers (city leadership). Only published or closed
 *           campaigns: a draft campaign has no workspace.
 *   review  coordinator actions (accept, return, reopen): the coordinator roles of the campaign's
 *           coordinator agency.
 * Coordinators and viewers never edit agency content. Everyone else gets 403 with a Vietnamese message.
 *
 * Use `loadAssignmentForEdit(tx, ctx, id, { lock: true })` inside the transaction that writes, so that a
 * concurrent workflow step (e.g. the leader sending) cannot interleave with the write: the assignment row is
 * locked `FOR UPDATE` until the transaction ends.
 */
import { eq } from "drizzle-orm";
import type { Role } from "@tonghop/contracts";
import { toVnPlainDate } from "@tonghop/domain";
import { requireActor, type Actor, type RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import { assignments, campaigns } from "../../db/schema/index.js";
import { AppError, notFound } from "../../http/errors.js";
import { AgenciesRepository } from "../../repositories/agencies.repository.js";
import { Directory } from "../agencies/directory.js";

export { ASSIGNMENT_STATES, ASSIGNMENT_STATE_LABELS, type AssignmentState } from "@tonghop/contracts";

export type AssignmentRow = typeof assignments.$inferSelect;

/** The campaign facts that access decisions need. */
export interface AssignmentCampaign {
  id: string;
  code: string;
  name: string;
  /** draft | published | closed */
  status: string;
  coordinatorAgencyId: string;
  coordinatorName: string;
  /**
   * The agencies that speak for the coordinator today: its own agency, or the agency that carries on its work
   * after a merger (Sở Tài chính after Sở Kế hoạch và Đầu tư). Filled by the loaders; absent = just the agency.
   */
  coordinatorAgencyIds?: readonly string[];
}

/** An assignment with its campaign, as returned by the loaders below. */
export interface LoadedAssignment extends AssignmentRow {
  campaign: AssignmentCampaign;
}

/** The minimum an access check reads (so callers holding a partial row can check too). */
export interface AssignmentAccessFacts {
  agencyId: string;
  state: string;
  campaign: Pick<AssignmentCampaign, "status" | "coordinatorAgencyId" | "coordinatorAgencyIds">;
}

const AGENCY_ROLES: readonly Role[] = ["officer", "leader"];
const COORDINATOR_ROLES: readonly Role[] = ["coordinator", "coordinator_leader"];

const has = (actor: Actor, roles: readonly Role[]) => roles.some((r) => actor.roles.includes(r));

/** An officer or leader of the assignment's own agency. */
export function isOwnAgency(actor: Actor, a: Pick<AssignmentAccessFacts, "agencyId">): boolean {
  return actor.agencyId === a.agencyId && has(actor, AGENCY_ROLES);
}

export function isAgencyLeader(actor: Actor, a: Pick<AssignmentAccessFacts, "agencyId">): boolean {
  return actor.agencyId === a.agencyId && actor.roles.includes("leader");
}

/** A coordinator officer or leader of the campaign's coordinator agency. */
export function isCampaignCoordinator(actor: Actor, campaign: Pick<AssignmentCampaign, "coordinatorAgencyId" | "coordinatorAgencyIds">): boolean {
  if (!has(actor, COORDINATOR_ROLES)) return false;
  return actor.agencyId === campaign.coordinatorAgencyId || (campaign.coordinatorAgencyIds ?? []).includes(actor.agencyId);
}

export function isViewer(actor: Actor): boolean {
  return actor.roles.includes("viewer");
}

/** Why `actor` may not view the assignment, or null when it may. */
export function viewRefusal(actor: Actor, a: AssignmentAccessFacts): string | null {
  if (a.campaign.status === "draft") return "Đợt tổng hợp chưa được ban hành.";
  if (isOwnAgency(actor, a) || isCampaignCoordinator(actor, a.campaign) || isViewer(actor)) return null;
  if (has(actor, COORDINATOR_ROLES)) return "Bạn không thuộc cơ quan tổng hợp của đợt này nên không xem được nhiệm vụ của đơn vị.";
  if (has(actor, AGENCY_ROLES)) return "Nhiệm vụ này thuộc đơn vị khác; bạn chỉ được xem nhiệm vụ của đơn vị mình.";
  return "Bạn không có quyền xem nhiệm vụ này.";
}

/** Why `actor` may not edit the assignment's content, or null when it may. */
export function editRefusal(actor: Actor, a: AssignmentAccessFacts): string | null {
  if (a.campaign.status === "draft") return "Đợt tổng hợp chưa được ban hành.";
  if (!isOwnAgency(actor, a)) {
    if (actor.agencyId === a.agencyId) return "Tài khoản của bạn chỉ được xem, không được sửa nội dung của đơn vị.";
    if (isCampaignCoordinator(actor, a.campaign)) return "Cơ quan tổng hợp chỉ xem và tiếp nhận/trả lại, không sửa nội dung của đơn vị.";
    if (isViewer(actor)) return "Tài khoản chỉ xem không được sửa nội dung.";
    if (has(actor, AGENCY_ROLES)) return "Nhiệm vụ này thuộc đơn vị khác; bạn chỉ được sửa nhiệm vụ của đơn vị mình.";
    return "Bạn không có quyền sửa nội dung này.";
  }
  if (a.campaign.status === "closed") return "Đợt tổng hợp đã kết thúc; nội dung không sửa được nữa.";
  switch (a.state) {
    case "draft":
    case "returned":
      return null;
    case "submitted":
      return isAgencyLeader(actor, a)
        ? null
        : "Nhiệm vụ đã trình lãnh đạo: chỉ lãnh đạo đơn vị được sửa. Lãnh đạo có thể trả lại để chuyên viên sửa tiếp.";
    case "sent":
      return "Nhiệm vụ đã gửi cơ quan tổng hợp nên bị khoá; chỉ sửa được khi cơ quan tổng hợp trả lại.";
    case "accepted":
      return "Nhiệm vụ đã được cơ quan tổng hợp tiếp nhận nên bị khoá.";
    default:
      return "Trạng thái nhiệm vụ không cho phép sửa.";
  }
}

/** Why `actor` may not take coordinator actions on the assignment, or null when it may. */
export function reviewRefusal(actor: Actor, a: AssignmentAccessFacts): string | null {
  if (a.campaign.status === "draft") return "Đợt tổng hợp chưa được ban hành.";
  if (isCampaignCoordinator(actor, a.campaign)) return null;
  if (has(actor, COORDINATOR_ROLES)) return "Bạn không thuộc cơ quan tổng hợp của đợt này.";
  return "Chỉ cơ quan tổng hợp của đợt được tiếp nhận, trả lại hoặc mở lại nhiệm vụ.";
}

function refuse(message: string | null, a: AssignmentAccessFacts): void {
  if (message != null) throw new AppError("FORBIDDEN", message, { state: a.state });
}

/** Throws 403 unless the signed-in user may view the assignment. */
export function assertCanView(ctx: RequestContext, a: AssignmentAccessFacts): Actor {
  const actor = requireActor(ctx);
  refuse(viewRefusal(actor, a), a);
  return actor;
}

/** Throws 403 unless the signed-in user may edit the assignment's content now. */
export function assertCanEdit(ctx: RequestContext, a: AssignmentAccessFacts): Actor {
  const actor = requireActor(ctx);
  refuse(editRefusal(actor, a), a);
  return actor;
}

/** Throws 403 unless the signed-in user may take coordinator actions on the assignment. */
export function assertCanReview(ctx: RequestContext, a: AssignmentAccessFacts): Actor {
  const actor = requireActor(ctx);
  refuse(reviewRefusal(actor, a), a);
  return actor;
}

export interface LoadOptions {
  /** Lock the assignment row (`FOR UPDATE`) until the surrounding transaction ends. */
  lock?: boolean;
  /** With a context: a coordinator of the coordinator agency's successor counts as the campaign's coordinator. */
  ctx?: RequestContext;
}

/**
 * When the actor holds a coordinator role in another agency than the campaign's coordinator, checks whether that
 * agency succeeded it (merger) as of today; only then is the directory read.
 */
async function coordinatorAgencies(db: Db, ctx: RequestContext | undefined, coordinatorAgencyId: string): Promise<string[]> {
  const actor = ctx?.actor;
  if (!actor || actor.agencyId === coordinatorAgencyId || !has(actor, COORDINATOR_ROLES)) return [coordinatorAgencyId];
  const dir = new Directory(await new AgenciesRepository().snapshot(db));
  const successors = dir.activeSuccessorsOn(coordinatorAgencyId, toVnPlainDate(ctx.now));
  return [coordinatorAgencyId, ...successors.filter((id) => id !== coordinatorAgencyId)];
}

/** The campaign fields a loaded assignment carries (selected with the assignment in one query). */
export const assignmentCampaignFields = {
  id: campaigns.id,
  code: campaigns.code,
  name: campaigns.name,
  status: campaigns.status,
  coordinatorAgencyId: campaigns.coordinatorAgencyId,
  coordinatorName: campaigns.coordinatorName,
};

/** The assignment and its campaign (404 when either is missing). No access check. */
export async function loadAssignment(db: Db, assignmentId: string, options: LoadOptions = {}): Promise<LoadedAssignment> {
  // One query for the assignment and its campaign; with `lock`, only the assignment row is locked.
  const query = db
    .select({ row: assignments, campaign: assignmentCampaignFields })
    .from(assignments)
    .leftJoin(campaigns, eq(campaigns.id, assignments.campaignId))
    .where(eq(assignments.id, assignmentId))
    .limit(1);
  const [found] = options.lock ? await query.for("update", { of: assignments }) : await query;
  return completeAssignment(db, options.ctx, found?.row, found?.campaign);
}

/**
 * An assignment row and its campaign read by any query, made a LoadedAssignment (404 when either is missing; the
 * coordinator agency's successors looked up when the actor may need them).
 */
export async function completeAssignment(
  db: Db,
  ctx: RequestContext | undefined,
  row: AssignmentRow | undefined,
  campaign: AssignmentCampaign | null | undefined,
): Promise<LoadedAssignment> {
  if (!row) throw notFound("nhiệm vụ");
  if (!campaign) throw notFound("đợt tổng hợp");
  return { ...row, campaign: { ...campaign, coordinatorAgencyIds: await coordinatorAgencies(db, ctx, campaign.coordinatorAgencyId) } };
}

/** Loads the assignment; 404 if it does not exist, 403 unless the user may view it. */
export async function loadAssignmentForView(db: Db, ctx: RequestContext, assignmentId: string, options: LoadOptions = {}) {
  requireActor(ctx);
  const a = await loadAssignment(db, assignmentId, { ...options, ctx });
  assertCanView(ctx, a);
  return a;
}

/**
 * Loads the assignment for a content write; 404 if it does not exist, 403 unless the user may edit it now.
 * A user who may not even view it gets the view refusal (it does not learn the state of another agency's work).
 */
export async function loadAssignmentForEdit(db: Db, ctx: RequestContext, assignmentId: string, options: LoadOptions = {}) {
  requireActor(ctx);
  return checkEdit(ctx, await loadAssignment(db, assignmentId, { ...options, ctx }));
}

/** The checks of `loadAssignmentForEdit` on an assignment loaded otherwise; returns it. */
export function checkEdit<A extends LoadedAssignment>(ctx: RequestContext, a: A): A {
  const actor = requireActor(ctx);
  const viewMsg = viewRefusal(actor, a);
  if (viewMsg != null && !isOwnAgency(actor, a)) throw new AppError("FORBIDDEN", viewMsg);
  assertCanEdit(ctx, a);
  return a;
}

/** Loads the assignment for a coordinator action; 404 if missing, 403 unless the user is its coordinator. */
export async function loadAssignmentForReview(db: Db, ctx: RequestContext, assignmentId: string, options: LoadOptions = {}) {
  requireActor(ctx);
  const a = await loadAssignment(db, assignmentId, { ...options, ctx });
  assertCanReview(ctx, a);
  return a;
}

/** The effective due date (ISO yyyy-mm-dd) of an assignment: the coordinator's extension wins. */
export function effectiveDueDate(a: Pick<AssignmentRow, "dueDate" | "dueOverride">): string | null {
  return a.dueOverride ?? a.dueDate ?? null;
}

/**
 * Quá hạn: derived, never stored. Overdue when the effective due date is before `today` (ISO date in
 * Asia/Ho_Chi_Minh) and the agency has not yet sent (sent and accepted assignments are not chased).
 */
export function isOverdue(a: Pick<AssignmentRow, "dueDate" | "dueOverride" | "state">, today: string): boolean {
  const due = effectiveDueDate(a);
  if (due == null) return false;
  if (a.state === "sent" || a.state === "accepted") return false;
  return due < today;
}
