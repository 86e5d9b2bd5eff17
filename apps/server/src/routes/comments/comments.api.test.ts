import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommentDto, CommentRoundDto, RoundDocumentDto } from "@tonghop/contracts";
import { compileDrafts } from "../../db/schema/index.js";
import { fillCampaign } from "../../demo/fill-campaign.js";
import { createSmallCampaign, type SmallCampaign } from "../../demo/small-campaign.fixture.js";
import { FakeClock } from "../../http/clock.js";
import { compileReport } from "../../services/compile/compile-report.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/test-app.js";

describe("API: comment rounds", () => {
  let t: TestApp;
  let c: SmallCampaign;
  let draftId: string;
  let tonghop: TestClient;
  let giaothong: TestClient;
  let thongke: TestClient;
  let congthuong: TestClient;
  let round: CommentRoundDto;

  beforeAll(async () => {
    t = await createTestApp({ clock: new FakeClock("2024-05-20T03:00:00Z") });
    c = await createSmallCampaign(t.container);
    await fillCampaign(t.container, c.campaignId, { seed: 3, accept: true, now: new Date("2024-05-19T03:00:00Z") });
    const out = await compileReport(t.container.db, await t.container.services.agencies.directory(), null, { campaignId: c.campaignId, scope: { kind: "whole" }, mode: "draft", date: "2024-05-20", pdf: false });
    const [row] = await t.container.db
      .insert(compileDrafts)
      .values({ campaignId: c.campaignId, scope: "whole", scopeKey: "whole", mode: "draft", number: 1, label: "Dự thảo lần 1 — Toàn văn báo cáo", createdByName: "test", docx: out.docx, snapshot: out.snapshot })
      .returning();
    draftId = row!.id;
    tonghop = await t.login("tonghop");
    giaothong = await t.login("giaothong");
    thongke = await t.login("thongke");
    congthuong = await t.login("congthuong");
  }, 120_000);
  afterAll(async () => t.close());

  it("401 without a session; 403 for roles that may not open rounds; 400 naming the field", async () => {
    expect((await t.anonymous.get("/api/comment-rounds")).statusCode).toBe(401);
    const body = { draftId, title: "Lấy ý kiến dự thảo", deadline: "2024-05-28", agencyIds: [c.agencies.transport] };
    expect((await giaothong.post(`/api/campaigns/${c.campaignId}/comment-rounds`, body)).statusCode).toBe(403);
    const bad = await tonghop.post(`/api/campaigns/${c.campaignId}/comment-rounds`, { ...body, agencyIds: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toContain("Chọn ít nhất một cơ quan");
    const res = await tonghop.post(`/api/campaigns/${c.campaignId}/comment-rounds`, body);
    expect(res.statusCode).toBe(201);
    round = res.json<CommentRoundDto>();
  });

  it("a reviewer comments, the lead agency answers, others get 403; the table downloads", async () => {
    expect((await congthuong.get(`/api/comment-rounds/${round.id}`)).statusCode).toBe(403);
    expect((await congthuong.get(`/api/comment-rounds/${round.id}/document`)).statusCode).toBe(403);
    const doc = (await giaothong.get(`/api/comment-rounds/${round.id}/document`)).json<RoundDocumentDto>();
    const created = await giaothong.post(`/api/comment-rounds/${round.id}/comments`, { anchor: { kind: "paragraph", itemId: c.items.item1, paragraphIndex: 0 }, body: "Bổ sung so sánh với cả nước." });
    expect(created.statusCode).toBe(201);
    const comment = created.json<CommentDto>();
    expect(comment.quote).toBe(doc.sections.find((s) => s.itemId === c.items.item1)!.parts[0]!.paragraphs[0]);
    expect((await congthuong.post(`/api/comment-rounds/${round.id}/comments`, { anchor: { kind: "section", itemId: c.items.item1 }, body: "x" })).statusCode).toBe(403);
    // Viewers may not comment or answer (role gate).
    const xem = await t.login("xem");
    expect((await xem.post(`/api/comments/${comment.id}/answer`, { kind: "tiep-thu", text: "x", version: 1 })).statusCode).toBe(403);
    expect((await giaothong.post(`/api/comments/${comment.id}/answer`, { kind: "tiep-thu", text: "x", version: 1 })).statusCode).toBe(403);
    expect((await thongke.post(`/api/comments/${comment.id}/override`, { kind: "tiep-thu", text: "x", version: 1 })).statusCode).toBe(403);
    expect((await thongke.post(`/api/comments/${comment.id}/reroute`, { agencyId: c.agencies.finance, version: 1 })).statusCode).toBe(403);
    const inbox = (await thongke.get("/api/comment-inbox")).json<CommentDto[]>();
    expect(inbox.map((x) => x.id)).toEqual([comment.id]);
    const answered = await thongke.post(`/api/comments/${comment.id}/answer`, { kind: "giai-trinh", text: "Đã có tại Phụ lục 2.", version: 1 });
    expect(answered.statusCode).toBe(200);
    const badKind = await thongke.post(`/api/comments/${comment.id}/answer`, { kind: "dong-y", text: "x", version: 2 });
    expect(badKind.statusCode).toBe(400);
    expect((await giaothong.get(`/api/comment-rounds/${round.id}/table/docx`)).statusCode).toBe(403);
    const docx = await tonghop.get(`/api/comment-rounds/${round.id}/table/docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers["content-disposition"]).toContain("filename*=UTF-8''B%E1%BA%A3ng");
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe("PK");
    const xlsx = await tonghop.get(`/api/comment-rounds/${round.id}/table/xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const list = (await tonghop.get(`/api/comment-rounds/${round.id}/comments?status=answered`)).json<CommentDto[]>();
    expect(list.map((x) => x.answer?.label)).toEqual(["Giải trình"]);
    expect((await giaothong.get(`/api/comment-rounds/${round.id}/reminders`)).statusCode).toBe(403);
    const reminders = await tonghop.get(`/api/comment-rounds/${round.id}/reminders`);
    expect(reminders.statusCode).toBe(200);
    expect(reminders.json()).toEqual([]);
    expect((await giaothong.post(`/api/comment-rounds/${round.id}/close`, {})).statusCode).toBe(403);
    expect((await tonghop.post(`/api/comment-rounds/${round.id}/close`, {})).json<CommentRoundDto>().status).toBe("closed");
    expect((await giaothong.post(`/api/comment-rounds/${round.id}/comments`, { anchor: { kind: "section", itemId: c.items.item1 }, body: "x" })).statusCode).toBe(409);
  });
});
