import { describe, expect, it } from "vitest";
import type { Role } from "@tonghop/contracts";
import type { Actor, RequestContext } from "../../auth/actor.js";
import { AppError } from "../../http/errors.js";
import {
  assertCanEdit,
  assertCanReview,
  assertCanView,
  editRefusal,
  isOverdue,
  viewRefusal,
  type AssignmentAccessFacts,
} from "./assignment-access.js";

const AGENCY = "agency-thongke";
const OTHER = "agency-giaothong";
const COORD = "agency-khdt";

const actor = (agencyId: string, ...roles: Role[]): Actor => ({ userId: `u-${agencyId}-${roles.join("+")}`, username: "u", fullName: "U", agencyId, roles });
const ctxOf = (a: Actor | null): RequestContext => ({ actor: a, requestId: "t", ip: null, now: new Date("2024-05-10T03:00:00Z") });
const facts = (state: string, status = "published"): AssignmentAccessFacts => ({
  agencyId: AGENCY,
  state,
  campaign: { status, coordinatorAgencyId: COORD },
});

const officer = actor(AGENCY, "officer");
const leader = actor(AGENCY, "leader");
const otherOfficer = actor(OTHER, "officer");
const coordinator = actor(COORD, "coordinator");
const coordinatorLeader = actor(COORD, "coordinator_leader");
const foreignCoordinator = actor(OTHER, "coordinator");
const viewer = actor("ubnd", "viewer");
const ownViewer = actor(AGENCY, "viewer");
const admin = actor("stt", "admin");

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("không ném lỗi");
}

describe("edit", () => {
  it("officer and leader of the agency edit draft and returned", () => {
    for (const state of ["draft", "returned"]) {
      expect(editRefusal(officer, facts(state))).toBeNull();
      expect(editRefusal(leader, facts(state))).toBeNull();
    }
  });

  it("submitted: only the leader edits", () => {
    expect(editRefusal(leader, facts("submitted"))).toBeNull();
    expect(editRefusal(officer, facts("submitted"))).toMatch(/chỉ lãnh đạo đơn vị được sửa/);
  });

  it("sent and accepted are locked for everybody", () => {
    for (const state of ["sent", "accepted"]) {
      for (const who of [officer, leader]) expect(editRefusal(who, facts(state))).toMatch(/bị khoá/);
    }
  });

  it("coordinators, viewers, another agency and admins never edit agency content", () => {
    expect(editRefusal(coordinator, facts("draft"))).toMatch(/Cơ quan tổng hợp chỉ xem/);
    expect(editRefusal(coordinatorLeader, facts("draft"))).toMatch(/Cơ quan tổng hợp chỉ xem/);
    expect(editRefusal(viewer, facts("draft"))).toMatch(/chỉ xem/);
    expect(editRefusal(ownViewer, facts("draft"))).toMatch(/chỉ được xem/);
    expect(editRefusal(otherOfficer, facts("draft"))).toMatch(/đơn vị khác/);
    expect(editRefusal(admin, facts("draft"))).not.toBeNull();
  });

  it("closed and draft campaigns are not editable", () => {
    expect(editRefusal(officer, facts("draft", "closed"))).toMatch(/đã kết thúc/);
    expect(editRefusal(officer, facts("draft", "draft"))).toMatch(/chưa được ban hành/);
  });

  it("assertCanEdit throws 403 with the state in details; without a session too", () => {
    const e = thrown(() => assertCanEdit(ctxOf(officer), facts("sent")));
    expect(e.statusCode).toBe(403);
    expect(e.details).toEqual({ state: "sent" });
    expect(thrown(() => assertCanEdit(ctxOf(null), facts("draft"))).statusCode).toBe(403);
    expect(assertCanEdit(ctxOf(leader), facts("submitted"))).toBe(leader);
  });
});

describe("view", () => {
  it("own agency, the campaign's coordinators and viewers see every state", () => {
    for (const state of ["draft", "submitted", "sent", "returned", "accepted"]) {
      for (const who of [officer, leader, coordinator, coordinatorLeader, viewer]) expect(viewRefusal(who, facts(state))).toBeNull();
    }
  });

  it("another agency, a coordinator of another agency and an admin are refused", () => {
    expect(viewRefusal(otherOfficer, facts("sent"))).toMatch(/đơn vị khác/);
    expect(viewRefusal(foreignCoordinator, facts("sent"))).toMatch(/không thuộc cơ quan tổng hợp/);
    expect(viewRefusal(admin, facts("sent"))).not.toBeNull();
    expect(thrown(() => assertCanView(ctxOf(otherOfficer), facts("sent"))).statusCode).toBe(403);
  });

  it("a campaign still in draft has no workspace", () => {
    expect(viewRefusal(coordinator, facts("draft", "draft"))).toMatch(/chưa được ban hành/);
  });
});

describe("review", () => {
  it("only the campaign's coordinator roles review", () => {
    expect(assertCanReview(ctxOf(coordinator), facts("sent"))).toBe(coordinator);
    expect(assertCanReview(ctxOf(coordinatorLeader), facts("sent"))).toBe(coordinatorLeader);
    for (const who of [officer, leader, viewer, foreignCoordinator, admin]) {
      expect(thrown(() => assertCanReview(ctxOf(who), facts("sent"))).statusCode).toBe(403);
    }
  });
});

describe("coordinator agency after a merger", () => {
  it("a coordinator of the successor agency reviews and views when the loader lists it", () => {
    const merged: AssignmentAccessFacts = { ...facts("sent"), campaign: { status: "published", coordinatorAgencyId: COORD, coordinatorAgencyIds: [COORD, OTHER] } };
    expect(assertCanReview(ctxOf(foreignCoordinator), merged)).toBe(foreignCoordinator);
    expect(viewRefusal(foreignCoordinator, merged)).toBeNull();
    expect(editRefusal(foreignCoordinator, merged)).toMatch(/Cơ quan tổng hợp chỉ xem/);
  });
});

describe("overdue is derived", () => {
  it("uses the extension when there is one and never marks sent or accepted work", () => {
    const a = { dueDate: "2024-05-05", dueOverride: null, state: "draft" };
    expect(isOverdue(a, "2024-05-05")).toBe(false);
    expect(isOverdue(a, "2024-05-06")).toBe(true);
    expect(isOverdue({ ...a, dueOverride: "2024-05-10" }, "2024-05-06")).toBe(false);
    expect(isOverdue({ ...a, state: "sent" }, "2024-06-01")).toBe(false);
    expect(isOverdue({ ...a, state: "returned" }, "2024-06-01")).toBe(true);
    expect(isOverdue({ dueDate: null, dueOverride: null, state: "draft" }, "2030-01-01")).toBe(false);
  });
});
