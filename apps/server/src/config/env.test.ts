import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, loadConfig } from "./env.js";

describe("environment validated at start", () => {
  it("has working defaults: PGlite in ./data, port 3000, a pool of 10 when PostgreSQL is chosen", () => {
    const c = loadConfig({}, "/srv/tonghop");
    expect(c).toMatchObject({ port: 3000, databaseUrl: undefined, databasePoolSize: 10, dataDir: path.resolve("/srv/tonghop/data"), publicUrl: "http://localhost:3000", secureCookies: false });
    expect(loadConfig({ PUBLIC_URL: "https://tonghop.haiphong.gov.vn", DATABASE_POOL_SIZE: "4" }, "/").databasePoolSize).toBe(4);
    expect(loadConfig({ PUBLIC_URL: "https://tonghop.haiphong.gov.vn" }, "/").secureCookies).toBe(true);
  });

  it.each([
    ["PORT", "ba nghìn", "PORT"],
    ["DATABASE_URL", "mysql://localhost/tonghop", "postgres://"],
    ["DATABASE_POOL_SIZE", "0", "ít nhất 1"],
    ["DATABASE_POOL_SIZE", "2,5", "DATABASE_POOL_SIZE"],
    ["SESSION_SECRET", "ngắn", "32 ký tự"],
    ["SMTP_URL", "mail.haiphong.gov.vn", "smtp://"],
    ["PUBLIC_URL", "localhost", "URL"],
  ])("a bad %s (%s) stops start-up with one line naming it", (variable, value, words) => {
    let error: unknown;
    try {
      loadConfig({ [variable]: value }, "/");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as EnvError).message;
    expect((error as EnvError).variable).toBe(variable);
    expect(message).toContain(`Biến môi trường ${variable} không hợp lệ`);
    expect(message).toContain(words);
    expect(message).not.toContain("\n");
  });
});
