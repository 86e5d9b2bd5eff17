// The large campaign of the progress-matrix benchmark (bench/matrix.bench.ts): 150 agencies (with their groups and
// accounts for two in three) × 200 outline items, published through the real services, then a deterministic mix of
// work written directly (texts being drafted, submitted, sent on time or late, accepted, returned with a reason,
// declared "không có số liệu", deadline extensions).
import { and, eq, inArray, sql } from "drizzle-orm";
import type { CampaignTemplate } from "@tonghop/contracts";
import { addDays, toVnPlainDate } from "@tonghop/domain";
import type { Container } from "../../apps/server/src/app/container.js";
import { systemContext } from "../../apps/server/src/auth/actor.js";
import { hashPassword } from "../../apps/server/src/auth/password.js";
import { assignmentEvents, assignments, sections } from "../../apps/server/src/db/schema/index.js";
import { userContext } from "../../apps/server/src/test/campaign-fixtures.js";

export const AGENCIES = 150;
const PARTS = 10;
const ITEMS_PER_PART = 20;
export const ITEMS = PARTS * ITEMS_PER_PART;
const ALL_GROUP = "Các cơ quan thử nghiệm tiến độ";
const agencyName = (i: number) => `Cơ quan thử nghiệm tiến độ số ${String(i + 1).padStart(3, "0")}`;
const thirdName = (k: number) => `Nhóm thử nghiệm tiến độ ${k + 1}`;

// mulberry32: fixed seed, same data every run.
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function template(referenceDate: string, dues: string[]): CampaignTemplate {
  const outline = Array.from({ length: PARTS }, (_, p) => ({
    label: `Phần ${["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][p]}`,
    title: `NỘI DUNG THỬ NGHIỆM THỨ ${p + 1}`,
    children: Array.from({ length: ITEMS_PER_PART }, (_, i) => {
      const n = p * ITEMS_PER_PART + i;
      return {
        label: String(i + 1),
        title: `Đánh giá kết quả thực hiện nhiệm vụ thử nghiệm số ${n + 1} của các cơ quan, đơn vị`,
        lead: [agencyName((n * 7) % AGENCIES)],
        cooperate: [ALL_GROUP],
      };
    }),
  }));
  return {
    formatVersion: 1,
    code: "bench-tien-do-150x200",
    name: "Đợt thử nghiệm hiệu năng tiến độ: 150 cơ quan × 200 mục",
    kind: "bao-cao-nam",
    coordinator: "Sở Kế hoạch và Đầu tư",
    referenceDate,
    periods: [],
    areas: [{ code: "HP", name: "Hải Phòng", primary: true }],
    legalBasis: [{ kind: "cong-van", number: "3/UBND-TH", date: referenceDate, issuer: "Ủy ban nhân dân thành phố Hải Phòng", summary: "V/v thử nghiệm hiệu năng tiến độ", role: "directive" }],
    report: {
      system: "nha-nuoc",
      title: "BÁO CÁO",
      summary: "Thử nghiệm hiệu năng tiến độ",
      issuer: { name: "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG" },
      symbol: "BC-UBND",
      place: "Hải Phòng",
      signature: { authority: "TM. ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH" },
      recipients: ["Lưu: VT."],
    },
    requirements: { paper: "A4", font: { family: "Times New Roman", size: 14 } },
    milestones: dues.map((due, k) => ({
      code: `M${k + 1}`,
      from: [thirdName(k)],
      to: "Sở Kế hoạch và Đầu tư",
      deliverable: `Báo cáo của nhóm ${k + 1}`,
      due,
      wording: `trước ngày ${due}`,
      scope: { kind: "outline" },
    })),
    outline,
    appendices: [],
    indicators: [],
  } as unknown as CampaignTemplate;
}

