/**
 * Autosave of the indicator grid: edits collect per cell and are sent in debounced batches; the batch is all or
 * nothing on the server. The save state is what the page shows: Đã lưu / Chưa lưu / Đang lưu / Xung đột / Lỗi.
 *
 * - A 409 VERSION_CONFLICT keeps the conflicting cells aside with both versions (the dialog lets the user choose per
 *   cell); the other cells of the refused batch go back to the queue.
 * - A 409 CONFLICT OFFICIAL_OVERWRITE (an estimate over an official figure) waits for an explicit confirmation.
 * - Any other error keeps the edits unsent and stops until the user retries or discards.
 */
import type { FigureConflictDto, FigureStatus, SaveFiguresResultDto } from "@tonghop/contracts";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "../../../api/client";
import { saveFigures } from "./grid.api";

export type PendingCell =
  | { kind: "value"; rowId: string; columnKey: string; value: number | null; status: FigureStatus; note: string | null; source: string | null; baseVersion: number }
  | { kind: "text"; rowId: string; columnKey: string; text: string; baseVersion: number };

export type SaveState = "saved" | "dirty" | "saving" | "conflict" | "confirm" | "error";

export interface OfficialConfirm {
  message: string;
  cells: Array<{ rowId: string; columnKey: string }>;
}

export const cellKey = (rowId: string, columnKey: string) => `${rowId}|${columnKey}`;

