import { Document, Packer, Paragraph, TextRun } from "docx";
import { strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SectionConflictDto, SectionDiffDto, SectionPageDto, SectionVersionDto, SectionWriteResultDto } from "@tonghop/contracts";
import { FakeClock } from "../../http/clock.js";
import { ITEM_1, ITEM_1_1, ITEM_1_2, setupCv2830, type Cv2830Fixture } from "../../services/workspace/sections-fixtures.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/test-app.js";

function multipart(fields: Record<string, string>, file: { name: string; content: Uint8Array }) {
  const boundary = "----tonghop-section-upload";
  const head = Object.entries(fields)
    .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join("");
  const fileHead = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head + fileHead, "utf8"), Buffer.from(file.content), Buffer.from(`\r\n--${boundary}--\r\n`, "utf8")]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

async function docx(text: string): Promise<Uint8Array> {
  const doc = new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun({ text, italics: true })] })] }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe("API: narrative sections", () => {
  let t: TestApp;
  let f: Cv2830Fixture;
  let officer: TestClient;
  let leader: TestClient;
  let otherOfficer: TestClient;
  let otherLeader: TestClient;
  let coordinator: TestClient;
  let viewer: TestClient;
  let assignment: string;
  let thongkeId: string;
  const clock = new FakeClock("2024-05-02T02:00:00Z");
  const url = (itemPath: string, suffix = "") => `/api/workspace/sections/${assignment}/${f.item(itemPath)}${suffix}`;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    f = await setupCv2830(t.container, { cooperate: true, now: clock.now() });
    assignment = await f.assignment("thongke", ITEM_1);
    thongkeId = await f.agencyId("Cục Thống kê thành phố");
    officer = await t.login("thongke");
    leader = await t.login("thongke.lanhdao");
    otherOfficer = await t.login("giaothong");
    otherLeader = await t.login("congthuong");
    coordinator = await t.login("tonghop");
    viewer = await t.login("xem");
  });
  afterAll(async () => t.close());

  it("reads the section page; another agency's user is refused; anonymous is 401", async () => {
    const res = await officer.get(`/api/workspace/sections/page/${f.campaignId}/${f.item(ITEM_1_1)}`);
    expect(res.statusCode).toBe(200);
    const page = res.json<SectionPageDto>();
    expect(page.items.map((i) => i.label)).toEqual(["1", "1.1", "1.2"]);
    expect(page.assignment.allowedActions).toEqual(["submit", "declare"]);
    expect((await otherOfficer.get(`/api/workspace/sections/page/${f.campaignId}/${f.item(ITEM_1_1)}?agency=${thongkeId}`)).statusCode).toBe(403);
    expect((await t.anonymous.get(`/api/workspace/sections/page/${f.campaignId}/${f.item(ITEM_1_1)}`)).statusCode).toBe(401);
    const asCoordinator = await coordinator.get(`/api/workspace/sections/page/${f.campaignId}/${f.item(ITEM_1_1)}?agency=${thongkeId}`);
    expect(asCoordinator.json<SectionPageDto>().assignment.canEdit).toBe(false);
    expect((await viewer.get(`/api/workspace/sections/page/${f.campaignId}/${f.item(ITEM_1_1)}?agency=${thongkeId}`)).statusCode).toBe(200);
  });

  it("saves sanitised HTML; viewers, coordinators and other agencies are refused", async () => {
    const body = { html: `<p style="color:red">GRDP <a href="javascript:alert(1)">tăng</a> 12,1%<img src=x onerror=alert(1)></p>`, baseVersion: 0 };
    for (const client of [viewer, coordinator, otherOfficer, otherLeader]) {
      const res = await client.put(url(ITEM_1_1), body);
      expect(res.statusCode).toBe(403);
      expect(res.json<{ message: string }>().message).toBeTruthy();
    }
    const ok = await officer.put(url(ITEM_1_1), body);
    expect(ok.statusCode).toBe(200);
    expect(ok.json<SectionWriteResultDto>().section).toMatchObject({ version: 1, html: "<p>GRDP tăng 12,1%</p>" });
  });

  it("two sessions editing the same section: the second sees both versions, chooses, and no write is lost", async () => {
    // Both sessions opened version 1.
    const first = await leader.put(url(ITEM_1_1), { html: "<p>Lãnh đạo: GRDP tăng 12,1%, cao nhất vùng.</p>", baseVersion: 1 });
    expect(first.statusCode).toBe(200);
    const second = await officer.put(url(ITEM_1_1), { html: "<p>Chuyên viên: GRDP tăng 12,1%, gấp 2 lần cả nước.</p>", baseVersion: 1 });
    expect(second.statusCode).toBe(409);
    const body = second.json<{ code: string; message: string; details: SectionConflictDto }>();
    expect(body.code).toBe("VERSION_CONFLICT");
    expect(body.details.yours.html).toBe("<p>Chuyên viên: GRDP tăng 12,1%, gấp 2 lần cả nước.</p>");
    expect(body.details.theirs).toMatchObject({ version: 2, html: "<p>Lãnh đạo: GRDP tăng 12,1%, cao nhất vùng.</p>", updatedBy: { name: "Vũ Đức Thống" } });
    // The stored text is the first session's.
    const page = (await officer.get(`/api/workspace/sections/page/${f.campaignId}/${f.item(ITEM_1_1)}`)).json<SectionPageDto>();
    expect(page.section.html).toBe("<p>Lãnh đạo: GRDP tăng 12,1%, cao nhất vùng.</p>");
    // The second session merges by hand on top of the version it was shown.
    const merged = await officer.put(url(ITEM_1_1), {
      html: "<p>Lãnh đạo: GRDP tăng 12,1%, cao nhất vùng.</p><p>Chuyên viên: gấp 2 lần cả nước.</p>",
      baseVersion: body.details.theirs.version,
    });
    expect(merged.statusCode).toBe(200);
    const versions = (await officer.get(url(ITEM_1_1, "/versions"))).json<SectionVersionDto[]>();
    expect(versions.map((v) => [v.version, v.author?.name])).toEqual([
      [3, "Lê Thị Kê"],
      [2, "Vũ Đức Thống"],
      [1, "Lê Thị Kê"],
    ]);
  });

  it("validates the body with field names", async () => {
    const missing = await officer.put(url(ITEM_1_1), { html: "<p>x</p>" });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ message: string }>().message).toContain("baseVersion");
    const extra = await officer.put(url(ITEM_1_1), { html: "<p>x</p>", baseVersion: 3, author: "x" });
    expect(extra.statusCode).toBe(400);
  });

  it("versions, one version and the diff are readable by the agency, coordinators and viewers only", async () => {
    for (const client of [officer, coordinator, viewer]) expect((await client.get(url(ITEM_1_1, "/versions"))).statusCode).toBe(200);
    expect((await otherOfficer.get(url(ITEM_1_1, "/versions"))).statusCode).toBe(403);
    expect((await otherOfficer.get(url(ITEM_1_1, "/versions/1"))).statusCode).toBe(403);
    expect((await otherOfficer.get(url(ITEM_1_1, "/diff?from=1&to=2"))).statusCode).toBe(403);
    const d = (await viewer.get(url(ITEM_1_1, "/diff?from=2&to=3"))).json<SectionDiffDto>();
    expect(d.parts.some((p) => p.op === "ins" && p.text.includes("gấp 2 lần"))).toBe(true);
    expect((await officer.get(url(ITEM_1_1, "/diff?from=a&to=2"))).statusCode).toBe(400);
  });

  it("restore and merge are agency writes: refused to viewers, coordinators and other agencies", async () => {
    for (const client of [viewer, coordinator, otherOfficer]) {
      expect((await client.post(url(ITEM_1_1, "/restore"), { version: 1, baseVersion: 3 })).statusCode).toBe(403);
      expect((await client.post(url(ITEM_1, "/merge"), { sourceSectionId: assignment, baseVersion: 0 })).statusCode).toBe(403);
    }
    const restored = await officer.post(url(ITEM_1_1, "/restore"), { version: 1, baseVersion: 3 });
    expect(restored.statusCode).toBe(200);
    expect(restored.json<SectionWriteResultDto>().section.version).toBe(4);
  });

  it("uploads a .docx; refuses a macro document, a zip bomb, an oversize file and non-multipart requests", async () => {
    const good = await officer.inject({ method: "POST", url: url(ITEM_1_2, "/upload"), ...multipart({ baseVersion: "0", mode: "replace" }, { name: "muc 1.2.docx", content: await docx("Thu nhập bình quân đầu người tăng.") }) });
    expect(good.statusCode).toBe(200);
    expect(good.json<SectionWriteResultDto>().section.html).toBe("<p><em>Thu nhập bình quân đầu người tăng.</em></p>");

    const parts = unzipSync(await docx("x"));
    parts["word/vbaProject.bin"] = strToU8("macro");
    const macro = await officer.inject({ method: "POST", url: url(ITEM_1_2, "/upload"), ...multipart({ baseVersion: "1" }, { name: "macro.docx", content: zipSync(parts) }) });
    expect(macro.statusCode).toBe(422);
    expect(macro.json<{ message: string }>().message).toMatch(/macro/);

    const bombParts = unzipSync(await docx("x"));
    bombParts["word/document.xml"] = new Uint8Array(50 * 1024 * 1024).fill(0x20);
    const bomb = await officer.inject({ method: "POST", url: url(ITEM_1_2, "/upload"), ...multipart({ baseVersion: "1" }, { name: "bom.docx", content: zipSync(bombParts, { level: 9 }) }) });
    expect(bomb.statusCode).toBe(422);
    expect(bomb.json<{ message: string }>().message).toMatch(/bom nén/);

    const big = await officer.inject({ method: "POST", url: url(ITEM_1_2, "/upload"), ...multipart({ baseVersion: "1" }, { name: "lon.docx", content: new Uint8Array(10 * 1024 * 1024 + 10) }) });
    expect(big.statusCode).toBe(413);

    const notMultipart = await officer.post(url(ITEM_1_2, "/upload"), { baseVersion: 1 });
    expect(notMultipart.statusCode).toBe(415);

    for (const client of [viewer, otherOfficer, coordinator]) {
      const res = await client.inject({ method: "POST", url: url(ITEM_1_2, "/upload"), ...multipart({ baseVersion: "1" }, { name: "a.docx", content: await docx("y") }) });
      expect(res.statusCode).toBe(403);
    }
    // The server is still up and the section unchanged.
    const page = (await officer.get(`/api/workspace/sections/page/${f.campaignId}/${f.item(ITEM_1_2)}`)).json<SectionPageDto>();
    expect(page.section.version).toBe(1);
  });
});
