import type { Role } from "@tonghop/contracts";
import { forbidden } from "../http/errors.js";

/** Who is acting: the signed-in user, resolved from the session on every request. */
export interface Actor {
  userId: string;
  username: string;
  fullName: string;
  agencyId: string;
  roles: Role[];
}

/** Everything a service needs to know about the request it serves. */
export interface RequestContext {
  actor: Actor | null;
  requestId: string;
  ip: string | null;
  now: Date;
}

/** Context for CLI tools, seeding and jobs: no user, labelled by `source`. */
export function systemContext(now: Date, source = "system"): RequestContext {
  return { actor: null, requestId: source, ip: null, now };
}

export function hasRole(actor: Actor | null, ...roles: Role[]): boolean {
  return actor != null && roles.some((r) => actor.roles.includes(r));
}

export function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw forbidden("Bạn cần đăng nhập để thực hiện thao tác này.");
  return ctx.actor;
}

export function requireRole(ctx: RequestContext, roles: readonly Role[], message?: string): Actor {
  const actor = requireActor(ctx);
  if (!roles.some((r) => actor.roles.includes(r))) throw forbidden(message);
  return actor;
}

export const isAdmin = (actor: Actor | null) => hasRole(actor, "admin");