export function useFigureAutosave(assignmentId: string | null, opts: { onSaved: (result: SaveFiguresResultDto) => void; delay?: number }) {
  const delay = opts.delay ?? 800;
  const pending = useRef(new Map<string, PendingCell>());
  const inflight = useRef(new Map<string, PendingCell>());
  const blocked = useRef(new Map<string, PendingCell>());
  const confirmed = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onSaved = useRef(opts.onSaved);
  useEffect(() => {
    onSaved.current = opts.onSaved;
  }, [opts.onSaved]);
  const flushRef = useRef<() => Promise<void>>(() => Promise.resolve());
  const [unsaved, setUnsaved] = useState(0);
  const [state, setState] = useState<SaveState>("saved");
  const [error, setError] = useState<string | null>(null);
  const [conflicts, setConflicts] = useState<FigureConflictDto[]>([]);
  const [official, setOfficial] = useState<OfficialConfirm | null>(null);
  /** Re-renders with the current count of unsaved cells (the maps live in refs). */
  const rerender = () => setUnsaved(pending.current.size + inflight.current.size + blocked.current.size);
  const later = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flushRef.current(), delay);
  };

  const flush = useCallback(async () => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    if (!assignmentId || inflight.current.size || !pending.current.size) return;
    const batch = new Map(pending.current);
    pending.current.clear();
    inflight.current = batch;
    setState("saving");
    rerender();
    const cells = [...batch.values()];
    try {
      const result = await saveFigures(assignmentId, {
        cells: cells.flatMap((c) => (c.kind === "value" ? [{ rowId: c.rowId, columnKey: c.columnKey, value: c.value, status: c.status, note: c.note, source: c.source, baseVersion: c.baseVersion }] : [])),
        texts: cells.flatMap((c) => (c.kind === "text" ? [{ rowId: c.rowId, columnKey: c.columnKey, text: c.text, baseVersion: c.baseVersion }] : [])),
        ...(confirmed.current ? { confirmOverOfficial: true } : {}),
      });
      confirmed.current = false;
      inflight.current = new Map();
      // Newer edits of the same cells (typed while saving) now build on the saved versions.
      for (const s of [...result.cells, ...result.texts]) {
        const next = pending.current.get(cellKey(s.rowId, s.columnKey));
        if (next) next.baseVersion = s.version;
      }
      setError(null);
      setState(blocked.current.size ? "conflict" : pending.current.size ? "dirty" : "saved");
      onSaved.current(result);
      rerender();
      if (pending.current.size) later();
    } catch (e) {
      inflight.current = new Map();
      // Edits typed meanwhile win over the refused batch.
      for (const [k, c] of batch) if (!pending.current.has(k)) pending.current.set(k, c);
      if (e instanceof ApiError && e.code === "VERSION_CONFLICT") {
        const list = (e.details as { conflicts?: FigureConflictDto[] } | undefined)?.conflicts ?? [];
        for (const c of list) {
          const k = cellKey(c.rowId, c.columnKey);
          const mine = pending.current.get(k);
          if (mine) {
            blocked.current.set(k, mine);
            pending.current.delete(k);
          }
        }
        setConflicts(list);
        setState("conflict");
        if (pending.current.size) later();
      } else if (e instanceof ApiError && e.code === "CONFLICT" && (e.details as { reason?: string } | undefined)?.reason === "OFFICIAL_OVERWRITE") {
        setOfficial({ message: e.message, cells: (e.details as { cells: OfficialConfirm["cells"] }).cells });
        setState("confirm");
      } else {
        setError(e instanceof Error ? e.message : "Không lưu được.");
        setState("error");
      }
      rerender();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `later` only reads refs
  }, [assignmentId, delay]);
  useEffect(() => {
    flushRef.current = flush;
  }, [flush]);

  const edit = useCallback(
    (cells: PendingCell[]) => {
      for (const c of cells) {
        const k = cellKey(c.rowId, c.columnKey);
        blocked.current.delete(k);
        pending.current.set(k, c);
      }
      if (state !== "error" && state !== "confirm") {
        setState(blocked.current.size ? "conflict" : "dirty");
        later();
      }
      rerender();
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `later` only reads refs
    [delay, state],
  );

  /** The user's choice per conflicting cell: keep mine (sent again over the stored version) or take theirs. */
  const resolve = useCallback(
    (choices: Array<{ conflict: FigureConflictDto; keep: "mine" | "theirs" }>) => {
      for (const { conflict, keep } of choices) {
        const k = cellKey(conflict.rowId, conflict.columnKey);
        const mine = blocked.current.get(k);
        blocked.current.delete(k);
        if (keep === "mine" && mine) pending.current.set(k, { ...mine, baseVersion: conflict.theirs.version });
      }
      setConflicts([]);
      setState(pending.current.size ? "dirty" : "saved");
      rerender();
      void flush();
    },
    [flush],
  );

  const answerOfficial = useCallback(
    (yes: boolean) => {
      if (!yes && official) for (const c of official.cells) pending.current.delete(cellKey(c.rowId, c.columnKey));
      confirmed.current = yes;
      setOfficial(null);
      setState(pending.current.size ? "dirty" : "saved");
      rerender();
      void flush();
    },
    [official, flush],
  );

  const retry = useCallback(() => {
    setError(null);
    setState("dirty");
    void flush();
  }, [flush]);

  const discard = useCallback(() => {
    pending.current.clear();
    blocked.current.clear();
    setConflicts([]);
    setError(null);
    setState("saved");
    rerender();
  }, []);

  /** The unsaved state of a cell, for display. */
  const overlayOf = useCallback((k: string): { cell: PendingCell; state: "pending" | "saving" | "conflict" } | undefined => {
    const b = blocked.current.get(k);
    if (b) return { cell: b, state: "conflict" };
    const p = pending.current.get(k);
    if (p) return { cell: p, state: "pending" };
    const f = inflight.current.get(k);
    if (f) return { cell: f, state: "saving" };
    return undefined;
  }, []);

  // Warn before leaving with unsaved figures; save what is queued when the page goes away.
  useEffect(() => {
    const before = (e: BeforeUnloadEvent) => {
      if (pending.current.size || inflight.current.size || blocked.current.size) {
        e.preventDefault();
        e.returnValue = "";
      }
    };
    window.addEventListener("beforeunload", before);
    return () => window.removeEventListener("beforeunload", before);
  }, []);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return { state, error, conflicts, official, unsaved, edit, flush, resolve, answerOfficial, retry, discard, overlayOf };
}
