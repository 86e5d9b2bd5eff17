import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { AGENCY_KINDS } from "@tonghop/contracts";
import type { Db } from "../db/client.js";
import { SEED_DIR } from "../paths.js";
import type { AgenciesRepository } from "../repositories/agencies.repository.js";
import { buildSearchText } from "../services/agencies/directory.js";

interface SeedAgency {
  code: string;
  name: string;
  shortName: string;
  abbreviation: string;
  kind: (typeof AGENCY_KINDS)[number];
  aliases?: string[] | undefined;
  children?: SeedAgency[] | undefined;
}

const seedAgency: z.ZodType<SeedAgency> = z.lazy(() =>
  z.strictObject({
    code: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    name: z.string().min(1),
    shortName: z.string().min(1),
    abbreviation: z.string().min(1),
    kind: z.enum(AGENCY_KINDS),
    aliases: z.array(z.string()).optional(),
    children: z.array(seedAgency).optional(),
  }),
);

const directorySeedSchema = z.strictObject({
  version: z.literal(1),
  asOf: z.union([z.string(), z.date()]),
  agencies: z.array(seedAgency),
  groups: z.array(
    z.strictObject({
      code: z.string(),
      name: z.string(),
      description: z.string().optional(),
      aliases: z.array(z.string()).optional(),
      members: z.array(z.string()),
    }),
  ),
});
export type DirectorySeed = z.infer<typeof directorySeedSchema>;

export function readDirectorySeed(file = path.join(SEED_DIR, "agencies.yaml")): DirectorySeed {
  return directorySeedSchema.parse(parse(readFileSync(file, "utf8")));
}

/** Loads the agency directory into an empty database. Returns the number of agencies and groups. */
export async function loadDirectorySeed(db: Db, repo: AgenciesRepository, seed: DirectorySeed) {
  const ids = new Map<string, string>();
  let order = 0;
  const insert = async (node: SeedAgency, parentId: string | null): Promise<void> => {
    const agency = await repo.insertAgency(db, { code: node.code, kind: node.kind, parentId, sortOrder: order++ });
    ids.set(node.code, agency.id);
    const aliases = node.aliases ?? [];
    await repo.insertName(db, {
      agencyId: agency.id,
      name: node.name,
      shortName: node.shortName,
      abbreviation: node.abbreviation,
      aliases,
      searchText: buildSearchText([node.name, node.shortName, node.abbreviation, ...aliases]),
    });
    for (const child of node.children ?? []) await insert(child, agency.id);
  };
  for (const root of seed.agencies) await insert(root, null);
  for (const g of seed.groups) {
    const group = await repo.insertGroup(db, {
      code: g.code,
      name: g.name,
      aliases: g.aliases ?? [],
      description: g.description ?? null,
      searchText: buildSearchText([g.name, ...(g.aliases ?? [])]),
    });
    await repo.insertMembers(
      db,
      g.members.map((code) => {
        const agencyId = ids.get(code);
        if (!agencyId) throw new Error(`Nhóm ${g.code}: không có cơ quan mã "${code}" trong danh bạ khởi tạo`);
        return { groupId: group.id, agencyId };
      }),
    );
  }
  return { agencies: ids.size, groups: seed.groups.length };
}
