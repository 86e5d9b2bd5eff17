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

const SECRET_KEY = /password|hash|token|secret/i;

/**
 * `before` / `after` as JSON text with secrets stripped, in one pass of JSON.stringify (no copy of the value: a 50-cell
 * save's entry is large and written on every save). Dates become ISO text; an undefined property is kept as null.
 */
function redactedJson(value: unknown): string | null {
  if (value == null) return null;
  return JSON.stringify(value, (key, v: unknown) => (key !== "" && SECRET_KEY.test(key) ? "[ẩn]" : v === undefined ? null : v));
}

export class AuditRepository {
  /** Records one write. Call inside the same transaction as the write itself. */
  async record(db: Db, ctx: RequestContext, entry: AuditRecord): Promise<void> {
    await db.execute(this.recordWhen(ctx, entry, sql`true`));
  }

  /**
   * `record` as one part of a larger statement (a data-modifying WITH item): an INSERT … SELECT that writes the entry
   * only when `when` holds, so that the entry and the write it describes stand or fall together.
   */
  recordWhen(ctx: RequestContext, entry: AuditRecord, when: SQL): SQL {
    return sql`insert into ${auditLog} (at, actor_user_id, actor_name, actor_agency_id, action, entity_type, entity_id, summary, before, after, request_id, ip)
      select ${ctx.now.toISOString()}::timestamptz, ${ctx.actor?.userId ?? null}::uuid, ${ctx.actor?.fullName ?? ctx.requestId}::text,
             ${ctx.actor?.agencyId ?? null}::uuid, ${entry.action}::text, ${entry.entityType}::text, ${entry.entityId ?? null}::text,
             ${entry.summary ?? null}::text, ${redactedJson(entry.before)}::jsonb, ${redactedJson(entry.after)}::jsonb,
             ${ctx.requestId}::text, ${ctx.ip}::text
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
