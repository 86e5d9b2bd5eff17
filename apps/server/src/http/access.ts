import type { Role } from "@tonghop/contracts";

/**
 * Every /api route declares who may call it in `config.access`; a route without one fails at start-up.
 *   "public"         anyone (health, login)
 *   "authenticated"  any signed-in user; the service then checks the resource (agency ownership…)
 *   Role[]           signed-in users holding at least one of these roles
 */
export type Access = "public" | "authenticated" | readonly Role[];

declare module "fastify" {
  interface FastifyContextConfig {
    access?: Access;
  }
}
