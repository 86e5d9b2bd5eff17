import { formatVnDate } from "@tonghop/domain";
import type { AgencyRef } from "../../db/schema/index.js";
import type { Directory } from "../agencies/directory.js";

export type { AgencyRef };

/** The outcome of resolving one name written in a template against the directory on a date. */
export type RefResolution = { ok: true; ref: AgencyRef } | { ok: false; message: string };

const SUCCESSION_VERBS: Record<string, string> = {
  merge: "đã sáp nhập vào",
  split: "đã chia tách thành",
};

/**
 * Resolves agency and group names as of a date, with a cache per name. Unknown names get the closest
 * matches; an agency that no longer exists on the date names its successors; an agency not yet founded
 * says so. Nothing is ever created.
 */
export class AgencyResolver {
  private readonly cache = new Map<string, RefResolution>();

  constructor(
    readonly directory: Directory,
    readonly date: string,
  ) {}

  resolve(name: string): RefResolution {
    const hit = this.cache.get(name);
    if (hit) return hit;
    const r = this.compute(name);
    this.cache.set(name, r);
    return r;
  }

  private compute(name: string): RefResolution {
    const dir = this.directory;
    const date = this.date;
    const found = dir.resolve(name, date);
    if (!found) {
      const near = dir.suggest(name, date, 3);
      const hint = near.length ? ` Có phải: ${near.map((n) => `"${n}"`).join(", ")}?` : "";
      return { ok: false, message: `Không có cơ quan hay nhóm cơ quan "${name}" trong danh bạ.${hint}` };
    }
    if (found.kind === "group") return { ok: true, ref: { kind: "group", id: found.id, name } };
    const agency = dir.agency(found.id)!;
    if (agency.validFrom != null && agency.validFrom > date) {
      return {
        ok: false,
        message: `Cơ quan "${name}" chỉ có từ ngày ${formatVnDate(agency.validFrom)}, sau ngày tham chiếu ${formatVnDate(date)} của mẫu.`,
      };
    }
    if (!dir.isActive(agency, date)) {
      const links = dir.successors(agency.id);
      const successors = dir.activeSuccessorsOn(agency.id, date).map((id) => dir.displayName(id, date));
      const ended = agency.validTo ? ` từ ngày ${formatVnDate(agency.validTo)}` : "";
      if (successors.length) {
        const verb = SUCCESSION_VERBS[links[0]?.kind ?? ""] ?? "được kế tục bởi";
        return {
          ok: false,
          message:
            `Cơ quan "${name}" không còn hoạt động${ended} (${verb} ${successors.join(", ")}), trước ngày tham chiếu ${formatVnDate(date)} ` +
            `của mẫu. Ghi tên cơ quan kế tục: ${successors.map((s) => `"${s}"`).join(", ")}.`,
        };
      }
      return { ok: false, message: `Cơ quan "${name}" không còn hoạt động${ended}, trước ngày tham chiếu ${formatVnDate(date)} của mẫu.` };
    }
    return { ok: true, ref: { kind: "agency", id: agency.id, name } };
  }
}

/** Display name of a reference on a date: the agency's name then, or the group's name. */
export function refDisplayName(dir: Directory, ref: AgencyRef, date: string): string {
  if (ref.kind === "group") return dir.group(ref.id)?.name ?? ref.name;
  return dir.displayName(ref.id, date);
}

/** Agency ids a list of references stands for on a date (groups expanded), in order, without repeats. */
export function expandRefs(dir: Directory, refs: readonly AgencyRef[], date: string): string[] {
  const out = new Set<string>();
  for (const r of refs) {
    if (r.kind === "agency") out.add(r.id);
    else for (const id of dir.groupMemberIds(r.id, date)) out.add(id);
  }
  return [...out];
}
