// Campaign operations as data: how the assignments moved over time (from assignment_events), how timely the agencies
// were against their due dates (the milestone's date or the coordinator's extension), a ranking of the agencies and
// the slowest pieces of work. Days are calendar days in Asia/Ho_Chi_Minh; lateness is counted in working days with
// the Vietnamese holiday calendar. "Sent by the due date" uses the first time the agency sent the work: a later
// return and re-send does not make an on-time submission late.

import { ASSIGNMENT_STATE_LABELS, type AgencyRankDto, type AssignmentState, type OperationsDayDto, type OperationsDto, type SlowItemDto } from "@tonghop/contracts";
import { addDays, daysBetween, toVnPlainDate, workingDaysBetween, type HolidayCalendar, type PlainDate } from "@tonghop/domain";

export interface OpsAssignment {
  id: string;
  agencyId: string;
  kind: "outline" | "indicators" | "records";
  title: string;
  state: string;
  dueDate: string | null;
  dueOverride: string | null;
  sentAt: Date | null;
  acceptedAt: Date | null;
  createdAt: Date;
}

export interface OpsEvent {
  assignmentId: string;
  at: Date;
  action: string;
  toState: string | null;
}

export interface OperationsInput {
  campaign: { id: string; name: string; status: string; referenceDate: string; publishedAt: Date | null };
  assignments: OpsAssignment[];
  events: OpsEvent[];
  milestones: Array<{ code: string; due: string; deliverable: string; wording: string; scopeKind: string }>;
  agencyName: (id: string) => string;
  now: Date;
  calendar: HolidayCalendar;
  /** How many slow items to list (default 20). */
  slowest?: number;
}

/** Longest history drawn, in days. */
export const MAX_DAYS = 800;
/** Days drawn after the last step while work is still outstanding. */
export const IDLE_TAIL = 30;

const DONE = new Set(["sent", "accepted"]);

interface Timeline {
  a: OpsAssignment;
  due: PlainDate | null;
  /** State changes in time order (VN date of each). */
  steps: Array<{ date: PlainDate; at: number; state: string }>;
  firstSend: PlainDate | null;
  returns: number;
}

function timelineOf(a: OpsAssignment, events: OpsEvent[]): Timeline {
  const sorted = [...events].sort((x, y) => x.at.getTime() - y.at.getTime());
  const steps: Timeline["steps"] = [];
  let firstSend: PlainDate | null = null;
  let returns = 0;
  for (const e of sorted) {
    if (e.toState) steps.push({ date: toVnPlainDate(e.at), at: e.at.getTime(), state: e.toState });
    if (e.toState === "sent" && firstSend === null) firstSend = toVnPlainDate(e.at);
    if (e.action === "return" || e.toState === "returned") returns += 1;
  }
  // Work moved without events (imported data): fall back on the timestamps of the assignment itself.
  if (steps.length === 0 && DONE.has(a.state)) {
    if (a.sentAt) steps.push({ date: toVnPlainDate(a.sentAt), at: a.sentAt.getTime(), state: "sent" });
    if (a.acceptedAt) steps.push({ date: toVnPlainDate(a.acceptedAt), at: a.acceptedAt.getTime(), state: "accepted" });
  }
  if (firstSend === null && a.sentAt && DONE.has(a.state)) firstSend = toVnPlainDate(a.sentAt);
  if (firstSend === null && a.acceptedAt) firstSend = toVnPlainDate(a.acceptedAt);
  return { a, due: a.dueOverride ?? a.dueDate ?? null, steps, firstSend, returns };
}

