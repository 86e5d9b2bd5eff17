import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { FigureStatus } from "@tonghop/contracts";
import type { Db } from "../../db/client.js";
import { rawRows } from "../../db/raw-rows.js";
import { campaigns, indicatorValues, users } from "../../db/schema/index.js";

/** A figure's address: one indicator, one period, one comparison area. */
export interface FigureKey {
  indicatorId: string;
  period: string;
  area: string;
}

export const figureKey = (k: FigureKey): string => `${k.indicatorId}|${k.period}|${k.area}`;

/** One vintage of a figure with the names a screen shows. */
export interface FigureRow extends FigureKey {
  id: string;
  value: number | null;
  status: FigureStatus;
  note: string | null;
  source: string | null;
  sourceAgencyId: string | null;
  campaignId: string | null;
  campaignName: string | null;
  enteredBy: string | null;
  enteredByName: string | null;
  enteredAt: Date;
  version: number;
  current: boolean;
}

export interface NewFigure extends FigureKey {
  value: number | null;
  status: FigureStatus;
  note: string | null;
  source: string | null;
  sourceAgencyId: string | null;
  campaignId: string | null;
  enteredBy: string | null;
  enteredAt: Date;
  version: number;
}

/** The columns of a vintage (without the names of who entered it and where). */
const valueColumns = {
  id: indicatorValues.id,
  indicatorId: indicatorValues.indicatorId,
  period: indicatorValues.period,
  area: indicatorValues.area,
  value: indicatorValues.value,
  status: indicatorValues.status,
  note: indicatorValues.note,
  source: indicatorValues.source,
  sourceAgencyId: indicatorValues.sourceAgencyId,
  campaignId: indicatorValues.campaignId,
  enteredBy: indicatorValues.enteredBy,
  enteredAt: indicatorValues.enteredAt,
  version: indicatorValues.version,
  current: indicatorValues.current,
};

const selection = { ...valueColumns, campaignName: campaigns.name, enteredByName: users.fullName };

type Selected = Omit<FigureRow, "status"> & { status: string };
const typed = (rows: Selected[]): FigureRow[] => rows as FigureRow[];

const INSERT_CHUNK = 2_000;

/** Current vintages at exactly these keys (three array parameters, whatever the number of keys). */
function currentAtKeys(keys: readonly FigureKey[]) {
  // `current` as a literal, not a parameter: a plan made for any value could not use the partial index of current vintages.
  return and(
    sql`${indicatorValues.current}`,
    sql`(${indicatorValues.indicatorId}, ${indicatorValues.period}, ${indicatorValues.area}) in (select * from unnest(${sql.param(
      keys.map((k) => k.indicatorId),
    )}::uuid[], ${sql.param(keys.map((k) => k.period))}::text[], ${sql.param(keys.map((k) => k.area))}::text[]))`,
  );
}

/** Vintages with the names a screen shows (who entered them, in which campaign); the caller adds the filter. */
function figures(db: Db) {
  return db
    .select(selection)
    .from(indicatorValues)
    .leftJoin(users, eq(users.id, indicatorValues.enteredBy))
    .leftJoin(campaigns, eq(campaigns.id, indicatorValues.campaignId));
}

/** SQL over indicator_values only (no access checks). Every method takes a Db or a transaction. */
export class ValuesRepository {
  /** Current vintages of every period and area of the given indicators. */
  async currentOf(db: Db, indicatorIds: readonly string[]): Promise<FigureRow[]> {
    if (!indicatorIds.length) return [];
    const rows = await figures(db)
      .where(and(eq(indicatorValues.current, true), inArray(indicatorValues.indicatorId, [...new Set(indicatorIds)])));
    return typed(rows);
  }

  /** Current vintages of exactly these keys (no lock: `takeCurrent` is the writer's read). */
  async currentAt(db: Db, keys: readonly FigureKey[]): Promise<FigureRow[]> {
    if (!keys.length) return [];
    const rows = await figures(db)
      .where(currentAtKeys(keys));
    return typed(rows);
  }

