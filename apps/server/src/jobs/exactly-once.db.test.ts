import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_REMINDER_RULES } from "@tonghop/contracts";
import { isWorkingDay, toVnPlainDate } from "@tonghop/domain";
import { createContainer, type Container } from "../app/container.js";
import { loadConfig } from "../config/env.js";
import { openDatabase, type Database } from "../db/client.js";
import { assignments, campaignMilestones, holidayDays, mailOutbox, notifications, reminderOccurrences, reminderSchedules, users } from "../db/schema/index.js";
import { systemClock } from "../http/clock.js";
import { seedIfEmpty } from "../seed/seed.js";
import { mergeHolidayEdits } from "../services/holidays/holidays.service.js";
import { importSeedCampaign } from "../test/campaign-fixtures.js";
import { TEST_PASSWORD } from "../test/test-app.js";
import { emptyPostgresDatabase, TEST_DB_KIND } from "../test/test-database.js";
import { JobScheduler } from "./scheduler.js";
import { SmtpSink } from "./smtp-sink.testkit.js";

/**
 * Exactly once with several instances on one database and a local SMTP server:
 *  - on PostgreSQL: two server processes (run-instance.ts: the HTTP API and the job scheduler, as main.ts) on one
 *    database; the one holding the lease of a mail is SIGKILLed while it sends it, and restarted;
 *  - on PGlite (one process per database): two schedulers with their own outbox workers in one process; one stops
 *    dead in the middle of a send.
 * The work is real: CV2830 published, two milestones due today, 30 more officers with addresses. Every reminder
 * must exist once (one occurrence, one notification, one e-mail) and every e-mail must reach the SMTP server once.
 */
const LEASE_MS = 3000;
const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, "../../../..");

