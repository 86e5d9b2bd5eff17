import { sql } from "drizzle-orm";
import { type AnyPgColumn, check, date, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./common.js";

/**
 * Agency directory. An agency is a stable identity; its names live in agency_names with validity
 * intervals so that history keeps the name that was true at the time. valid_from/valid_to bound the
 * agency's own existence (dissolved or merged away on valid_to). Intervals are half-open: [from, to).
 */
export const agencies = pgTable(
  "agencies",
  {
    id: id(),
    code: text("code").notNull(),
    kind: text("kind").notNull(),
    parentId: uuid("parent_id").references((): AnyPgColumn => agencies.id),
    sortOrder: integer("sort_order").notNull().default(0),
    validFrom: date("valid_from"),
    validTo: date("valid_to"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("agencies_code_uq").on(t.code),
    index("agencies_parent_idx").on(t.parentId),
    check("agencies_valid_range", sql`${t.validTo} is null or ${t.validFrom} is null or ${t.validTo} > ${t.validFrom}`),
  ],
);

export const agencyNames = pgTable(
  "agency_names",
  {
    id: id(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    name: text("name").notNull(),
    shortName: text("short_name").notNull(),
    abbreviation: text("abbreviation").notNull(),
    /** Other spellings (seed typos, usual variants) used to resolve names in templates. */
    aliases: text("aliases").array().notNull().default(sql`'{}'::text[]`),
    /** Lowercase, diacritic-free concatenation of name, short name, abbreviation and aliases. */
    searchText: text("search_text").notNull(),
    validFrom: date("valid_from"),
    validTo: date("valid_to"),
    createdAt: createdAt(),
  },
  (t) => [index("agency_names_agency_idx").on(t.agencyId)],
);

/** Predecessor → successor links (merge, split, absorption) with the date they took effect. */
export const agencySuccessions = pgTable(
  "agency_successions",
  {
    id: id(),
    predecessorId: uuid("predecessor_id")
      .notNull()
      .references(() => agencies.id),
    successorId: uuid("successor_id")
      .notNull()
      .references(() => agencies.id),
    kind: text("kind").notNull(),
    effectiveDate: date("effective_date").notNull(),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("agency_successions_uq").on(t.predecessorId, t.successorId),
    check("agency_successions_not_self", sql`${t.predecessorId} <> ${t.successorId}`),
  ],
);

export const agencyGroups = pgTable(
  "agency_groups",
  {
    id: id(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    aliases: text("aliases").array().notNull().default(sql`'{}'::text[]`),
    searchText: text("search_text").notNull(),
    description: text("description"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("agency_groups_code_uq").on(t.code)],
);

export const agencyGroupMembers = pgTable(
  "agency_group_members",
  {
    id: id(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => agencyGroups.id, { onDelete: "cascade" }),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    validFrom: date("valid_from"),
    validTo: date("valid_to"),
  },
  (t) => [index("agency_group_members_group_idx").on(t.groupId), index("agency_group_members_agency_idx").on(t.agencyId)],
);
