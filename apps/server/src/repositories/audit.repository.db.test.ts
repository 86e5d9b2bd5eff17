import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "../auth/actor.js";
import type { Database } from "../db/client.js";
import { auditLog } from "../db/schema/index.js";
import { createTestDatabase } from "../test/test-database.js";
import { AuditRepository } from "./audit.repository.js";

/** Runs on PGlite and on PostgreSQL (TEST_DB). */
describe("AuditRepository: what an entry keeps", () => {
  let database: Database;
  const repo = new AuditRepository();
  const ctx = (requestId: string): RequestContext => ({ actor: null, requestId, ip: "10.0.0.7", now: new Date("2024-05-05T03:00:00Z") });

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  const stored = (requestId: string) => database.db.select().from(auditLog).where(eq(auditLog.requestId, requestId));

  it("strips secrets at any depth, writes dates as ISO text and keeps an undefined field as null", async () => {
    await repo.record(database.db, ctx("audit-redact"), {
      action: "user.update",
      entityType: "user",
      entityId: "u1",
      summary: "Sửa tài khoản",
      before: { password: "cu", fullName: "Lê Thị Kê", changedAt: new Date("2024-05-04T01:02:03Z") },
      after: {
        passwordHash: "$argon2id$…",
        profile: { apiToken: "t", email: null, note: undefined },
        sessions: [{ clientSecret: "s", ip: "10.0.0.7" }],
        cells: [{ value: 84199.2, status: "uoc" }],
      },
    });
    const [row] = await stored("audit-redact");
    expect(row).toMatchObject({ action: "user.update", entityType: "user", entityId: "u1", summary: "Sửa tài khoản", actorName: "audit-redact", actorUserId: null, ip: "10.0.0.7" });
    expect(row!.at.toISOString()).toBe("2024-05-05T03:00:00.000Z");
    expect(row!.before).toEqual({ password: "[ẩn]", fullName: "Lê Thị Kê", changedAt: "2024-05-04T01:02:03.000Z" });
    expect(row!.after).toEqual({
      passwordHash: "[ẩn]",
      profile: { apiToken: "[ẩn]", email: null, note: null },
      sessions: [{ clientSecret: "[ẩn]", ip: "10.0.0.7" }],
      cells: [{ value: 84199.2, status: "uoc" }],
    });
  });

  it("an entry without before or after stores SQL nulls", async () => {
    await repo.record(database.db, ctx("audit-empty"), { action: "auth.logout", entityType: "user" });
    const [row] = await stored("audit-empty");
    expect(row).toMatchObject({ before: null, after: null, entityId: null, summary: null });
  });

  it("recordWhen writes the entry only when its condition holds", async () => {
    await database.db.execute(repo.recordWhen(ctx("audit-when-no"), { action: "x", entityType: "y", after: { a: 1 } }, sql`false`));
    await database.db.execute(repo.recordWhen(ctx("audit-when-yes"), { action: "x", entityType: "y", after: { a: 1 } }, sql`true`));
    expect(await stored("audit-when-no")).toHaveLength(0);
    expect((await stored("audit-when-yes"))[0]?.after).toEqual({ a: 1 });
  });
});
