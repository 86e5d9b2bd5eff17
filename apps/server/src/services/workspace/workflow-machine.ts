/**
 * The submission workflow of one assignment as pure logic (DOMAIN.md "Submission states"):
 *
 *   Đang soạn (draft) ──submit──▶ Trình lãnh đạo (submitted) ──send──▶ Đã gửi (sent) ──accept──▶ Đã tiếp nhận (accepted)
 *        ▲  ◀──return-internal (lý do)──┘                                 │                        │
 *        │                                                               return (lý do)          reopen (lý do)
 *        └──────────── Bị trả lại (returned) ◀────────────────────────────┴────────────────────────┘
 *
 * - The officer sends to the agency leader (submit). The leader may edit, return internally with a reason
 *   (→ draft) or send to the coordinator (from draft, submitted or returned; "Chỉ lãnh đạo đơn vị được gửi").
 * - Sent and accepted are locked for the agency. The coordinator accepts, returns with a reason (→ returned,
 *   which unlocks), or reopens an accepted assignment with a reason (→ returned).
 * - An agency may declare "không có số liệu" (no_data) or "không thuộc phạm vi" (out_of_scope) with a reason:
 *   the leader's declaration sends it at once (counts as sent, not chased); the officer's declaration goes to the
 *   leader (submitted) who then sends it. "undeclare" withdraws a declaration that has not been sent (→ draft).
 *   A return (internal or by the coordinator) clears the declaration: the agency has to answer again.
 * No I/O: the service loads the assignment, asks `planTransition`, and writes the result in one transaction.
 */
import {
  ASSIGNMENT_STATE_LABELS,
  DECLARATION_LABELS,
  WORKFLOW_ACTION_LABELS,
  WORKFLOW_ACTIONS,
  WORKFLOW_REASON_MAX,
  type AssignmentState,
  type Declaration,
  type WorkflowAction,
} from "@tonghop/contracts";

export { DECLARATION_LABELS, DECLARATIONS, WORKFLOW_ACTION_LABELS, WORKFLOW_ACTIONS, type Declaration, type WorkflowAction } from "@tonghop/contracts";

/** What the actor is with respect to this assignment (computed by the service from the actor and the row). */
export interface WorkflowActorFacts {
  /** Holds the officer role in the assignment's own agency. */
  agencyOfficer: boolean;
  /** Holds the leader role in the assignment's own agency. */
  agencyLeader: boolean;
  /** Coordinator officer or leader of the campaign's coordinator agency. */
  coordinator: boolean;
}

export interface WorkflowSubject {
  state: AssignmentState;
  declaration: Declaration | null;
  /** The campaign accepts workflow steps only while published. */
  campaignStatus: string;
}

export interface TransitionRequest {
  action: WorkflowAction;
  reason?: string | null | undefined;
  /** For "declare". */
  declaration?: Declaration | null | undefined;
}

export type TransitionRefusal = {
  ok: false;
  /** FORBIDDEN: not this user's step; CONFLICT: not from this state; VALIDATION: a required reason is missing. */
  code: "FORBIDDEN" | "CONFLICT" | "VALIDATION";
  message: string;
  field?: "reason" | "declaration";
};

export type TransitionPlan = {
  ok: true;
  action: WorkflowAction;
  from: AssignmentState;
  to: AssignmentState;
  /** The declaration after the step. */
  declaration: Declaration | null;
  declarationReason: string | null | undefined;
  /** The reason recorded on the event and (for returns) shown to the agency; undefined = keep. */
  reason: string | null;
  /** Sets sentAt (send, or a leader's declaration). */
  sent: boolean;
  accepted: boolean;
};

export type TransitionResult = TransitionPlan | TransitionRefusal;

export const REASON_MAX = WORKFLOW_REASON_MAX;

const FROM: Record<WorkflowAction, readonly AssignmentState[]> = {
  submit: ["draft", "returned"],
  "return-internal": ["submitted"],
  send: ["draft", "submitted", "returned"],
  declare: ["draft", "submitted", "returned"],
  undeclare: ["draft", "submitted", "returned"],
  accept: ["sent"],
  return: ["sent"],
  reopen: ["accepted"],
};

const COORDINATOR_ACTIONS: readonly WorkflowAction[] = ["accept", "return", "reopen"];

const refuse = (code: TransitionRefusal["code"], message: string, field?: TransitionRefusal["field"]): TransitionRefusal =>
  field ? { ok: false, code, message, field } : { ok: false, code, message };

function stateMessage(action: WorkflowAction, state: AssignmentState, declaration: Declaration | null): string {
  const label = ASSIGNMENT_STATE_LABELS[state];
  if (action === "undeclare" && declaration == null) return "Nhiệm vụ chưa có khai báo nào để rút.";
  if (state === "sent" && !COORDINATOR_ACTIONS.includes(action)) return "Nhiệm vụ đã gửi cơ quan tổng hợp nên bị khoá; chờ cơ quan tổng hợp tiếp nhận hoặc trả lại.";
  if (state === "accepted" && !COORDINATOR_ACTIONS.includes(action)) return "Nhiệm vụ đã được tiếp nhận nên bị khoá.";
  switch (action) {
    case "submit":
      return state === "submitted" ? "Nhiệm vụ đã được trình lãnh đạo." : `Không thể trình lãnh đạo khi nhiệm vụ đang ở trạng thái "${label}".`;
    case "return-internal":
      return "Chỉ trả lại nội bộ được nhiệm vụ đang trình lãnh đạo.";
    case "accept":
      return state === "accepted" ? "Nhiệm vụ đã được tiếp nhận." : `Chỉ tiếp nhận được nhiệm vụ đơn vị đã gửi (hiện: "${label}").`;
    case "return":
      return state === "accepted"
        ? `Nhiệm vụ đã được tiếp nhận; dùng "Mở lại" để trả lại đơn vị.`
        : `Chỉ trả lại được nhiệm vụ đơn vị đã gửi (hiện: "${label}").`;
    case "reopen":
      return `Chỉ mở lại được nhiệm vụ đã tiếp nhận (hiện: "${label}").`;
    default:
      return `Không thể ${WORKFLOW_ACTION_LABELS[action].toLowerCase()} khi nhiệm vụ đang ở trạng thái "${label}".`;
  }
}

