import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { indicators, indicatorValueHistory, indicatorValues } from "../../db/schema/index.js";
import { createTestDatabase } from "../../test/test-database.js";
import { isUniqueViolation, ValuesRepository, type FigureKey, type PlainWrite } from "./values.repository.js";

/** Runs on PGlite and on PostgreSQL (TEST_DB). */
describe("figures repository: current figure in place, every vintage in the history", () => {
  let database: Database;
  const repo = new ValuesRepository();
  let keys: FigureKey[];

  const plain = (writes: PlainWrite[]) =>
    repo.writeIfPlain(database.db, writes, {
      guard: sql`select 1`,
      allowDowngrade: false,
      sourceAgencyId: null,
      campaignId: null,
      enteredBy: null,
      enteredAt: new Date(),
      alongside: () => sql`select 1`,
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    const [ind] = await database.db
      .insert(indicators)
      .values({ code: "THU_GHI", name: "Chỉ tiêu thử ghi", unit: "tỷ đồng", direction: "higher", aggregation: "sum", decimals: 1 })
      .returning();
    keys = ["2021", "2022", "2023"].map((period) => ({ indicatorId: ind!.id, period, area: "HP" }));
  });
  afterAll(async () => database?.close());

  it("writers racing over the same figures: every acknowledged write is a vintage, versions have no gaps, and the current figure is the last one", async () => {
    const acknowledged: Array<{ version: number; value: number }> = [];
    let refused = 0;
    const writer = async (w: number) => {
      for (let round = 0; round < 12; round++) {
        const current = new Map((await repo.currentAt(database.db, keys)).map((r) => [r.period, r.version]));
        const value = w * 1000 + round + 0.5;
        const batch = keys.map((k) => ({ ...k, value, status: "uoc" as const, note: null, source: null, baseVersion: current.get(k.period) ?? 0 }));
        try {
          if (await plain(batch)) acknowledged.push({ version: batch[0]!.baseVersion + 1, value });
          else refused++;
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          refused++;
        }
      }
    };
    await Promise.all([1, 2, 3, 4, 5, 6].map(writer));

    expect(acknowledged.length).toBeGreaterThan(0);
    for (const k of keys) {
      const history = await database.db
        .select({ version: indicatorValueHistory.version, value: indicatorValueHistory.value })
        .from(indicatorValueHistory)
        .where(eq(indicatorValueHistory.period, k.period))
        .orderBy(asc(indicatorValueHistory.version));
      // One vintage per acknowledged batch, numbered 1…n, each with the value its writer was told was saved.
      expect(history).toEqual([...acknowledged].sort((a, b) => a.version - b.version));
      const [current] = await database.db.select().from(indicatorValues).where(eq(indicatorValues.period, k.period));
      expect(current).toMatchObject({ version: acknowledged.length, value: history.at(-1)!.value });
    }
    expect(acknowledged.length + refused).toBe(6 * 12);
  });

  it("a refused plain batch writes neither a current figure nor a vintage", async () => {
    const before = await repo.currentAt(database.db, keys);
    const stale = keys.map((k) => ({ ...k, value: 1, status: "uoc" as const, note: null, source: null, baseVersion: 0 }));
    expect(await plain(stale)).toBe(false);
    expect(await repo.currentAt(database.db, keys)).toEqual(before);
    const [n] = await database.db.select({ n: sql<number>`count(*)::int` }).from(indicatorValueHistory);
    expect(n!.n).toBe(before.reduce((s, r) => s + r.version, 0));
  });

  it("the general write keeps the figure's id and appends the vintage; the history marks the newest as current", async () => {
    const key = keys[0]!;
    const [before] = await database.db.select().from(indicatorValues).where(eq(indicatorValues.period, key.period));
    await database.db.transaction(async (tx) => {
      const [cur] = await repo.lockCurrent(tx, [key]);
      await repo.write(tx, [
        { ...key, value: 84_199.2, status: "chinh-thuc", note: "Niên giám", source: "Cục Thống kê", sourceAgencyId: null, campaignId: null, enteredBy: null, enteredAt: new Date(), version: cur!.version + 1 },
      ]);
    });
    const [after] = await database.db.select().from(indicatorValues).where(eq(indicatorValues.period, key.period));
    expect(after).toMatchObject({ id: before!.id, value: 84_199.2, status: "chinh-thuc", note: "Niên giám", version: before!.version + 1 });
    const history = await repo.history(database.db, key);
    expect(history[0]).toMatchObject({ value: 84_199.2, version: before!.version + 1, current: true });
    expect(history.slice(1).every((v) => !v.current)).toBe(true);
    expect(history).toHaveLength(before!.version + 1);
  });

  it("a general write from a version that is not the current one's successor fails and writes nothing", async () => {
    const key = keys[1]!;
    const [before] = await repo.currentAt(database.db, [key]);
    const write = { ...key, value: 5, status: "uoc" as const, note: null, source: null, sourceAgencyId: null, campaignId: null, enteredBy: null, enteredAt: new Date() };
    let error: unknown;
    try {
      await database.db.transaction((tx) => repo.write(tx, [{ ...write, version: before!.version }]));
    } catch (e) {
      error = e;
    }
    expect(isUniqueViolation(error)).toBe(true);
    expect(await repo.currentAt(database.db, [key])).toEqual([before]);
    expect(await repo.history(database.db, key)).toHaveLength(before!.version);
  });
});
