/**
 * The progress matrix of a campaign: agencies × outline items / appendix parts, each cell its derived status
 * (PROGRESS_STATUSES) and days overdue, counts per row and column, and per agency and for the campaign:
 *
 *  completeness  delivered (sent, accepted, or declared "không có số liệu"/"không thuộc phạm vi") / assigned;
 *                and, separately, input indicator cells of the rows the agency leads that hold a value / all of them;
 *  timeliness    work delivered on or before the agency's own due date (the milestone's, or the coordinator's
 *                extension) the first time it was sent / work that was delivered or whose due date has passed.
 *
 * A fixed number of queries whatever the size (the assignments in one, the texts, the figures, the first sends,
 * the users each in one grouped query): 150 agencies × 200 items is some 30 000 cells, computed in memory. The large
 * lists (assignments, texts, first sends, figures) come back as one text value each (`textRows`): decoding tens of
 * thousands of protocol rows costs more than the whole matrix (on PGlite 30 000 assignments take ~0,55 s as rows,
 * ~0,18 s as one JSON value and ~0,09 s as one text; bench/matrix.bench.ts).
 */
import { and, count, eq, inArray, isNull, ne, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import {
  expandColumns,
  type ProgressAgencyDto,
  type ProgressCellDto,
  type ProgressColumnDto,
  type ProgressCountsDto,
  type ProgressMatrixDto,
  type ProgressRatesDto,
  type ProgressStatus,
  type TemplateAppendix,
  type TemplateArea,
} from "@tonghop/contracts";
import { daysBetween, toVnPlainDate, type PlainDate } from "@tonghop/domain";
import { requireActor, type RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import { appendixCellTexts, appendixRows, assignmentEvents, assignments, indicators, indicatorValues, recordRows, sections, users } from "../../db/schema/index.js";
import { reads } from "../../db/reads.js";
import { forbidden } from "../../http/errors.js";
import type { Directory } from "../agencies/directory.js";
import { expandRefs } from "../campaigns/agency-refs.js";
import { isCoordinatorOf } from "../campaigns/campaign-access.js";
import { effectiveRowLeads } from "../campaigns/compute-assignments.js";
import { labelText, loadCampaignWork, type CampaignWork } from "./campaign-work.js";

export type AssignmentLite = Pick<
  typeof assignments.$inferSelect,
  "id" | "agencyId" | "kind" | "outlineItemId" | "appendixId" | "role" | "state" | "declaration" | "dueDate" | "dueOverride" | "milestoneId" | "sentAt"
>;

const emptyCounts = (): ProgressCountsDto => ({ assigned: 0, delivered: 0, accepted: 0, overdue: 0, returned: 0, notStarted: 0, declared: 0 });
const emptyRates = (): ProgressRatesDto => ({ completeness: null, cellsFilled: 0, cellsTotal: 0, onTime: 0, timelinessBase: 0 });

/** The derived status of an assignment; `started`: something written or entered. */
export function progressStatus(a: Pick<AssignmentLite, "state" | "declaration">, started: boolean): ProgressStatus {
  switch (a.state) {
    case "accepted":
    case "sent":
      if (a.declaration === "no_data") return "no_data";
      if (a.declaration === "out_of_scope") return "out_of_scope";
      return a.state;
    case "returned":
      return "returned";
    case "submitted":
      return "submitted";
    default:
      return started ? "drafting" : "not_started";
  }
}

const delivered = (s: ProgressStatus) => s === "sent" || s === "accepted" || s === "no_data" || s === "out_of_scope";

/** Days past the effective due date while not delivered (0 otherwise). */
export function overdueDays(status: ProgressStatus, due: PlainDate | null, today: PlainDate): number {
  if (!due || delivered(status) || due >= today) return 0;
  return daysBetween(due, today);
}

function tally(c: ProgressCountsDto, status: ProgressStatus, overdue: number): void {
  c.assigned++;
  if (delivered(status)) c.delivered++;
  if (status === "accepted") c.accepted++;
  if (overdue > 0) c.overdue++;
  if (status === "returned") c.returned++;
  if (status === "not_started") c.notStarted++;
  if (status === "no_data" || status === "out_of_scope") c.declared++;
}

/** Who may see the whole campaign's progress: its coordinators, administrators and viewers (published campaigns). */
export function assertCanSeeProgress(ctx: RequestContext, w: CampaignWork, dir: Directory): { canReview: boolean } {
  const actor = requireActor(ctx);
  const coordinator = isCoordinatorOf(dir, ctx, w.campaign.coordinatorAgencyId);
  if (coordinator) return { canReview: true };
  if (actor.roles.includes("admin")) return { canReview: false };
  if (actor.roles.includes("viewer") && w.campaign.status !== "draft") return { canReview: false };
  if (actor.roles.includes("coordinator") || actor.roles.includes("coordinator_leader")) {
    throw forbidden("Bạn không thuộc cơ quan tổng hợp của đợt này nên không xem được tiến độ của các đơn vị.");
  }
  throw forbidden("Chỉ cơ quan tổng hợp và lãnh đạo thành phố xem được tiến độ của các đơn vị; đơn vị xem việc của mình ở mục \"Việc của đơn vị\".");
}

const FIELD = sql`chr(31)`;
const ROW = sql`chr(30)`;

/**
 * The rows of `select <columns> <from>` fetched as one text value (fields joined by the unit separator U+001F, rows by
 * the record separator U+001E) and split again: '' stands for null. Only for values that cannot hold these control
 * characters (ids, codes, states, ISO dates, numbers).
 */
async function textRows(db: Db, columns: SQL[], from: SQL): Promise<string[][]> {
  const fields = sql.join(
    columns.flatMap((c, i) => (i ? [FIELD, c] : [c])),
    sql`, `,
  );
  const result = (await db.execute(sql`select string_agg(t.r, ${ROW}) as j from (select concat(${fields}) as r ${from}) t`)) as { rows: Array<{ j: string | null }> };
  const text = result.rows[0]?.j;
  return text ? text.split("\u001e").map((r) => r.split("\u001f")) : [];
}

const orNull = (s: string | undefined): string | null => (s ? s : null);
/** A timestamp as milliseconds since the epoch (a number in the text). */
const epochMs = (column: SQL | AnyColumn) => sql`floor(extract(epoch from ${column}) * 1000)::bigint`;

/** Every assignment of the campaign (one text value, see textRows). */
async function loadAssignments(db: Db, campaignId: string): Promise<AssignmentLite[]> {
  const a = assignments;
  const rows = await textRows(
    db,
    [sql`${a.id}`, sql`${a.agencyId}`, sql`${a.kind}`, sql`${a.outlineItemId}`, sql`${a.appendixId}`, sql`${a.role}`, sql`${a.state}`, sql`${a.declaration}`, sql`${a.dueDate}`, sql`${a.dueOverride}`, sql`${a.milestoneId}`, epochMs(a.sentAt)],
    sql`from ${a} where ${a.campaignId} = ${campaignId}`,
  );
  return rows.map(([id, agencyId, kind, outlineItemId, appendixId, role, state, declaration, dueDate, dueOverride, milestoneId, sentAt]) => ({
    id: id!,
    agencyId: agencyId!,
    kind: kind!,
    outlineItemId: orNull(outlineItemId),
    appendixId: orNull(appendixId),
    role: role!,
    state: state!,
    declaration: orNull(declaration),
    dueDate: orNull(dueDate),
    dueOverride: orNull(dueOverride),
    milestoneId: orNull(milestoneId),
    sentAt: sentAt ? new Date(Number(sentAt)) : null,
  }));
}

/** The figures the matrix needs, each in one query. */
async function loadFacts(db: Db, w: CampaignWork, rows: readonly AssignmentLite[]) {
  const campaignId = w.campaign.id;
  const indicatorAppendixIds = w.appendices.filter((a) => a.kind === "indicators").map((a) => a.id);
  const [texts, cellTexts, records, firstSends, staff, aRows] = await reads(db, [
    () => textRows(db, [sql`${sections.outlineItemId}`, sql`${sections.agencyId}`], sql`from ${sections} where ${sections.campaignId} = ${campaignId} and ${sections.text} <> ''`).then((xs) =>
      xs.map(([itemId, agencyId]) => ({ itemId: itemId!, agencyId: agencyId! })),
    ),
    () => db
      .selectDistinct({ appendixId: appendixRows.appendixId, agencyId: appendixCellTexts.agencyId })
      .from(appendixCellTexts)
      .innerJoin(appendixRows, eq(appendixRows.id, appendixCellTexts.rowId))
      .where(and(eq(appendixCellTexts.campaignId, campaignId), ne(appendixCellTexts.text, ""))),
    () => db
      .selectDistinct({ appendixId: recordRows.appendixId, agencyId: recordRows.agencyId })
      .from(recordRows)
      .where(and(eq(recordRows.campaignId, campaignId), or(eq(recordRows.prefilled, false), sql`${recordRows.version} > 1`))),
    () => textRows(
      db,
      [sql`${assignmentEvents.assignmentId}`, epochMs(sql`min(${assignmentEvents.at})`)],
      sql`from ${assignmentEvents} where ${assignmentEvents.campaignId} = ${campaignId} and ${assignmentEvents.toState} = 'sent' group by ${assignmentEvents.assignmentId}`,
    ).then((xs) => xs.map(([id, at]) => ({ id: id!, at: new Date(Number(at)) }))),
    () => rows.length
      ? db
          .select({ agencyId: users.agencyId, n: count() })
          .from(users)
          .where(and(isNull(users.disabledAt), sql`${users.roles} && array['officer','leader']::text[]`, inArray(users.agencyId, [...new Set(rows.map((r) => r.agencyId))])))
          .groupBy(users.agencyId)
      : Promise.resolve([]),
    () => indicatorAppendixIds.length
      ? db
          .select({ id: appendixRows.id, appendixId: appendixRows.appendixId, parentId: appendixRows.parentId, sortOrder: appendixRows.sortOrder, lead: appendixRows.lead, indicatorId: appendixRows.indicatorId, addedByAgencyId: appendixRows.addedByAgencyId, expression: indicators.expression })
          .from(appendixRows)
          .leftJoin(indicators, eq(indicators.id, appendixRows.indicatorId))
          .where(inArray(appendixRows.appendixId, indicatorAppendixIds))
      : Promise.resolve([]),
  ]);
  const indicatorIds = [...new Set(aRows.map((r) => r.indicatorId).filter((x): x is string => !!x))];
  const v = indicatorValues;
  const values = indicatorIds.length
    ? (
        await textRows(
          db,
          [sql`${v.indicatorId}`, sql`${v.period}`, sql`${v.area}`],
          sql`from ${v} where ${inArray(v.indicatorId, indicatorIds)} and ${v.value} is not null`,
        )
      ).map(([indicatorId, period, area]) => ({ indicatorId: indicatorId!, period: period!, area: area! }))
    : [];
  return { texts, cellTexts, records, firstSends, staff, aRows, values };
}

export async function buildProgressMatrix(db: Db, dir: Directory, ctx: RequestContext, campaignId: string): Promise<ProgressMatrixDto> {
  const w = await loadCampaignWork(db, campaignId);
  const { canReview } = assertCanSeeProgress(ctx, w, dir);
  const today = toVnPlainDate(ctx.now);
  const refDate = w.campaign.referenceDate;
  const rows = await loadAssignments(db, campaignId);
  const f = await loadFacts(db, w, rows);
  const firstSent = new Map(f.firstSends.map((s) => [s.id, s.at]));

  // --- columns (document order) and agencies (by name); every later step works on their indexes
  const usedItems = new Set(rows.map((r) => r.outlineItemId).filter(Boolean));
  const usedAppendices = new Set(rows.map((r) => r.appendixId).filter(Boolean));
  const columns: ProgressColumnDto[] = [];
  const itemColumn = new Map<string, number>();
  const appendixColumn = new Map<string, number>();
  for (const o of w.outline) {
    if (!usedItems.has(o.item.id)) continue;
    itemColumn.set(o.item.id, columns.length);
    columns.push({ key: `o:${o.item.id}`, kind: "outline", id: o.item.id, label: labelText(o.labelPath), title: o.item.title, depth: o.depth, milestoneCodes: [], counts: emptyCounts() });
  }
  for (const ap of w.appendices) {
    if (!usedAppendices.has(ap.id)) continue;
    appendixColumn.set(ap.id, columns.length);
    columns.push({ key: `a:${ap.id}`, kind: ap.kind === "records" ? "records" : "indicators", id: ap.id, label: ap.title, title: ap.subtitle ?? ap.title, depth: 1, milestoneCodes: [], counts: emptyCounts() });
  }
  const agencyIds = [...new Set(rows.map((r) => r.agencyId))];
  const groupsOf = new Map<string, string[]>(agencyIds.map((id) => [id, []]));
  const groups: { id: string; name: string }[] = [];
  for (const g of dir.snap.groups) {
    const members = dir.groupMemberIds(g.id, refDate).filter((id) => groupsOf.has(id));
    if (!members.length) continue;
    groups.push({ id: g.id, name: g.name });
    for (const id of members) groupsOf.get(id)!.push(g.id);
  }
  const userCount = new Map(f.staff.map((s) => [s.agencyId, s.n]));
  const agencies: ProgressAgencyDto[] = agencyIds
    .map((id) => ({
      id,
      name: dir.displayName(id, refDate),
      shortName: dir.nameOn(id, refDate)?.shortName ?? dir.displayName(id, refDate),
      groupIds: groupsOf.get(id) ?? [],
      counts: emptyCounts(),
      rates: emptyRates(),
      maxOverdueDays: 0,
      users: userCount.get(id) ?? 0,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, "vi"));
  const agencyIndex = new Map(agencies.map((a, i) => [a.id, i]));
  const width = columns.length;
  const columnOf = (r: Pick<AssignmentLite, "outlineItemId" | "appendixId">) => (r.outlineItemId ? itemColumn.get(r.outlineItemId) : appendixColumn.get(r.appendixId ?? ""));

  // --- what each agency has started: one flag per agency × column
  const assigned = new Uint8Array(agencies.length * width);
  for (const r of rows) {
    const ai = agencyIndex.get(r.agencyId);
    const ci = columnOf(r);
    if (ai !== undefined && ci !== undefined) assigned[ai * width + ci] = 1;
  }
  const started = new Uint8Array(agencies.length * width);
  const startAppendix = (agencyId: string, appendixId: string) => {
    const ai = agencyIndex.get(agencyId);
    const ci = appendixColumn.get(appendixId);
    if (ai !== undefined && ci !== undefined) started[ai * width + ci] = 1;
  };
  for (const t of f.texts) {
    const ai = agencyIndex.get(t.agencyId);
    if (ai === undefined) continue;
    // A text of a sub-item belongs to the agency's nearest assigned ancestor-or-self.
    let id: string | null = t.itemId;
    for (let guard = 0; id && guard < 50; guard++) {
      const ci = itemColumn.get(id);
      if (ci !== undefined && assigned[ai * width + ci]) {
        started[ai * width + ci] = 1;
        break;
      }
      id = w.itemById.get(id)?.item.parentId ?? null;
    }
  }
  for (const c of f.cellTexts) startAppendix(c.agencyId, c.appendixId);
  for (const r of f.records) startAppendix(r.agencyId, r.appendixId);

  // --- input indicator cells per agency (rows it leads × input value columns of the appendix)
  const filled = new Set(f.values.map((v) => `${v.indicatorId}|${v.period}|${v.area}`));
  const areas = w.campaign.areas as TemplateArea[];
  for (const ap of w.appendices.filter((a) => a.kind === "indicators")) {
    let inputs: { period: string; area: string }[] = [];
    try {
      const expanded = expandColumns({ ...(ap.config as object), rows: [] } as unknown as TemplateAppendix, areas);
      inputs = expanded.leaves.flatMap((l) => (l.kind === "value" && l.mode === "input" ? [{ period: l.period, area: l.area }] : []));
    } catch {
      inputs = [];
    }
    if (!inputs.length) continue;
    const apRows = f.aRows.filter((r) => r.appendixId === ap.id);
    const leads = effectiveRowLeads(apRows.map((r) => ({ ...r, lead: r.lead ?? [] })) as never);
    for (const r of apRows) {
      if (!r.indicatorId || r.expression) continue;
      const owners = r.addedByAgencyId ? [r.addedByAgencyId] : expandRefs(dir, leads.get(r.id) ?? [], refDate);
      let n = 0;
      for (const c of inputs) if (filled.has(`${r.indicatorId}|${c.period}|${c.area}`)) n++;
      for (const agencyId of owners) {
        const ai = agencyIndex.get(agencyId);
        if (ai === undefined) continue;
        const rates = agencies[ai]!.rates;
        rates.cellsFilled += n;
        rates.cellsTotal += inputs.length;
        if (n > 0) startAppendix(agencyId, ap.id);
      }
    }
  }

  // --- cells
  const totals = { counts: emptyCounts(), rates: emptyRates() };
  const cells: ProgressCellDto[] = [];
  const milestoneCodes = columns.map(() => new Set<string>());
  for (const r of rows) {
    const ci = columnOf(r);
    const ai = agencyIndex.get(r.agencyId);
    if (ci === undefined || ai === undefined) continue;
    const status = progressStatus(r, started[ai * width + ci] === 1);
    const due = r.dueOverride ?? r.dueDate;
    const late = overdueDays(status, due, today);
    cells.push([ai, ci, status, r.role === "cooperate" ? 1 : 0, late, due ?? "", r.dueOverride ? 1 : 0]);
    const agency = agencies[ai]!;
    tally(agency.counts, status, late);
    tally(columns[ci]!.counts, status, late);
    tally(totals.counts, status, late);
    if (late > agency.maxOverdueDays) agency.maxOverdueDays = late;
    const m = r.milestoneId ? w.milestoneById.get(r.milestoneId) : undefined;
    if (m) milestoneCodes[ci]!.add(m.code);
    // timeliness
    if (due) {
      const isDelivered = delivered(status);
      if (isDelivered || due < today) {
        const sentOn = firstSent.get(r.id) ?? r.sentAt;
        const onTime = isDelivered && sentOn != null && toVnPlainDate(sentOn) <= due;
        for (const rates of [agency.rates, totals.rates]) {
          rates.timelinessBase++;
          if (onTime) rates.onTime++;
        }
      }
    }
  }
  columns.forEach((c, i) => (c.milestoneCodes = [...milestoneCodes[i]!].sort()));
  for (const a of agencies) {
    totals.rates.cellsFilled += a.rates.cellsFilled;
    totals.rates.cellsTotal += a.rates.cellsTotal;
  }
  for (const a of [...agencies, totals]) {
    a.rates.completeness = a.counts.assigned ? a.counts.delivered / a.counts.assigned : null;
  }
  return {
    campaign: { id: w.campaign.id, code: w.campaign.code, name: w.campaign.name, status: w.campaign.status, referenceDate: refDate },
    today,
    columns,
    agencies,
    cells,
    groups: groups.sort((a, b) => a.name.localeCompare(b.name, "vi")),
    milestones: w.milestones.map((m) => ({ id: m.id, code: m.code, due: m.due, wording: m.wording })),
    totals,
    canReview,
  };
}
