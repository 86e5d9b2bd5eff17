import { z } from "zod";
import { lineText, uuidSchema } from "./common.js";
import { passwordSchema } from "./auth.contract.js";
import { roleSchema } from "./roles.js";

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,49}$/, {
    error: "Tên đăng nhập gồm 3–50 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới",
  });

export const userSchema = z.object({
  id: uuidSchema,
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  agencyId: uuidSchema,
  agencyName: z.string(),
  roles: z.array(roleSchema),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserDto = z.infer<typeof userSchema>;

export const emailSchema = z.email({ error: "Thư điện tử không hợp lệ" }).max(200);

export const createUserRequestSchema = z.strictObject({
  username: usernameSchema,
  fullName: lineText("Họ và tên", 200),
  email: emailSchema.nullable().optional(),
  agencyId: uuidSchema,
  roles: z.array(roleSchema).min(1, { error: "Người dùng phải có ít nhất một vai trò" }),
  password: passwordSchema.optional(),
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

export const updateUserRequestSchema = z.strictObject({
  fullName: lineText("Họ và tên", 200).optional(),
  email: emailSchema.nullable().optional(),
  agencyId: uuidSchema.optional(),
  roles: z.array(roleSchema).min(1, { error: "Người dùng phải có ít nhất một vai trò" }).optional(),
  disabled: z.boolean().optional(),
});
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

export const createUserResponseSchema = z.object({
  user: userSchema,
  /** Present when the server generated the password: shown once to the admin. */
  temporaryPassword: z.string().optional(),
});

export const resetPasswordResponseSchema = z.object({ temporaryPassword: z.string() });

export const userListQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  agencyId: uuidSchema.optional(),
  includeDisabled: z.enum(["true", "false"]).optional(),
});
