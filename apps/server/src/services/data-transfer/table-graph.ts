import { is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";

/** One table of the drizzle schema, as the transfer needs it. */
export interface TransferTable {
  /** Qualified key "schema.name" ("public.agencies"). */
  key: string;
  schema: string;
  name: string;
  /** Column names in declaration order. */
  columns: string[];
  /** Primary key columns (declaration order); empty when the table has none. */
  primaryKey: string[];
  /** Foreign keys to other tables (keys of the referenced tables). */
  dependsOn: string[];
  /** Foreign keys from the table to itself: rows must be written parent-first. */
  selfReferences: Array<{ columns: string[]; foreignColumns: string[] }>;
}

export const qualified = (schema: string, name: string) => `${schema}.${name}`;
export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
export const quoteTable = (t: Pick<TransferTable, "schema" | "name">) => `${quoteIdent(t.schema)}.${quoteIdent(t.name)}`;

/**
 * The tables of a drizzle schema module (every exported PgTable) in foreign-key order: a table comes after
 * every table it references. Generic, so that tables added later to db/schema are moved too.
 * Throws on a cycle between tables (a row order cannot be found then).
 */
export function transferTables(schema: Record<string, unknown>): TransferTable[] {
  const byKey = new Map<string, TransferTable>();
  for (const value of Object.values(schema)) {
    if (!is(value, PgTable)) continue;
    const config = getTableConfig(value);
    const schemaName = config.schema ?? "public";
    const key = qualified(schemaName, config.name);
    if (byKey.has(key)) continue;
    const primaryKey = config.columns.filter((c) => c.primary).map((c) => c.name);
    for (const pk of config.primaryKeys) primaryKey.push(...pk.columns.map((c) => c.name));
    const dependsOn = new Set<string>();
    const selfReferences: TransferTable["selfReferences"] = [];
    for (const fk of config.foreignKeys) {
      const ref = fk.reference();
      const target = getTableConfig(ref.foreignTable);
      const targetKey = qualified(target.schema ?? "public", target.name);
      if (targetKey === key) {
        selfReferences.push({ columns: ref.columns.map((c) => c.name), foreignColumns: ref.foreignColumns.map((c) => c.name) });
      } else {
        dependsOn.add(targetKey);
      }
    }
    byKey.set(key, {
      key,
      schema: schemaName,
      name: config.name,
      columns: config.columns.map((c) => c.name),
      primaryKey,
      dependsOn: [...dependsOn].sort(),
      selfReferences,
    });
  }
  return orderByDependencies(byKey);
}

/** Kahn's algorithm, alphabetical among the ready tables so that the order is stable. */
function orderByDependencies(byKey: Map<string, TransferTable>): TransferTable[] {
  for (const t of byKey.values()) {
    const missing = t.dependsOn.find((d) => !byKey.has(d));
    if (missing) throw new Error(`Bảng ${t.key} tham chiếu bảng ${missing} không có trong lược đồ.`);
  }
  const remaining = new Map([...byKey].map(([k, t]) => [k, new Set(t.dependsOn)]));
  const ordered: TransferTable[] = [];
  while (remaining.size) {
    const ready = [...remaining].filter(([, deps]) => deps.size === 0).map(([k]) => k).sort();
    if (ready.length === 0) {
      throw new Error(`Các bảng tham chiếu vòng tròn nhau, không xếp được thứ tự ghi: ${[...remaining.keys()].sort().join(", ")}.`);
    }
    for (const k of ready) {
      ordered.push(byKey.get(k)!);
      remaining.delete(k);
      for (const deps of remaining.values()) deps.delete(k);
    }
  }
  return ordered;
}
