/**
 * Who sees which agency's part of an appendix (indicator grid and record lists):
 * - an agency officer or leader: its own agency's assignment of the appendix (editable per assertCanEdit);
 * - the campaign's coordinators and viewers: read-only, the whole appendix or one agency's part;
 * - anybody else: 403. A draft campaign has no workspace.
 */
import { and, eq } from "drizzle-orm";
import type { Role } from "@tonghop/contracts";
import { requireActor, type Actor, type RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import { assignments } from "../../db/schema/index.js";
import { AppError, notFound } from "../../http/errors.js";
import { editRefusal, isCampaignCoordinator, isViewer, type AssignmentRow } from "./assignment-access.js";

export interface ViewCampaign {
  status: string;
  coordinatorAgencyId: string;
}

export interface WorkspaceView {
  actor: Actor;
  /** The agency whose rows are shown; null = the whole appendix. */
  agencyId: string | null;
  assignment: AssignmentRow | null;
  editable: boolean;
  readOnlyReason: string | null;
}

const AGENCY_ROLES: readonly Role[] = ["officer", "leader"];

export async function findAppendixAssignment(db: Db, appendixId: string, agencyId: string): Promise<AssignmentRow | undefined> {
  const [row] = await db
    .select()
    .from(assignments)
    .where(and(eq(assignments.appendixId, appendixId), eq(assignments.agencyId, agencyId)))
    .limit(1);
  return row;
}

export async function resolveWorkspaceView(
  db: Db,
  ctx: RequestContext,
  campaign: ViewCampaign,
  appendixId: string,
  requestedAgencyId?: string,
): Promise<WorkspaceView> {
  const actor = requireActor(ctx);
  if (campaign.status === "draft") throw new AppError("FORBIDDEN", "Đợt tổng hợp chưa được ban hành.");
  const agencyUser = AGENCY_ROLES.some((r) => actor.roles.includes(r));
  const overview = isCampaignCoordinator(actor, campaign) || isViewer(actor);
  const target = requestedAgencyId ?? (agencyUser && !overview ? actor.agencyId : null);

  if (agencyUser && target === actor.agencyId) {
    const assignment = await findAppendixAssignment(db, appendixId, actor.agencyId);
    if (!assignment) {
      if (!overview) throw new AppError("FORBIDDEN", "Đơn vị của bạn không được giao phụ lục này.");
      return { actor, agencyId: target, assignment: null, editable: false, readOnlyReason: "Đơn vị không được giao phụ lục này." };
    }
    const refusal = editRefusal(actor, { agencyId: assignment.agencyId, state: assignment.state, campaign });
    return { actor, agencyId: target, assignment, editable: refusal === null, readOnlyReason: refusal };
  }
  if (!overview) {
    if (agencyUser) throw new AppError("FORBIDDEN", "Bạn chỉ xem được phần việc của đơn vị mình.");
    throw new AppError("FORBIDDEN", "Bạn không có quyền xem phụ lục này.");
  }
  const reason = isViewer(actor) ? "Tài khoản chỉ xem không được sửa nội dung." : "Cơ quan tổng hợp chỉ xem và tiếp nhận/trả lại, không sửa nội dung của đơn vị.";
  if (!target) return { actor, agencyId: null, assignment: null, editable: false, readOnlyReason: reason };
  const assignment = await findAppendixAssignment(db, appendixId, target);
  if (!assignment) throw notFound("phần việc của đơn vị trong phụ lục này");
  return { actor, agencyId: target, assignment, editable: false, readOnlyReason: reason };
}