function roleRefusal(action: WorkflowAction, who: WorkflowActorFacts): TransitionRefusal | null {
  const agencyMember = who.agencyOfficer || who.agencyLeader;
  switch (action) {
    case "submit":
      if (who.agencyOfficer) return null;
      if (who.agencyLeader) return refuse("FORBIDDEN", "Lãnh đạo đơn vị gửi thẳng cơ quan tổng hợp, không cần trình lãnh đạo.");
      return refuse("FORBIDDEN", "Chỉ chuyên viên của đơn vị được giao mới trình lãnh đạo được.");
    case "return-internal":
      return who.agencyLeader ? null : refuse("FORBIDDEN", "Chỉ lãnh đạo đơn vị được trả lại cho chuyên viên.");
    case "send":
      return who.agencyLeader ? null : refuse("FORBIDDEN", "Chỉ lãnh đạo đơn vị được gửi báo cáo.");
    case "declare":
    case "undeclare":
      return agencyMember ? null : refuse("FORBIDDEN", "Chỉ đơn vị được giao mới khai báo được.");
    case "accept":
      return who.coordinator ? null : refuse("FORBIDDEN", "Chỉ cơ quan tổng hợp được tiếp nhận.");
    case "return":
      return who.coordinator ? null : refuse("FORBIDDEN", "Chỉ cơ quan tổng hợp được trả lại báo cáo đã gửi.");
    case "reopen":
      return who.coordinator ? null : refuse("FORBIDDEN", "Chỉ cơ quan tổng hợp được mở lại nhiệm vụ đã tiếp nhận.");
  }
}

function cleanReason(reason: string | null | undefined): string {
  return (reason ?? "").trim();
}

/** Decides one step: the new state, or why it is refused (with a Vietnamese message). */
export function planTransition(subject: WorkflowSubject, who: WorkflowActorFacts, req: TransitionRequest): TransitionResult {
  const { action } = req;
  if (subject.campaignStatus !== "published") {
    return refuse(
      "CONFLICT",
      subject.campaignStatus === "closed" ? "Đợt tổng hợp đã kết thúc; không chuyển trạng thái được nữa." : "Đợt tổng hợp chưa được ban hành.",
    );
  }
  const roleError = roleRefusal(action, who);
  if (roleError) return roleError;
  if (!FROM[action].includes(subject.state) || (action === "undeclare" && subject.declaration == null)) {
    return refuse("CONFLICT", stateMessage(action, subject.state, subject.declaration));
  }
  const reason = cleanReason(req.reason);
  if (reason.length > REASON_MAX) return refuse("VALIDATION", `Lý do dài quá ${REASON_MAX} ký tự.`, "reason");
  const base = { ok: true as const, action, from: subject.state, sent: false, accepted: false };
  switch (action) {
    case "submit":
      return { ...base, to: "submitted", declaration: subject.declaration, declarationReason: undefined, reason: reason || null };
    case "return-internal":
      if (!reason) return refuse("VALIDATION", "Phải nêu lý do trả lại.", "reason");
      return { ...base, to: "draft", declaration: null, declarationReason: null, reason };
    case "send":
      return { ...base, to: "sent", declaration: subject.declaration, declarationReason: undefined, reason: reason || null, sent: true };
    case "declare": {
      if (req.declaration == null) return refuse("VALIDATION", "Phải chọn loại khai báo: không có số liệu hoặc không thuộc phạm vi.", "declaration");
      if (!reason) return refuse("VALIDATION", `Phải nêu lý do khai báo "${DECLARATION_LABELS[req.declaration].toLowerCase()}".`, "reason");
      // The leader's declaration is the sign-off itself; the officer's goes to the leader.
      const to: AssignmentState = who.agencyLeader ? "sent" : "submitted";
      return { ...base, to, declaration: req.declaration, declarationReason: reason, reason, sent: to === "sent" };
    }
    case "undeclare":
      return { ...base, to: "draft", declaration: null, declarationReason: null, reason: reason || null };
    case "accept":
      return { ...base, to: "accepted", declaration: subject.declaration, declarationReason: undefined, reason: reason || null, accepted: true };
    case "return":
      if (!reason) return refuse("VALIDATION", "Phải nêu lý do trả lại.", "reason");
      return { ...base, to: "returned", declaration: null, declarationReason: null, reason };
    case "reopen":
      if (!reason) return refuse("VALIDATION", "Phải nêu lý do mở lại.", "reason");
      return { ...base, to: "returned", declaration: null, declarationReason: null, reason };
  }
}

/** The actions this actor may take now (buttons to show); reasons are supplied later. */
export function allowedActions(subject: WorkflowSubject, who: WorkflowActorFacts): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter((action) => {
    const plan = planTransition(subject, who, { action, reason: "x", declaration: "no_data" });
    return plan.ok;
  });
}

/** Whether an assignment in this state counts as delivered (not chased, not overdue). */
export function countsAsSent(state: AssignmentState): boolean {
  return state === "sent" || state === "accepted";
}
