/**
 * The e-mail outbox: mails are rows, written in the transaction of the change they report, and delivered by
 * workers in every server instance with the database as the arbiter.
 *
 * Enqueue   `enqueue(tx, …)` inserts one row per `dedupeKey` (ON CONFLICT DO NOTHING): enqueueing twice, or from two
 *           instances, yields one row. The Message-ID is derived from the dedupe key and fixed in the row.
 * Claim     `processDue` takes up to `batch` rows that are pending and due (or `sending` with an expired lease) with
 *           SELECT … FOR UPDATE SKIP LOCKED, and in the same transaction marks them `sending`, owned by this
 *           instance until now + lease, attempts + 1. Two instances never claim the same row while a lease runs.
 * Send      outside any transaction, one SMTP exchange per row with the row's Message-ID. Right before each
 *           exchange the worker renews its lease (now + lease) — only if it still holds it unexpired; a row whose lease
 *           ran out while earlier rows of the batch were being sent is skipped (someone else may own it now). Every
 *           SMTP timeout (SMTP_TIMEOUTS, 60 s at most in total) is shorter than the lease (LEASE_MS), so a lease does
 *           not expire while its owner still talks to the server.
 * Settle    `sent` (with the server's reply) only WHERE lease_owner = me AND status = 'sending'; a transient failure
 *           returns the row to `pending` with exponential back-off (1, 2, 4 … min, at most 1 h); a 5xx reply or the
 *           last allowed attempt makes it `failed`, shown to the administrator who may retry it.
 *
 * The guarantee around the SMTP acknowledgement. A message counts as delivered when the SMTP server answers the
 * end of DATA with 2xx; we record that in the row right after. If the process dies:
 *  - before the server has the complete message (connecting, envelope, DATA in progress): the server discards
 *    the transaction; the lease expires and another instance (or this one restarted) sends it — once;
 *  - after the server's 2xx but before our UPDATE commits (a window of one round trip to the database): we cannot
 *    know that the server accepted it, so the row is sent again when the lease expires. This is the only case that
 *    produces a second copy, and it carries the same Message-ID, so that receiving systems that de-duplicate by
 *    Message-ID drop it (RFC 1047, RFC 5321 §6.1). Nothing is ever lost: at-least-once, exactly-once except in that
 *    window.
 * A database error while recording the result is treated like a crash (the lease expires and the row is retried).
 */
