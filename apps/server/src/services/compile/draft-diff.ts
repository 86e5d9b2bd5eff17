// A readable diff between two compiled drafts: by section, word-level changes with long unchanged stretches
// shortened to their ends; changed numbers of the appendices as old → new.

import { diffWords } from "diff";
import type { CompileSnapshot } from "./compile-report.js";

export interface DiffSegment {
  op: "same" | "added" | "removed";
  text: string;
}

export interface SectionDiff {
  itemId: string;
  path: string;
  title: string;
  status: "added" | "removed" | "changed";
  addedWords: number;
  removedWords: number;
  segments: DiffSegment[];
}

const words = (s: string) => (s.match(/\S+/g) ?? []).length;

function sectionText(parts: Array<{ agency: string; text: string }>): string {
  return parts.map((p) => (parts.length > 1 ? `[${p.agency}]\n${p.text}` : p.text)).join("\n\n");
}

/** Keeps `context` words at each end of an unchanged stretch and replaces the middle with "…". */
export function shorten(text: string, context = 12): string {
  const w = text.split(/(\s+)/);
  const tokens = w.filter((t) => t.trim() !== "");
  if (tokens.length <= context * 2 + 4) return text;
  const head = tokens.slice(0, context).join(" ");
  const tail = tokens.slice(-context).join(" ");
  return `${/^\s/.test(text) ? " " : ""}${head} … ${tail}${/\s$/.test(text) ? " " : ""}`;
}

export function diffText(before: string, after: string): { segments: DiffSegment[]; addedWords: number; removedWords: number } {
  const parts = diffWords(before, after);
  const segments: DiffSegment[] = [];
  let addedWords = 0;
  let removedWords = 0;
  for (const p of parts) {
    const op: DiffSegment["op"] = p.added ? "added" : p.removed ? "removed" : "same";
    if (op === "added") addedWords += words(p.value);
    if (op === "removed") removedWords += words(p.value);
    const text = op === "same" ? shorten(p.value) : p.value;
    const last = segments[segments.length - 1];
    if (last && last.op === op) last.text += text;
    else segments.push({ op, text });
  }
  return { segments, addedWords, removedWords };
}

export function diffSnapshots(a: CompileSnapshot, b: CompileSnapshot) {
  const before = new Map(a.sections.map((s) => [s.itemId, s]));
  const after = new Map(b.sections.map((s) => [s.itemId, s]));
  const sections: SectionDiff[] = [];
  let unchangedSections = 0;
  // Order: the newer draft's order, then sections that disappeared.
  for (const s of b.sections) {
    const old = before.get(s.itemId);
    const newText = sectionText(s.parts);
    if (!old) {
      sections.push({ itemId: s.itemId, path: s.path, title: s.title, status: "added", addedWords: words(newText), removedWords: 0, segments: [{ op: "added", text: newText }] });
      continue;
    }
    const oldText = sectionText(old.parts);
    if (oldText === newText) {
      unchangedSections += 1;
      continue;
    }
    sections.push({ itemId: s.itemId, path: s.path, title: s.title, status: "changed", ...diffText(oldText, newText) });
  }
  for (const s of a.sections) {
    if (after.has(s.itemId)) continue;
    const oldText = sectionText(s.parts);
    sections.push({ itemId: s.itemId, path: s.path, title: s.title, status: "removed", addedWords: 0, removedWords: words(oldText), segments: [{ op: "removed", text: oldText }] });
  }
  const numbers: Array<{ key: string; label: string; from: string | null; to: string | null }> = [];
  const keys = new Set([...Object.keys(a.cells), ...Object.keys(b.cells)]);
  for (const key of keys) {
    const x = a.cells[key];
    const y = b.cells[key];
    if (x?.text === y?.text) continue;
    numbers.push({ key, label: (y ?? x)!.label, from: x?.text ?? null, to: y?.text ?? null });
  }
  return { sections, numbers, unchangedSections };
}
