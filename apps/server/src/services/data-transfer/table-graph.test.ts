import { type AnyPgColumn, integer, pgSchema, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import * as appSchema from "../../db/schema/index.js";
import { transferTables } from "./table-graph.js";

const people = pgTable("people", {
  id: uuid("id").primaryKey(),
  mentorId: uuid("mentor_id").references((): AnyPgColumn => people.id),
  teamId: uuid("team_id").references(() => teams.id),
});
const teams = pgTable("teams", { id: uuid("id").primaryKey(), name: text("name") });
const archive = pgSchema("archive");
const oldTeams = archive.table("teams", { id: uuid("id").primaryKey() });
const memberships = pgTable(
  "memberships",
  {
    personId: uuid("person_id").references(() => people.id),
    teamId: uuid("team_id").references(() => teams.id),
    oldTeamId: uuid("old_team_id").references(() => oldTeams.id),
    since: integer("since"),
  },
  (t) => [primaryKey({ columns: [t.personId, t.teamId] })],
);

describe("tables of a drizzle schema in foreign-key order", () => {
  it("puts every table after the tables it references, keeps self references apart, reads composite keys and schemas", () => {
    const tables = transferTables({ memberships, people, teams, oldTeams, notATable: 42, alsoNot: { id: 1 } });
    expect(tables.map((t) => t.key)).toEqual(["archive.teams", "public.teams", "public.people", "public.memberships"]);
    const p = tables.find((t) => t.key === "public.people")!;
    expect(p.dependsOn).toEqual(["public.teams"]);
    expect(p.selfReferences).toEqual([{ columns: ["mentor_id"], foreignColumns: ["id"] }]);
    expect(p.primaryKey).toEqual(["id"]);
    const m = tables.find((t) => t.key === "public.memberships")!;
    expect(m.primaryKey).toEqual(["person_id", "team_id"]);
    expect(m.dependsOn).toEqual(["archive.teams", "public.people", "public.teams"]);
    expect(m.columns).toEqual(["person_id", "team_id", "old_team_id", "since"]);
  });

  it("refuses a cycle between tables, naming them", () => {
    const a = pgTable("a", { id: uuid("id").primaryKey(), bId: uuid("b_id").references((): AnyPgColumn => b.id) });
    const b = pgTable("b", { id: uuid("id").primaryKey(), aId: uuid("a_id").references((): AnyPgColumn => a.id) });
    expect(() => transferTables({ a, b, teams })).toThrow("Các bảng tham chiếu vòng tròn nhau, không xếp được thứ tự ghi: public.a, public.b.");
  });

  it("refuses a reference to a table outside the schema", () => {
    expect(() => transferTables({ people })).toThrow("Bảng public.people tham chiếu bảng public.teams không có trong lược đồ.");
  });

  it("covers every table of the application's schema", () => {
    const tables = transferTables(appSchema);
    const keys = tables.map((t) => t.key);
    for (const k of ["public.agencies", "public.users", "public.audit_log", "public.campaigns", "public.outline_items", "public.assignments"]) {
      expect(keys).toContain(k);
    }
    expect(keys.indexOf("public.agencies")).toBeLessThan(keys.indexOf("public.users"));
    expect(keys.indexOf("public.campaigns")).toBeLessThan(keys.indexOf("public.outline_items"));
    expect(tables.find((t) => t.key === "public.outline_items")!.selfReferences).toEqual([{ columns: ["parent_id"], foreignColumns: ["id"] }]);
  });
});
