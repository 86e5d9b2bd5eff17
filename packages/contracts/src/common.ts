import { z } from "zod";

export const uuidSchema = z.uuid({ error: "phải là mã định danh (UUID) hợp lệ" });
export const idParamsSchema = z.strictObject({ id: uuidSchema });

/** Plain calendar date, ISO "YYYY-MM-DD". */
export const plainDateSchema = z.iso.date({ error: "phải là ngày hợp lệ dạng YYYY-MM-DD" });

export const errorBodySchema = z
  .object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  })
  .describe("Lỗi");
export type ErrorBodyDto = z.infer<typeof errorBodySchema>;

/** A trimmed single-line text with length bounds; rejects control characters. */
export const lineText = (label: string, max = 500) =>
  z
    .string()
    .trim()
    .min(1, { error: `${label} không được để trống` })
    .max(max, { error: `${label} dài quá ${max} ký tự` })
    .refine((s) => !/\p{Cc}/u.test(s), { error: `${label} chứa ký tự điều khiển không hợp lệ` });

export const okSchema = z.object({ ok: z.literal(true) });

export const pageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}
