import { z } from "zod";
import { lineText, plainDateSchema, uuidSchema } from "./common.js";

export const AGENCY_KINDS = [
  "trung-uong",
  "thanh-uy",
  "co-quan-dang",
  "hdnd",
  "ubnd",
  "so",
  "co-quan-ngang-so",
  "co-quan-trung-uong-tai-dia-phuong",
  "quan-huyen",
  "quan-huyen-uy",
  "xa-phuong",
  "mttq",
  "to-chuc-chinh-tri-xa-hoi",
  "doanh-nghiep",
  "truong-dai-hoc",
  "ban-quan-ly-du-an",
  "khac",
] as const;
export const agencyKindSchema = z.enum(AGENCY_KINDS);
export type AgencyKind = z.infer<typeof agencyKindSchema>;

export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = {
  "trung-uong": "Cơ quan Trung ương",
  "thanh-uy": "Thành ủy",
  "co-quan-dang": "Cơ quan Đảng",
  hdnd: "Hội đồng nhân dân",
  ubnd: "Ủy ban nhân dân",
  so: "Sở",
  "co-quan-ngang-so": "Cơ quan ngang sở",
  "co-quan-trung-uong-tai-dia-phuong": "Cơ quan Trung ương tại địa phương",
  "quan-huyen": "Quận, huyện",
  "quan-huyen-uy": "Quận ủy, Huyện ủy",
  "xa-phuong": "Xã, phường",
  mttq: "Mặt trận Tổ quốc",
  "to-chuc-chinh-tri-xa-hoi": "Tổ chức chính trị - xã hội",
  "doanh-nghiep": "Doanh nghiệp",
  "truong-dai-hoc": "Trường đại học",
  "ban-quan-ly-du-an": "Ban quản lý dự án",
  khac: "Khác",
};

export const agencyCodeSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,63}$/, { error: "Mã cơ quan gồm chữ thường không dấu, số và gạch ngang (2–64 ký tự)" });

export const agencyLinkSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  kind: z.string(),
  effectiveDate: plainDateSchema,
});

export const agencySchema = z.object({
  id: uuidSchema,
  code: z.string(),
  kind: agencyKindSchema,
  parentId: uuidSchema.nullable(),
  sortOrder: z.number().int(),
  name: z.string(),
  shortName: z.string(),
  abbreviation: z.string(),
  aliases: z.array(z.string()),
  validFrom: plainDateSchema.nullable(),
  validTo: plainDateSchema.nullable(),
  /** Whether the agency exists on the requested date. */
  active: z.boolean(),
  successors: z.array(agencyLinkSchema),
  predecessors: z.array(agencyLinkSchema),
});
export type AgencyDto = z.infer<typeof agencySchema>;

export const agencyNameHistorySchema = z.object({
  name: z.string(),
  shortName: z.string(),
  abbreviation: z.string(),
  validFrom: plainDateSchema.nullable(),
  validTo: plainDateSchema.nullable(),
});

export const agencyDetailSchema = agencySchema.extend({
  names: z.array(agencyNameHistorySchema),
  groups: z.array(z.object({ id: uuidSchema, name: z.string() })),
  parentName: z.string().nullable(),
});
export type AgencyDetailDto = z.infer<typeof agencyDetailSchema>;

export const agencyListQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  asOf: plainDateSchema.optional(),
  includeInactive: z.enum(["true", "false"]).optional(),
});
export type AgencyListQuery = z.infer<typeof agencyListQuerySchema>;

export const agencyGroupSchema = z.object({
  id: uuidSchema,
  code: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  description: z.string().nullable(),
  members: z.array(
    z.object({
      agencyId: uuidSchema,
      name: z.string(),
      shortName: z.string(),
      validFrom: plainDateSchema.nullable(),
      validTo: plainDateSchema.nullable(),
    }),
  ),
});
export type AgencyGroupDto = z.infer<typeof agencyGroupSchema>;

export const createAgencyRequestSchema = z.strictObject({
  code: agencyCodeSchema,
  name: lineText("Tên cơ quan", 300),
  shortName: lineText("Tên viết gọn", 150),
  abbreviation: lineText("Chữ viết tắt", 50),
  kind: agencyKindSchema,
  parentId: uuidSchema.nullable(),
  aliases: z.array(lineText("Tên gọi khác", 300)).max(50).default([]),
  validFrom: plainDateSchema.nullable().optional(),
});
export type CreateAgencyRequest = z.infer<typeof createAgencyRequestSchema>;

export const renameAgencyRequestSchema = z.strictObject({
  name: lineText("Tên cơ quan", 300),
  shortName: lineText("Tên viết gọn", 150),
  abbreviation: lineText("Chữ viết tắt", 50),
  aliases: z.array(lineText("Tên gọi khác", 300)).max(50).optional(),
  effectiveDate: plainDateSchema,
});
export type RenameAgencyRequest = z.infer<typeof renameAgencyRequestSchema>;

export const updateAgencyRequestSchema = z.strictObject({
  parentId: uuidSchema.nullable().optional(),
  kind: agencyKindSchema.optional(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
  aliases: z.array(lineText("Tên gọi khác", 300)).max(50).optional(),
});

export const mergeAgencyRequestSchema = z.strictObject({
  successorId: uuidSchema,
  effectiveDate: plainDateSchema,
  note: z.string().trim().max(1000).optional(),
});

export const splitAgencyRequestSchema = z.strictObject({
  effectiveDate: plainDateSchema,
  note: z.string().trim().max(1000).optional(),
  into: z
    .array(
      z.union([
        z.strictObject({ existingId: uuidSchema }),
        createAgencyRequestSchema.omit({ validFrom: true }),
      ]),
    )
    .min(2, { error: "Chia tách phải tạo ra ít nhất hai cơ quan kế tục" }),
});

export const dissolveAgencyRequestSchema = z.strictObject({
  effectiveDate: plainDateSchema,
  note: z.string().trim().max(1000).optional(),
});

export const groupMembershipRequestSchema = z.strictObject({
  agencyId: uuidSchema,
  effectiveDate: plainDateSchema,
});

export const createGroupRequestSchema = z.strictObject({
  code: agencyCodeSchema,
  name: lineText("Tên nhóm", 300),
  aliases: z.array(lineText("Tên gọi khác", 300)).max(50).default([]),
  description: z.string().trim().max(2000).optional(),
  memberIds: z.array(uuidSchema).max(1000).default([]),
});