import { createHash } from "node:crypto";
import { and, count, desc, eq, gt, ilike, inArray, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { MailStatus, OutboxDetailDto, OutboxItemDto, OutboxListDto } from "@tonghop/contracts";
import { requireRole, type RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import { mailOutbox } from "../../db/schema/index.js";
import { AppError, notFound } from "../../http/errors.js";
import type { AuditRepository } from "../../repositories/audit.repository.js";
import { MailSendError, type MailTransport } from "./mail-transport.js";

export const LEASE_MS = 120_000;
export const BACKOFF_BASE_MS = 60_000;
export const BACKOFF_MAX_MS = 3_600_000;
export const DEFAULT_MAX_ATTEMPTS = 8;

type OutboxRow = typeof mailOutbox.$inferSelect;

export interface EnqueueInput {
  dedupeKey: string;
  kind: string;
  campaignId?: string | null;
  to: string;
  toName?: string | null;
  subject: string;
  text: string;
}

export interface ProcessResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  /** Claimed rows whose lease ran out before their turn in the batch (left to whoever holds them now). */
  skipped: number;
}

/** Delay before the next attempt after `attempts` failed ones: 1, 2, 4, … minutes, at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
}

/** The domain used in Message-IDs and the sender address, from PUBLIC_URL. */
export function mailDomain(publicUrl: string): string {
  try {
    const host = new URL(publicUrl).hostname;
    return host.includes(".") ? host : `${host}.tonghop.invalid`;
  } catch {
    return "tonghop.invalid";
  }
}

/** A Message-ID that depends only on the dedupe key: a re-send carries the same one. */
export function messageIdFor(dedupeKey: string, domain: string): string {
  const h = createHash("sha256").update(dedupeKey).digest("hex").slice(0, 32);
  return `<${h}@${domain}>`;
}

function toItem(r: OutboxRow): OutboxItemDto {
  return {
    id: r.id,
    kind: r.kind,
    messageId: r.messageId,
    toAddress: r.toAddress,
    toName: r.toName,
    subject: r.subject,
    status: r.status as MailStatus,
    transport: (r.transport as "smtp" | "dev" | null) ?? null,
    attempts: r.attempts,
    maxAttempts: r.maxAttempts,
    nextAttemptAt: r.status === "pending" ? r.nextAttemptAt.toISOString() : null,
    lastAttemptAt: r.lastAttemptAt?.toISOString() ?? null,
    lastError: r.lastError,
    smtpResponse: r.smtpResponse,
    sentAt: r.sentAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

export interface OutboxDeps {
  db: Db;
  audit: AuditRepository;
  transport: MailTransport;
  publicUrl: string;
  /** Lease of a claimed row (default LEASE_MS); must stay longer than an SMTP exchange can take. */
  leaseMs?: number;
}

export class OutboxService {
  readonly domain: string;
  readonly from: string;
  /** Lease of a claimed row; tests of crashed instances shorten it. */
  leaseMs: number;

  constructor(private readonly deps: OutboxDeps) {
    this.leaseMs = deps.leaseMs ?? LEASE_MS;
    this.domain = mailDomain(deps.publicUrl);
    this.from = `"Tổng hợp" <no-reply@${this.domain}>`;
  }

  get transport(): MailTransport {
    return this.deps.transport;
  }

  /** Adds a mail inside the caller's transaction; returns its id (the existing row's id when already enqueued). */
  async enqueue(tx: Db, now: Date, input: EnqueueInput): Promise<string> {
    const inserted = await tx
      .insert(mailOutbox)
      .values({
        dedupeKey: input.dedupeKey,
        messageId: messageIdFor(input.dedupeKey, this.domain),
        kind: input.kind,
        campaignId: input.campaignId ?? null,
        toAddress: input.to,
        toName: input.toName ?? null,
        subject: input.subject,
        text: input.text,
        status: "pending",
        maxAttempts: DEFAULT_MAX_ATTEMPTS,
        nextAttemptAt: now,
        createdAt: now,
      })
      .onConflictDoNothing({ target: mailOutbox.dedupeKey })
      .returning({ id: mailOutbox.id });
    if (inserted[0]) return inserted[0].id;
    const [existing] = await tx.select({ id: mailOutbox.id }).from(mailOutbox).where(eq(mailOutbox.dedupeKey, input.dedupeKey)).limit(1);
    return existing!.id;
  }

  /** Claims due rows for `owner` (see the file comment). */
  async claim(owner: string, now: Date, batch: number): Promise<OutboxRow[]> {
    const db = this.deps.db;
    return db.transaction(async (tx) => {
      // Rows whose owner died on the last allowed attempt: give up on them, visibly.
      await tx
        .update(mailOutbox)
        .set({ status: "failed", leaseOwner: null, leaseUntil: null, lastError: sql`coalesce(${mailOutbox.lastError}, 'Máy chủ dừng khi đang gửi thư; đã hết số lần thử')` })
        .where(and(eq(mailOutbox.status, "sending"), lt(mailOutbox.leaseUntil, now), sql`${mailOutbox.attempts} >= ${mailOutbox.maxAttempts}`));
      const due = await tx
        .select({ id: mailOutbox.id })
        .from(mailOutbox)
        .where(
          and(
            sql`${mailOutbox.attempts} < ${mailOutbox.maxAttempts}`,
            or(and(eq(mailOutbox.status, "pending"), lte(mailOutbox.nextAttemptAt, now)), and(eq(mailOutbox.status, "sending"), lt(mailOutbox.leaseUntil, now))),
          ),
        )
        .orderBy(mailOutbox.nextAttemptAt, mailOutbox.createdAt)
        .limit(batch)
        .for("update", { skipLocked: true });
      if (!due.length) return [];
      return tx
        .update(mailOutbox)
        .set({
          status: "sending",
          leaseOwner: owner,
          leaseUntil: new Date(now.getTime() + this.leaseMs),
          attempts: sql`${mailOutbox.attempts} + 1`,
          lastAttemptAt: now,
        })
        .where(
          inArray(
            mailOutbox.id,
            due.map((d) => d.id),
          ),
        )
        .returning();
    });
  }

  /**
   * Sends what is due, as `owner`. `clock` is read again after each send (the time of the outcome).
   * `onSending` is a test hook called right before each SMTP exchange.
   */
  async processDue(owner: string, clock: { now(): Date }, opts: { batch?: number; onSending?: (row: OutboxRow) => void } = {}): Promise<ProcessResult> {
    const result: ProcessResult = { claimed: 0, sent: 0, retried: 0, failed: 0, skipped: 0 };
    const rows = await this.claim(owner, clock.now(), opts.batch ?? 20);
    result.claimed = rows.length;
    for (const row of rows) {
      // Rows of a batch wait for the sends before them: renew the lease right before the exchange, and skip the row
      // if the lease ran out meanwhile (another instance may have taken it over and sent it).
      if (!(await this.renew(owner, row.id, clock.now()))) {
        result.skipped++;
        continue;
      }
      opts.onSending?.(row);
      const outcome = await this.deliver(row);
      const now = clock.now();
      const mine = and(eq(mailOutbox.id, row.id), eq(mailOutbox.leaseOwner, owner), eq(mailOutbox.status, "sending"));
      if (outcome.ok) {
        await this.deps.db
          .update(mailOutbox)
          .set({ status: "sent", transport: this.deps.transport.kind, sentAt: now, smtpResponse: outcome.response, raw: outcome.raw, leaseOwner: null, leaseUntil: null, lastError: null })
          .where(mine);
        result.sent++;
      } else if (outcome.permanent || row.attempts >= row.maxAttempts) {
        await this.deps.db.update(mailOutbox).set({ status: "failed", lastError: outcome.error, leaseOwner: null, leaseUntil: null }).where(mine);
        result.failed++;
      } else {
        await this.deps.db
          .update(mailOutbox)
          .set({ status: "pending", lastError: outcome.error, nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts)), leaseOwner: null, leaseUntil: null })
          .where(mine);
        result.retried++;
      }
    }
    return result;
  }

  /** Extends this owner's lease of a row from now, if it still holds it (not expired, not taken over). */
  async renew(owner: string, id: string, now: Date): Promise<boolean> {
    const rows = await this.deps.db
      .update(mailOutbox)
      .set({ leaseUntil: new Date(now.getTime() + this.leaseMs) })
      .where(and(eq(mailOutbox.id, id), eq(mailOutbox.leaseOwner, owner), eq(mailOutbox.status, "sending"), gt(mailOutbox.leaseUntil, now)))
      .returning({ id: mailOutbox.id });
    return rows.length === 1;
  }

  private async deliver(row: OutboxRow): Promise<{ ok: true; response: string; raw: string | null } | { ok: false; permanent: boolean; error: string }> {
    try {
      const r = await this.deps.transport.send({ messageId: row.messageId, from: this.from, to: row.toAddress, toName: row.toName, subject: row.subject, text: row.text });
      return { ok: true, response: r.response, raw: r.raw };
    } catch (error) {
      if (error instanceof MailSendError) return { ok: false, permanent: error.permanent, error: error.message };
      return { ok: false, permanent: false, error: `Gửi thư không được (${error instanceof Error ? error.message : String(error)})` };
    }
  }

  // ------------------------------------------------------------------------------------------ admin UI

  async list(ctx: RequestContext, q: { status?: MailStatus | undefined; q?: string | undefined; limit: number; offset: number }): Promise<OutboxListDto> {
    requireRole(ctx, ["admin"], "Chỉ quản trị hệ thống xem được hộp thư đi.");
    const conds: SQL[] = [];
    if (q.status) conds.push(eq(mailOutbox.status, q.status));
    if (q.q) {
      const like = `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      conds.push(or(ilike(mailOutbox.toAddress, like), ilike(mailOutbox.subject, like), ilike(mailOutbox.toName, like))!);
    }
    const where = conds.length ? and(...conds) : undefined;
    const db = this.deps.db;
    const rows = await db.select().from(mailOutbox).where(where).orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id)).limit(q.limit).offset(q.offset);
    const [total] = await db.select({ n: count() }).from(mailOutbox).where(where);
    const byStatus = await db.select({ status: mailOutbox.status, n: count() }).from(mailOutbox).groupBy(mailOutbox.status);
    const counts: Record<MailStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
    for (const s of byStatus) counts[s.status as MailStatus] = s.n;
    return { items: rows.map(toItem), total: total?.n ?? 0, counts, mode: this.deps.transport.kind, smtpHost: this.deps.transport.host };
  }

  async get(ctx: RequestContext, id: string): Promise<OutboxDetailDto> {
    requireRole(ctx, ["admin"], "Chỉ quản trị hệ thống xem được hộp thư đi.");
    const [row] = await this.deps.db.select().from(mailOutbox).where(eq(mailOutbox.id, id)).limit(1);
    if (!row) throw notFound("thư");
    return { ...toItem(row), text: row.text, raw: row.raw };
  }

  /** Puts a failed mail back in the queue with three more attempts (audited). */
  async retry(ctx: RequestContext, id: string): Promise<OutboxItemDto> {
    requireRole(ctx, ["admin"], "Chỉ quản trị hệ thống được gửi lại thư.");
    return this.deps.db.transaction(async (tx) => {
      const [row] = await tx.select().from(mailOutbox).where(eq(mailOutbox.id, id)).limit(1).for("update");
      if (!row) throw notFound("thư");
      if (row.status !== "failed") throw new AppError("CONFLICT", `Chỉ gửi lại được thư "Gửi không được" (thư này: "${statusLabel(row.status)}").`);
      const [updated] = await tx
        .update(mailOutbox)
        .set({ status: "pending", nextAttemptAt: ctx.now, maxAttempts: row.attempts + 3 })
        .where(eq(mailOutbox.id, id))
        .returning();
      await this.deps.audit.record(tx, ctx, { action: "mail.retry", entityType: "mail", entityId: id, summary: `Gửi lại thư "${row.subject}" tới ${row.toAddress}` });
      return toItem(updated!);
    });
  }
}

function statusLabel(s: string): string {
  return ({ pending: "Chờ gửi", sending: "Đang gửi", sent: "Đã gửi", failed: "Gửi không được" } as Record<string, string>)[s] ?? s;
}
