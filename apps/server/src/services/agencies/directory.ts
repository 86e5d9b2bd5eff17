import type { AgencyDetailDto, AgencyDto, AgencyGroupDto, AgencyKind } from "@tonghop/contracts";
import { closestMatches, normalizeSearchText } from "@tonghop/domain";
import type { AgencyNameRow, AgencyRow, DirectorySnapshot, GroupRow } from "../../repositories/agencies.repository.js";

/** Half-open validity [from, to) over ISO dates; null bounds are open. */
export function validOn(row: { validFrom: string | null; validTo: string | null }, date: string): boolean {
  return (row.validFrom == null || row.validFrom <= date) && (row.validTo == null || row.validTo > date);
}

export function buildSearchText(parts: Array<string | null | undefined>): string {
  return normalizeSearchText(parts.filter(Boolean).join(" | "));
}

export type ResolvedName =
  | { kind: "agency"; id: string; name: string }
  | { kind: "group"; id: string; name: string };

/**
 * The agency directory as of any date, computed in memory from a snapshot (a few hundred rows).
 * Pure: no I/O; services load the snapshot and write through the repository.
 */
export class Directory {
  private readonly byId = new Map<string, AgencyRow>();
  private readonly namesOf = new Map<string, AgencyNameRow[]>();
  private readonly groupById = new Map<string, GroupRow>();

  constructor(readonly snap: DirectorySnapshot) {
    for (const a of snap.agencies) this.byId.set(a.id, a);
    for (const n of snap.names) {
      const list = this.namesOf.get(n.agencyId) ?? [];
      list.push(n);
      this.namesOf.set(n.agencyId, list);
    }
    for (const list of this.namesOf.values()) list.sort((x, y) => (x.validFrom ?? "").localeCompare(y.validFrom ?? ""));
    for (const g of snap.groups) this.groupById.set(g.id, g);
  }

  agency(id: string): AgencyRow | undefined {
    return this.byId.get(id);
  }

  group(id: string): GroupRow | undefined {
    return this.groupById.get(id);
  }

  isActive(agency: AgencyRow, date: string): boolean {
    return validOn(agency, date);
  }

  /** The name valid on `date`; before creation the first name, after dissolution the last one. */
  nameOn(agencyId: string, date: string): AgencyNameRow | undefined {
    const names = this.namesOf.get(agencyId) ?? [];
    const valid = names.find((n) => validOn(n, date));
    if (valid) return valid;
    const before = names.filter((n) => n.validTo != null && n.validTo <= date);
    return before[before.length - 1] ?? names[0];
  }

  /** Display name of an agency on a date (falls back to its code). */
  displayName(agencyId: string, date: string): string {
    return this.nameOn(agencyId, date)?.name ?? this.byId.get(agencyId)?.code ?? agencyId;
  }

  names(agencyId: string): AgencyNameRow[] {
    return this.namesOf.get(agencyId) ?? [];
  }

  successors(agencyId: string) {
    return this.snap.successions.filter((s) => s.predecessorId === agencyId);
  }

  predecessors(agencyId: string) {
    return this.snap.successions.filter((s) => s.successorId === agencyId);
  }

  toDto(agency: AgencyRow, date: string): AgencyDto {
    const name = this.nameOn(agency.id, date);
    const link = (id: string, kind: string, effectiveDate: string) => ({
      id,
      name: this.displayName(id, effectiveDate),
      kind,
      effectiveDate,
    });
    return {
      id: agency.id,
      code: agency.code,
      kind: agency.kind as AgencyKind,
      parentId: agency.parentId,
      sortOrder: agency.sortOrder,
      name: name?.name ?? agency.code,
      shortName: name?.shortName ?? agency.code,
      abbreviation: name?.abbreviation ?? "",
      aliases: name?.aliases ?? [],
      validFrom: agency.validFrom,
      validTo: agency.validTo,
      active: this.isActive(agency, date),
      successors: this.successors(agency.id).map((s) => link(s.successorId, s.kind, s.effectiveDate)),
      predecessors: this.predecessors(agency.id).map((s) => link(s.predecessorId, s.kind, s.effectiveDate)),
    };
  }

  /**
   * Agencies as of `date`. The search ignores diacritics and case and matches every word of the
   * query against name, short name, abbreviation and aliases (of any period, so old names still find).
   */
  list(opts: { date: string; q?: string | undefined; includeInactive?: boolean }): AgencyDto[] {
    const tokens = opts.q ? normalizeSearchText(opts.q).split(" ").filter(Boolean) : [];
    const out: AgencyDto[] = [];
    for (const agency of this.snap.agencies) {
      if (!opts.includeInactive && !this.isActive(agency, opts.date)) continue;
      if (tokens.length) {
        const haystack = this.names(agency.id)
          .map((n) => n.searchText)
          .join(" | ");
        const compact = haystack.replace(/\s+/g, "");
        if (!tokens.every((t) => haystack.includes(t) || compact.includes(t))) continue;
      }
      out.push(this.toDto(agency, opts.date));
    }
    return out;
  }

