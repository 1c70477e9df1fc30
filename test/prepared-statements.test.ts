import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.js";
import { rowsOf } from "../src/db/rows.js";
import { regions } from "../src/organisations/tables.js";
import { freshDatabase } from "./support/database.js";

const onServer = Boolean(process.env.DATABASE_URL);

/** The statements prepared on the connection this transaction runs on. */
async function preparedOn(tx: Database["db"]): Promise<string[]> {
  return rowsOf<{ statement: string }>(await tx.execute(sql`select statement from pg_prepared_statements`)).map((row) => row.statement);
}

describe.skipIf(!onServer)("statements on a PostgreSQL server (postgres.js; the embedded database has no round trips to save)", () => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(() => database?.close());

  it("runs every query with parameters as a prepared statement, in a transaction and a savepoint too", async () => {
    await database.db.transaction(async (tx) => {
      await tx.select({ id: regions.id }).from(regions).where(eq(regions.code, "prepared-1"));
      await tx.execute(sql`select ${"prepared-2"}::text as marker`);
      await tx.transaction(async (savepoint) => {
        await savepoint.execute(sql`select ${"prepared-3"}::text as nested`);
      });
      const prepared = (await preparedOn(tx)).join("\n");
      expect(prepared).toMatch(/select "id" from "regions" where "regions"\."code" = \$1/);
      expect(prepared).toContain("select $1::text as marker");
      expect(prepared).toContain("select $1::text as nested");
    });
  });

  it("answers the same when the same statement runs on many connections at once", async () => {
    const codes = Array.from({ length: 40 }, (_, index) => `concurrent-${index % 4}`);
    const answers = await Promise.all(codes.map((code) => database.db.execute(sql`select ${code}::text as code, ${codes.indexOf(code)}::int as first`)));
    expect(answers.map((answer) => rowsOf<{ code: string }>(answer)[0]!.code)).toEqual(codes);
  });

  it("keeps the simple protocol for a query without parameters: several statements in one, as a migration has", async () => {
    await expect(database.db.execute(sql.raw("select 1; select 2"))).resolves.toBeDefined();
  });
});
