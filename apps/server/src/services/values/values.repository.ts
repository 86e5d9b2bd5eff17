import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { FigureStatus } from "@tonghop/contracts";
import type { Db } from "../../db/client.js";
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

const selection = {
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
  campaignName: campaigns.name,
  enteredBy: indicatorValues.enteredBy,
  enteredByName: users.fullName,
  enteredAt: indicatorValues.enteredAt,
  version: indicatorValues.version,
  current: indicatorValues.current,
};

type Selected = Omit<FigureRow, "status"> & { status: string };
const typed = (rows: Selected[]): FigureRow[] => rows as FigureRow[];

const INSERT_CHUNK = 2_000;

/** SQL over indicator_values only (no access checks). Every method takes a Db or a transaction. */
export class ValuesRepository {
  /** Current vintages of every period and area of the given indicators. */
  async currentOf(db: Db, indicatorIds: readonly string[]): Promise<FigureRow[]> {
    if (!indicatorIds.length) return [];
    const rows = await db
      .select(selection)
      .from(indicatorValues)
      .leftJoin(users, eq(users.id, indicatorValues.enteredBy))
      .leftJoin(campaigns, eq(campaigns.id, indicatorValues.campaignId))
      .where(and(eq(indicatorValues.current, true), inArray(indicatorValues.indicatorId, [...new Set(indicatorIds)])));
    return typed(rows);
  }

  /**
   * Current vintages of exactly these keys. With `lock`, the rows are locked FOR UPDATE until the transaction ends
   * (keys without a figure are protected by the unique index on (indicator, period, area, version)).
   */
  async currentAt(db: Db, keys: readonly FigureKey[], opts: { lock?: boolean } = {}): Promise<FigureRow[]> {
    if (!keys.length) return [];
    const where = and(
      eq(indicatorValues.current, true),
      sql`(${indicatorValues.indicatorId}, ${indicatorValues.period}, ${indicatorValues.area}) in (select * from unnest(${sql.param(
        keys.map((k) => k.indicatorId),
      )}::uuid[], ${sql.param(keys.map((k) => k.period))}::text[], ${sql.param(keys.map((k) => k.area))}::text[]))`,
    );
    const read = () =>
      db
        .select(selection)
        .from(indicatorValues)
        .leftJoin(users, eq(users.id, indicatorValues.enteredBy))
        .leftJoin(campaigns, eq(campaigns.id, indicatorValues.campaignId))
        .where(where);
    if (!opts.lock) return typed(await read());
    // Lock the figure rows only (a join would lock users and campaigns too), then read them with the names. A row
    // we waited for may have been replaced meanwhile by a newer vintage (committed by the transaction we waited on):
    // the read (a new snapshot under READ COMMITTED) sees it; lock again until every current row read is locked.
    const locked = new Set<string>();
    for (let attempt = 0; attempt < 5; attempt++) {
      for (const r of await db.select({ id: indicatorValues.id }).from(indicatorValues).where(where).for("update")) locked.add(r.id);
      const rows = typed(await read());
      if (rows.every((r) => locked.has(r.id))) return rows;
    }
    throw new Error("Không khóa được các ô số liệu: có quá nhiều lần lưu đồng thời vào cùng ô.");
  }

  /** Every vintage of one figure, newest first. */
  async history(db: Db, key: FigureKey): Promise<FigureRow[]> {
    const rows = await db
      .select(selection)
      .from(indicatorValues)
      .leftJoin(users, eq(users.id, indicatorValues.enteredBy))
      .leftJoin(campaigns, eq(campaigns.id, indicatorValues.campaignId))
      .where(and(eq(indicatorValues.indicatorId, key.indicatorId), eq(indicatorValues.period, key.period), eq(indicatorValues.area, key.area)))
      .orderBy(desc(indicatorValues.version), asc(indicatorValues.enteredAt));
    return typed(rows);
  }

  /** Marks vintages as history (current = false). */
  async retire(db: Db, ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
      const chunk = ids.slice(i, i + INSERT_CHUNK);
      await db
        .update(indicatorValues)
        .set({ current: false })
        .where(sql`${indicatorValues.id} = any(${sql.param(chunk)}::uuid[])`);
    }
  }

  /** Inserts new current vintages; returns their ids in input order. */
  async insert(db: Db, rows: readonly NewFigure[]): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      const inserted = await db
        .insert(indicatorValues)
        .values(chunk.map((r) => ({ ...r, current: true })))
        .returning({ id: indicatorValues.id });
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
