import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../../test/test-app.js";

describe("API: user administration and the audit log", () => {
  let t: TestApp;
  let admin: TestClient;
  let officer: TestClient;
  let agencyId: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login("quantri");
    officer = await t.login("thongke");
    const found = (await officer.get(`/api/agencies?q=${encodeURIComponent("so tai chinh")}`)).json<Array<{ id: string; name: string }>>();
    agencyId = found.find((a) => a.name === "Sở Tài chính")!.id;
  });
  afterAll(async () => t.close());

  it("an agency officer gets 403 on every user and audit route", async () => {
    expect((await officer.get("/api/users")).statusCode).toBe(403);
    expect((await officer.post("/api/users", { username: "x12", fullName: "X", agencyId, roles: ["officer"] })).statusCode).toBe(403);
    expect((await officer.get("/api/audit")).statusCode).toBe(403);
    expect((await officer.post(`/api/users/${agencyId}/reset-password`)).statusCode).toBe(403);
    const viewer = await t.login("xem");
    expect((await viewer.get("/api/users")).statusCode).toBe(403);
    expect((await t.anonymous.get("/api/users")).statusCode).toBe(401);
  });

  it("admin creates a user with a temporary password; the creation is in the audit log", async () => {
    const res = await admin.post("/api/users", { username: "Nguyen.Van.A", fullName: "Nguyễn Văn A", agencyId, roles: ["officer"], email: "a@haiphong.gov.vn" });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.user).toMatchObject({ username: "nguyen.van.a", agencyName: "Sở Tài chính", mustChangePassword: true });
    expect(body.temporaryPassword).toMatch(/^[A-Za-z2-9]{14}$/);
    const signedIn = await t.login("nguyen.van.a", body.temporaryPassword);
    expect((await signedIn.get("/api/auth/me")).json().user.mustChangePassword).toBe(true);
    const log = (await admin.get("/api/audit?action=user.create")).json();
    expect(log.items[0]).toMatchObject({ action: "user.create", entityType: "user", entityId: body.user.id, summary: "Tạo người dùng: nguyen.van.a (Nguyễn Văn A)" });
    expect(JSON.stringify(log.items[0].after)).not.toContain("passwordHash");
  });

  it("duplicate usernames, bad usernames, unknown roles and unknown fields are refused and nothing is written", async () => {
    const before = (await admin.get("/api/users?includeDisabled=true")).json().length;
    const dup = await admin.post("/api/users", { username: "thongke", fullName: "Trùng", agencyId, roles: ["officer"] });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toBe('Tên đăng nhập "thongke" đã có người dùng.');
    const bad = await admin.post("/api/users", { username: "a b", fullName: "X", agencyId, roles: ["officer"] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('"username"');
    const role = await admin.post("/api/users", { username: "abc1", fullName: "X", agencyId, roles: ["superuser"] });
    expect(role.statusCode).toBe(400);
    expect(role.json().details[0].field).toBe("roles.0");
    const unknown = await admin.post("/api/users", { username: "abc2", fullName: "X", agencyId, roles: ["officer"], isAdmin: true });
    expect(unknown.statusCode).toBe(400);
    expect((await admin.get("/api/users?includeDisabled=true")).json().length).toBe(before);
  });

  it("stores SQL and HTML in names as plain text", async () => {
    const name = `<script>alert(1)</script>'; DROP TABLE users; --`;
    const res = await admin.post("/api/users", { username: "html.test", fullName: name, agencyId, roles: ["viewer"] });
    expect(res.statusCode).toBe(201);
    const got = (await admin.get(`/api/users/${res.json().user.id}`)).json();
    expect(got.fullName).toBe(name);
    expect((await admin.get("/api/users")).statusCode).toBe(200);
  });

  it("disables and re-enables a user, ending their sessions; resets a password", async () => {
    const user = (await admin.get("/api/users?q=giaothong.lanhdao")).json()[0];
    const session = await t.login("giaothong.lanhdao");
    const off = await admin.patch(`/api/users/${user.id}`, { disabled: true });
    expect(off.json().disabled).toBe(true);
    expect((await session.get("/api/auth/me")).statusCode).toBe(401);
    await admin.patch(`/api/users/${user.id}`, { disabled: false });
    const reset = await admin.post(`/api/users/${user.id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    const fresh = await t.login("giaothong.lanhdao", reset.json().temporaryPassword);
    expect((await fresh.get("/api/auth/me")).json().user.mustChangePassword).toBe(true);
  });

  it("an admin cannot disable their own account", async () => {
    const me = (await admin.get("/api/auth/me")).json().user;
    const res = await admin.patch(`/api/users/${me.id}`, { disabled: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe("Bạn không thể tự khóa tài khoản hoặc tự bỏ vai trò Quản trị của mình.");
  });
});
