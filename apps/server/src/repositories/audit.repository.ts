import { and, desc, eq, gte, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import type { AuditQuery } from "@tonghop/contracts";
import type { RequestContext } from "../auth/actor.js";
import type { Db } from "../db/client.js";
import { auditLog } from "../db/schema/index.js";
import { reads } from "../db/reads.js";

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId?: string | null;
  summary?: string;
  before?: unknown;
  after?: unknown;
}

/** Strips secrets before anything reaches the log. */
function redact(value: unknown): unknown {
  if (value == null || typeof value !== "object") return value ?? null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(redact);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = /password|hash|token|secret/i.test(k) ? "[ẩn]" : redact(v);
  }
  return out;
}

/** The row an entry becomes. */
function entryRow(ctx: RequestContext, entry: AuditRecord) {
  return {
    at: ctx.now,
    actorUserId: ctx.actor?.userId ?? null,
    actorName: ctx.actor?.fullName ?? ctx.requestId,
    actorAgencyId: ctx.actor?.agencyId ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    summary: entry.summary ?? null,
    before: redact(entry.before) ?? null,
    after: redact(entry.after) ?? null,
    requestId: ctx.requestId,
    ip: ctx.ip,
  };
}

const jsonParam = (value: unknown) => (value == null ? null : JSON.stringify(value));

export class AuditRepository {
  /** Records one write. Call inside the same transaction as the write itself. */
  async record(db: Db, ctx: RequestContext, entry: AuditRecord): Promise<void> {
    await db.insert(auditLog).values(entryRow(ctx, entry));
  }

  /**
   * `record` as one part of a larger statement (a data-modifying WITH item): an INSERT … SELECT that writes the entry
   * only when `when` holds, so that the entry and the write it describes stand or fall together.
   */
  recordWhen(ctx: RequestContext, entry: AuditRecord, when: SQL): SQL {
    const r = entryRow(ctx, entry);
    return sql`insert into ${auditLog} (at, actor_user_id, actor_name, actor_agency_id, action, entity_type, entity_id, summary, before, after, request_id, ip)
      select ${r.at.toISOString()}::timestamptz, ${r.actorUserId}::uuid, ${r.actorName}::text, ${r.actorAgencyId}::uuid, ${r.action}::text,
             ${r.entityType}::text, ${r.entityId}::text, ${r.summary}::text, ${jsonParam(r.before)}::jsonb, ${jsonParam(r.after)}::jsonb,
             ${r.requestId}::text, ${r.ip}::text
       where ${when}`;
  }

  async list(db: Db, q: AuditQuery) {
    const conds: SQL[] = [];
    if (q.actorUserId) conds.push(eq(auditLog.actorUserId, q.actorUserId));
    if (q.entityType) conds.push(eq(auditLog.entityType, q.entityType));
    if (q.entityId) conds.push(eq(auditLog.entityId, q.entityId));
    if (q.action) conds.push(eq(auditLog.action, q.action));
    if (q.from) conds.push(gte(auditLog.at, new Date(`${q.from}T00:00:00+07:00`)));
    if (q.to) conds.push(lt(auditLog.at, new Date(new Date(`${q.to}T00:00:00+07:00`).getTime() + 86_400_000)));
    if (q.q) {
      const like = `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      conds.push(or(ilike(auditLog.summary, like), ilike(auditLog.actorName, like), ilike(auditLog.action, like))!);
    }
    const where = conds.length ? and(...conds) : undefined;
    const [rows, total] = await reads(db, [
      () => db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(q.limit).offset(q.offset),
      () => db
        .select({ n: sql<number>`count(*)::int` })
        .from(auditLog)
        .where(where)
        .then((r) => r[0]?.n ?? 0),
    ]);
    return { rows, total };
  }
}
