import { describe, expect, it } from "vitest";
import type { AssignmentState } from "./assignment-access.js";
import {
  allowedActions,
  planTransition,
  REASON_MAX,
  WORKFLOW_ACTIONS,
  type Declaration,
  type TransitionResult,
  type WorkflowAction,
  type WorkflowActorFacts,
  type WorkflowSubject,
} from "./workflow-machine.js";

const officer: WorkflowActorFacts = { agencyOfficer: true, agencyLeader: false, coordinator: false };
const leader: WorkflowActorFacts = { agencyOfficer: false, agencyLeader: true, coordinator: false };
const officerLeader: WorkflowActorFacts = { agencyOfficer: true, agencyLeader: true, coordinator: false };
const coordinator: WorkflowActorFacts = { agencyOfficer: false, agencyLeader: false, coordinator: true };
const stranger: WorkflowActorFacts = { agencyOfficer: false, agencyLeader: false, coordinator: false };

const subject = (state: AssignmentState, declaration: Declaration | null = null, campaignStatus = "published"): WorkflowSubject => ({
  state,
  declaration,
  campaignStatus,
});

function ok(r: TransitionResult) {
  if (!r.ok) throw new Error(`bị từ chối: ${r.message}`);
  return r;
}
function refused(r: TransitionResult) {
  if (r.ok) throw new Error(`lẽ ra bị từ chối: ${r.from} → ${r.to}`);
  return r;
}

describe("workflow state machine — allowed steps", () => {
  it("officer submits a draft or a returned assignment to the leader", () => {
    for (const from of ["draft", "returned"] as const) {
      const p = ok(planTransition(subject(from), officer, { action: "submit" }));
      expect(p).toMatchObject({ from, to: "submitted", sent: false });
    }
  });

  it("leader returns internally with a reason (→ draft) and the reason is kept", () => {
    const p = ok(planTransition(subject("submitted"), leader, { action: "return-internal", reason: "  Bổ sung số liệu quý I  " }));
    expect(p).toMatchObject({ to: "draft", reason: "Bổ sung số liệu quý I" });
  });

  it("leader sends from draft, submitted or returned; sentAt is set", () => {
    for (const from of ["draft", "submitted", "returned"] as const) {
      const p = ok(planTransition(subject(from), leader, { action: "send" }));
      expect(p).toMatchObject({ from, to: "sent", sent: true });
    }
  });

  it("sending keeps an officer's declaration", () => {
    const p = ok(planTransition(subject("submitted", "no_data"), leader, { action: "send" }));
    expect(p.declaration).toBe("no_data");
  });

  it("a leader's declaration counts as sent; an officer's goes to the leader", () => {
    const byLeader = ok(planTransition(subject("draft"), leader, { action: "declare", declaration: "out_of_scope", reason: "Không quản lý lĩnh vực này" }));
    expect(byLeader).toMatchObject({ to: "sent", sent: true, declaration: "out_of_scope", declarationReason: "Không quản lý lĩnh vực này" });
    const byOfficer = ok(planTransition(subject("returned"), officer, { action: "declare", declaration: "no_data", reason: "Chưa có điều tra" }));
    expect(byOfficer).toMatchObject({ to: "submitted", sent: false, declaration: "no_data" });
  });

  it("an officer who is also the leader declares and sends in one step", () => {
    const p = ok(planTransition(subject("draft"), officerLeader, { action: "declare", declaration: "no_data", reason: "Không có" }));
    expect(p.to).toBe("sent");
  });

  it("undeclare withdraws an unsent declaration (→ draft)", () => {
    const p = ok(planTransition(subject("submitted", "no_data"), officer, { action: "undeclare" }));
    expect(p).toMatchObject({ to: "draft", declaration: null, declarationReason: null });
  });

  it("coordinator accepts a sent assignment", () => {
    expect(ok(planTransition(subject("sent"), coordinator, { action: "accept" }))).toMatchObject({ to: "accepted", accepted: true });
  });

  it("coordinator returns with a reason (→ returned) and the declaration is cleared", () => {
    const p = ok(planTransition(subject("sent", "no_data"), coordinator, { action: "return", reason: "Đơn vị có số liệu năm 2023" }));
    expect(p).toMatchObject({ to: "returned", declaration: null, reason: "Đơn vị có số liệu năm 2023" });
  });

  it("coordinator reopens an accepted assignment with a reason (→ returned)", () => {
    expect(ok(planTransition(subject("accepted"), coordinator, { action: "reopen", reason: "Cập nhật số liệu chính thức" })).to).toBe("returned");
  });
});

