import { and, arrayOverlaps, asc, eq, gte, ilike, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Role } from "@tonghop/contracts";
import type { Db } from "../db/client.js";
import { prepared } from "../db/prepared.js";
import { agencyNames, loginFailures, sessions, users } from "../db/schema/index.js";

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;

/** The current name row of an agency (valid_to is null). */
const currentName = and(eq(agencyNames.agencyId, users.agencyId), isNull(agencyNames.validTo));

const sessionWithUser = prepared((db) =>
  db
    .select({ session: sessions, user: users })
    .from(sessions)
    .leftJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("id")))
    .limit(1)
    .prepare("session_with_user"),
);

export class UsersRepository {
  async findById(db: Db, id: string): Promise<UserRow | undefined> {
    const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
    return rows[0];
  }

  async findByUsername(db: Db, username: string): Promise<UserRow | undefined> {
    const rows = await db.select().from(users).where(eq(users.username, username.toLowerCase())).limit(1);
    return rows[0];
  }

  async findWithAgency(db: Db, id: string) {
    const rows = await db
      .select({ user: users, agencyName: agencyNames.name, agencyShortName: agencyNames.shortName })
      .from(users)
      .leftJoin(agencyNames, currentName)
      .where(eq(users.id, id))
      .limit(1);
    return rows[0];
  }

  async list(db: Db, filter: { q?: string | undefined; agencyId?: string | undefined; includeDisabled?: boolean }) {
    const conds: SQL[] = [];
    if (filter.agencyId) conds.push(eq(users.agencyId, filter.agencyId));
    if (!filter.includeDisabled) conds.push(isNull(users.disabledAt));
    if (filter.q) {
      const like = `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      conds.push(or(ilike(users.username, like), ilike(users.fullName, like), ilike(users.email, like))!);
    }
    return db
      .select({ user: users, agencyName: agencyNames.name })
      .from(users)
      .leftJoin(agencyNames, currentName)
      .where(conds.length ? and(...conds) : undefined)
      .orderBy(asc(users.username));
  }

  async listByAgencyAndRoles(db: Db, agencyIds: string[], roles: Role[]) {
    if (agencyIds.length === 0) return [];
    return db
      .select()
      .from(users)
      .where(
        and(
          inArray(users.agencyId, agencyIds),
          isNull(users.disabledAt),
          arrayOverlaps(users.roles, roles),
        ),
      );
  }

  async insert(db: Db, row: NewUserRow): Promise<UserRow> {
    const rows = await db.insert(users).values(row).returning();
    return rows[0]!;
  }

  async update(db: Db, id: string, patch: Partial<NewUserRow>): Promise<UserRow> {
    const rows = await db.update(users).set(patch).where(eq(users.id, id)).returning();
    return rows[0]!;
  }

  async count(db: Db): Promise<number> {
    const rows = await db.select({ n: sql<number>`count(*)::int` }).from(users);
    return rows[0]?.n ?? 0;
  }
}

export type SessionRow = typeof sessions.$inferSelect;

export class SessionsRepository {
  async insert(db: Db, row: typeof sessions.$inferInsert): Promise<void> {
    await db.insert(sessions).values(row);
  }

  async find(db: Db, id: string): Promise<SessionRow | undefined> {
    const rows = await db.select().from(sessions).where(eq(sessions.id, id)).limit(1);
    return rows[0];
  }

  /** The session with its user (null when the user row is gone), in one query: every request resolves one. */
  /** The session and its user (every signed-in request reads it: prepared). */
  async findWithUser(db: Db, id: string): Promise<{ session: SessionRow; user: UserRow | null } | undefined> {
    const rows = await sessionWithUser(db, { id });
    return rows[0];
  }

  async touch(db: Db, id: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
    await db.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.id, id));
  }

  async delete(db: Db, id: string): Promise<void> {
    await db.delete(sessions).where(eq(sessions.id, id));
  }

  async deleteForUser(db: Db, userId: string, exceptId?: string): Promise<void> {
    await db
      .delete(sessions)
      .where(exceptId ? and(eq(sessions.userId, userId), sql`${sessions.id} <> ${exceptId}`) : eq(sessions.userId, userId));
  }

  async deleteExpired(db: Db, now: Date): Promise<void> {
    await db.delete(sessions).where(lt(sessions.expiresAt, now));
  }
}

export class LoginFailuresRepository {
  /** Failure times for each key since `since`, oldest first. */
  async recent(db: Db, keys: string[], since: Date) {
    return db
      .select({ key: loginFailures.key, at: loginFailures.at })
      .from(loginFailures)
      .where(and(inArray(loginFailures.key, keys), gte(loginFailures.at, since)))
      .orderBy(asc(loginFailures.at));
  }

  async add(db: Db, keys: string[], at: Date): Promise<void> {
    await db.insert(loginFailures).values(keys.map((key) => ({ key, at })));
  }

  async clear(db: Db, key: string): Promise<void> {
    await db.delete(loginFailures).where(eq(loginFailures.key, key));
  }

  async prune(db: Db, before: Date): Promise<void> {
    await db.delete(loginFailures).where(lt(loginFailures.at, before));
  }
}
