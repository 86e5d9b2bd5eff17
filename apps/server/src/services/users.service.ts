import type { z } from "zod";
import type { CreateUserRequest, Role, UpdateUserRequest, UserDto, userListQuerySchema } from "@tonghop/contracts";
import { requireRole, type RequestContext } from "../auth/actor.js";
import { generatePassword, hashPassword } from "../auth/password.js";
import type { Db } from "../db/client.js";
import { badRequest, conflict, notFound } from "../http/errors.js";
import type { AgenciesRepository } from "../repositories/agencies.repository.js";
import type { AuditRepository } from "../repositories/audit.repository.js";
import type { SessionsRepository, UserRow, UsersRepository } from "../repositories/users.repository.js";

type ListQuery = z.infer<typeof userListQuerySchema>;

function toDto(user: UserRow, agencyName: string | null): UserDto {
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    email: user.email,
    agencyId: user.agencyId,
    agencyName: agencyName ?? "",
    roles: user.roles as Role[],
    disabled: user.disabledAt != null,
    mustChangePassword: user.mustChangePassword,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

const publicView = (u: UserRow) => ({
  username: u.username,
  fullName: u.fullName,
  email: u.email,
  agencyId: u.agencyId,
  roles: u.roles,
  disabled: u.disabledAt != null,
});

/** User administration: only administrators. */
export class UsersService {
  constructor(
    private readonly db: Db,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly agencies: AgenciesRepository,
    private readonly audit: AuditRepository,
  ) {}

  async list(ctx: RequestContext, q: ListQuery): Promise<UserDto[]> {
    requireRole(ctx, ["admin"]);
    const rows = await this.users.list(this.db, { q: q.q, agencyId: q.agencyId, includeDisabled: q.includeDisabled === "true" });
    return rows.map((r) => toDto(r.user, r.agencyName));
  }

  async get(ctx: RequestContext, id: string): Promise<UserDto> {
    requireRole(ctx, ["admin"]);
    const row = await this.users.findWithAgency(this.db, id);
    if (!row) throw notFound("người dùng");
    return toDto(row.user, row.agencyName);
  }

  async create(ctx: RequestContext, input: CreateUserRequest): Promise<{ user: UserDto; temporaryPassword?: string }> {
    requireRole(ctx, ["admin"]);
    const temporary = input.password ? undefined : generatePassword();
    const passwordHash = await hashPassword(input.password ?? temporary!);
    const user = await this.db.transaction(async (tx) => {
      if (await this.users.findByUsername(tx, input.username)) {
        throw conflict(`Tên đăng nhập "${input.username}" đã có người dùng.`, { field: "username" });
      }
      const agency = await this.agencies.findById(tx, input.agencyId);
      if (!agency) throw badRequest("Cơ quan không tồn tại.", { field: "agencyId" });
      if (agency.validTo) throw badRequest("Cơ quan này đã ngừng hoạt động; hãy chọn cơ quan kế tục.", { field: "agencyId" });
      const created = await this.users.insert(tx, {
        username: input.username,
        fullName: input.fullName,
        email: input.email ?? null,
        agencyId: input.agencyId,
        roles: [...new Set(input.roles)],
        passwordHash,
        mustChangePassword: temporary != null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      await this.audit.record(tx, ctx, {
        action: "user.create",
        entityType: "user",
        entityId: created.id,
        summary: `Tạo người dùng: ${created.username} (${created.fullName})`,
        after: publicView(created),
      });
      return created;
    });
    const withAgency = await this.users.findWithAgency(this.db, user.id);
    return { user: toDto(user, withAgency?.agencyName ?? null), ...(temporary ? { temporaryPassword: temporary } : {}) };
  }

  async update(ctx: RequestContext, id: string, input: UpdateUserRequest): Promise<UserDto> {
    const admin = requireRole(ctx, ["admin"]);
    await this.db.transaction(async (tx) => {
      const before = await this.users.findById(tx, id);
      if (!before) throw notFound("người dùng");
      if (id === admin.userId && (input.disabled === true || (input.roles && !input.roles.includes("admin")))) {
        throw badRequest("Bạn không thể tự khóa tài khoản hoặc tự bỏ vai trò Quản trị của mình.");
      }
      if (input.agencyId) {
        const agency = await this.agencies.findById(tx, input.agencyId);
        if (!agency) throw badRequest("Cơ quan không tồn tại.", { field: "agencyId" });
      }
      const patch: Partial<UserRow> = { updatedAt: ctx.now };
      if (input.fullName !== undefined) patch.fullName = input.fullName;
      if (input.email !== undefined) patch.email = input.email;
      if (input.agencyId !== undefined) patch.agencyId = input.agencyId;
      if (input.roles !== undefined) patch.roles = [...new Set(input.roles)];
      if (input.disabled !== undefined) patch.disabledAt = input.disabled ? (before.disabledAt ?? ctx.now) : null;
      const after = await this.users.update(tx, id, patch);
      if (input.disabled === true) await this.sessions.deleteForUser(tx, id);
      await this.audit.record(tx, ctx, {
        action: input.disabled === true ? "user.disable" : input.disabled === false ? "user.enable" : "user.update",
        entityType: "user",
        entityId: id,
        summary: `${input.disabled === true ? "Khóa" : input.disabled === false ? "Mở khóa" : "Sửa"} người dùng: ${after.username}`,
        before: publicView(before),
        after: publicView(after),
      });
    });
    return this.get(ctx, id);
  }

  /** A new temporary password, shown once; the user must change it at next sign-in. */
  async resetPassword(ctx: RequestContext, id: string): Promise<{ temporaryPassword: string }> {
    requireRole(ctx, ["admin"]);
    const temporaryPassword = generatePassword();
    const passwordHash = await hashPassword(temporaryPassword);
    await this.db.transaction(async (tx) => {
      const user = await this.users.findById(tx, id);
      if (!user) throw notFound("người dùng");
      await this.users.update(tx, id, { passwordHash, mustChangePassword: true, updatedAt: ctx.now });
      await this.sessions.deleteForUser(tx, id);
      await this.audit.record(tx, ctx, {
        action: "user.reset-password",
        entityType: "user",
        entityId: id,
        summary: `Đặt lại mật khẩu: ${user.username}`,
      });
    });
    return { temporaryPassword };
  }
}
