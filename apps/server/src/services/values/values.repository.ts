import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { FigureStatus } from "@tonghop/contracts";
import type { Db } from "../../db/client.js";
import { preparedRawRows } from "../../db/raw-rows.js";
import { campaigns, indicatorValueHistory, indicatorValues, users } from "../../db/schema/index.js";

/** A figure's address: one indicator, one period, one comparison area. */
export interface FigureKey {
  indicatorId: string;
  period: string;
  area: string;
}

export const figureKey = (k: FigureKey): string => `${k.indicatorId}|${k.period}|${k.area}`;

/** One vintage of a figure with the names a screen shows. */
export interface FigureRow extends FigureKey {
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
  /** Whether this is the figure's current vintage (always, for a read of current figures). */
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

/** The columns of a vintage (without the names of who entered it and where), in either table. */
function vintageColumns(t: typeof indicatorValues | typeof indicatorValueHistory) {
  return {
    indicatorId: t.indicatorId,
    period: t.period,
    area: t.area,
    value: t.value,
    status: t.status,
    note: t.note,
    source: t.source,
    sourceAgencyId: t.sourceAgencyId,
    campaignId: t.campaignId,
    enteredBy: t.enteredBy,
    enteredAt: t.enteredAt,
    version: t.version,
  };
}

const valueColumns = vintageColumns(indicatorValues);

type Selected = Omit<FigureRow, "status" | "current"> & { status: string };
const typed = (rows: Selected[], current: (r: Selected) => boolean = () => true): FigureRow[] =>
  rows.map((r) => ({ ...(r as Omit<FigureRow, "current">), current: current(r) }));

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

/** Current figures at exactly these keys (three array parameters, whatever the number of keys). */
function atKeys(keys: readonly FigureKey[]) {
  return sql`(${indicatorValues.indicatorId}, ${indicatorValues.period}, ${indicatorValues.area}) in (select * from unnest(${sql.param(
    keys.map((k) => k.indicatorId),
  )}::uuid[], ${sql.param(keys.map((k) => k.period))}::text[], ${sql.param(keys.map((k) => k.area))}::text[]))`;
}

/** Current figures with the names a screen shows (who entered them, in which campaign); the caller adds the filter. */
function figures(db: Db) {
  return db
    .select({ ...valueColumns, campaignName: campaigns.name, enteredByName: users.fullName })
    .from(indicatorValues)
    .leftJoin(users, eq(users.id, indicatorValues.enteredBy))
    .leftJoin(campaigns, eq(campaigns.id, indicatorValues.campaignId));
}

/**
 * Makes each row of `source` (a query with the columns of `NEW_FIGURE_COLUMNS` and `ord`) the current figure of its
 * key and appends it to the history, in one statement with the caller's CTEs (`ctes`, ending with a comma), only
 * while `when` holds. The row of an existing key is updated in place (a HOT update: no indexed column changes), and only
 * from the version just below: a figure another transaction changed meanwhile is left alone, and the history then
 * refuses the same version twice (unique_violation, the whole statement undone), which callers report as a version
 * conflict. The history is appended after the update (it reads its count), so a save that waited for another one's
 * lock sees that save's vintage there.
 */
function writeStatement(ctes: SQL, source: string, when: SQL, tail: SQL): SQL {
  const columns = sql.raw(NEW_FIGURE_COLUMNS);
  const from = sql.raw(source);
  return sql`
    with ${ctes}
    written as (
      insert into ${indicatorValues} as v (${columns})
      select ${columns} from ${from} where ${when} order by ord
      on conflict (indicator_id, period, area) do update
         set value = excluded.value, status = excluded.status, note = excluded.note, source = excluded.source,
             source_agency_id = excluded.source_agency_id, campaign_id = excluded.campaign_id,
             entered_by = excluded.entered_by, entered_at = excluded.entered_at, version = excluded.version
       where v.version = excluded.version - 1
      returning 1
    ),
    appended as (
      insert into ${indicatorValueHistory} (${columns})
      select ${columns} from ${from}, (select count(*) from written) as written_first where ${when} order by ord
      returning 1
    )
    ${tail}`;
}

const NEW_FIGURE_COLUMNS = "indicator_id, period, area, value, status, note, source, source_agency_id, campaign_id, entered_by, entered_at, version";

/** SQL over indicator_values and indicator_value_history only (no access checks). Every method takes a Db or a transaction. */
export class ValuesRepository {
  /** Current figures of every period and area of the given indicators. */
  async currentOf(db: Db, indicatorIds: readonly string[]): Promise<FigureRow[]> {
    if (!indicatorIds.length) return [];
    const rows = await figures(db).where(inArray(indicatorValues.indicatorId, [...new Set(indicatorIds)]));
    return typed(rows);
  }

  /** Current figures of exactly these keys (no lock: `lockCurrent` is the writer's read). */
  async currentAt(db: Db, keys: readonly FigureKey[]): Promise<FigureRow[]> {
    if (!keys.length) return [];
    const rows = await figures(db).where(atKeys(keys));
    return typed(rows);
  }