async function until<T>(what: string, f: () => Promise<T | null | undefined | false>, ms = 90_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`Hết giờ chờ: ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** CV2830 with M1 and M3 due today (VN), reminders at any hour, 30 extra officers with e-mail addresses. */
async function prepare(c: Container): Promise<{ campaignId: string; expectedRecipients: number }> {
  await seedIfEmpty(c, { demoPassword: TEST_PASSWORD });
  const { campaignId } = await importSeedCampaign(c, "cv2830-2024-so-ket-nq45", { publish: true });
  const db = c.db;
  const today = toVnPlainDate(new Date());
  if (!isWorkingDay(today, mergeHolidayEdits([]))) await db.insert(holidayDays).values({ date: today, kind: "work", note: "Ngày làm việc cho kiểm thử" });
  const ms = await db.select().from(campaignMilestones).where(eq(campaignMilestones.campaignId, campaignId));
  const due = ms.filter((m) => m.code === "M1" || m.code === "M3").map((m) => m.id);
  await db.update(campaignMilestones).set({ due: today }).where(inArray(campaignMilestones.id, due));
  await db.update(assignments).set({ dueDate: today }).where(and(eq(assignments.campaignId, campaignId), inArray(assignments.milestoneId, due)));
  await db.insert(reminderSchedules).values({ campaignId, milestoneId: null, rules: { ...DEFAULT_REMINDER_RULES, sendHour: 0 }, enabled: true });
  for (const u of ["thongke", "thongke.lanhdao", "giaothong", "taichinh", "congthuong"]) await db.update(users).set({ email: `${u}@haiphong.gov.vn` }).where(eq(users.username, u));
  const [tpl] = await db.select().from(users).where(eq(users.username, "thongke"));
  const agencies = await db
    .selectDistinct({ id: assignments.agencyId })
    .from(assignments)
    .where(and(eq(assignments.campaignId, campaignId), inArray(assignments.milestoneId, due)));
  const extra = agencies.map((a) => a.id).filter((id) => id !== tpl!.agencyId).slice(0, 30);
  await db.insert(users).values(
    extra.map((agencyId, i) => ({ username: `cv${i}`, fullName: `Chuyên viên ${i}`, email: `cv${i}@haiphong.gov.vn`, agencyId, roles: ["officer"], passwordHash: tpl!.passwordHash })),
  );
  // Who should get a "due" reminder today: officers (not disabled) of agencies with work due today in M1 or M3.
  const rows = await db
    .select({ user: users.id, milestone: assignments.milestoneId })
    .from(assignments)
    .innerJoin(users, eq(users.agencyId, assignments.agencyId))
    .where(and(eq(assignments.campaignId, campaignId), inArray(assignments.milestoneId, due), isNull(users.disabledAt), sql`'officer' = any(${users.roles})`, ne(assignments.state, "sent")));
  return { campaignId, expectedRecipients: new Set(rows.map((r) => `${r.user}|${r.milestone}`)).size };
}

/**
 * The mail whose send is stalled. Other mails may be in flight at the same moment (both instances send), so it is
 * found by its recipient; when another mail to the same address is in flight too, that one ends within moments while
 * the stalled one stays "sending" until released.
 */
async function stalledMail(db: Database["db"], to: string): Promise<{ id: string; owner: string }> {
  return until(`the stalled mail to ${to}`, async () => {
    const rows = await db
      .select({ owner: mailOutbox.leaseOwner, id: mailOutbox.id })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.status, "sending"), eq(mailOutbox.toAddress, to)));
    return rows.length === 1 && rows[0]!.owner !== null ? { id: rows[0]!.id, owner: rows[0]!.owner } : null;
  });
}

async function verify(db: Database["db"], sink: SmtpSink, campaignId: string, expectedRecipients: number) {
  const occ = await db.select().from(reminderOccurrences).where(eq(reminderOccurrences.campaignId, campaignId));
  expect(occ).toHaveLength(expectedRecipients);
  expect(new Set(occ.map((o) => `${o.milestoneId}|${o.agencyId}|${o.dueDate}|${o.recipientKey}|${o.step}`)).size).toBe(occ.length);
  const notes = await db.select().from(notifications).where(and(eq(notifications.campaignId, campaignId), eq(notifications.kind, "reminder.due")));
  expect(notes).toHaveLength(expectedRecipients);
  const mails = await db.select().from(mailOutbox).where(eq(mailOutbox.kind, "reminder"));
  expect(mails).toHaveLength(expectedRecipients);
  expect(mails.every((m) => m.status === "sent")).toBe(true);
  // Every mail reached the SMTP server exactly once, and nothing else did.
  expect(sink.duplicates()).toEqual([]);
  expect(sink.messages.map((m) => m.messageId).sort()).toEqual(mails.map((m) => m.messageId).sort());
  return { occ, mails };
}

describe(`reminders exactly once with two instances (${TEST_DB_KIND})`, () => {
  const sink = new SmtpSink();
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    await sink.start();
  });
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    await sink.stop();
  });

  if (TEST_DB_KIND === "postgres") {
    it("two server processes; the one sending is SIGKILLed mid-send and restarted: each reminder delivered once", async () => {
      const { url, drop } = await emptyPostgresDatabase("th_e1");
      cleanups.push(drop);
      const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
      cleanups.push(() => database.close());
      await database.migrate();
      const c = createContainer({ database, clock: systemClock, config: loadConfig({ NODE_ENV: "test", DATABASE_URL: url, PUBLIC_URL: "https://tonghop.haiphong.gov.vn" }) });
      const { campaignId, expectedRecipients } = await prepare(c);
      expect(expectedRecipients).toBeGreaterThan(20);

      const children = new Map<string, ChildProcess>();
      const start = (instance: string) => {
        const child = spawn(
          process.execPath,
          ["--conditions=source", "--import", "tsx", "apps/server/src/jobs/run-instance.ts", `--instance=${instance}`, `--lease-ms=${LEASE_MS}`, "--mail-interval-ms=200", "--reminder-interval-ms=300"],
          { cwd: REPO, env: { ...process.env, DATABASE_URL: url, SMTP_URL: sink.url, PUBLIC_URL: "https://tonghop.haiphong.gov.vn", LOG_LEVEL: "silent", PORT: "0" }, stdio: ["ignore", "pipe", "pipe"] },
        );
        let out = "";
        child.stdout.on("data", (d: Buffer) => (out += d.toString()));
        child.stderr.on("data", (d: Buffer) => (out += d.toString()));
        children.set(instance, child);
        cleanups.push(async () => {
          // A process ended by a signal has signalCode set and exitCode null: it has exited all the same.
          const exited = () => child.exitCode !== null || child.signalCode !== null;
          if (!exited()) child.kill("SIGTERM");
          await new Promise((r) => (exited() ? r(null) : child.once("exit", r)));
        });
        return { child, ready: until(`instance ${instance} ready`, () => Promise.resolve(out.includes("READY") || (child.exitCode !== null && Promise.reject(new Error(out)))), 120_000) };
      };
      // The first transaction that reaches the SMTP server stalls in its envelope: its sender gets killed.
      sink.stallNext = 1;
      const stalled = new Promise<string>((resolve) => (sink.onStall = (s) => resolve(s.to)));
      const a = start("A");
      const b = start("B");
      await Promise.all([a.ready, b.ready]);
      const holder = await stalledMail(database.db, await stalled);
      const victim = holder.owner;
      const child = children.get(victim)!;
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
      // The server notices the dead connection; the message was never transmitted.
      for (const s of sink.stalled.splice(0)) s.release(Object.assign(new Error("Kết nối đã đóng"), { responseCode: 421 }));
      // Restart the killed instance (a restart during a send).
      await start(`${victim}2`).ready;
      await until("every reminder e-mail sent", async () => {
        const rows = await database.db.select({ status: mailOutbox.status }).from(mailOutbox).where(eq(mailOutbox.kind, "reminder"));
        return rows.length === expectedRecipients && rows.every((r) => r.status === "sent") && sink.messages.length >= expectedRecipients;
      });
      await new Promise((r) => setTimeout(r, LEASE_MS + 1000)); // a further round of both schedulers: nothing more
      const { mails } = await verify(database.db, sink, campaignId, expectedRecipients);
      const retried = mails.find((m) => m.id === holder.id)!;
      expect(retried.attempts).toBeGreaterThanOrEqual(2);
    }, 240_000);
  } else {
    it("two schedulers on one embedded database; one stops dead mid-send: each reminder delivered once", async () => {
      const database = await openDatabase({ pgliteDir: "memory://" });
      cleanups.push(() => database.close());
      await database.migrate();
      const config = loadConfig({ NODE_ENV: "test", SMTP_URL: sink.url, PUBLIC_URL: "https://tonghop.haiphong.gov.vn" });
      const ca = createContainer({ database, clock: systemClock, config });
      const cb = createContainer({ database, clock: systemClock, config });
      ca.services.outbox.leaseMs = LEASE_MS;
      cb.services.outbox.leaseMs = LEASE_MS;
      const { campaignId, expectedRecipients } = await prepare(ca);
      sink.stallNext = 1;
      const stalled = new Promise<string>((resolve) => (sink.onStall = (s) => resolve(s.to)));
      const ja = new JobScheduler(ca, { instance: "A", mailIntervalMs: 200, reminderIntervalMs: 300 });
      const jb = new JobScheduler(cb, { instance: "B", mailIntervalMs: 200, reminderIntervalMs: 300 });
      ja.start();
      jb.start();
      const holder = await stalledMail(database.db, await stalled);
      // The holder stops dead: its timers end, its send never returns while the others go on.
      const dead = holder.owner === "A" ? ja : jb;
      const alive = holder.owner === "A" ? jb : ja;
      const stopping = dead.stop();
      // Two schedulers share one process here: on a busy machine (the whole suite running) this takes far longer
      // than it does alone, hence limits as generous as the PostgreSQL case's.
      await until(
        "every reminder e-mail sent",
        async () => {
          const rows = await database.db.select({ status: mailOutbox.status }).from(mailOutbox).where(eq(mailOutbox.kind, "reminder"));
          return rows.length === expectedRecipients && rows.every((r) => r.status === "sent") && sink.messages.length >= expectedRecipients;
        },
        180_000,
      );
      // The dead send ends (the server drops it); its late outcome changes nothing: the lease is no longer its.
      for (const s of sink.stalled.splice(0)) s.release(Object.assign(new Error("Kết nối đã đóng"), { responseCode: 421 }));
      await stopping;
      await new Promise((r) => setTimeout(r, LEASE_MS + 500));
      await alive.stop();
      const { mails } = await verify(database.db, sink, campaignId, expectedRecipients);
      expect(mails.find((m) => m.id === holder.id)!.attempts).toBeGreaterThanOrEqual(2);
    }, 300_000);
  }
});