export function analyseOperations(input: OperationsInput): OperationsDto {
  const today = toVnPlainDate(input.now);
  const byAssignment = new Map<string, OpsEvent[]>();
  for (const e of input.events) {
    const list = byAssignment.get(e.assignmentId) ?? [];
    list.push(e);
    byAssignment.set(e.assignmentId, list);
  }
  const timelines = input.assignments.map((a) => timelineOf(a, byAssignment.get(a.id) ?? []));
  const total = timelines.length;

  // --- day range: from publication (or the first event)
  const eventDates = timelines.flatMap((t) => t.steps.map((s) => s.date)).filter((d) => d <= today);
  const dueDates = timelines.map((t) => t.due).filter((d): d is string => d !== null);
  const published = input.campaign.publishedAt ? toVnPlainDate(input.campaign.publishedAt) : null;
  const firstCandidates = [published, ...eventDates].filter((d): d is string => d !== null).sort();
  const start: PlainDate | null = firstCandidates[0] ?? null;
  const lastActivity = [...eventDates, ...dueDates].sort().pop() ?? null;
  // While work is outstanding the days run to today; once everything is sent, to the last step or due date.
  const allDone = timelines.every((t) => DONE.has(t.a.state));
  // Long after the last step nothing changes any more: the line stops IDLE_TAIL days after it.
  let end: PlainDate | null = start === null ? null : today;
  if (end !== null && lastActivity !== null && lastActivity < today) end = allDone ? lastActivity : lastActivity < addDays(today, -IDLE_TAIL) ? addDays(lastActivity, IDLE_TAIL) : today;
  if (start !== null && end !== null && end < start) end = start;
  if (start !== null && end !== null && daysBetween(start, end) > MAX_DAYS) end = addDays(start, MAX_DAYS);

  const days: OperationsDayDto[] = [];
  if (start !== null && end !== null && total > 0) {
    // Sweep: the state of each assignment at the end of each day.
    const cursor = timelines.map(() => 0);
    const state = timelines.map(() => "draft");
    for (let d = start; d <= end; d = addDays(d, 1)) {
      let sent = 0;
      let accepted = 0;
      let due = 0;
      let onTime = 0;
      timelines.forEach((t, i) => {
        while (cursor[i]! < t.steps.length && t.steps[cursor[i]!]!.date <= d) {
          state[i] = t.steps[cursor[i]!]!.state;
          cursor[i]! += 1;
        }
        if (DONE.has(state[i]!)) sent += 1;
        if (state[i] === "accepted") accepted += 1;
        if (t.due !== null && t.due <= d) {
          due += 1;
          if (t.firstSend !== null && t.firstSend <= t.due) onTime += 1;
        }
      });
      days.push({ date: d, sent: sent / total, accepted: accepted / total, due: due / total, onTime: due > 0 ? onTime / due : null });
    }
  }

  // --- per assignment lateness
  const late = (t: Timeline): { done: boolean; onTime: boolean; lateDays: number; overdue: boolean; dueYet: boolean } => {
    const done = DONE.has(t.a.state);
    if (t.due === null) return { done, onTime: false, lateDays: 0, overdue: false, dueYet: false };
    if (t.firstSend !== null) {
      const lateDays = t.firstSend > t.due ? Math.max(1, workingDaysBetween(t.due, t.firstSend, input.calendar)) : 0;
      return { done, onTime: lateDays === 0, lateDays, overdue: false, dueYet: true };
    }
    if (today > t.due && !done) return { done, onTime: false, lateDays: Math.max(1, workingDaysBetween(t.due, today, input.calendar)), overdue: true, dueYet: true };
    return { done, onTime: false, lateDays: 0, overdue: false, dueYet: today > t.due };
  };

  const agencies = new Map<string, AgencyRankDto & { lateSum: number; lateCount: number; dueCount: number }>();
  const slow: SlowItemDto[] = [];
  const totals = { assignments: total, sent: 0, accepted: 0, returned: 0, due: 0, onTime: 0, overdue: 0 };
  for (const t of timelines) {
    const l = late(t);
    let r = agencies.get(t.a.agencyId);
    if (!r) {
      r = {
        agencyId: t.a.agencyId,
        agencyName: input.agencyName(t.a.agencyId),
        total: 0,
        sent: 0,
        accepted: 0,
        returned: 0,
        onTime: 0,
        late: 0,
        overdue: 0,
        completion: 0,
        timeliness: null,
        meanDaysLate: 0,
        lateSum: 0,
        lateCount: 0,
        dueCount: 0,
      };
      agencies.set(t.a.agencyId, r);
    }
    r.total += 1;
    if (l.done) {
      r.sent += 1;
      totals.sent += 1;
    }
    if (t.a.state === "accepted") {
      r.accepted += 1;
      totals.accepted += 1;
    }
    if (t.returns > 0) {
      r.returned += 1;
      totals.returned += 1;
    }
    if (l.dueYet) {
      r.dueCount += 1;
      totals.due += 1;
    }
    if (l.onTime) {
      r.onTime += 1;
      totals.onTime += 1;
    }
    if (l.lateDays > 0) {
      r.lateSum += l.lateDays;
      r.lateCount += 1;
      if (l.overdue) {
        r.overdue += 1;
        totals.overdue += 1;
      } else r.late += 1;
      slow.push({
        assignmentId: t.a.id,
        agencyId: t.a.agencyId,
        agencyName: r.agencyName,
        kind: t.a.kind,
        title: t.a.title,
        state: t.a.state,
        stateLabel: ASSIGNMENT_STATE_LABELS[t.a.state as AssignmentState] ?? t.a.state,
        dueDate: t.due,
        sentAt: t.firstSend,
        daysLate: l.lateDays,
        returns: t.returns,
      });
    }
  }
  const ranking: AgencyRankDto[] = [...agencies.values()]
    .map(({ lateSum, lateCount, dueCount, ...r }) => ({
      ...r,
      completion: r.total ? r.sent / r.total : 0,
      timeliness: dueCount ? r.onTime / dueCount : null,
      meanDaysLate: lateCount ? Math.round((lateSum / lateCount) * 10) / 10 : 0,
    }))
    .sort(
      (x, y) =>
        y.completion - x.completion ||
        (y.timeliness ?? 1) - (x.timeliness ?? 1) ||
        x.meanDaysLate - y.meanDaysLate ||
        x.agencyName.localeCompare(y.agencyName, "vi"),
    );
  slow.sort((x, y) => y.daysLate - x.daysLate || Number(DONE.has(x.state)) - Number(DONE.has(y.state)) || x.agencyName.localeCompare(y.agencyName, "vi"));

  return {
    campaign: { id: input.campaign.id, name: input.campaign.name, status: input.campaign.status },
    today,
    totals,
    days,
    milestones: input.milestones.filter((m) => m.scopeKind !== "coordinator").map((m) => ({ code: m.code, due: m.due, deliverable: m.deliverable, wording: m.wording })),
    agencies: ranking,
    slowest: slow.slice(0, input.slowest ?? 20),
  };
}
