import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { agencies, agencyGroupMembers, agencyGroups, agencyNames, agencySuccessions } from "../db/schema/index.js";

export type AgencyRow = typeof agencies.$inferSelect;
export type AgencyNameRow = typeof agencyNames.$inferSelect;
export type SuccessionRow = typeof agencySuccessions.$inferSelect;
export type GroupRow = typeof agencyGroups.$inferSelect;
export type GroupMemberRow = typeof agencyGroupMembers.$inferSelect;

/** The whole directory in memory: a few hundred rows, read in four queries. */
export interface DirectorySnapshot {
  agencies: AgencyRow[];
  names: AgencyNameRow[];
  successions: SuccessionRow[];
  groups: GroupRow[];
  members: GroupMemberRow[];
}

export class AgenciesRepository {
  async snapshot(db: Db): Promise<DirectorySnapshot> {
    // Sequential on purpose: `db` may be a transaction, and one connection runs one query at a time
    // (node-postgres deprecates queueing concurrent queries on a client).
    const a = await db.select().from(agencies).orderBy(asc(agencies.sortOrder), asc(agencies.code));
    const n = await db.select().from(agencyNames).orderBy(asc(agencyNames.agencyId), asc(agencyNames.validFrom));
    const s = await db.select().from(agencySuccessions).orderBy(asc(agencySuccessions.effectiveDate));
    const g = await db.select().from(agencyGroups).orderBy(asc(agencyGroups.name));
    const m = await db.select().from(agencyGroupMembers);
    return { agencies: a, names: n, successions: s, groups: g, members: m };
  }

  async findById(db: Db, id: string): Promise<AgencyRow | undefined> {
    const rows = await db.select().from(agencies).where(eq(agencies.id, id)).limit(1);
    return rows[0];
  }

  async findByCode(db: Db, code: string): Promise<AgencyRow | undefined> {
    const rows = await db.select().from(agencies).where(eq(agencies.code, code)).limit(1);
    return rows[0];
  }

  async currentName(db: Db, agencyId: string): Promise<AgencyNameRow | undefined> {
    const rows = await db
      .select()
      .from(agencyNames)
      .where(and(eq(agencyNames.agencyId, agencyId), isNull(agencyNames.validTo)))
      .limit(1);
    return rows[0];
  }

  async insertAgency(db: Db, row: typeof agencies.$inferInsert): Promise<AgencyRow> {
    const rows = await db.insert(agencies).values(row).returning();
    return rows[0]!;
  }

  async updateAgency(db: Db, id: string, patch: Partial<typeof agencies.$inferInsert>): Promise<AgencyRow> {
    const rows = await db.update(agencies).set(patch).where(eq(agencies.id, id)).returning();
    return rows[0]!;
  }

  async insertName(db: Db, row: typeof agencyNames.$inferInsert): Promise<AgencyNameRow> {
    const rows = await db.insert(agencyNames).values(row).returning();
    return rows[0]!;
  }

  async updateName(db: Db, id: string, patch: Partial<typeof agencyNames.$inferInsert>): Promise<void> {
    await db.update(agencyNames).set(patch).where(eq(agencyNames.id, id));
  }

  async insertSuccession(db: Db, row: typeof agencySuccessions.$inferInsert): Promise<void> {
    await db.insert(agencySuccessions).values(row);
  }

  async insertGroup(db: Db, row: typeof agencyGroups.$inferInsert): Promise<GroupRow> {
    const rows = await db.insert(agencyGroups).values(row).returning();
    return rows[0]!;
  }

  async updateGroup(db: Db, id: string, patch: Partial<typeof agencyGroups.$inferInsert>): Promise<void> {
    await db.update(agencyGroups).set(patch).where(eq(agencyGroups.id, id));
  }

  async findGroupByCode(db: Db, code: string): Promise<GroupRow | undefined> {
    const rows = await db.select().from(agencyGroups).where(eq(agencyGroups.code, code)).limit(1);
    return rows[0];
  }

  async insertMembers(db: Db, rows: Array<typeof agencyGroupMembers.$inferInsert>): Promise<void> {
    if (rows.length) await db.insert(agencyGroupMembers).values(rows);
  }

  async endMembership(db: Db, memberRowId: string, validTo: string): Promise<void> {
    await db.update(agencyGroupMembers).set({ validTo }).where(eq(agencyGroupMembers.id, memberRowId));
  }

  async openMembershipsOf(db: Db, agencyId: string) {
    return db
      .select()
      .from(agencyGroupMembers)
      .where(and(eq(agencyGroupMembers.agencyId, agencyId), isNull(agencyGroupMembers.validTo)));
  }
}
