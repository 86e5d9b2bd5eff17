import { and, arrayOverlaps, count, desc, eq, inArray, isNull, like, lt, or, type SQL } from "drizzle-orm";
import type { NotificationDto, NotificationListQuery, Role } from "@tonghop/contracts";
import { requireActor, type RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import { notifications, users } from "../../db/schema/index.js";
import { notFound } from "../../http/errors.js";

export interface NotifyInput {
  /** Users of these agencies (narrowed by `roles` when given). */
  agencyIds?: readonly string[];
  /** These users, whatever their agency or roles. */
  userIds?: readonly string[];
  /** With agencyIds: only users holding one of these roles; alone: every user holding one of them. */
  roles?: readonly Role[];
  kind: string;
  title: string;
  body?: string;
  /** App path opened from the notification, e.g. "/dot-tong-hop/<id>". */
  link?: string | null;
  campaignId?: string | null;
  /** Also tell the acting user (default: the actor is left out — they know what they just did). */
  includeActor?: boolean;
}

const TITLE_MAX = 300;
const BODY_MAX = 4000;

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * In-app notifications. `notify` writes one row per recipient inside the caller's transaction, so a
 * notification exists exactly when the change it reports is committed. Disabled accounts get nothing.
 */
export class NotificationsService {
  constructor(private readonly db: Db) {}

  /** Inserts one notification per recipient; returns the number of recipients. */
  async notify(tx: Db, ctx: RequestContext, input: NotifyInput): Promise<number> {
    const conds: SQL[] = [];
    const agencyIds = [...new Set(input.agencyIds ?? [])];
    const userIds = [...new Set(input.userIds ?? [])];
    const roles = [...new Set(input.roles ?? [])];
    if (agencyIds.length) {
      conds.push(roles.length ? and(inArray(users.agencyId, agencyIds), arrayOverlaps(users.roles, roles))! : inArray(users.agencyId, agencyIds));
    } else if (roles.length) {
      conds.push(arrayOverlaps(users.roles, roles));
    }
    if (userIds.length) conds.push(inArray(users.id, userIds));
    if (!conds.length) return 0;
    const recipients = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(isNull(users.disabledAt), or(...conds)));
    const actorId = ctx.actor?.userId;
    const ids = recipients.map((r) => r.id).filter((id) => input.includeActor || id !== actorId);
    if (!ids.length) return 0;
    const row = {
      campaignId: input.campaignId ?? null,
      kind: input.kind,
      title: clip(input.title, TITLE_MAX),
      body: clip(input.body ?? "", BODY_MAX),
      link: input.link ?? null,
      createdAt: ctx.now,
    };
    for (let i = 0; i < ids.length; i += 500) {
      await tx.insert(notifications).values(ids.slice(i, i + 500).map((userId) => ({ ...row, userId })));
    }
    return ids.length;
  }

  /** The signed-in user's notifications, newest first (optionally only unread, or older than a cursor). */
  async list(ctx: RequestContext, q: NotificationListQuery): Promise<{ items: NotificationDto[]; unread: number }> {
    const actor = requireActor(ctx);
    const conds: SQL[] = [eq(notifications.userId, actor.userId)];
    if (q.unread === "true") conds.push(isNull(notifications.readAt));
    if (q.before) conds.push(lt(notifications.createdAt, new Date(q.before)));
    if (q.campaignId) conds.push(eq(notifications.campaignId, q.campaignId));
    const kinds = (q.kinds ?? "").split(",").map((k) => k.trim()).filter(Boolean);
    if (kinds.length) conds.push(or(...kinds.map((k) => (k.endsWith(".") ? like(notifications.kind, `${k}%`) : eq(notifications.kind, k))))!);
    const rows = await this.db
      .select()
      .from(notifications)
      .where(and(...conds))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(q.limit);
    return { items: rows.map(toDto), unread: await this.unreadCount(ctx) };
  }

  async unreadCount(ctx: RequestContext): Promise<number> {
    const actor = requireActor(ctx);
    const rows = await this.db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
    return rows[0]?.n ?? 0;
  }

  /** Marks one of the user's notifications read (idempotent). */
  async markRead(ctx: RequestContext, id: string): Promise<NotificationDto> {
    const actor = requireActor(ctx);
    const rows = await this.db
      .update(notifications)
      .set({ readAt: ctx.now })
      .where(and(eq(notifications.id, id), eq(notifications.userId, actor.userId), isNull(notifications.readAt)))
      .returning();
    if (rows[0]) return toDto(rows[0]);
    const existing = await this.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.id, id), eq(notifications.userId, actor.userId)))
      .limit(1);
    if (!existing[0]) throw notFound("thông báo");
    return toDto(existing[0]);
  }

  /** Marks every unread notification of the user read; returns how many. */
  async markAllRead(ctx: RequestContext): Promise<number> {
    const actor = requireActor(ctx);
    const rows = await this.db
      .update(notifications)
      .set({ readAt: ctx.now })
      .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    return rows.length;
  }
}

function toDto(r: typeof notifications.$inferSelect): NotificationDto {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    campaignId: r.campaignId,
    createdAt: r.createdAt.toISOString(),
    readAt: r.readAt ? r.readAt.toISOString() : null,
  };
}
