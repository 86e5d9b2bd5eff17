import type { SectionConflictDto, SectionDto, SectionWriteResultDto } from "@tonghop/contracts";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "../../../api/client";
import { saveSection } from "./sections.api";

export type SaveStatus = "saved" | "dirty" | "saving" | "conflict" | "error";

export const SAVE_STATUS_LABELS: Record<SaveStatus, string> = {
  saved: "Đã lưu",
  dirty: "Chưa lưu",
  saving: "Đang lưu…",
  conflict: "Xung đột",
  error: "Chưa lưu được",
};

export interface AutosaveOptions {
  assignmentId: string;
  itemId: string;
  /** The version the editor content was loaded from. */
  version: number;
  enabled: boolean;
  /** Idle time before a save (ms). */
  delayMs?: number;
  onSaved?: (result: SectionWriteResultDto) => void;
  /** Injectable for tests. */
  save?: typeof saveSection;
}

/**
 * Autosave with optimistic concurrency: the latest text is saved after a short idle time against the version it was
 * edited from; one save at a time (later edits wait and go next). A 409 VERSION_CONFLICT stops saving and exposes
 * both versions until the user chooses (keep mine, take theirs, or merge by hand); nothing is overwritten silently.
 * Network failures retry; refusals (e.g. the assignment was sent meanwhile) stop with their message.
 */
export function useSectionAutosave(opts: AutosaveOptions) {
  const { assignmentId, itemId, enabled, delayMs = 1500 } = opts;
  const save = opts.save ?? saveSection;
  const [status, setStatus] = useState<SaveStatus>("saved");
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<SectionConflictDto | null>(null);
  const [saved, setSaved] = useState<SectionDto | null>(null);
  const version = useRef(opts.version);
  const pending = useRef<string | null>(null);
  const inflight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const blocked = useRef(false);
  const onSaved = useRef(opts.onSaved);
  const flushRef = useRef<() => Promise<boolean>>(() => Promise.resolve(true));
  const [mine, setMine] = useState("");
  useEffect(() => {
    onSaved.current = opts.onSaved;
  });

  const clearTimer = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  const flush = useCallback(async (): Promise<boolean> => {
    clearTimer();
    while (inflight.current) await inflight.current;
    if (pending.current == null) return !blocked.current;
    if (blocked.current || !enabled) return false;
    const html = pending.current;
    pending.current = null;
    setStatus("saving");
    let ok = false;
    const run = save(assignmentId, itemId, html, version.current)
      .then((result) => {
        version.current = result.section.version;
        setSaved(result.section);
        setError(null);
        onSaved.current?.(result);
        ok = true;
        setStatus(pending.current != null ? "dirty" : "saved");
      })
      .catch((e: unknown) => {
        if (pending.current == null) pending.current = html;
        if (e instanceof ApiError && e.code === "VERSION_CONFLICT") {
          blocked.current = true;
          setMine(pending.current ?? html);
          setConflict(e.details as SectionConflictDto);
          setStatus("conflict");
          return;
        }
        setError(e instanceof Error ? e.message : "Chưa lưu được.");
        setStatus("error");
        // Lost connection or a busy server: try again; a refusal (403, 400) waits for the user.
        if (e instanceof ApiError && (e.status === 0 || e.status >= 500 || e.status === 429)) {
          timer.current = setTimeout(() => void flushRef.current(), 5000);
        }
      })
      .finally(() => {
        inflight.current = null;
      });
    inflight.current = run;
    await run;
    if (ok && pending.current != null && !blocked.current) {
      clearTimer();
      timer.current = setTimeout(() => void flushRef.current(), delayMs);
    }
    return ok;
  }, [assignmentId, itemId, enabled, delayMs, save]);
  useEffect(() => {
    flushRef.current = flush;
  }, [flush]);

  const change = useCallback(
    (html: string) => {
      pending.current = html;
      if (blocked.current) {
        setMine(html);
        return;
      }
      setStatus("dirty");
      clearTimer();
      timer.current = setTimeout(() => void flush(), delayMs);
    },
    [flush, delayMs],
  );

  /** After a write done elsewhere (merge, upload, restore) the editor continues from that version. */
  const adopt = useCallback((section: SectionDto) => {
    version.current = section.version;
    pending.current = null;
    blocked.current = false;
    setConflict(null);
    setSaved(section);
    setStatus("saved");
  }, []);

  /** Conflict resolution: keep my text on top of theirs (saved at once). */
  const keepMine = useCallback(
    (html: string) => {
      if (!conflict) return;
      version.current = conflict.theirs.version;
      pending.current = html;
      blocked.current = false;
      setConflict(null);
      void flush();
    },
    [conflict, flush],
  );

  /** Conflict resolution: take their text (mine is dropped). Returns the HTML to show. */
  const takeTheirs = useCallback((): string => {
    if (!conflict) return "";
    const theirs = conflict.theirs;
    adopt(theirs);
    return theirs.html;
  }, [conflict, adopt]);

  /** Conflict resolution: continue editing a hand-made merge on top of their version. */
  const mergeByHand = useCallback(
    (html: string) => {
      if (!conflict) return;
      version.current = conflict.theirs.version;
      blocked.current = false;
      setConflict(null);
      change(html);
    },
    [conflict, change],
  );

  // Warn before leaving with unsaved text; save what is pending when the editor goes away.
  useEffect(() => {
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (pending.current != null || inflight.current) e.preventDefault();
    };
    window.addEventListener("beforeunload", beforeUnload);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      if (pending.current != null && !blocked.current) void flush();
      clearTimer();
    };
  }, [flush]);

  return {
    status,
    error,
    conflict,
    /** My text at the time of the conflict (and as edited since). */
    mine,
    saved,
    version: () => version.current,
    hasPending: () => pending.current != null || inflight.current != null,
    change,
    flush,
    adopt,
    keepMine,
    takeTheirs,
    mergeByHand,
  };
}