  /**
   * Locks and reads the current figures of these keys; the caller then writes their successors (`write`) in the same
   * transaction. A figure another transaction is saving is read once that one has committed, with its new version.
   * A key that has no figure yet is not locked: a concurrent first save of it makes one of the two inserts fail
   * (unique_violation), which callers report as a version conflict. The names (`enteredByName`, `campaignName`) are
   * left null: only a refusal shows them (`withNames`).
   */
  async lockCurrent(db: Db, keys: readonly FigureKey[]): Promise<FigureRow[]> {
    if (!keys.length) return [];
    const rows = await db.select(valueColumns).from(indicatorValues).where(atKeys(keys)).for("update");
    return typed(rows.map((r) => ({ ...r, campaignName: null, enteredByName: null })));
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
   * an estimate unless allowed. Then every write becomes the key's current figure (version + 1), joins the history,
   * and `alongside` runs; otherwise nothing is written and the caller takes the general path (`lockCurrent`…), which
   * tells conflicts, unchanged cells and refusals apart.
   *
   * The statement decides on the figures as of its start; a figure another transaction saves meanwhile makes it fail
   * with unique_violation (see `writeStatement`), and the caller takes the general path.
   */
  async writeIfPlain(db: Db, rows: readonly PlainWrite[], opts: PlainBatchOptions): Promise<boolean> {
    if (!rows.length || rows.length > INSERT_CHUNK) return false;
    const col = <T>(pick: (r: PlainWrite) => T) => sql.param(rows.map(pick));
    const ok = sql`(select ok from plain)`;
    const [result] = await preparedRawRows<{ ok: boolean | null }>(
      db,
      "save_plain",
      writeStatement(
        sql`guard as (${opts.guard}),
      w as (
        select * from unnest(${col((r) => r.indicatorId)}::uuid[], ${col((r) => r.period)}::text[], ${col((r) => r.area)}::text[],
                             ${col((r) => (r.value == null ? null : String(r.value)))}::numeric[], ${col((r) => r.status)}::text[],
                             ${col((r) => r.note || null)}::text[], ${col((r) => r.source || null)}::text[], ${col((r) => r.baseVersion)}::int[])
          with ordinality as w(indicator_id, period, area, value, status, note, source, base, ord)
      ),
      cur as (
        select w.*, v.id as cur_id, v.version as cur_version, v.value as cur_value, v.status as cur_status, v.note as cur_note, v.source as cur_source
          -- One index probe per cell, whatever the table's size (LIMIT keeps the planner from turning it into a join
          -- that could scan the table: the plan is kept for later calls, see preparedRawRows).
          from w left join lateral (
            select * from ${indicatorValues} v where v.indicator_id = w.indicator_id and v.period = w.period and v.area = w.area limit 1
          ) v on true
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
      batch as (
        select indicator_id, period, area, value, status, note, source, ${opts.sourceAgencyId}::uuid as source_agency_id,
               ${opts.campaignId}::uuid as campaign_id, ${opts.enteredBy}::uuid as entered_by,
               ${opts.enteredAt.toISOString()}::timestamptz as entered_at, base + 1 as version, ord
          from cur
      ),`,
        "batch",
        ok,
        sql`, alongside as (${opts.alongside(ok)})
      select ${ok} as ok`,
      ),
    );
    return result?.ok === true;
  }

  /** Every vintage of one figure, newest first (the first one is the current figure). */
  async history(db: Db, key: FigureKey): Promise<FigureRow[]> {
    const h = indicatorValueHistory;
    const rows = await db
      .select({ ...vintageColumns(h), campaignName: campaigns.name, enteredByName: users.fullName })
      .from(h)
      .leftJoin(users, eq(users.id, h.enteredBy))
      .leftJoin(campaigns, eq(campaigns.id, h.campaignId))
      .where(and(eq(h.indicatorId, key.indicatorId), eq(h.period, key.period), eq(h.area, key.area)))
      .orderBy(desc(h.version), asc(h.enteredAt));
    const newest = rows[0]?.version;
    return typed(rows, (r) => r.version === newest);
  }

  /**
   * Makes these figures current and appends them to the history (version: the one after the current figure's, which
   * the caller holds locked by `lockCurrent`, or 1 for a new key). One array parameter per column (unnest) rather than
   * one parameter per value: a 50-cell batch sends 12 parameters, not 600.
   */
  async write(db: Db, rows: readonly NewFigure[]): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      const col = <T>(pick: (r: NewFigure) => T) => sql.param(chunk.map(pick));
      await db.execute(
        writeStatement(
          sql`t as (
            select * from unnest(${col((r) => r.indicatorId)}::uuid[], ${col((r) => r.period)}::text[], ${col((r) => r.area)}::text[],
                                 ${col((r) => (r.value == null ? null : String(r.value)))}::numeric[], ${col((r) => r.status)}::text[],
                                 ${col((r) => r.note)}::text[], ${col((r) => r.source)}::text[], ${col((r) => r.sourceAgencyId)}::uuid[],
                                 ${col((r) => r.campaignId)}::uuid[], ${col((r) => r.enteredBy)}::uuid[],
                                 ${col((r) => r.enteredAt.toISOString())}::timestamptz[], ${col((r) => r.version)}::int[])
                   with ordinality as t(indicator_id, period, area, value, status, note, source, source_agency_id, campaign_id, entered_by, entered_at, version, ord)
          ),`,
          "t",
          sql`true`,
          sql`select (select count(*) from written) as written, (select count(*) from appended) as appended`,
        ),
      );
    }
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
