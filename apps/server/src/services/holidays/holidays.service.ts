import { and, asc, eq, gte, lt } from "drizzle-orm";
import type { HolidayEntryDto, HolidayYearDto, SaveHolidayRequest } from "@tonghop/contracts";
import {
  addDays,
  dayOfWeek,
  formatVnDate,
  isWorkingDay,
  mergeCalendars,
  VN_HOLIDAY_BREAKS,
  VN_WORKING_WEEKENDS,
  vnHolidayCalendar,
  type HolidayCalendar,
  type PlainDate,
} from "@tonghop/domain";
import { requireRole, type RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import { holidayDays } from "../../db/schema/index.js";
import { AppError, notFound } from "../../http/errors.js";
import type { AuditRepository } from "../../repositories/audit.repository.js";

const WEEKDAY_NAMES = ["Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"];
const SHIPPED: HolidayCalendar = vnHolidayCalendar();
const SHIPPED_YEARS = new Set(VN_HOLIDAY_BREAKS.map((b) => b.year));

/** How long a process trusts its cached calendar (another instance may have edited it). */
const CACHE_MS = 30_000;

type HolidayRow = typeof holidayDays.$inferSelect;

/**
 * The shipped calendar merged with the administrator's edits (pure: used by the service and by tests). An edit wins
 * over the shipped data for its date: the shipped entry of that date is dropped before merging, so that "off" also
 * cancels a shipped compensating Saturday and "work" a shipped holiday.
 */
export function mergeHolidayEdits(rows: readonly Pick<HolidayRow, "date" | "kind">[]): HolidayCalendar {
  const edited = new Set(rows.map((r) => r.date));
  const shipped: HolidayCalendar = {
    holidays: SHIPPED.holidays.filter((d) => !edited.has(d)),
    workingWeekends: (SHIPPED.workingWeekends ?? []).filter((d) => !edited.has(d)),
  };
  return mergeCalendars(shipped, {
    holidays: rows.filter((r) => r.kind === "off").map((r) => r.date),
    workingWeekends: rows.filter((r) => r.kind === "work").map((r) => r.date),
  });
}

const isWeekend = (d: PlainDate) => {
  const w = dayOfWeek(d);
  return w === 0 || w === 6;
};

/**
 * The holiday calendar: the shipped data (@tonghop/domain, 2019–2027 with Tết breaks and swap days) merged with the
 * administrator's edits stored in holiday_days (extra days off; working days: compensating weekends, or a shipped
 * holiday that was cancelled). Everyone reads it; only administrators change it, each change audited.
 */
export class HolidaysService {
  private cached: { at: number; calendar: HolidayCalendar } | null = null;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditRepository,
  ) {}

  /** The merged calendar (cached briefly; `fresh` forces a read). */
  async calendar(opts: { fresh?: boolean; db?: Db } = {}): Promise<HolidayCalendar> {
    const now = Date.now();
    if (!opts.fresh && !opts.db && this.cached && now - this.cached.at < CACHE_MS) return this.cached.calendar;
    const rows = await (opts.db ?? this.db).select({ date: holidayDays.date, kind: holidayDays.kind }).from(holidayDays);
    const calendar = mergeHolidayEdits(rows);
    if (!opts.db) this.cached = { at: now, calendar };
    return calendar;
  }

  invalidate(): void {
    this.cached = null;
  }

  async year(year: number): Promise<HolidayYearDto> {
    const from = `${year}-01-01`;
    const to = `${year + 1}-01-01`;
    const custom = await this.db
      .select()
      .from(holidayDays)
      .where(and(gte(holidayDays.date, from), lt(holidayDays.date, to)))
      .orderBy(asc(holidayDays.date));
    const byDate = new Map<PlainDate, HolidayEntryDto>();
    for (const b of VN_HOLIDAY_BREAKS) {
      for (let d = b.from; d <= b.to; d = addDays(d, 1)) {
        if (d < from || d >= to || isWeekend(d)) continue;
        byDate.set(d, { date: d, kind: "off", name: b.name, source: "shipped", id: null, provisional: !!b.provisional });
      }
    }
    for (const w of VN_WORKING_WEEKENDS) {
      if (w.date < from || w.date >= to) continue;
      byDate.set(w.date, { date: w.date, kind: "work", name: w.note, source: "shipped", id: null, provisional: !!w.provisional });
    }
    for (const r of custom) {
      byDate.set(r.date, { date: r.date, kind: r.kind as "off" | "work", name: r.note, source: "custom", id: r.id, provisional: false });
    }
    const calendar = mergeHolidayEdits(custom);
    let workingDays = 0;
    for (let d = from; d < to; d = addDays(d, 1)) if (isWorkingDay(d, calendar)) workingDays++;
    return {
      year,
      entries: [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)),
      workingDays,
      shippedCoverage: SHIPPED_YEARS.has(year),
    };
  }

  /** Adds or changes the administrator's entry for a date. */
  async save(ctx: RequestContext, input: SaveHolidayRequest): Promise<HolidayEntryDto> {
    requireRole(ctx, ["admin"], "Chỉ quản trị hệ thống được sửa lịch nghỉ lễ.");
    const date = input.date;
    const weekday = WEEKDAY_NAMES[dayOfWeek(date)]!;
    const shippedWorking = isWorkingDay(date, SHIPPED);
    if (input.kind === "off" && isWeekend(date) && !SHIPPED.workingWeekends?.includes(date)) {
      throw new AppError("UNPROCESSABLE", `Ngày ${formatVnDate(date)} là ${weekday}, vốn đã là ngày nghỉ; không cần thêm.`, { field: "date" });
    }
    if (input.kind === "work" && shippedWorking) {
      throw new AppError("UNPROCESSABLE", `Ngày ${formatVnDate(date)} (${weekday}) vốn là ngày làm việc; chỉ thêm ngày làm bù vào thứ Bảy, Chủ nhật hoặc ngày nghỉ được bãi bỏ.`, {
        field: "kind",
      });
    }
    const row = await this.db.transaction(async (tx) => {
      const [before] = await tx.select().from(holidayDays).where(eq(holidayDays.date, date)).limit(1);
      const [saved] = before
        ? await tx.update(holidayDays).set({ kind: input.kind, note: input.note, updatedAt: ctx.now }).where(eq(holidayDays.id, before.id)).returning()
        : await tx
            .insert(holidayDays)
            .values({ date, kind: input.kind, note: input.note, createdBy: ctx.actor?.userId ?? null, createdAt: ctx.now, updatedAt: ctx.now })
            .returning();
      await this.audit.record(tx, ctx, {
        action: before ? "holiday.update" : "holiday.create",
        entityType: "holiday",
        entityId: saved!.id,
        summary: `${input.kind === "off" ? "Ngày nghỉ" : "Ngày làm việc"} ${formatVnDate(date)}: ${input.note}`,
        before: before ? { date: before.date, kind: before.kind, note: before.note } : null,
        after: { date, kind: input.kind, note: input.note },
      });
      return saved!;
    });
    this.invalidate();
    return { date: row.date, kind: row.kind as "off" | "work", name: row.note, source: "custom", id: row.id, provisional: false };
  }

  async remove(ctx: RequestContext, id: string): Promise<void> {
    requireRole(ctx, ["admin"], "Chỉ quản trị hệ thống được sửa lịch nghỉ lễ.");
    await this.db.transaction(async (tx) => {
      const [row] = await tx.delete(holidayDays).where(eq(holidayDays.id, id)).returning();
      if (!row) throw notFound("ngày trong lịch nghỉ");
      await this.audit.record(tx, ctx, {
        action: "holiday.delete",
        entityType: "holiday",
        entityId: id,
        summary: `Bỏ ${row.kind === "off" ? "ngày nghỉ" : "ngày làm việc"} ${formatVnDate(row.date)} (${row.note}); trở lại theo lịch có sẵn`,
        before: { date: row.date, kind: row.kind, note: row.note },
      });
    });
    this.invalidate();
  }
}
