import { z } from "zod";
import { lineText, uuidSchema } from "./common.js";
import { roleSchema } from "./roles.js";

export const loginRequestSchema = z.strictObject({
  username: lineText("Tên đăng nhập", 100),
  password: z.string().min(1, { error: "Mật khẩu không được để trống" }).max(200),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const sessionUserSchema = z.object({
  id: uuidSchema,
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  agencyId: uuidSchema,
  agencyName: z.string(),
  agencyShortName: z.string(),
  roles: z.array(roleSchema),
  mustChangePassword: z.boolean(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const meResponseSchema = z.object({
  user: sessionUserSchema,
  csrfToken: z.string(),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const passwordSchema = z
  .string()
  .min(10, { error: "Mật khẩu phải dài ít nhất 10 ký tự" })
  .max(200, { error: "Mật khẩu dài quá 200 ký tự" })
  .refine((s) => /\p{L}/u.test(s) && /\d/.test(s), { error: "Mật khẩu phải có cả chữ và số" });

export const changePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1, { error: "Hãy nhập mật khẩu hiện tại" }).max(200),
  newPassword: passwordSchema,
});
