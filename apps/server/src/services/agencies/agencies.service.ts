import type { z } from "zod";
import type {
  AgencyDetailDto,
  AgencyDto,
  AgencyGroupDto,
  AgencyListQuery,
  CreateAgencyRequest,
  RenameAgencyRequest,
  createGroupRequestSchema,
  dissolveAgencyRequestSchema,
  mergeAgencyRequestSchema,
  splitAgencyRequestSchema,
  updateAgencyRequestSchema,
} from "@tonghop/contracts";
import { formatVnDate, toVnPlainDate as toVnDate } from "@tonghop/domain";
import { requireRole, type RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import { badRequest, conflict, notFound } from "../../http/errors.js";
import type { AgenciesRepository, AgencyRow } from "../../repositories/agencies.repository.js";
import type { AuditRepository } from "../../repositories/audit.repository.js";
import type { UsersRepository } from "../../repositories/users.repository.js";
import { buildSearchText, Directory } from "./directory.js";

type MergeRequest = z.infer<typeof mergeAgencyRequestSchema>;
type SplitRequest = z.infer<typeof splitAgencyRequestSchema>;
type DissolveRequest = z.infer<typeof dissolveAgencyRequestSchema>;
type UpdateRequest = z.infer<typeof updateAgencyRequestSchema>;
type CreateGroupRequest = z.infer<typeof createGroupRequestSchema>;

export class AgenciesService {
  constructor(
    private readonly db: Db,
    private readonly repo: AgenciesRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** The directory as a pure in-memory model (reads inside `db`, e.g. a transaction). */
  async directory(db: Db = this.db): Promise<Directory> {
    return new Directory(await this.repo.snapshot(db));
  }

  async list(ctx: RequestContext, q: AgencyListQuery): Promise<AgencyDto[]> {
    const dir = await this.directory();
    return dir.list({ date: q.asOf ?? toVnDate(ctx.now), q: q.q, includeInactive: q.includeInactive === "true" });
  }

  async get(ctx: RequestContext, id: string, asOf?: string): Promise<AgencyDetailDto> {
    const dir = await this.directory();
    const detail = dir.detail(id, asOf ?? toVnDate(ctx.now));
    if (!detail) throw notFound("cơ quan");
    return detail;
  }

  async listGroups(ctx: RequestContext, asOf?: string): Promise<AgencyGroupDto[]> {
    const dir = await this.directory();
    const date = asOf ?? toVnDate(ctx.now);
    return dir.snap.groups.map((g) => dir.groupDto(g, date));
  }

  async create(ctx: RequestContext, input: CreateAgencyRequest): Promise<AgencyDetailDto> {
    requireRole(ctx, ["admin"]);
    return this.db.transaction(async (tx) => {
      const agency = await this.createInTx(tx, ctx, input, input.validFrom ?? null);
      return (await this.directory(tx)).detail(agency.id, toVnDate(ctx.now))!;
    });
  }

  private async createInTx(tx: Db, ctx: RequestContext, input: Omit<CreateAgencyRequest, "validFrom">, validFrom: string | null) {
    if (await this.repo.findByCode(tx, input.code)) throw conflict(`Mã cơ quan "${input.code}" đã được dùng.`, { field: "code" });
    if (input.parentId && !(await this.repo.findById(tx, input.parentId))) throw badRequest("Cơ quan cấp trên không tồn tại.", { field: "parentId" });
    const agency = await this.repo.insertAgency(tx, {
      code: input.code,
      kind: input.kind,
      parentId: input.parentId,
      validFrom,
    });
    await this.repo.insertName(tx, {
      agencyId: agency.id,
      name: input.name,
      shortName: input.shortName,
      abbreviation: input.abbreviation,
      aliases: input.aliases,
      searchText: buildSearchText([input.name, input.shortName, input.abbreviation, ...input.aliases]),
      validFrom,
    });
    await this.audit.record(tx, ctx, {
      action: "agency.create",
      entityType: "agency",
      entityId: agency.id,
      summary: `Thêm cơ quan: ${input.name}`,
      after: { ...input, validFrom },
    });
    return agency;
  }

  private loadActive(dir: Directory, id: string, date: string, label = "cơ quan"): AgencyRow {
    const agency = dir.agency(id);
    if (!agency) throw notFound(label);
    if (!dir.isActive(agency, date)) {
      throw badRequest(`${dir.displayName(id, date)} không còn hoạt động vào ngày ${formatVnDate(date)}.`, { field: "effectiveDate" });
    }
    return agency;
  }

  async update(ctx: RequestContext, id: string, input: UpdateRequest): Promise<AgencyDetailDto> {
    requireRole(ctx, ["admin"]);
    return this.db.transaction(async (tx) => {
      const dir = await this.directory(tx);
      const agency = dir.agency(id);
      if (!agency) throw notFound("cơ quan");
      if (input.parentId && dir.parentCycle(id, input.parentId)) {
        throw badRequest("Không thể đặt cơ quan làm cấp trên của chính nó hoặc của cơ quan cấp trên của nó.", { field: "parentId" });
      }
      if (input.parentId && !dir.agency(input.parentId)) throw badRequest("Cơ quan cấp trên không tồn tại.", { field: "parentId" });
      const patch: Partial<AgencyRow> = {};
      if (input.parentId !== undefined) patch.parentId = input.parentId;
      if (input.kind !== undefined) patch.kind = input.kind;
      if (input.sortOrder !== undefined) patch.sortOrder = input.sortOrder;
      if (Object.keys(patch).length) await this.repo.updateAgency(tx, id, patch);
      if (input.aliases) {
        const name = await this.repo.currentName(tx, id);
        if (name) {
          await this.repo.updateName(tx, name.id, {
            aliases: input.aliases,
            searchText: buildSearchText([name.name, name.shortName, name.abbreviation, ...input.aliases]),
          });
        }
      }
      await this.audit.record(tx, ctx, {
        action: "agency.update",
        entityType: "agency",
        entityId: id,
        summary: `Sửa cơ quan: ${dir.displayName(id, toVnDate(ctx.now))}`,
        before: { parentId: agency.parentId, kind: agency.kind, sortOrder: agency.sortOrder },
        after: input,
      });
      return (await this.directory(tx)).detail(id, toVnDate(ctx.now))!;
    });
  }

  /** A new name from `effectiveDate`; the old one stays in history. */
  async rename(ctx: RequestContext, id: string, input: RenameAgencyRequest): Promise<AgencyDetailDto> {
    requireRole(ctx, ["admin"]);
    return this.db.transaction(async (tx) => {
      const dir = await this.directory(tx);
      this.loadActive(dir, id, input.effectiveDate);
      const current = await this.repo.currentName(tx, id);
      if (current?.validFrom && current.validFrom >= input.effectiveDate) {
        throw badRequest(`Ngày hiệu lực phải sau ngày ${formatVnDate(current.validFrom)} (ngày của tên hiện tại).`, {
          field: "effectiveDate",
        });
      }
      const aliases = input.aliases ?? [];
      if (current) await this.repo.updateName(tx, current.id, { validTo: input.effectiveDate });
      await this.repo.insertName(tx, {
        agencyId: id,
        name: input.name,
        shortName: input.shortName,
        abbreviation: input.abbreviation,
        aliases,
        searchText: buildSearchText([input.name, input.shortName, input.abbreviation, ...aliases]),
        validFrom: input.effectiveDate,
      });
      await this.audit.record(tx, ctx, {
        action: "agency.rename",
        entityType: "agency",
        entityId: id,
        summary: `Đổi tên "${current?.name ?? ""}" thành "${input.name}" từ ngày ${formatVnDate(input.effectiveDate)}`,
        before: current ? { name: current.name, shortName: current.shortName, abbreviation: current.abbreviation } : null,
        after: input,
      });
      return (await this.directory(tx)).detail(id, input.effectiveDate)!;
    });
  }

  /** Ends an agency on a date: its open group memberships end too. */
  private async endAgency(tx: Db, id: string, date: string): Promise<void> {
    await this.repo.updateAgency(tx, id, { validTo: date });
    for (const m of await this.repo.openMembershipsOf(tx, id)) await this.repo.endMembership(tx, m.id, date);
  }

  /** Merges `id` into `successorId` from `effectiveDate`; active accounts move to the successor. */
  async merge(ctx: RequestContext, id: string, input: MergeRequest): Promise<AgencyDetailDto> {
    requireRole(ctx, ["admin"]);
    return this.db.transaction(async (tx) => {
      const dir = await this.directory(tx);
      const date = input.effectiveDate;
      if (id === input.successorId) throw badRequest("Không thể sáp nhập một cơ quan vào chính nó.", { field: "successorId" });
      this.loadActive(dir, id, date);
      this.loadActive(dir, input.successorId, date, "cơ quan tiếp nhận");
      const cycle = dir.successionCycle(id, input.successorId);
      if (cycle) {
        throw badRequest(
          `Không thể sáp nhập: sẽ tạo vòng kế tục ${cycle.map((x) => dir.displayName(x, date)).join(" → ")}.`,
          { field: "successorId", cycle },
        );
      }
      await this.endAgency(tx, id, date);
      await this.repo.insertSuccession(tx, { predecessorId: id, successorId: input.successorId, kind: "merge", effectiveDate: date, note: input.note ?? null });
      const moved = await this.moveUsers(tx, ctx, id, input.successorId);
      await this.audit.record(tx, ctx, {
        action: "agency.merge",
        entityType: "agency",
        entityId: id,
        summary: `Sáp nhập ${dir.displayName(id, date)} vào ${dir.displayName(input.successorId, date)} từ ngày ${formatVnDate(date)}`,
        after: { ...input, movedUsers: moved },
      });
      return (await this.directory(tx)).detail(id, date)!;
    });
  }

  private async moveUsers(tx: Db, ctx: RequestContext, fromAgency: string, toAgency: string): Promise<number> {
    const list = await this.users.list(tx, { agencyId: fromAgency });
    for (const row of list) {
      await this.users.update(tx, row.user.id, { agencyId: toAgency, updatedAt: ctx.now });
    }
    return list.length;
  }

  /** Splits `id` into two or more successors (existing or new agencies) from `effectiveDate`. */
  async split(ctx: RequestContext, id: string, input: SplitRequest): Promise<AgencyDetailDto> {
    requireRole(ctx, ["admin"]);
    return this.db.transaction(async (tx) => {
      const dir = await this.directory(tx);
      const date = input.effectiveDate;
      this.loadActive(dir, id, date);
      const successorIds: string[] = [];
      for (const [i, part] of input.into.entries()) {
        if ("existingId" in part) {
          if (part.existingId === id) throw badRequest(`Mục ${i + 1}: cơ quan không thể kế tục chính nó.`, { field: `into.${i}` });
          this.loadActive(dir, part.existingId, date, "cơ quan kế tục");
          const cycle = dir.successionCycle(id, part.existingId);
          if (cycle) throw badRequest(`Mục ${i + 1}: sẽ tạo vòng kế tục.`, { field: `into.${i}`, cycle });
          successorIds.push(part.existingId);
        } else {
          const created = await this.createInTx(tx, ctx, part, date);
          successorIds.push(created.id);
        }
      }
      if (new Set(successorIds).size !== successorIds.length) throw badRequest("Một cơ quan kế tục được chọn hai lần.", { field: "into" });
      await this.endAgency(tx, id, date);
      for (const s of successorIds) {
        await this.repo.insertSuccession(tx, { predecessorId: id, successorId: s, kind: "split", effectiveDate: date, note: input.note ?? null });
      }
      await this.audit.record(tx, ctx, {
        action: "agency.split",
        entityType: "agency",
        entityId: id,
        summary: `Chia tách ${dir.displayName(id, date)} từ ngày ${formatVnDate(date)}`,
        after: { ...input, successorIds },
      });
      return (await this.directory(tx)).detail(id, date)!;
    });
  }

  async dissolve(ctx: RequestContext, id: string, input: DissolveRequest): Promise<AgencyDetailDto> {
    requireRole(ctx, ["admin"]);
    return this.db.transaction(async (tx) => {
      const dir = await this.directory(tx);
      this.loadActive(dir, id, input.effectiveDate);
      const activeChildren = dir.snap.agencies.filter((a) => a.parentId === id && dir.isActive(a, input.effectiveDate));
      if (activeChildren.length) {
        throw badRequest(
          `Không thể giải thể: còn ${activeChildren.length} cơ quan trực thuộc đang hoạt động (${activeChildren
            .slice(0, 3)
            .map((a) => dir.displayName(a.id, input.effectiveDate))
            .join(", ")}${activeChildren.length > 3 ? ", …" : ""}).`,
        );
      }
      await this.endAgency(tx, id, input.effectiveDate);
      await this.audit.record(tx, ctx, {
        action: "agency.dissolve",
        entityType: "agency",
        entityId: id,
        summary: `Giải thể ${dir.displayName(id, input.effectiveDate)} từ ngày ${formatVnDate(input.effectiveDate)}`,
        after: input,
      });
      return (await this.directory(tx)).detail(id, input.effectiveDate)!;
    });
  }

  async createGroup(ctx: RequestContext, input: CreateGroupRequest): Promise<AgencyGroupDto> {
    requireRole(ctx, ["admin"]);
    return this.db.transaction(async (tx) => {
      if (await this.repo.findGroupByCode(tx, input.code)) throw conflict(`Mã nhóm "${input.code}" đã được dùng.`, { field: "code" });
      const dir = await this.directory(tx);
      for (const [i, m] of input.memberIds.entries()) {
        if (!dir.agency(m)) throw badRequest(`Thành viên thứ ${i + 1} không phải cơ quan có trong danh bạ.`, { field: `memberIds.${i}` });
      }
      const group = await this.repo.insertGroup(tx, {
        code: input.code,
        name: input.name,
        aliases: input.aliases,
        description: input.description ?? null,
        searchText: buildSearchText([input.name, ...input.aliases]),
      });
      const from = toVnDate(ctx.now);
      await this.repo.insertMembers(tx, input.memberIds.map((agencyId) => ({ groupId: group.id, agencyId, validFrom: from })));
      await this.audit.record(tx, ctx, { action: "group.create", entityType: "agency_group", entityId: group.id, summary: `Thêm nhóm: ${input.name}`, after: input });
      return (await this.directory(tx)).groupDto(group, from);
    });
  }

  async addMember(ctx: RequestContext, groupId: string, agencyId: string, effectiveDate: string): Promise<AgencyGroupDto> {
    requireRole(ctx, ["admin"]);
    return this.db.transaction(async (tx) => {
      const dir = await this.directory(tx);
      const group = dir.group(groupId);
      if (!group) throw notFound("nhóm cơ quan");
      this.loadActive(dir, agencyId, effectiveDate);
      if (dir.groupMemberIds(groupId, effectiveDate).includes(agencyId)) {
        throw conflict(`${dir.displayName(agencyId, effectiveDate)} đã là thành viên của nhóm "${group.name}".`);
      }
      await this.repo.insertMembers(tx, [{ groupId, agencyId, validFrom: effectiveDate }]);
      await this.audit.record(tx, ctx, {
        action: "group.add-member",
        entityType: "agency_group",
        entityId: groupId,
        summary: `Thêm ${dir.displayName(agencyId, effectiveDate)} vào nhóm "${group.name}" từ ngày ${formatVnDate(effectiveDate)}`,
        after: { agencyId, effectiveDate },
      });
      return (await this.directory(tx)).groupDto(group, effectiveDate);
    });
  }

  async removeMember(ctx: RequestContext, groupId: string, agencyId: string, effectiveDate: string): Promise<AgencyGroupDto> {
    requireRole(ctx, ["admin"]);
    return this.db.transaction(async (tx) => {
      const dir = await this.directory(tx);
      const group = dir.group(groupId);
      if (!group) throw notFound("nhóm cơ quan");
      const row = dir.snap.members.find((m) => m.groupId === groupId && m.agencyId === agencyId && m.validTo == null);
      if (!row) throw notFound("thành viên này trong nhóm");
      if (row.validFrom && row.validFrom >= effectiveDate) {
        throw badRequest(`Ngày kết thúc phải sau ngày bắt đầu ${formatVnDate(row.validFrom)}.`, { field: "effectiveDate" });
      }
      await this.repo.endMembership(tx, row.id, effectiveDate);
      await this.audit.record(tx, ctx, {
        action: "group.remove-member",
        entityType: "agency_group",
        entityId: groupId,
        summary: `Bỏ ${dir.displayName(agencyId, effectiveDate)} khỏi nhóm "${group.name}" từ ngày ${formatVnDate(effectiveDate)}`,
        before: { agencyId },
        after: { effectiveDate },
      });
      return (await this.directory(tx)).groupDto(group, effectiveDate);
    });
  }
}
