import { FIGURE_STATUS_LABELS, type FigureConflictDto, type FigureStatus } from "@tonghop/contracts";
import { formatVnNumber } from "@tonghop/domain";
import type { SQL } from "drizzle-orm";
import type { RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import { AppError, badRequest } from "../../http/errors.js";
import { figureKey, type FigureKey, type FigureRow, type ValuesRepository } from "./values.repository.js";

/**
 * One figure, one place. A figure is stored once per indicator × period × comparison area (not per campaign);
 * every save makes a new vintage: it becomes the current figure and joins the history, where the previous ones stay.
 * The vintage number (`version`) is the optimistic-concurrency token of the cell.
 *
 * Rules of a write (one batch, inside the caller's transaction):
 * - every cell carries the version the user edited (`baseVersion`, 0 for an empty cell); if the stored version
 *   differs and the stored content is not already what the user sends, the whole batch is refused with 409
 *   VERSION_CONFLICT listing, per cell, the user's version and the stored one (who, when);
 * - a cell whose content equals the stored one is not written again (no empty vintages);
 * - a newer official figure supersedes an estimate; entering an estimate or a preliminary figure over an official
 *   one needs `confirmOverOfficial` (409 CONFLICT with reason OFFICIAL_OVERWRITE otherwise);
 * - the same figure twice in one batch is refused.
 */

/** Where a cell sits on the screen (for messages and conflict details). */
export interface CellLabel {
  rowId: string;
  columnKey: string;
  rowName: string;
  columnTitle: string;
}

export interface FigureWrite extends FigureKey {
  value: number | null;
  status: FigureStatus;
  note: string | null;
  source: string | null;
  baseVersion: number;
  label: CellLabel;
}

export interface WriteOptions {
  /** The campaign the figure is entered in (informative: it serves every campaign). */
  campaignId: string | null;
  /** The agency that reports the figure. */
  sourceAgencyId: string | null;
  confirmOverOfficial?: boolean | undefined;
}

export interface SavedFigure {
  write: FigureWrite;
  version: number;
  enteredAt: Date;
  enteredByName: string | null;
}

export interface WriteResult {
  saved: SavedFigure[];
  unchanged: number;
}

const same = (a: string | null | undefined, b: string | null | undefined) => (a ?? "") === (b ?? "");

/** Whether a write carries exactly the stored content. */
export function sameContent(w: Pick<FigureWrite, "value" | "status" | "note" | "source">, cur: FigureRow | undefined): boolean {
  if (!cur) return w.value === null && !w.note && !w.source;
  return w.value === cur.value && w.status === cur.status && same(w.note, cur.note) && same(w.source, cur.source);
}

export function describeValue(value: number | null, status: FigureStatus | null): string {
  if (value === null) return "(trống)";
  return status ? `${formatVnNumber(value)} (${FIGURE_STATUS_LABELS[status]})` : formatVnNumber(value);
}

const cellName = (l: CellLabel) => `dòng "${l.rowName}", cột "${l.columnTitle}"`;

export class ValuesService {
  constructor(readonly repo: ValuesRepository) {}

  /** Current vintages of the indicators, keyed by figureKey. */
  async currentMap(db: Db, indicatorIds: readonly string[]): Promise<Map<string, FigureRow>> {
    const rows = await this.repo.currentOf(db, indicatorIds);
    return new Map(rows.map((r) => [figureKey(r), r]));
  }

  history(db: Db, key: FigureKey): Promise<FigureRow[]> {
    return this.repo.history(db, key);
  }

  /** Conflicts of a batch against the stored figures (empty when none). */
  conflicts(writes: readonly FigureWrite[], current: ReadonlyMap<string, FigureRow>): FigureConflictDto[] {
    const out: FigureConflictDto[] = [];
    for (const w of writes) {
      const cur = current.get(figureKey(w));
      const storedVersion = cur?.version ?? 0;
      if (storedVersion === w.baseVersion || sameContent(w, cur)) continue;
      out.push({
        rowId: w.label.rowId,
        columnKey: w.label.columnKey,
        rowName: w.label.rowName,
        columnTitle: w.label.columnTitle,
        kind: "value",
        yours: { value: w.value, status: w.status, note: w.note, source: w.source, baseVersion: w.baseVersion },
        theirs: cur
          ? {
              value: cur.value,
              status: cur.status,
              note: cur.note,
              source: cur.source,
              version: cur.version,
              byName: cur.enteredByName,
              at: cur.enteredAt.toISOString(),
            }
          : { value: null, version: 0, byName: null, at: null },
      });
    }
    return out;
  }

  /** Reads the stored figures again (outside the failed transaction) and builds the 409 of a batch. */
  async conflictError(db: Db, writes: readonly FigureWrite[], extra: FigureConflictDto[] = []): Promise<AppError> {
    const rows = await this.repo.currentAt(db, writes);
    const conflicts = [...this.conflicts(writes, new Map(rows.map((r) => [figureKey(r), r]))), ...extra];
    return versionConflict(conflicts);
  }

  /**
   * The usual save in one statement (`ValuesRepository.writeIfPlain`): every cell changed, none saved by someone else
   * since the user opened it, no official figure replaced by an estimate without confirmation, and `guard` still
   * holds. `alongside(result, written)` builds what is written with the batch (its audit entry). Returns null when the
   * batch is not that plain, with nothing written: the caller then runs `writeInTx`, which decides and explains.
   */
  async writeIfPlain(
    db: Db,
    ctx: RequestContext,
    writes: readonly FigureWrite[],
    opts: WriteOptions & { guard: SQL; alongside: (result: WriteResult, written: SQL) => SQL },
  ): Promise<WriteResult | null> {
    if (!writes.length) return null;
    assertDistinct(writes);
    const result: WriteResult = {
      saved: writes.map((w) => ({ write: w, version: w.baseVersion + 1, enteredAt: ctx.now, enteredByName: ctx.actor?.fullName ?? null })),
      unchanged: 0,
    };
    const written = await this.repo.writeIfPlain(db, writes, {
      guard: opts.guard,
      allowDowngrade: opts.confirmOverOfficial === true,
      sourceAgencyId: opts.sourceAgencyId,
      campaignId: opts.campaignId,
      enteredBy: ctx.actor?.userId ?? null,
      enteredAt: ctx.now,
      alongside: (when) => opts.alongside(result, when),
    });
    return written ? result : null;
  }

  /**
   * Writes a batch of figures inside `tx` (the caller owns the transaction, the access check and the audit entry).
   * Throws VERSION_CONFLICT / CONFLICT (nothing of the batch is written, the caller's transaction rolls back).
   */
  async writeInTx(tx: Db, ctx: RequestContext, writes: readonly FigureWrite[], opts: WriteOptions): Promise<WriteResult> {
    if (!writes.length) return { saved: [], unchanged: 0 };
    assertDistinct(writes);
    // Locks and reads the current figures; a figure another transaction was saving is read as that one left it.
    const rows = await this.repo.lockCurrent(tx, writes);
    const current = new Map(rows.map((r) => [figureKey(r), r]));
    if (this.conflicts(writes, current).length) {
      // The refusal names who saved the stored figures (lockCurrent leaves the names out).
      const named = await this.repo.withNames(tx, [...current.values()]);
      throw versionConflict(this.conflicts(writes, new Map(named.map((r) => [figureKey(r), r]))));
    }

    const changed = writes.filter((w) => !sameContent(w, current.get(figureKey(w))));
    if (!opts.confirmOverOfficial) {
      const downgrades = changed.filter((w) => current.get(figureKey(w))?.status === "chinh-thuc" && w.status !== "chinh-thuc");
      if (downgrades.length) {
        const list = downgrades
          .slice(0, 3)
          .map((w) => `${cellName(w.label)}: số chính thức ${describeValue(current.get(figureKey(w))!.value, "chinh-thuc")}`)
          .join("; ");
        const more = downgrades.length > 3 ? ` và ${downgrades.length - 3} ô khác` : "";
        throw new AppError(
          "CONFLICT",
          `Số liệu đang lưu là số chính thức (${list}${more}). Nhập số ước tính hoặc sơ bộ đè lên số chính thức cần xác nhận rõ.`,
          {
            reason: "OFFICIAL_OVERWRITE",
            cells: downgrades.map((w) => ({ rowId: w.label.rowId, columnKey: w.label.columnKey, rowName: w.label.rowName, columnTitle: w.label.columnTitle })),
          },
        );
      }
    }
    if (!changed.length) return { saved: [], unchanged: writes.length };

    const enteredBy = ctx.actor?.userId ?? null;
    await this.repo.write(
      tx,
      changed.map((w) => ({
        indicatorId: w.indicatorId,
        period: w.period,
        area: w.area,
        value: w.value,
        status: w.status,
        note: w.note || null,
        source: w.source || null,
        sourceAgencyId: opts.sourceAgencyId,
        campaignId: opts.campaignId,
        enteredBy,
        enteredAt: ctx.now,
        version: (current.get(figureKey(w))?.version ?? 0) + 1,
      })),
    );
    return {
      saved: changed.map((w) => ({
        write: w,
        version: (current.get(figureKey(w))?.version ?? 0) + 1,
        enteredAt: ctx.now,
        enteredByName: ctx.actor?.fullName ?? null,
      })),
      unchanged: writes.length - changed.length,
    };
  }
}

/** Refuses the same figure twice in one batch (400 naming both cells). */
function assertDistinct(writes: readonly FigureWrite[]): void {
  const seen = new Map<string, CellLabel>();
  for (const w of writes) {
    const k = figureKey(w);
    const first = seen.get(k);
    if (first) {
      throw badRequest(
        `Cùng một số liệu được gửi hai lần trong một lần lưu: ${cellName(first)} và ${cellName(w.label)} (cùng chỉ tiêu, kỳ ${w.period}, địa bàn ${w.area}).`,
        { rowId: w.label.rowId, columnKey: w.label.columnKey },
      );
    }
    seen.set(k, w.label);
  }
}

/** 409 VERSION_CONFLICT naming the cells that someone else changed meanwhile. */
export function versionConflict(conflicts: FigureConflictDto[]): AppError {
  const first = conflicts[0];
  const who = first?.theirs.byName ? ` (${first.theirs.byName} vừa lưu)` : "";
  const message = first
    ? conflicts.length === 1
      ? `Ô dòng "${first.rowName}", cột "${first.columnTitle}" đã được người khác thay đổi${who} sau khi bạn mở. Hãy chọn giữ số của bạn hay số đang lưu.`
      : `${conflicts.length} ô đã được người khác thay đổi sau khi bạn mở (đầu tiên: dòng "${first.rowName}", cột "${first.columnTitle}"${who}). Không ô nào trong lần lưu này được ghi; hãy chọn giữ số của bạn hay số đang lưu.`
    : "Số liệu đã được người khác thay đổi; hãy tải lại.";
  return new AppError("VERSION_CONFLICT", message, { conflicts });
}
