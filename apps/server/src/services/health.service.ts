import { sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { AppError } from "../http/errors.js";

export class HealthService {
  constructor(private readonly db: Db) {}

  /** Throws SERVICE_UNAVAILABLE when the database does not answer. */
  async check(): Promise<void> {
    try {
      await this.db.execute(sql`select 1`);
    } catch {
      throw new AppError("SERVICE_UNAVAILABLE", "Cơ sở dữ liệu không phản hồi.");
    }
  }
}
