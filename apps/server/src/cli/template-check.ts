// npm run template:check -- FILE
// Checks a campaign template WITHOUT writing anything: structure (with YAML line and column), the domain's rules
// (targets, deadlines, numbering, computed indicators) and every agency name against the seeded agency directory
// as of the template's reference date, in an in-memory database. Prints ONE JSON object
// { name, outlineItems, assignedItems, milestones, agencies, appendices: [{ title, kind, rows }] } and exits 0,
// or prints the errors as Vietnamese lines with their YAML path and line and exits 1.

import { summarizeTemplate } from "@tonghop/contracts";
import { AgenciesRepository } from "../repositories/agencies.repository.js";
import { openDatabase } from "../db/client.js";
import { loadDirectorySeed, readDirectorySeed } from "../seed/directory.seed.js";
import { Directory } from "../services/agencies/directory.js";
import { analyseTemplateText } from "../services/campaigns/analyse-template.js";
import { printProblems, readTemplateArg, summaryJson } from "./template-cli-support.js";

const { text, file } = readTemplateArg(process.argv[2], "Cách dùng: npm run template:check -- TỆP.yaml   (ví dụ: templates/cv2830-2024-so-ket-nq45.yaml)");
const database = await openDatabase({ pgliteDir: "memory://" });
try {
  await database.migrate();
  const repo = new AgenciesRepository();
  await database.db.transaction(async (tx) => loadDirectorySeed(tx, repo, readDirectorySeed()));
  const directory = new Directory(await repo.snapshot(database.db));
  const result = analyseTemplateText(text, { directory, catalogue: new Map() });
  if (!result.ok) {
    printProblems(file, result.problems);
    process.exitCode = 1;
  } else {
    console.log(JSON.stringify(summaryJson(summarizeTemplate(result.analysis.template)), null, 2));
  }
} catch (err) {
  console.error(`Không kiểm tra được mẫu: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