/** Agencies, groups, some accounts, the campaign published, and a realistic mix of work. Returns the campaign id. */
export async function prepareProgressCampaign(container: Container, password: string): Promise<string> {
  const now = new Date();
  const today = toVnPlainDate(now);
  const referenceDate = addDays(today, -60);
  // The administrator sets up the directory 90 days back, so that the groups hold on the campaign's reference date.
  const setupCtx = await userContext(container, "quantri", new Date(Date.parse(`${addDays(today, -90)}T03:00:00Z`)));
  const ids: string[] = [];
  for (let i = 0; i < AGENCIES; i++) {
    const a = await container.services.agencies.create(setupCtx, {
      code: `bench-tien-do-${i + 1}`,
      name: agencyName(i),
      shortName: `CQ thử ${i + 1}`,
      abbreviation: `CQT${i + 1}`,
      kind: "so",
      parentId: null,
      aliases: [],
      validFrom: null,
    });
    ids.push(a.id);
  }
  await container.services.agencies.createGroup(setupCtx, { code: "bench-tien-do-all", name: ALL_GROUP, aliases: [], memberIds: ids });
  for (let k = 0; k < 3; k++) {
    await container.services.agencies.createGroup(setupCtx, { code: `bench-tien-do-${k + 1}-3`, name: thirdName(k), aliases: [], memberIds: ids.filter((_, i) => i % 3 === k) });
  }
  // Accounts for two agencies in three (the matrix counts them: without one, only a letter can chase).
  const hash = await hashPassword(password);
  for (let i = 0; i < AGENCIES; i++) {
    if (i % 3 === 2) continue;
    await container.repos.users.insert(container.db, { username: `bench.tiendo.${i + 1}`, fullName: `Chuyên viên thử ${i + 1}`, agencyId: ids[i]!, roles: ["officer"], passwordHash: hash, createdAt: now, updatedAt: now });
  }

  const sys = systemContext(now, "bench");
  const dues = [addDays(today, -20), addDays(today, -4), addDays(today, 12)];
  const imported = await container.services.campaigns.importTemplate(sys, { template: template(referenceDate, dues) });
  const campaignId = imported.campaignId!;
  await container.services.campaigns.publish(sys, campaignId);

  const db = container.db;
  const rows = await db.select({ id: assignments.id, agencyId: assignments.agencyId, itemId: assignments.outlineItemId, due: assignments.dueDate }).from(assignments).where(eq(assignments.campaignId, campaignId));
  if (rows.length !== AGENCIES * ITEMS) throw new Error(`Ban hành ${rows.length} phần việc, cần ${AGENCIES * ITEMS}`);

  // The mix: 25 % not started, 20 % drafting, 5 % with the leader, 28 % sent (most on time), 10 % accepted,
  // 5 % returned, 4 % declared "không có số liệu", 3 % extended by the coordinator (and still drafting).
  const r = random(150200);
  const byState = new Map<string, string[]>();
  const drafts: (typeof sections.$inferInsert)[] = [];
  const events: (typeof assignmentEvents.$inferInsert)[] = [];
  const extended: string[] = [];
  const declared: string[] = [];
  const at = (date: string, hour: number) => new Date(Date.parse(`${date}T${String(hour).padStart(2, "0")}:00:00Z`));
  for (const a of rows) {
    const x = r();
    const due = a.due ?? today;
    const sentOn = r() < 0.75 ? addDays(due, -Math.floor(r() * 10)) : addDays(due, 1 + Math.floor(r() * 3));
    const sentAt = at(sentOn < today ? sentOn : addDays(today, -1), 2 + Math.floor(r() * 8));
    const draft = () => drafts.push({ campaignId, outlineItemId: a.itemId!, agencyId: a.agencyId, assignmentId: a.id, html: "<p>Đang soạn nội dung.</p>", text: "Đang soạn nội dung.", wordCount: 4, version: 1 });
    const put = (state: string, withSent = false) => {
      const list = byState.get(state) ?? [];
      list.push(a.id);
      byState.set(state, list);
      if (withSent) events.push({ assignmentId: a.id, campaignId, at: sentAt, action: "send", fromState: "submitted", toState: "sent" });
    };
    if (x < 0.25) continue;
    else if (x < 0.45) draft();
    else if (x < 0.5) {
      draft();
      put("submitted");
    } else if (x < 0.78) {
      draft();
      put("sent", true);
    } else if (x < 0.88) {
      draft();
      put("accepted", true);
    } else if (x < 0.93) {
      draft();
      put("returned", true);
    } else if (x < 0.97) {
      declared.push(a.id);
      events.push({ assignmentId: a.id, campaignId, at: sentAt, action: "declare", fromState: "draft", toState: "sent", reason: "Đơn vị không có số liệu về nội dung này." });
    } else {
      draft();
      extended.push(a.id);
    }
  }
  const chunks = <T>(xs: T[], n = 500): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));
  await db.transaction(async (tx) => {
    for (const c of chunks(drafts)) await tx.insert(sections).values(c);
    for (const c of chunks(events)) await tx.insert(assignmentEvents).values(c);
    for (const [state, list] of byState) {
      for (const c of chunks(list)) {
        // sent_at is only the fallback of the first "sent" event, which the events above carry.
        const sentAt = state === "submitted" ? null : now;
        const stateReason = state === "returned" ? "Bổ sung số liệu so sánh cùng kỳ năm trước." : null;
        await tx
          .update(assignments)
          .set({ state, sentAt, stateChangedAt: now, stateReason, acceptedAt: state === "accepted" ? now : null })
          .where(inArray(assignments.id, c));
      }
    }
    for (const c of chunks(declared)) {
      await tx
        .update(assignments)
        .set({ state: "sent", declaration: "no_data", declarationReason: "Đơn vị không có số liệu về nội dung này.", sentAt: now, stateChangedAt: now })
        .where(inArray(assignments.id, c));
    }
    for (const c of chunks(extended)) {
      await tx.update(assignments).set({ dueOverride: addDays(today, 7), extensionReason: "Đơn vị đề nghị gia hạn để bổ sung số liệu." }).where(inArray(assignments.id, c));
    }
  });
  const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(assignments).where(and(eq(assignments.campaignId, campaignId), eq(assignments.state, "draft")));
  process.stderr.write(`  ${rows.length} phần việc: ${n} đang soạn hoặc chưa bắt đầu, ${drafts.length} bài, ${events.length} lần gửi\n`);
  return campaignId;
}

