import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailOutbox } from "../../db/schema/index.js";
import { FakeClock } from "../../http/clock.js";
import { SmtpSink } from "../../jobs/smtp-sink.testkit.js";
import { userContext } from "../../test/campaign-fixtures.js";
import { createTestContext, type TestContext } from "../../test/test-app.js";
import { smtpTransport } from "./mail-transport.js";
import { OutboxService } from "./outbox.service.js";

/** Runs on PGlite and on PostgreSQL (TEST_DB), against a local SMTP server. */
describe("e-mail outbox: SMTP down, back-off, permanent refusal, the acknowledgement window", () => {
  let t: TestContext;
  const clock = new FakeClock("2024-05-13T02:00:00Z");
  const sink = new SmtpSink();
  let port: number;
  let outbox: OutboxService;
  const row = async (id: string) => (await t.container.db.select().from(mailOutbox).where(eq(mailOutbox.id, id)))[0]!;
  const enqueue = (key: string) =>
    t.container.db.transaction((tx) => outbox.enqueue(tx, clock.now(), { dedupeKey: key, kind: "reminder", to: "thongke@haiphong.gov.vn", toName: "Lê Thị Kê", subject: `Nhắc hạn ${key}`, text: "Nội dung" }));

  beforeAll(async () => {
    t = await createTestContext({ clock });
    // Reserve a port, then stop: the SMTP server is down at first.
    port = await sink.start();
    await sink.stop();
    outbox = new OutboxService({ db: t.container.db, audit: t.container.repos.audit, transport: smtpTransport(`smtp://127.0.0.1:${port}`), publicUrl: "https://tonghop.haiphong.gov.vn" });
  });
  afterAll(async () => {
    await sink.stop();
    await t.close();
  });

  it("enqueueing twice with one key gives one row with a Message-ID fixed from the key", async () => {
    const a = await enqueue("reminder:k1");
    const b = await enqueue("reminder:k1");
    expect(b).toBe(a);
    const r = await row(a);
    expect(r.messageId).toMatch(/^<[0-9a-f]{32}@tonghop\.haiphong\.gov\.vn>$/);
    expect(r.status).toBe("pending");
  });

  it("SMTP down: retried with exponential back-off, the error visible, then delivered exactly once", async () => {
    const id = await enqueue("reminder:down");
    await outbox.processDue("A", clock); // also takes k1 from the test above
    let r = await row(id);
    expect(r).toMatchObject({ status: "pending", attempts: 1 });
    expect(r.lastError).toMatch(/^(Máy chủ thư từ chối kết nối|Không kết nối được máy chủ thư)/);
    expect(r.nextAttemptAt.toISOString()).toBe("2024-05-13T02:01:00.000Z"); // + 1 minute
    clock.advance(30_000);
    expect((await outbox.processDue("A", clock)).claimed).toBe(0); // not yet
    clock.advance(30_000);
    await outbox.processDue("A", clock);
    r = await row(id);
    expect(r.attempts).toBe(2);
    expect(r.nextAttemptAt.toISOString()).toBe("2024-05-13T02:03:00.000Z"); // + 2 minutes
    // The administrator sees it in the outbox.
    const admin = await userContext(t.container, "quantri", clock.now());
    const list = await outbox.list(admin, { status: "pending", limit: 50, offset: 0 });
    expect(list.items.find((i) => i.id === id)).toMatchObject({ attempts: 2, lastError: r.lastError });
    // The server comes back.
    await sink.start(port);
    clock.advance(120_000);
    const res = await outbox.processDue("A", clock);
    expect(res.sent).toBe(2);
    r = await row(id);
    expect(r).toMatchObject({ status: "sent", attempts: 3, transport: "smtp", lastError: null });
    expect(r.smtpResponse).toMatch(/^250/);
    expect(sink.messages.filter((m) => m.messageId === r.messageId)).toHaveLength(1);
    clock.advance(3_600_000);
    expect((await outbox.processDue("A", clock)).claimed).toBe(0); // never again
    expect(sink.duplicates()).toEqual([]);
  });

  it("a 5xx refusal is permanent: failed at once, shown, retried only by an administrator", async () => {
    sink.refuseNext = { count: 1, code: 550 };
    const id = await enqueue("reminder:refused");
    await outbox.processDue("A", clock);
    const r = await row(id);
    expect(r.status).toBe("failed");
    expect(r.lastError).toContain("Máy chủ thư từ chối thư");
    const officer = await userContext(t.container, "thongke", clock.now());
    await expect(outbox.retry(officer, id)).rejects.toThrow("Chỉ quản trị hệ thống");
    await outbox.retry(await userContext(t.container, "quantri", clock.now()), id);
    await outbox.processDue("A", clock);
    expect((await row(id)).status).toBe("sent");
  });

  it("a worker that dies holding a lease: the row is sent after the lease expires, with the same Message-ID", async () => {
    const id = await enqueue("reminder:crash");
    // Instance A claims it and dies before talking to the server (nothing settles the row).
    const [claimed] = await outbox.claim("A", clock.now(), 10);
    expect(claimed?.id).toBe(id);
    expect((await outbox.processDue("B", clock)).claimed).toBe(0); // A's lease holds
    clock.advance(outbox.leaseMs + 1000);
    const res = await outbox.processDue("B", clock);
    expect(res.sent).toBe(1);
    const r = await row(id);
    expect(r).toMatchObject({ status: "sent", attempts: 2 });
    expect(sink.messages.filter((m) => m.messageId === r.messageId)).toHaveLength(1);
  });

  it("the acknowledgement window: a sender that dies after the server's 250 and before recording it causes one re-send, with the same Message-ID", async () => {
    // This is the one case the outbox cannot tell apart from a lost message (see outbox.service.ts): it re-sends,
    // and the copy carries the original Message-ID so that receivers de-duplicate it.
    const id = await enqueue("reminder:ack-window");
    const [claimed] = await outbox.claim("A", clock.now(), 10);
    await smtpTransport(sink.url).send({ messageId: claimed!.messageId, from: outbox.from, to: claimed!.toAddress, toName: null, subject: claimed!.subject, text: claimed!.text });
    clock.advance(outbox.leaseMs + 1000);
    await outbox.processDue("B", clock);
    const r = await row(id);
    const copies = sink.messages.filter((m) => m.messageId === r.messageId);
    expect(copies).toHaveLength(2);
    expect(new Set(copies.map((c) => c.messageId)).size).toBe(1);
  });
});
