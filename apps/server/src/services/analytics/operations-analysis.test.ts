import { describe, expect, it } from "vitest";
import { vnHolidayCalendar } from "@tonghop/domain";
import { analyseOperations, type OperationsInput, type OpsAssignment, type OpsEvent } from "./operations-analysis.js";

// Times at 10:00 in Hà Nội (03:00 UTC) on a given day.
const at = (date: string) => new Date(`${date}T03:00:00Z`);
const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";

function asg(id: string, agencyId: string, state: string, due: string | null, over: Partial<OpsAssignment> = {}): OpsAssignment {
  return { id: `00000000-0000-4000-8000-${id.padStart(12, "0")}`, agencyId, kind: "outline", title: `Mục ${id}`, state, dueDate: due, dueOverride: null, sentAt: null, acceptedAt: null, createdAt: at("2024-05-01"), ...over };
}
const ev = (a: OpsAssignment, date: string, action: string, toState: string): OpsEvent => ({ assignmentId: a.id, at: at(date), action, toState });

function input(assignments: OpsAssignment[], events: OpsEvent[], now: string): OperationsInput {
  return {
    campaign: { id: "00000000-0000-4000-8000-0000000000c1", name: "Thử", status: "published", referenceDate: "2024-05-01", publishedAt: at("2024-05-02") },
    assignments,
    events,
    milestones: [
      { code: "M1", due: "2024-05-10", deliverable: "Báo cáo", wording: "trước ngày 10/5/2024", scopeKind: "all" },
      { code: "M9", due: "2024-06-30", deliverable: "Dự thảo", wording: "", scopeKind: "coordinator" },
    ],
    agencyName: (id) => (id === A ? "Sở A" : "Sở B"),
    now: at(now),
    calendar: vnHolidayCalendar([2024]),
  };
}

describe("analyseOperations", () => {
  // Due Friday 10/5/2024. a1 sent on time (9/5) and accepted (13/5); a2 sent late on Tuesday 14/5 (2 working days);
  // a3 returned after sending on time, re-sent late — still on time by its first send; a4 never sent (overdue).
  const a1 = asg("1", A, "accepted", "2024-05-10");
  const a2 = asg("2", A, "sent", "2024-05-10");
  const a3 = asg("3", B, "sent", "2024-05-10");
  const a4 = asg("4", B, "draft", "2024-05-10");
  const events = [
    ev(a1, "2024-05-08", "submit", "submitted"),
    ev(a1, "2024-05-09", "send", "sent"),
    ev(a1, "2024-05-13", "accept", "accepted"),
    ev(a2, "2024-05-14", "send", "sent"),
    ev(a3, "2024-05-10", "send", "sent"),
    ev(a3, "2024-05-11", "return", "returned"),
    ev(a3, "2024-05-15", "send", "sent"),
  ];
  const ops = analyseOperations(input([a1, a2, a3, a4], events, "2024-05-16"));

  it("draws the share sent and accepted by day, due and on time", () => {
    expect(ops.days[0]!.date).toBe("2024-05-02");
    expect(ops.days.at(-1)!.date).toBe("2024-05-16");
    const day = (d: string) => ops.days.find((x) => x.date === d)!;
    expect(day("2024-05-08")).toEqual({ date: "2024-05-08", sent: 0, accepted: 0, due: 0, onTime: null });
    expect(day("2024-05-09").sent).toBe(0.25);
    expect(day("2024-05-10")).toEqual({ date: "2024-05-10", sent: 0.5, accepted: 0, due: 1, onTime: 0.5 });
    // The return takes a3 out of the sent share until it is sent again.
    expect(day("2024-05-11").sent).toBe(0.25);
    expect(day("2024-05-13")).toMatchObject({ sent: 0.25, accepted: 0.25 });
    expect(day("2024-05-15").sent).toBe(0.75);
    expect(ops.totals).toEqual({ assignments: 4, sent: 3, accepted: 1, returned: 1, due: 4, onTime: 2, overdue: 1 });
    expect(ops.milestones.map((m) => m.code)).toEqual(["M1"]);
  });

  it("ranks agencies by completion then timeliness and lists the slowest work in working days", () => {
    expect(ops.agencies.map((a) => [a.agencyName, a.total, a.sent, a.onTime, a.late, a.overdue, a.completion, a.timeliness])).toEqual([
      ["Sở A", 2, 2, 1, 1, 0, 1, 0.5],
      ["Sở B", 2, 1, 1, 0, 1, 0.5, 0.5],
    ]);
    // a4: due Friday 10/5, today Thursday 16/5 → 4 working days; a2 sent Tuesday 14/5 → 2 working days.
    expect(ops.slowest.map((s) => [s.title, s.daysLate, s.stateLabel, s.sentAt])).toEqual([
      ["Mục 4", 4, "Đang soạn", null],
      ["Mục 2", 2, "Đã gửi", "2024-05-14"],
    ]);
    expect(ops.agencies[0]!.meanDaysLate).toBe(2);
  });

  it("an extension moves the due date; work without events uses the assignment's own timestamps", () => {
    const late = asg("5", A, "sent", "2024-05-10", { dueOverride: "2024-05-20", sentAt: at("2024-05-15") });
    const r = analyseOperations(input([late], [], "2024-05-16"));
    expect(r.totals).toMatchObject({ sent: 1, onTime: 1, overdue: 0 });
    expect(r.days.find((d) => d.date === "2024-05-15")!.sent).toBe(1);
    expect(r.days.find((d) => d.date === "2024-05-14")!.sent).toBe(0);
    expect(r.slowest).toEqual([]);
  });

  it("stops the days at the end of the work once it is over, and is empty without assignments", () => {
    const done = analyseOperations(input([a1], events.filter((e) => e.assignmentId === a1.id), "2025-01-01"));
    expect(done.days.at(-1)!.date).toBe("2024-05-13");
    expect(analyseOperations(input([], [], "2024-05-16")).days).toEqual([]);
    // Outstanding work viewed long after: the line stops 30 days after the last step, the overdue count stays.
    const stale = analyseOperations(input([a1, a2, a3, a4], events, "2026-01-01"));
    expect(stale.days.at(-1)!.date).toBe("2024-06-14");
    expect(stale.totals.overdue).toBe(1);
  });
});
