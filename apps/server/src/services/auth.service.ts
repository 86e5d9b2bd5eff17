import { createHash, randomBytes } from "node:crypto";
import type { LoginRequest, MeResponse, Role } from "@tonghop/contracts";
import type { Actor, RequestContext } from "../auth/actor.js";
import { requireActor } from "../auth/actor.js";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "../auth/password.js";
import type { Db } from "../db/client.js";
import { AppError, badRequest } from "../http/errors.js";
import type { AuditRepository } from "../repositories/audit.repository.js";
import type { LoginFailuresRepository, SessionsRepository, UsersRepository } from "../repositories/users.repository.js";

export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
const TOUCH_EVERY_MS = 5 * 60 * 1000;
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const THROTTLE_MAX_FAILURES = 5;

const sha256 = (token: string) => createHash("sha256").update(token).digest("base64url");

export interface ResolvedSession {
  sessionId: string;
  csrfToken: string;
  actor: Actor;
}

export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly failures: LoginFailuresRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** Checks the throttle, the password and the account; opens a session. Returns the cookie token. */
  async login(ctx: RequestContext, input: LoginRequest, meta: { userAgent?: string | undefined }) {
    const username = input.username.trim().toLowerCase();
    const keys = [`u:${username}`, ...(ctx.ip ? [`ip:${ctx.ip}`] : [])];
    await this.assertNotThrottled(keys, ctx.now);

    const user = await this.users.findByUsername(this.db, username);
    const ok = user ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstDummy(input.password);
    if (!user || !ok) {
      await this.failures.add(this.db, keys, ctx.now);
      throw new AppError("UNAUTHENTICATED", "Tên đăng nhập hoặc mật khẩu không đúng.");
    }
    if (user.disabledAt) {
      throw new AppError("FORBIDDEN", "Tài khoản này đã bị khóa. Vui lòng liên hệ quản trị viên.");
    }
    await this.failures.clear(this.db, `u:${username}`);

    const token = randomBytes(32).toString("base64url");
    const sessionId = sha256(token);
    const csrfToken = randomBytes(24).toString("base64url");
    await this.db.transaction(async (tx) => {
      await this.sessions.insert(tx, {
        id: sessionId,
        userId: user.id,
        csrfToken,
        createdAt: ctx.now,
        lastSeenAt: ctx.now,
        expiresAt: new Date(ctx.now.getTime() + SESSION_IDLE_MS),
        ip: ctx.ip,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
      });
      await this.users.update(tx, user.id, { lastLoginAt: ctx.now });
      await this.audit.record(tx, { ...ctx, actor: this.toActor(user) }, {
        action: "auth.login",
        entityType: "user",
        entityId: user.id,
        summary: `Đăng nhập: ${user.username}`,
      });
    });
    const me = await this.me({ ...ctx, actor: this.toActor(user) }, csrfToken);
    return { token, me };
  }

  private async assertNotThrottled(keys: string[], now: Date): Promise<void> {
    const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
    const recent = await this.failures.recent(this.db, keys, since);
    for (const key of keys) {
      const times = recent.filter((r) => r.key === key).map((r) => r.at.getTime());
      if (times.length >= THROTTLE_MAX_FAILURES) {
        // The window reopens when the oldest of the last N failures leaves it.
        const oldestRelevant = times[times.length - THROTTLE_MAX_FAILURES]!;
        const waitMs = Math.max(1000, oldestRelevant + THROTTLE_WINDOW_MS - now.getTime());
        const minutes = Math.ceil(waitMs / 60_000);
        throw new AppError(
          "TOO_MANY_REQUESTS",
          `Đăng nhập sai ${THROTTLE_MAX_FAILURES} lần trong 15 phút. Vui lòng thử lại sau ${minutes} phút.`,
          { retryAfterSeconds: Math.ceil(waitMs / 1000) },
          { "retry-after": String(Math.ceil(waitMs / 1000)) },
        );
      }
    }
  }

  /** Resolves the cookie token to a live session; slides its expiry. Throws SESSION_EXPIRED when stale. */
  async resolve(token: string, now: Date): Promise<ResolvedSession | null> {
    const id = sha256(token);
    const found = await this.sessions.findWithUser(this.db, id);
    if (!found) return null;
    const { session, user } = found;
    const expired = session.expiresAt.getTime() <= now.getTime() || session.createdAt.getTime() + SESSION_MAX_MS <= now.getTime();
    if (expired) {
      await this.sessions.delete(this.db, id);
      throw new AppError("SESSION_EXPIRED", "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.");
    }
    if (!user || user.disabledAt) {
      await this.sessions.delete(this.db, id);
      throw new AppError("SESSION_EXPIRED", "Tài khoản đã bị khóa hoặc không còn tồn tại. Vui lòng liên hệ quản trị viên.");
    }
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await this.sessions.touch(this.db, id, now, new Date(now.getTime() + SESSION_IDLE_MS));
    }
    return { sessionId: id, csrfToken: session.csrfToken, actor: this.toActor(user) };
  }

  async logout(ctx: RequestContext, sessionId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.sessions.delete(tx, sessionId);
      if (ctx.actor) {
        await this.audit.record(tx, ctx, {
          action: "auth.logout",
          entityType: "user",
          entityId: ctx.actor.userId,
          summary: `Đăng xuất: ${ctx.actor.username}`,
        });
      }
    });
  }

  async me(ctx: RequestContext, csrfToken: string): Promise<MeResponse> {
    const actor = requireActor(ctx);
    const row = await this.users.findWithAgency(this.db, actor.userId);
    if (!row) throw new AppError("SESSION_EXPIRED", "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.");
    return {
      user: {
        id: row.user.id,
        username: row.user.username,
        fullName: row.user.fullName,
        email: row.user.email,
        agencyId: row.user.agencyId,
        agencyName: row.agencyName ?? "",
        agencyShortName: row.agencyShortName ?? "",
        roles: row.user.roles as Role[],
        mustChangePassword: row.user.mustChangePassword,
      },
      csrfToken,
    };
  }

  async changePassword(ctx: RequestContext, sessionId: string, currentPassword: string, newPassword: string): Promise<void> {
    const actor = requireActor(ctx);
    const user = await this.users.findById(this.db, actor.userId);
    if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
      throw badRequest("Mật khẩu hiện tại không đúng.", { field: "currentPassword" });
    }
    if (currentPassword === newPassword) {
      throw badRequest("Mật khẩu mới phải khác mật khẩu hiện tại.", { field: "newPassword" });
    }
    const passwordHash = await hashPassword(newPassword);
    await this.db.transaction(async (tx) => {
      await this.users.update(tx, user.id, {
        passwordHash,
        mustChangePassword: false,
        passwordChangedAt: ctx.now,
        updatedAt: ctx.now,
      });
      // Other sessions of this account end when the password changes.
      await this.sessions.deleteForUser(tx, user.id, sessionId);
      await this.audit.record(tx, ctx, {
        action: "user.change-password",
        entityType: "user",
        entityId: user.id,
        summary: `Đổi mật khẩu: ${user.username}`,
      });
    });
  }

  toActor(user: { id: string; username: string; fullName: string; agencyId: string; roles: string[] }): Actor {
    return {
      userId: user.id,
      username: user.username,
      fullName: user.fullName,
      agencyId: user.agencyId,
      roles: user.roles as Role[],
    };
  }
}
