import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCampaignTemplate, type CampaignTemplate } from "@tonghop/contracts";
import type { RequestContext } from "../../auth/actor.js";
import { importSeedCampaign, seedTemplateText, userContext, type SeedCampaignCode } from "../../test/campaign-fixtures.js";
import { createTestContext, type TestContext } from "../../test/test-app.js";
import type { Directory } from "../agencies/directory.js";

/**
 * A template normalised for comparison: every agency or group name replaced by what it resolves to (as of the
 * template's date), the campaign code and name left out, indicators sorted by code.
 */
function normalise(t: CampaignTemplate, dir: Directory): unknown {
  const date = t.referenceDate;
  const id = (name: string) => {
    const r = dir.resolve(name, date);
    if (!r) throw new Error(`không có ${name}`);
    return `${r.kind}:${r.id}`;
  };
  const agencyKeys = new Set(["lead", "cooperate", "from", "reporters"]);
  const walk = (v: unknown, key: string | null): unknown => {
    if (Array.isArray(v)) return v.map((x) => (key && agencyKeys.has(key) && typeof x === "string" ? id(x) : walk(x, null)));
    if (v && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if ((k === "agency" || k === "sourceAgency" || k === "owner" || k === "coordinator") && typeof x === "string") out[k] = id(x);
        else out[k] = walk(x, k);
      }
      return out;
    }
    return v;
  };
  const { code: _code, name: _name, indicators, ...rest } = t;
  return walk({ ...rest, indicators: [...indicators].sort((a, b) => a.code.localeCompare(b.code)) }, null);
}

const parseYaml = (text: string): CampaignTemplate => {
  const r = parseCampaignTemplate(parse(text));
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
  return r.template;
};

/** Runs on PGlite and on PostgreSQL (TEST_DB). */
describe("export: import → export → import yields an equal campaign", () => {
  let t: TestContext;
  let tonghop: RequestContext;
  beforeAll(async () => {
    t = await createTestContext();
    tonghop = await userContext(t.container, "tonghop");
  });
  afterAll(async () => t.close());

  for (const code of ["cv2830-2024-so-ket-nq45", "ct15-2020-ke-hoach-5-nam"] as SeedCampaignCode[]) {
    it(`${code}: the export equals the template, and re-importing it gives the same export`, async () => {
      const svc = t.container.services.campaigns;
      const dir = await t.container.services.agencies.directory();
      const original = parseYaml(seedTemplateText(code));
      const { campaignId } = await importSeedCampaign(t.container, code);
      const first = await svc.exportYaml(tonghop, campaignId);
      expect(first.fileName).toBe(`${code}.yaml`);
      expect(first.text.split("\n")[0]).toBe("# yaml-language-server: $schema=./campaign-template.schema.json");
      const exported = parseYaml(first.text);
      expect(exported.code).toBe(code);
      expect(normalise(exported, dir)).toEqual(normalise(original, dir));

      const again = await svc.importTemplate(tonghop, { text: first.text, code: `${code}-rt` });
      expect(again.preview.warnings).toEqual([]);
      const second = parseYaml((await svc.exportYaml(tonghop, again.campaignId!)).text);
      expect(second.code).toBe(`${code}-rt`);
      expect(normalise(second, dir)).toEqual(normalise(exported, dir));
    });
  }

  it("agency users see the export of campaigns they work in, not drafts", async () => {
    const { campaignId } = await importSeedCampaign(t.container, "cv2830-2024-so-ket-nq45", { code: "cv-ban-nhap-export" });
    const officer = await userContext(t.container, "giaothong");
    await expect(t.container.services.campaigns.exportYaml(officer, campaignId)).rejects.toMatchObject({ statusCode: 403 });
    await t.container.services.campaigns.publish(tonghop, campaignId);
    const res = await t.container.services.campaigns.exportYaml(officer, campaignId);
    expect(res.text).toContain("code: cv-ban-nhap-export");
  });
});
