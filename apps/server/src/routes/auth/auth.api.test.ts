import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../http/clock.js";
import { createTestApp, TEST_PASSWORD, type TestApp } from "../../test/test-app.js";

describe("API: sign-in, sessions, CSRF, throttling", () => {
  let t: TestApp;
  const clock = new FakeClock("2026-03-02T02:00:00Z");
  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(async () => t.close());

  it("GET /api/health answers ok with the database kind and version", async () => {
    const res = await t.anonymous.get("/api/health");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "ok", db: t.database.kind, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(res.headers["x-request-id"]).toBeTruthy();
  });

  it("signs in, sets an HttpOnly SameSite=Lax cookie, and /me returns the user with a CSRF token", async () => {
    const res = await t.anonymous.post("/api/auth/login", { username: "thongke", password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === "th_sid")!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe("Lax");
    const body = res.json();
    expect(body.user).toMatchObject({ username: "thongke", agencyName: "Cục Thống kê thành phố Hải Phòng", roles: ["officer"] });
    expect(body.csrfToken).toEqual(expect.any(String));
    const me = await t.anonymous.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: `th_sid=${cookie.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.username).toBe("thongke");
  });

  const loginFrom = (remoteAddress: string, username: string, password: string) =>
    t.app.inject({ method: "POST", url: "/api/auth/login", remoteAddress, payload: { username, password } });

  it("wrong password and unknown user get the same Vietnamese message", async () => {
    const wrong = await loginFrom("10.0.0.1", "giaothong", "sai-mat-khau-1");
    const unknown = await loginFrom("10.0.0.1", "khong-co-ai", "sai-mat-khau-1");
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ code: "UNAUTHENTICATED", message: "Tên đăng nhập hoặc mật khẩu không đúng." });
    expect(unknown.json()).toEqual(wrong.json());
  });

  it("throttles after 5 failures in 15 minutes for an account, with the wait in minutes", async () => {
    for (let i = 0; i < 5; i++) {
      const r = await loginFrom(`10.0.1.${i}`, "taichinh", `sai-${i}-mat-khau`);
      expect(r.statusCode).toBe(401);
    }
    const blocked = await loginFrom("10.0.1.99", "taichinh", TEST_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().message).toBe("Đăng nhập sai 5 lần trong 15 phút. Vui lòng thử lại sau 15 phút.");
    expect(blocked.headers["retry-after"]).toBe("900");
    clock.advance(15 * 60 * 1000 + 1000);
    const again = await loginFrom("10.0.1.99", "taichinh", TEST_PASSWORD);
    expect(again.statusCode).toBe(200);
  });

  it("throttles after 5 failures in 15 minutes from one address, whatever the accounts", async () => {
    for (const name of ["a1", "a2", "a3", "a4", "a5"]) expect((await loginFrom("10.0.2.7", name, "sai-mat-khau-9")).statusCode).toBe(401);
    const blocked = await loginFrom("10.0.2.7", "xem", TEST_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect((await loginFrom("10.0.2.8", "xem", TEST_PASSWORD)).statusCode).toBe(200);
  });

  it("a disabled account cannot sign in", async () => {
    const admin = await t.login("quantri");
    const users = (await admin.get("/api/users?q=congthuong")).json<Array<{ id: string }>>();
    expect((await admin.patch(`/api/users/${users[0]!.id}`, { disabled: true })).statusCode).toBe(200);
    const res = await t.anonymous.post("/api/auth/login", { username: "congthuong", password: TEST_PASSWORD });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe("Tài khoản này đã bị khóa. Vui lòng liên hệ quản trị viên.");
    await admin.patch(`/api/users/${users[0]!.id}`, { disabled: false });
  });

  it("an expired session gets 401 SESSION_EXPIRED with a Vietnamese message", async () => {
    const officer = await t.login("giaothong");
    expect((await officer.get("/api/auth/me")).statusCode).toBe(200);
    clock.advance(13 * 60 * 60 * 1000);
    const res = await officer.get("/api/auth/me");
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ code: "SESSION_EXPIRED", message: "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại." });
  });

  it("state-changing requests without the CSRF header are refused", async () => {
    const officer = await t.login("thongke");
    const res = await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie: officer.cookie! } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe("CSRF");
    const ok = await officer.post("/api/auth/logout");
    expect(ok.statusCode).toBe(200);
    expect((await officer.get("/api/auth/me")).statusCode).toBe(401);
  });

  it("a cross-site login post is refused", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { origin: "https://evil.example", host: "localhost:3000" },
      payload: { username: "thongke", password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe("CSRF");
  });

  it("malformed JSON, unknown fields and oversize bodies get clear errors", async () => {
    const bad = await t.app.inject({ method: "POST", url: "/api/auth/login", headers: { "content-type": "application/json" }, payload: "{username:" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ code: "BAD_REQUEST", message: "Nội dung gửi lên không phải JSON hợp lệ." });
    const extra = await loginFrom("10.0.3.1", "thongke", "x").then(() => t.anonymous.post("/api/auth/login", { username: "thongke", password: "x", role: "admin" }));
    expect(extra.statusCode).toBe(400);
    expect(extra.json().code).toBe("VALIDATION");
    expect(extra.json().message).toContain('"role"');
    const big = await t.anonymous.post("/api/auth/login", { username: "thongke", password: "x".repeat(1_100_000) });
    expect(big.statusCode).toBe(413);
    expect(big.json().message).toBe("Dữ liệu gửi lên vượt quá giới hạn 1 MB.");
  });

  it("changing the password requires the current one and ends other sessions", async () => {
    const first = await t.login("thongke.lanhdao");
    const second = await t.login("thongke.lanhdao");
    const wrong = await first.post("/api/auth/password", { currentPassword: "khong-dung-1", newPassword: "MatKhauMoi-2025" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toBe("Mật khẩu hiện tại không đúng.");
    const weak = await first.post("/api/auth/password", { currentPassword: TEST_PASSWORD, newPassword: "ngan" });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toContain("ít nhất 10 ký tự");
    const ok = await first.post("/api/auth/password", { currentPassword: TEST_PASSWORD, newPassword: "MatKhauMoi-2025" });
    expect(ok.statusCode).toBe(200);
    expect((await first.get("/api/auth/me")).statusCode).toBe(200);
    expect((await second.get("/api/auth/me")).statusCode).toBe(401);
    await t.login("thongke.lanhdao", "MatKhauMoi-2025");
  });

  it("every /api route declares its access rule; unknown API paths get a Vietnamese 404", async () => {
    const res = await t.anonymous.get("/api/khong-co");
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toBe("Không tìm thấy địa chỉ GET /api/khong-co.");
  });

  it("publishes OpenAPI 3.1 generated from the zod schemas, with a browsable page", async () => {
    const spec = await t.anonymous.get("/api/openapi.json");
    expect(spec.statusCode).toBe(200);
    const json = spec.json();
    expect(json.openapi).toBe("3.1.0");
    expect(Object.keys(json.paths)).toEqual(expect.arrayContaining(["/api/health", "/api/auth/login", "/api/agencies", "/api/users"]));
    const docs = await t.anonymous.get("/api/docs/");
    expect(docs.statusCode).toBe(200);
  });
});
