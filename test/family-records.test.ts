import { getTableColumns, is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAMILY_RECORDS, NOT_IN_EXPORT } from "../src/accountability/family-records.js";
import { REMOVED_KINDS } from "../src/accountability/retention/closed-families.js";
import { signClientToken } from "../src/auth/tokens.js";
import * as tables from "../src/db/tables.js";
import { demoClientAccountId } from "../src/demo/identity.js";
import { seedDemo } from "../src/demo/seed.js";
import { data, startTestApp, type TestApp } from "./support/app.js";

/**
 * One declared list of the kinds of record held on a family (src/accountability/family-records.ts)
 * serves retention and a person's export: a table that holds a family's data and is not in it
 * would outlive the family's term, and be missing from the person's file, unnoticed.
 */

/** Tables with a family_id that are not a family's records, and why. */
const NOT_A_FAMILY_RECORD: Record<string, string> = {
  access_log: "the log of who looked outlives what they looked at (docs/decisions/0007, 0008)",
};

const tableName = (table: PgTable) => getTableConfig(table).name;

describe("the kinds of record held on a family", () => {
  it("are all declared: every table with a family_id is in the list, or said not to be a family's record", () => {
    const declared = new Set(FAMILY_RECORDS.map((record) => tableName(record.table)));
    const holding = (Object.values(tables) as unknown[])
      .filter((table): table is PgTable => is(table, PgTable))
      .filter((table) => Object.values(getTableColumns(table)).some((column) => column.name === "family_id"))
      .map(tableName);
    expect(holding.length).toBeGreaterThan(20);
    expect(holding.filter((name) => !declared.has(name) && !(name in NOT_A_FAMILY_RECORD))).toEqual([]);
    expect(declared.has("families")).toBe(true);
  });

  it("are each one kind of retention's report, with the persons no family names any more", () => {
    expect(REMOVED_KINDS).toEqual([...FAMILY_RECORDS.map((record) => record.kind), "persons"]);
    expect(new Set(REMOVED_KINDS).size).toBe(REMOVED_KINDS.length);
  });

  describe("in a person's export", () => {
    let demo: TestApp;
    beforeAll(async () => {
      demo = await startTestApp();
      await seedDemo(demo.database.db, demo.clock.now());
    });
    afterAll(() => demo?.close());

    it("each have their section, or are named among what it leaves out", async () => {
      const token = `Bearer ${signClientToken(demo.config, demoClientAccountId("linda.bakker@groningen.client.demo"))}`;
      type Doc = Record<string, unknown> & { households: Record<string, unknown>[]; notIncluded: { what: string }[] };
      const doc = data(await demo.gqlWithHeader<{ myData: Doc }>("{ myData }", token)).myData;
      expect(doc.households.length).toBeGreaterThan(0);
      const household = doc.households[0]!;
      const plan = household.plan as Record<string, unknown>;
      expect(plan).not.toBeNull();
      for (const record of FAMILY_RECORDS) {
        if (!("section" in record.export)) continue;
        const [top, second, third] = record.export.section.split(".") as [string, string?, string?];
        expect(doc, record.kind).toHaveProperty(top);
        if (top !== "households" || !second) continue;
        // A household holds its sections; its plan holds the plan's parts.
        if (second === "plan" && third) expect(plan, record.kind).toHaveProperty(third);
        else expect(household, record.kind).toHaveProperty(second);
      }
      for (const left of NOT_IN_EXPORT) expect(doc.notIncluded.map((entry) => entry.what)).toContain(left.what);
    });
  });
});
