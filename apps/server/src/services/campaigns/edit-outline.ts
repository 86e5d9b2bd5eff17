import { randomUUID } from "node:crypto";
import { and, eq, inArray, ne } from "drizzle-orm";
import {
  TEMPLATE_BULLET_LABELS,
  TEMPLATE_LIMITS,
  type AddOutlineItemRequest,
  type CampaignDetailDto,
  type MoveRequest,
  type UpdateOutlineItemRequest,
} from "@tonghop/contracts";
import { nextOutlineLabel, OutlineLabelError, parseOutlineLabel, renumberOutline, renumberSiblings, tryParseOutlineLabel } from "@tonghop/domain";
import type { RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import { assignments, outlineItems, sections } from "../../db/schema/index.js";
import { badRequest, conflict, notFound } from "../../http/errors.js";
import type { AgencyRef } from "./agency-refs.js";
import type { CampaignDeps } from "./campaign-deps.js";
import { outlineInOrder } from "./campaign-read.js";
import type { OutlineItemRow } from "./campaigns.repository.js";
import { assignmentsWithContent } from "./compute-assignments.js";
import { describeAssignment, runEdit, type EditContext } from "./edit-campaign.js";

const pathText = (items: readonly OutlineItemRow[], id: string): string => {
  const byId = new Map(items.map((i) => [i.id, i]));
  const parts: string[] = [];
  let cur = byId.get(id);
  let guard = 0;
  while (cur && guard++ < 100) {
    parts.unshift(cur.label);
    cur = cur.parentId ? byId.get(cur.parentId) : undefined;
  }
  return parts.join(" / ");
};

function siblingsOf(items: readonly OutlineItemRow[], parentId: string | null): OutlineItemRow[] {
  return items.filter((i) => i.parentId === parentId).sort((a, b) => a.sortOrder - b.sortOrder);
}

function depthOf(items: readonly OutlineItemRow[], id: string | null): number {
  const byId = new Map(items.map((i) => [i.id, i]));
  let d = 0;
  let cur = id ? byId.get(id) : undefined;
  while (cur) {
    d++;
    cur = cur.parentId ? byId.get(cur.parentId) : undefined;
  }
  return d;
}

function subtreeHeight(items: readonly OutlineItemRow[], id: string): number {
  const kids = items.filter((i) => i.parentId === id);
  return 1 + Math.max(0, ...kids.map((k) => subtreeHeight(items, k.id)));
}

function subtreeIds(items: readonly OutlineItemRow[], id: string): string[] {
  const out = [id];
  for (let i = 0; i < out.length; i++) for (const k of items) if (k.parentId === out[i]) out.push(k.id);
  return out;
}

function checkLabel(label: string): void {
  try {
    parseOutlineLabel(label);
  } catch (e) {
    if (e instanceof OutlineLabelError) throw badRequest(e.message, { field: "label" });
    throw e;
  }
}

function checkSiblingLabel(siblings: readonly OutlineItemRow[], label: string, selfId: string | null): void {
  if (TEMPLATE_BULLET_LABELS.has(label.trim())) return;
  const clash = siblings.find((s) => s.id !== selfId && s.label.trim() === label.trim());
  if (clash) throw badRequest(`Nhãn "${label}" trùng với mục "${clash.label} ${clash.title}" cùng cấp.`, { field: "label" });
}

function checkRoles(lead: AgencyRef[], cooperate: AgencyRef[]): void {
  const both = cooperate.find((c) => lead.some((l) => l.kind === c.kind && l.id === c.id));
  if (both) throw badRequest(`"${both.name}" vừa chủ trì vừa phối hợp.`, { field: "cooperate" });
}

async function setSortOrders(tx: Db, ordered: readonly OutlineItemRow[], parentId: string | null): Promise<void> {
  for (const [i, row] of ordered.entries()) {
    if (row.sortOrder !== i || row.parentId !== parentId) {
      await tx.update(outlineItems).set({ sortOrder: i, parentId }).where(eq(outlineItems.id, row.id));
    }
  }
}

/** The label a new item gets: the next one after its previous sibling, or the first of the sibling style. */
function proposeLabel(siblings: readonly OutlineItemRow[], after: OutlineItemRow | undefined, parent: OutlineItemRow | undefined): string {
  if (after && tryParseOutlineLabel(after.label)) return nextOutlineLabel(after.label);
  const model = siblings.find((s) => tryParseOutlineLabel(s.label));
  if (model) return renumberSiblings(["", model.label])[0]!;
  // First child: a style one level below the parent's.
  const p = parent ? tryParseOutlineLabel(parent.label) : null;
  switch (p?.scheme) {
    case "part":
      return "A";
    case "upper-letter":
      return "I";
    case "roman":
      return "1";
    case "arabic":
      return `${p.value as number}.1`;
    case "decimal":
      return `${(p.value as number[]).join(".")}.1`;
    case "letter":
    case "roman-paren":
      return "-";
    case "dash":
      return "+";
    default:
      return parent ? "1" : "I";
  }
}

export async function addOutlineItem(deps: CampaignDeps, ctx: RequestContext, campaignId: string, input: AddOutlineItemRequest): Promise<CampaignDetailDto> {
  return runEdit(deps, ctx, campaignId, input.version, async (e: EditContext) => {
    const items = e.s.outline;
    const parent = input.parentId ? items.find((i) => i.id === input.parentId) : undefined;
    if (input.parentId && !parent) throw notFound("mục cha trong đề cương");
    if (depthOf(items, input.parentId) + 1 > TEMPLATE_LIMITS.outlineDepth) {
      throw badRequest(`Đề cương sâu tối đa ${TEMPLATE_LIMITS.outlineDepth} cấp.`, { field: "parentId" });
    }
    if (items.length + 1 > TEMPLATE_LIMITS.outlineItems) throw badRequest(`Đề cương có tối đa ${TEMPLATE_LIMITS.outlineItems} mục.`);
    const siblings = siblingsOf(items, input.parentId);
    // afterId: after that sibling; null: first; absent: last.
    const after = input.afterId ? siblings.find((x) => x.id === input.afterId) : input.afterId === null ? undefined : siblings[siblings.length - 1];
    if (input.afterId && !after) throw badRequest("Mục đứng trước không cùng cấp với vị trí chèn.", { field: "afterId" });
    const label = input.label?.trim() || proposeLabel(siblings, after, parent);
    checkLabel(label);
    checkSiblingLabel(siblings, label, null);
    const lead = e.refs(input.lead, "Cơ quan chủ trì");
    const cooperate = e.refs(input.cooperate, "Cơ quan phối hợp");
    checkRoles(lead, cooperate);
    const id = randomUUID();
    const position = after ? siblings.indexOf(after) + 1 : 0;
    const row = {
      id,
      campaignId,
      parentId: input.parentId,
      sortOrder: position,
      label,
      title: input.title,
      guidance: input.guidance?.trim() || null,
      lead,
      cooperate,
      pageBudget: input.pageBudget ?? null,
      appendixCodes: [],
    };
    for (const x of siblings.slice(position)) await e.tx.update(outlineItems).set({ sortOrder: x.sortOrder + 1 }).where(eq(outlineItems.id, x.id));
    await e.tx.insert(outlineItems).values(row);
    const where = parent ? `trong mục ${pathText(items, parent.id)}` : "ở cấp cao nhất";
    return {
      action: "campaign.outline.add",
      summary: `thêm mục "${label} ${input.title}" ${where}`,
      entityType: "outline_item",
      entityId: id,
      after: row,
      outlineItemIds: parent ? [parent.id] : [],
    };
  });
}

const FIELD_LABELS: Record<string, string> = {
  label: "nhãn",
  title: "tiêu đề",
  guidance: "hướng dẫn",
  pageBudget: "số trang",
  lead: "cơ quan chủ trì",
  cooperate: "cơ quan phối hợp",
  appendixCodes: "phụ lục gắn kèm",
};

export async function updateOutlineItem(deps: CampaignDeps, ctx: RequestContext, campaignId: string, itemId: string, input: UpdateOutlineItemRequest): Promise<CampaignDetailDto> {
  return runEdit(deps, ctx, campaignId, input.version, async (e) => {
    const item = e.s.outline.find((i) => i.id === itemId);
    if (!item) throw notFound("mục đề cương");
    const patch: Partial<typeof outlineItems.$inferInsert> = {};
    if (input.label !== undefined && input.label !== item.label) {
      checkLabel(input.label);
      checkSiblingLabel(siblingsOf(e.s.outline, item.parentId), input.label, item.id);
      patch.label = input.label;
    }
    if (input.title !== undefined && input.title !== item.title) patch.title = input.title;
    if (input.guidance !== undefined && (input.guidance?.trim() || null) !== item.guidance) patch.guidance = input.guidance?.trim() || null;
    if (input.pageBudget !== undefined && input.pageBudget !== item.pageBudget) patch.pageBudget = input.pageBudget;
    const lead = input.lead !== undefined ? e.refs(input.lead, "Cơ quan chủ trì") : item.lead;
    const cooperate = input.cooperate !== undefined ? e.refs(input.cooperate, "Cơ quan phối hợp") : item.cooperate;
    checkRoles(lead, cooperate);
    const sameRefs = (a: AgencyRef[], b: AgencyRef[]) => a.length === b.length && a.every((x, i) => x.kind === b[i]!.kind && x.id === b[i]!.id);
    if (input.lead !== undefined && !sameRefs(lead, item.lead)) patch.lead = lead;
    if (input.cooperate !== undefined && !sameRefs(cooperate, item.cooperate)) patch.cooperate = cooperate;
    if (input.appendixCodes !== undefined) {
      const codes = new Set(e.s.appendices.map((a) => a.code));
      const bad = input.appendixCodes.find((c) => !codes.has(c));
      if (bad) throw badRequest(`Phụ lục "${bad}" không có trong đợt.`, { field: "appendixCodes" });
      if (input.appendixCodes.join("|") !== item.appendixCodes.join("|")) patch.appendixCodes = input.appendixCodes;
    }
    const fields = Object.keys(patch);
    if (!fields.length) throw badRequest("Không có thay đổi nào để lưu.");
    await e.tx.update(outlineItems).set(patch).where(eq(outlineItems.id, itemId));
    const before = Object.fromEntries(fields.map((f) => [f, item[f as keyof OutlineItemRow]]));
    return {
      action: "campaign.outline.update",
      summary: `sửa mục "${pathText(e.s.outline, itemId)} ${item.title}" (${fields.map((f) => FIELD_LABELS[f] ?? f).join(", ")})`,
      entityType: "outline_item",
      entityId: itemId,
      before,
      after: patch,
      outlineItemIds: [itemId],
    };
  });
}

export async function deleteOutlineItem(deps: CampaignDeps, ctx: RequestContext, campaignId: string, itemId: string, version: number): Promise<CampaignDetailDto> {
  return runEdit(deps, ctx, campaignId, version, async (e) => {
    const item = e.s.outline.find((i) => i.id === itemId);
    if (!item) throw notFound("mục đề cương");
    const ids = subtreeIds(e.s.outline, itemId);
    if (ids.length === e.s.outline.length) throw badRequest("Đề cương phải còn ít nhất một mục.");
    // Deleting cascades to assignments and texts: refuse when agencies already wrote there.
    const held = await e.tx.select().from(assignments).where(and(eq(assignments.campaignId, campaignId), inArray(assignments.outlineItemId, ids)));
    const withContent = await assignmentsWithContent(e.tx, campaignId, held);
    const texts = await e.tx
      .select({ agencyId: sections.agencyId, itemId: sections.outlineItemId })
      .from(sections)
      .where(and(inArray(sections.outlineItemId, ids), ne(sections.text, "")));
    if (withContent.size || texts.length) {
      const describe = describeAssignment(e.s, e.dir);
      const list = [
        ...held.filter((a) => withContent.has(a.id)).map(describe),
        ...texts.map((t) => `${e.dir.displayName(t.agencyId, e.campaign.referenceDate)} — mục ${pathText(e.s.outline, t.itemId)}`),
      ];
      throw conflict(`Không xóa được: đơn vị đã có nội dung ở mục này (${[...new Set(list)].slice(0, 5).join("; ")}).`);
    }
    const holders = [...new Set(held.map((h) => h.agencyId))];
    await e.tx.delete(outlineItems).where(eq(outlineItems.id, itemId));
    await setSortOrders(e.tx, siblingsOf(e.s.outline, item.parentId).filter((s) => s.id !== itemId), item.parentId);
    if (holders.length && e.campaign.status === "published") {
      await deps.notifications.notify(e.tx, ctx, {
        agencyIds: holders,
        roles: ["officer", "leader"],
        kind: "campaign.changed",
        campaignId,
        title: `Đợt ${e.campaign.name}: bỏ mục "${pathText(e.s.outline, itemId)} ${item.title}"`,
        body: "Cơ quan tổng hợp đã bỏ mục này khỏi đề cương; đơn vị không còn phải viết mục này.",
        link: "/viec-cua-don-vi",
      });
    }
    return {
      action: "campaign.outline.delete",
      summary: `xóa mục "${pathText(e.s.outline, itemId)} ${item.title}"${ids.length > 1 ? ` và ${ids.length - 1} mục con` : ""}`,
      entityType: "outline_item",
      entityId: itemId,
      before: { ...item, descendants: ids.length - 1 },
    };
  });
}

export async function moveOutlineItem(deps: CampaignDeps, ctx: RequestContext, campaignId: string, itemId: string, input: MoveRequest): Promise<CampaignDetailDto> {
  return runEdit(deps, ctx, campaignId, input.version, async (e) => {
    const items = e.s.outline;
    const item = items.find((i) => i.id === itemId);
    if (!item) throw notFound("mục đề cương");
    const siblings = siblingsOf(items, item.parentId);
    const idx = siblings.findIndex((s) => s.id === itemId);
    const before = { parentId: item.parentId, sortOrder: item.sortOrder };
    let words: string;
    switch (input.action) {
      case "up":
      case "down": {
        const j = input.action === "up" ? idx - 1 : idx + 1;
        if (j < 0 || j >= siblings.length) throw badRequest(input.action === "up" ? "Mục đã ở đầu danh sách cùng cấp." : "Mục đã ở cuối danh sách cùng cấp.");
        const ordered = [...siblings];
        [ordered[idx], ordered[j]] = [ordered[j]!, ordered[idx]!];
        await setSortOrders(e.tx, ordered, item.parentId);
        words = input.action === "up" ? "chuyển lên" : "chuyển xuống";
        break;
      }
      case "indent": {
        const newParent = siblings[idx - 1];
        if (!newParent) throw badRequest("Không lùi vào được: không có mục cùng cấp đứng trước để làm mục cha.");
        if (depthOf(items, newParent.id) + subtreeHeight(items, itemId) > TEMPLATE_LIMITS.outlineDepth) {
          throw badRequest(`Không lùi vào được: đề cương sâu tối đa ${TEMPLATE_LIMITS.outlineDepth} cấp.`);
        }
        const kids = siblingsOf(items, newParent.id);
        await setSortOrders(e.tx, [...kids, item], newParent.id);
        await setSortOrders(e.tx, siblings.filter((s) => s.id !== itemId), item.parentId);
        words = `lùi vào thành mục con của "${newParent.label}"`;
        break;
      }
      case "outdent": {
        const parent = item.parentId ? items.find((i) => i.id === item.parentId) : undefined;
        if (!parent) throw badRequest("Mục đã ở cấp cao nhất.");
        const outer = siblingsOf(items, parent.parentId);
        const pos = outer.findIndex((s) => s.id === parent.id) + 1;
        const ordered = [...outer];
        ordered.splice(pos, 0, item);
        await setSortOrders(e.tx, siblings.filter((s) => s.id !== itemId), item.parentId);
        await setSortOrders(e.tx, ordered, parent.parentId);
        words = `đưa ra ngoài mục "${parent.label}"`;
        break;
      }
    }
    return {
      action: "campaign.outline.move",
      summary: `${words} mục "${pathText(items, itemId)} ${item.title}"`,
      entityType: "outline_item",
      entityId: itemId,
      before,
      after: { action: input.action },
      outlineItemIds: [itemId],
    };
  });
}

/** Renumbers the whole outline in the style of each level (domain renumberOutline). */
export async function renumberCampaignOutline(deps: CampaignDeps, ctx: RequestContext, campaignId: string, version: number): Promise<CampaignDetailDto> {
  return runEdit(deps, ctx, campaignId, version, async (e) => {
    type Node = { id: string; label: string; children?: Node[] };
    const kids = new Map<string | null, OutlineItemRow[]>();
    for (const i of e.s.outline) kids.set(i.parentId, [...(kids.get(i.parentId) ?? []), i]);
    for (const l of kids.values()) l.sort((a, b) => a.sortOrder - b.sortOrder);
    const build = (parentId: string | null): Node[] =>
      (kids.get(parentId) ?? []).map((i) => (kids.has(i.id) ? { id: i.id, label: i.label, children: build(i.id) } : { id: i.id, label: i.label }));
    const renamed = renumberOutline(build(null));
    const changes: { id: string; from: string; to: string }[] = [];
    const byId = new Map(e.s.outline.map((i) => [i.id, i]));
    const walk = (nodes: readonly Node[]) => {
      for (const n of nodes) {
        const old = byId.get(n.id)!;
        if (old.label !== n.label) changes.push({ id: n.id, from: old.label, to: n.label });
        if (n.children) walk(n.children);
      }
    };
    walk(renamed);
    if (!changes.length) throw badRequest("Đề cương đã được đánh số đúng thứ tự; không có nhãn nào thay đổi.");
    for (const c of changes) await e.tx.update(outlineItems).set({ label: c.to }).where(eq(outlineItems.id, c.id));
    const order = new Map(outlineInOrder(e.s.outline).map((o, i) => [o.item.id, i]));
    changes.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    return {
      action: "campaign.outline.renumber",
      summary: `đánh số lại đề cương (${changes.length} nhãn thay đổi)`,
      entityType: "campaign",
      entityId: campaignId,
      after: { changes: changes.slice(0, 200) },
      outlineItemIds: changes.map((c) => c.id),
    };
  });
}