describe("workflow state machine — refused steps", () => {
  it("only the agency leader sends", () => {
    for (const who of [officer, coordinator, stranger]) {
      const r = refused(planTransition(subject("draft"), who, { action: "send" }));
      expect(r).toMatchObject({ code: "FORBIDDEN", message: "Chỉ lãnh đạo đơn vị được gửi báo cáo." });
    }
  });

  it("returns and reopen require a reason", () => {
    expect(refused(planTransition(subject("submitted"), leader, { action: "return-internal", reason: "   " }))).toMatchObject({
      code: "VALIDATION",
      field: "reason",
      message: "Phải nêu lý do trả lại.",
    });
    expect(refused(planTransition(subject("sent"), coordinator, { action: "return" })).message).toBe("Phải nêu lý do trả lại.");
    expect(refused(planTransition(subject("accepted"), coordinator, { action: "reopen", reason: "" })).message).toBe("Phải nêu lý do mở lại.");
  });

  it("a declaration requires its kind and a reason", () => {
    expect(refused(planTransition(subject("draft"), officer, { action: "declare", reason: "x" }))).toMatchObject({ field: "declaration" });
    expect(refused(planTransition(subject("draft"), officer, { action: "declare", declaration: "no_data" }))).toMatchObject({
      field: "reason",
      message: 'Phải nêu lý do khai báo "không có số liệu".',
    });
  });

  it("a reason longer than the limit is refused", () => {
    const r = refused(planTransition(subject("sent"), coordinator, { action: "return", reason: "a".repeat(REASON_MAX + 1) }));
    expect(r.code).toBe("VALIDATION");
  });

  it("coordinator actions are refused to the agency, and agency actions to the coordinator", () => {
    for (const action of ["accept", "return", "reopen"] as const) {
      for (const who of [officer, leader, stranger]) {
        const from = action === "reopen" ? "accepted" : "sent";
        expect(refused(planTransition(subject(from), who, { action, reason: "r" })).code).toBe("FORBIDDEN");
      }
    }
    for (const action of ["submit", "return-internal", "send", "declare", "undeclare"] as const) {
      expect(refused(planTransition(subject("submitted", "no_data"), coordinator, { action, reason: "r", declaration: "no_data" })).code).toBe(
        "FORBIDDEN",
      );
    }
  });

  it("a leader-only account does not submit to itself; a stranger cannot submit", () => {
    expect(refused(planTransition(subject("draft"), leader, { action: "submit" })).message).toContain("gửi thẳng");
    expect(refused(planTransition(subject("draft"), stranger, { action: "submit" })).code).toBe("FORBIDDEN");
  });

  it("only the leader returns internally", () => {
    expect(refused(planTransition(subject("submitted"), officer, { action: "return-internal", reason: "r" })).code).toBe("FORBIDDEN");
  });

  it("sent and accepted are locked for the agency", () => {
    for (const state of ["sent", "accepted"] as const) {
      for (const action of ["submit", "send", "declare", "return-internal"] as const) {
        const r = refused(planTransition(subject(state), officerLeader, { action, reason: "r", declaration: "no_data" }));
        expect(r.code).toBe("CONFLICT");
        expect(r.message).toMatch(/bị khoá/);
      }
    }
  });

  it("steps from the wrong state are conflicts with a message naming the state", () => {
    expect(refused(planTransition(subject("submitted"), officer, { action: "submit" })).message).toBe("Nhiệm vụ đã được trình lãnh đạo.");
    expect(refused(planTransition(subject("draft"), leader, { action: "return-internal", reason: "r" })).code).toBe("CONFLICT");
    expect(refused(planTransition(subject("draft"), coordinator, { action: "accept" })).message).toBe('Chỉ tiếp nhận được nhiệm vụ đơn vị đã gửi (hiện: "Đang soạn").');
    expect(refused(planTransition(subject("accepted"), coordinator, { action: "accept" })).message).toBe("Nhiệm vụ đã được tiếp nhận.");
    expect(refused(planTransition(subject("accepted"), coordinator, { action: "return", reason: "r" })).message).toContain("Mở lại");
    expect(refused(planTransition(subject("sent"), coordinator, { action: "reopen", reason: "r" })).code).toBe("CONFLICT");
    expect(refused(planTransition(subject("draft"), officer, { action: "undeclare" })).message).toBe("Nhiệm vụ chưa có khai báo nào để rút.");
  });

  it("nothing moves in a draft or closed campaign", () => {
    for (const status of ["draft", "closed"]) {
      for (const action of WORKFLOW_ACTIONS) {
        const r = refused(planTransition(subject("sent", null, status), { ...officerLeader, coordinator: true }, { action, reason: "r", declaration: "no_data" }));
        expect(r.code).toBe("CONFLICT");
      }
    }
  });
});

describe("allowedActions — the buttons each user sees", () => {
  const cases: Array<[string, AssignmentState, Declaration | null, WorkflowActorFacts, WorkflowAction[]]> = [
    ["officer, draft", "draft", null, officer, ["submit", "declare"]],
    ["officer, submitted", "submitted", null, officer, ["declare"]],
    ["officer, submitted with declaration", "submitted", "no_data", officer, ["declare", "undeclare"]],
    ["leader, draft", "draft", null, leader, ["send", "declare"]],
    ["leader, submitted", "submitted", null, leader, ["return-internal", "send", "declare"]],
    ["leader, returned", "returned", null, leader, ["send", "declare"]],
    ["leader, sent", "sent", null, leader, []],
    ["coordinator, draft", "draft", null, coordinator, []],
    ["coordinator, sent", "sent", null, coordinator, ["accept", "return"]],
    ["coordinator, accepted", "accepted", null, coordinator, ["reopen"]],
    ["stranger, sent", "sent", null, stranger, []],
  ];
  it.each(cases)("%s", (_name, state, declaration, who, expected) => {
    expect(allowedActions(subject(state, declaration), who)).toEqual(expected);
  });
});
