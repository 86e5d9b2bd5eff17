import type { CampaignTemplate, TemplateIndicatorRow, TemplateOutlineItem } from "./campaign-template.schema.js";

export interface TemplateOutlineVisit {
  item: TemplateOutlineItem;
  /** Đường dẫn các nhãn từ gốc, ví dụ ["Phần II", "A", "I", "3", "3.2", "3.2.1"]. */
  labels: string[];
  depth: number;
  /** Cơ quan chủ trì thực tế: của chính mục, nếu không thì của mục cha gần nhất có cơ quan; rỗng nếu không ai được giao. */
  effectiveLead: string[];
  /** true nếu cơ quan là của chính mục (không kế thừa). */
  ownLead: boolean;
}

/** Duyệt đề cương theo thứ tự văn bản (tiền thứ tự), kèm cơ quan chủ trì thực tế. */
export function* walkTemplateOutline(items: readonly TemplateOutlineItem[]): Generator<TemplateOutlineVisit> {
  type Frame = { item: TemplateOutlineItem; labels: string[]; depth: number; inherited: string[] };
  const stack: Frame[] = [...items].reverse().map((item) => ({ item, labels: [item.label], depth: 1, inherited: [] }));
  while (stack.length) {
    const f = stack.pop()!;
    const own = f.item.lead ?? [];
    const effective = own.length ? own : f.inherited;
    yield { item: f.item, labels: f.labels, depth: f.depth, effectiveLead: effective, ownLead: own.length > 0 };
    const children = f.item.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) {
      const c = children[i]!;
      stack.push({ item: c, labels: [...f.labels, c.label], depth: f.depth + 1, inherited: effective });
    }
  }
}

export interface TemplateRowVisit {
  row: TemplateIndicatorRow;
  depth: number;
  /** Cơ quan chủ trì thực tế (của dòng hoặc kế thừa dòng cha gần nhất). */
  effectiveLead: string[];
  ownLead: boolean;
}

/** Duyệt cây dòng của phụ lục chỉ tiêu theo thứ tự bảng, kèm cơ quan thực tế. */
export function* walkTemplateRows(rows: readonly TemplateIndicatorRow[]): Generator<TemplateRowVisit> {
  type Frame = { row: TemplateIndicatorRow; depth: number; inherited: string[] };
  const stack: Frame[] = [...rows].reverse().map((row) => ({ row, depth: 1, inherited: [] }));
  while (stack.length) {
    const f = stack.pop()!;
    const own = f.row.lead ?? [];
    const effective = own.length ? own : f.inherited;
    yield { row: f.row, depth: f.depth, effectiveLead: effective, ownLead: own.length > 0 };
    const children = f.row.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ row: children[i]!, depth: f.depth + 1, inherited: effective });
  }
}

/**
 * Mọi tên cơ quan / nhóm cơ quan được giao việc trong mẫu (đề cương, phụ lục, mốc "from", tham luận, cơ quan tổng hợp),
 * không trùng, theo thứ tự xuất hiện. Không gồm nơi nhận của mốc (to) và cơ quan ban hành văn bản.
 */
export function collectTemplateAgencyNames(t: CampaignTemplate): string[] {
  const out = new Set<string>();
  const add = (names: readonly string[] | undefined) => names?.forEach((n) => out.add(n));
  out.add(t.coordinator);
  for (const v of walkTemplateOutline(t.outline)) {
    add(v.item.lead);
    add(v.item.cooperate);
  }
  for (const a of t.appendices) {
    if (a.kind === "indicators") {
      for (const v of walkTemplateRows(a.rows)) add(v.row.lead);
    } else {
      add(a.reporters);
      a.rows?.forEach((r) => out.add(r.agency));
    }
  }
  t.milestones.forEach((m) => add(m.from));
  t.requirements.contributions?.forEach((c) => out.add(c.owner));
  return [...out];
}

export interface TemplateSummary {
  name: string;
  outlineItems: number;
  assignedItems: number;
  milestones: number;
  agencies: number;
  appendices: { code: string; title: string; kind: "indicators" | "records"; rows: number }[];
}

/** Tóm tắt một mẫu (dạng in ra của `npm run template:check`). */
export function summarizeTemplate(t: CampaignTemplate): TemplateSummary {
  let outlineItems = 0;
  let assignedItems = 0;
  for (const v of walkTemplateOutline(t.outline)) {
    outlineItems++;
    if (v.effectiveLead.length) assignedItems++;
  }
  return {
    name: t.name,
    outlineItems,
    assignedItems,
    milestones: t.milestones.length,
    agencies: collectTemplateAgencyNames(t).length,
    appendices: t.appendices.map((a) => ({
      code: a.code,
      title: a.title,
      kind: a.kind,
      rows: a.kind === "indicators" ? [...walkTemplateRows(a.rows)].length : (a.rows?.length ?? 0),
    })),
  };
}

/** Một phần việc được giao cho cơ quan: mục đề cương, dòng/phụ lục, hay tham luận. */
export type TemplateAssignment = { kind: "outline" } | { kind: "appendix"; code: string } | { kind: "contribution"; code: string };

/**
 * Mốc áp dụng cho một phần việc của một cơ quan: mốc sớm nhất có `from` bao gồm cơ quan (theo `covers`, nơi triển khai
 * nhóm cơ quan theo danh bạ) và có phạm vi bao gồm phần việc. Trả về undefined nếu không mốc nào áp dụng.
 */
export function resolveMilestone(
  t: CampaignTemplate,
  agency: string,
  assignment: TemplateAssignment,
  covers: (fromName: string, agency: string) => boolean = (a, b) => a === b,
): CampaignTemplate["milestones"][number] | undefined {
  const inScope = (m: CampaignTemplate["milestones"][number]): boolean => {
    const s = m.scope;
    switch (s.kind) {
      case "all":
        return assignment.kind !== "contribution";
      case "outline":
        return assignment.kind === "outline";
      case "appendices":
        return assignment.kind === "appendix" && s.codes.includes(assignment.code);
      case "contributions":
        return assignment.kind === "contribution" && s.codes.includes(assignment.code);
      case "coordinator":
        return false;
    }
  };
  let best: CampaignTemplate["milestones"][number] | undefined;
  for (const m of t.milestones) {
    if (!inScope(m) || !m.from.some((f) => covers(f, agency))) continue;
    if (!best || m.due < best.due) best = m;
  }
  return best;
}
