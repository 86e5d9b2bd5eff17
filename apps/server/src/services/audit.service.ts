import type { AuditEntryDto, AuditQuery } from "@tonghop/contracts";
import { requireRole, type RequestContext } from "../auth/actor.js";
import type { Db } from "../db/client.js";
import type { AuditRepository } from "../repositories/audit.repository.js";

export class AuditService {
  constructor(
    private readonly db: Db,
    private readonly repo: AuditRepository,
  ) {}

  async list(ctx: RequestContext, q: AuditQuery): Promise<{ items: AuditEntryDto[]; total: number }> {
    requireRole(ctx, ["admin"], "Chỉ quản trị viên được xem nhật ký hệ thống.");
    const { rows, total } = await this.repo.list(this.db, q);
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        actorUserId: r.actorUserId,
        actorName: r.actorName,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        summary: r.summary,
        before: r.before,
        after: r.after,
        requestId: r.requestId,
      })),
    };
  }
}
