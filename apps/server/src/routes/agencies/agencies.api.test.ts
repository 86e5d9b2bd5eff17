import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../../test/test-app.js";

describe("API: agency directory", () => {
  let t: TestApp;
  let admin: TestClient;
  let officer: TestClient;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login("quantri");
    officer = await t.login("giaothong");
  });
  afterAll(async () => t.close());

  it("any signed-in user searches without diacritics; anonymous users get 401", async () => {
    const res = await officer.get(`/api/agencies?q=${encodeURIComponent("so tai chinh")}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().map((a: { name: string }) => a.name)).toContain("Sở Tài chính");
    expect((await t.anonymous.get("/api/agencies")).statusCode).toBe(401);
  });

  it("lists groups with their members as of a date", async () => {
    const groups = (await officer.get("/api/agency-groups?asOf=2024-05-01")).json<Array<{ name: string; members: unknown[] }>>();
    const districts = groups.find((g) => g.name === "Ủy ban nhân dân các quận, huyện");
    expect(districts?.members).toHaveLength(15);
  });

  it("an agency officer cannot change the directory (403) and nothing changes", async () => {
    const list = (await officer.get("/api/agencies")).json<Array<{ id: string; name: string }>>();
    const target = list.find((a) => a.name === "Sở Giao thông vận tải")!;
    const other = list.find((a) => a.name === "Sở Xây dựng")!;
    for (const [url, body] of [
      ["/api/agencies", { code: "x-y", name: "X", shortName: "X", abbreviation: "X", kind: "khac", parentId: null }],
      [`/api/agencies/${target.id}/rename`, { name: "Đổi", shortName: "Đ", abbreviation: "Đ", effectiveDate: "2025-01-01" }],
      [`/api/agencies/${target.id}/merge`, { successorId: other.id, effectiveDate: "2025-01-01" }],
      [`/api/agencies/${target.id}/dissolve`, { effectiveDate: "2025-01-01" }],
    ] as const) {
      const res = await officer.post(url, body);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().message).toBe("Bạn không có quyền sử dụng chức năng này.");
    }
    expect((await officer.get(`/api/agencies/${target.id}`)).json().name).toBe("Sở Giao thông vận tải");
  });

  it("renames with an effective date; a bad date or an empty name is a clear error", async () => {
    const target = (await admin.get(`/api/agencies?q=${encodeURIComponent("so ngoai vu")}`)).json()[0];
    const empty = await admin.post(`/api/agencies/${target.id}/rename`, { name: "  ", shortName: "x", abbreviation: "x", effectiveDate: "2025-03-01" });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toContain("Tên cơ quan không được để trống");
    const badDate = await admin.post(`/api/agencies/${target.id}/rename`, { name: "Sở Ngoại vụ mới", shortName: "x", abbreviation: "x", effectiveDate: "31/02/2025" });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().details[0].field).toBe("effectiveDate");
    const ok = await admin.post(`/api/agencies/${target.id}/rename`, { name: "Sở Ngoại vụ (tên mới)", shortName: "Sở NV", abbreviation: "SNV", effectiveDate: "2025-03-01" });
    expect(ok.statusCode).toBe(200);
    expect((await admin.get(`/api/agencies/${target.id}?asOf=2025-02-28`)).json().name).toBe(target.name);
    expect((await admin.get(`/api/agencies/${target.id}?asOf=2025-03-01`)).json().name).toBe("Sở Ngoại vụ (tên mới)");
  });

  it("a merge that would create a cycle is refused over the API", async () => {
    const mk = async (code: string, name: string) =>
      (await admin.post("/api/agencies", { code, name, shortName: name, abbreviation: code.toUpperCase(), kind: "khac", parentId: null })).json().id as string;
    const a = await mk("vong-a", "Cơ quan vòng A");
    const b = await mk("vong-b", "Cơ quan vòng B");
    const c = await mk("vong-c", "Cơ quan vòng C");
    expect((await admin.post(`/api/agencies/${a}/split`, { effectiveDate: "2031-01-01", into: [{ existingId: b }, { existingId: c }] })).statusCode).toBe(200);
    const res = await admin.post(`/api/agencies/${b}/merge`, { successorId: a, effectiveDate: "2030-01-01" });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe("Không thể sáp nhập: sẽ tạo vòng kế tục Cơ quan vòng B → Cơ quan vòng A → Cơ quan vòng B.");
  });
});
