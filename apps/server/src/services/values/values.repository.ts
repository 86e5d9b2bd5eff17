import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
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

/** A write of a plain batch: its key, its content and the version the user edited. */
export interface PlainWrite extends FigureKey {
  value: number | null;
  status: FigureStatus;
  note: string | null;
  source: string | null;
  baseVersion: number;
}

export interface PlainBatchOptions {
  /** A SELECT that returns one row while the caller's preconditions hold (it may lock what they depend on). */
  guard: SQL;
  /** Whether an estimate or a preliminary figure may replace an official one. */
  allowDowngrade: boolean;
  sourceAgencyId: string | null;
  campaignId: string | null;
  enteredBy: string | null;
  enteredAt: Date;
  /** A statement that runs in the same statement, given the condition under which the batch is written (the audit entry). */
  alongside: (written: SQL) => SQL;
}

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

  /**
   * Writes a plain batch in a single statement, or nothing. Plain: the guard holds, and every key's current version is
   * the one the user edited (0: none), its content differs from the stored one, and no official figure is replaced by
   * an estimate unless allowed. Then every write becomes the key's new current vintage (version + 1) and `alongside`
   * runs; otherwise nothing is written and the caller takes the general path (`takeCurrent`…), which tells conflicts,
   * unchanged cells and refusals apart.
   *
   * The statement reads the current vintages as of its start. A vintage another transaction replaced meanwhile is not
   * current any more when the update reaches it and is skipped; the successor this statement then inserts meets the
   * other one in the unique index of current vintages (unique_violation, the whole statement undone), as with
   * `takeCurrent`. Retiring runs before inserting (the insert reads the retired count): a vintage leaves that index
   * before its successor enters it.
   */
  async writeIfPlain(db: Db, rows: readonly PlainWrite[], opts: PlainBatchOptions): Promise<boolean> {
    if (!rows.length || rows.length > INSERT_CHUNK) return false;
    const col = <T>(pick: (r: PlainWrite) => T) => sql.param(rows.map(pick));
    const [result] = await rawRows<{ ok: boolean | null }>(db, sql`
      with guard as (${opts.guard}),
      w as (
        select * from unnest(${col((r) => r.indicatorId)}::uuid[], ${col((r) => r.period)}::text[], ${col((r) => r.area)}::text[],
                             ${col((r) => (r.value == null ? null : String(r.value)))}::numeric[], ${col((r) => r.status)}::text[],
                             ${col((r) => r.note || null)}::text[], ${col((r) => r.source || null)}::text[], ${col((r) => r.baseVersion)}::int[])
          with ordinality as w(indicator_id, period, area, value, status, note, source, base, ord)
      ),
      cur as (
        select w.*, v.id as cur_id, v.version as cur_version, v.value as cur_value, v.status as cur_status, v.note as cur_note, v.source as cur_source
          from w left join ${indicatorValues} v
            on v.current and v.indicator_id = w.indicator_id and v.period = w.period and v.area = w.area
      ),
      plain as (
        select (select count(*) from guard) = 1 and bool_and(
                 coalesce(cur_version, 0) = base
                 and not (case when cur_id is null then value is null and coalesce(note, '') = '' and coalesce(source, '') = ''
                               else value is not distinct from cur_value and status = cur_status
                                    and coalesce(note, '') = coalesce(cur_note, '') and coalesce(source, '') = coalesce(cur_source, '') end)
                 and (${opts.allowDowngrade}::boolean or cur_status is distinct from 'chinh-thuc' or status = 'chinh-thuc')
               ) as ok
          from cur
      ),
      retired as (
        update ${indicatorValues} v set current = false
          from cur
         where (select ok from plain) and v.id = cur.cur_id and v.current
        returning v.id
      ),
      inserted as (
        insert into ${indicatorValues} (indicator_id, period, area, value, status, note, source, source_agency_id, campaign_id, entered_by, entered_at, version, current)
        select cur.indicator_id, cur.period, cur.area, cur.value, cur.status, cur.note, cur.source, ${opts.sourceAgencyId}::uuid, ${opts.campaignId}::uuid,
               ${opts.enteredBy}::uuid, ${opts.enteredAt.toISOString()}::timestamptz, cur.base + 1, true
          from cur, (select count(*) from retired) as retired_first
         where (select ok from plain)
         order by cur.ord
        returning id
      ),
      alongside as (${opts.alongside(sql`(select ok from plain)`)})
      select (select ok from plain) as ok, (select count(*) from inserted) as inserted`);
    return result?.ok === true;
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