  detail(id: string, date: string): AgencyDetailDto | undefined {
    const agency = this.byId.get(id);
    if (!agency) return undefined;
    const groups = this.snap.members
      .filter((m) => m.agencyId === id && validOn(m, date))
      .map((m) => this.groupById.get(m.groupId))
      .filter((g): g is GroupRow => g != null)
      .map((g) => ({ id: g.id, name: g.name }));
    return {
      ...this.toDto(agency, date),
      names: this.names(id).map((n) => ({
        name: n.name,
        shortName: n.shortName,
        abbreviation: n.abbreviation,
        validFrom: n.validFrom,
        validTo: n.validTo,
      })),
      groups,
      parentName: agency.parentId ? this.displayName(agency.parentId, date) : null,
    };
  }

  /** Members of a group valid on `date` (and themselves active then). */
  groupMemberIds(groupId: string, date: string): string[] {
    return this.snap.members
      .filter((m) => m.groupId === groupId && validOn(m, date))
      .map((m) => m.agencyId)
      .filter((id) => {
        const a = this.byId.get(id);
        return a != null && this.isActive(a, date);
      });
  }

  groupDto(group: GroupRow, date: string): AgencyGroupDto {
    return {
      id: group.id,
      code: group.code,
      name: group.name,
      aliases: group.aliases,
      description: group.description,
      members: this.snap.members
        .filter((m) => m.groupId === group.id && validOn(m, date))
        .map((m) => {
          const n = this.nameOn(m.agencyId, date);
          return {
            agencyId: m.agencyId,
            name: n?.name ?? "",
            shortName: n?.shortName ?? "",
            validFrom: m.validFrom,
            validTo: m.validTo,
          };
        })
        .sort((a, b) => a.name.localeCompare(b.name, "vi")),
    };
  }

  /**
   * Resolves a name as written in a directive to an agency or a group valid on `date`: exact match
   * after normalisation on name, short name, abbreviation or an alias. Groups win over agencies
   * (a group phrase is never an agency name).
   */
  resolve(text: string, date: string): ResolvedName | undefined {
    const key = normalizeSearchText(text);
    for (const g of this.snap.groups) {
      if ([g.name, ...g.aliases].some((n) => normalizeSearchText(n) === key)) return { kind: "group", id: g.id, name: g.name };
    }
    const hits = new Map<string, AgencyRow>();
    for (const n of this.snap.names) {
      if ([n.name, n.shortName, n.abbreviation, ...n.aliases].some((x) => normalizeSearchText(x) === key)) {
        const agency = this.byId.get(n.agencyId);
        if (agency) hits.set(agency.id, agency);
      }
    }
    const candidates = [...hits.values()];
    const active = candidates.filter((a) => this.isActive(a, date));
    const chosen = active[0] ?? candidates[0];
    return chosen ? { kind: "agency", id: chosen.id, name: this.displayName(chosen.id, date) } : undefined;
  }

  /** Closest agency and group names to `text`, diacritic-insensitive, for "did you mean" messages. */
  suggest(text: string, date: string, limit = 3): string[] {
    const candidates = [
      ...this.snap.groups.map((g) => g.name),
      ...this.snap.agencies.filter((a) => this.isActive(a, date)).map((a) => this.displayName(a.id, date)),
    ];
    return closestMatches(text, candidates, limit).map((m) => m.candidate);
  }

  /**
   * The successor path from `from` that would reach `target` if `target` became the successor of
   * `from`'s chain, i.e. whether adding predecessor → successor closes a loop. Returns the loop as ids.
   */
  successionCycle(predecessorId: string, successorId: string): string[] | null {
    const next = new Map<string, string[]>();
    for (const s of this.snap.successions) next.set(s.predecessorId, [...(next.get(s.predecessorId) ?? []), s.successorId]);
    const path: string[] = [];
    const seen = new Set<string>();
    const dfs = (node: string): boolean => {
      if (node === predecessorId) return true;
      if (seen.has(node)) return false;
      seen.add(node);
      for (const n of next.get(node) ?? []) {
        path.push(n);
        if (dfs(n)) return true;
        path.pop();
      }
      return false;
    };
    return dfs(successorId) ? [predecessorId, successorId, ...path] : null;
  }

  /** Whether making `parentId` the parent of `id` would put `id` under itself. */
  parentCycle(id: string, parentId: string): boolean {
    let cur: string | null | undefined = parentId;
    const guard = new Set<string>();
    while (cur) {
      if (cur === id) return true;
      if (guard.has(cur)) return true;
      guard.add(cur);
      cur = this.byId.get(cur)?.parentId;
    }
    return false;
  }

  /** The agencies that carry on an agency's work on `date` (following merges and splits). */
  activeSuccessorsOn(agencyId: string, date: string): string[] {
    const agency = this.byId.get(agencyId);
    if (agency && this.isActive(agency, date)) return [agencyId];
    const out = new Set<string>();
    const seen = new Set<string>([agencyId]);
    const queue = this.successors(agencyId).map((s) => s.successorId);
    while (queue.length) {
      const id = queue.shift()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const a = this.byId.get(id);
      if (a && this.isActive(a, date)) out.add(id);
      else queue.push(...this.successors(id).map((s) => s.successorId));
    }
    return [...out];
  }
}