  /**
   * Takes the current vintages of these keys out of service and returns them as they were: one statement that locks,
   * reads and retires. The names (`enteredByName`, `campaignName`) are left null: only a refusal shows them
   * (`withNames`). The caller inserts their successors, or puts back the ones it keeps (`restore`), in the same
   * transaction; an error rolls everything back. A row this waited for and that the other transaction retired meanwhile
   * is skipped (its successor is not visible to this statement): the caller then sees no current vintage and its
   * insert runs into the unique index, which reports the race as a version conflict.
   */
  async takeCurrent(db: Db, keys: readonly FigureKey[]): Promise<FigureRow[]> {
    if (!keys.length) return [];
    const rows = await db.update(indicatorValues).set({ current: false }).where(currentAtKeys(keys)).returning(valueColumns);
    return typed(rows.map((r) => ({ ...r, current: true, campaignName: null, enteredByName: null })));
  }

  /** The same vintages with the names of who entered them and in which campaign (a refusal shows them). */
  async withNames(db: Db, rows: readonly FigureRow[]): Promise<FigureRow[]> {
    const userIds = [...new Set(rows.flatMap((r) => (r.enteredBy && r.enteredByName == null ? [r.enteredBy] : [])))];
    const campaignIds = [...new Set(rows.flatMap((r) => (r.campaignId && r.campaignName == null ? [r.campaignId] : [])))];
    const people = userIds.length ? await db.select({ id: users.id, name: users.fullName }).from(users).where(inArray(users.id, userIds)) : [];
    const campaignRows = campaignIds.length ? await db.select({ id: campaigns.id, name: campaigns.name }).from(campaigns).where(inArray(campaigns.id, campaignIds)) : [];
    const userName = new Map(people.map((u) => [u.id, u.name]));
    const campaignName = new Map(campaignRows.map((c) => [c.id, c.name]));
    return rows.map((r) => ({
      ...r,
      enteredByName: r.enteredByName ?? (r.enteredBy ? (userName.get(r.enteredBy) ?? null) : null),
      campaignName: r.campaignName ?? (r.campaignId ? (campaignName.get(r.campaignId) ?? null) : null),
    }));
  }

  /** Puts vintages taken by `takeCurrent` back in service (the batch left them unchanged). */
  async restore(db: Db, ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    await db
      .update(indicatorValues)
      .set({ current: true })
      .where(sql`${indicatorValues.id} = any(${sql.param(ids)}::uuid[])`);
  }

  /** Every vintage of one figure, newest first. */
  async history(db: Db, key: FigureKey): Promise<FigureRow[]> {
    const rows = await figures(db)
      .where(and(eq(indicatorValues.indicatorId, key.indicatorId), eq(indicatorValues.period, key.period), eq(indicatorValues.area, key.area)))
      .orderBy(desc(indicatorValues.version), asc(indicatorValues.enteredAt));
    return typed(rows);
  }

  /**
   * Inserts new current vintages; returns their ids in input order. One array parameter per column (unnest) rather
   * than one parameter per value: a 50-cell batch sends 12 parameters, not 600.
   */
  async insert(db: Db, rows: readonly NewFigure[]): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      const col = <T>(pick: (r: NewFigure) => T) => sql.param(chunk.map(pick));
      const inserted = await rawRows<{ id: string }>(db, sql`
        insert into ${indicatorValues} (indicator_id, period, area, value, status, note, source, source_agency_id, campaign_id, entered_by, entered_at, version, current)
        select indicator_id, period, area, value, status, note, source, source_agency_id, campaign_id, entered_by, entered_at, version, true
          from unnest(${col((r) => r.indicatorId)}::uuid[], ${col((r) => r.period)}::text[], ${col((r) => r.area)}::text[],
                      ${col((r) => (r.value == null ? null : String(r.value)))}::numeric[], ${col((r) => r.status)}::text[],
                      ${col((r) => r.note)}::text[], ${col((r) => r.source)}::text[], ${col((r) => r.sourceAgencyId)}::uuid[],
                      ${col((r) => r.campaignId)}::uuid[], ${col((r) => r.enteredBy)}::uuid[],
                      ${col((r) => r.enteredAt.toISOString())}::timestamptz[], ${col((r) => r.version)}::int[])
               with ordinality as t(indicator_id, period, area, value, status, note, source, source_agency_id, campaign_id, entered_by, entered_at, version, ord)
         order by ord
        returning id`);
      ids.push(...inserted.map((r) => r.id));
    }
    return ids;
  }
}

/** PostgreSQL unique_violation (23505), also when wrapped by drizzle. */
export function isUniqueViolation(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; e && depth < 5; depth++) {
    if (typeof e === "object" && (e as { code?: unknown }).code === "23505") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
