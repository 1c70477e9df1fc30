import "reflect-metadata";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { permissions } from "../src/access/permissions.js";
import { permissionSnapshot, permissionTable } from "../src/access/snapshot.js";
import { emitSdl } from "../src/schema.js";

const committed = (file: string) => readFileSync(new URL(`../schema/${file}`, import.meta.url), "utf8");

describe("the schema and its permissions", () => {
  it("has a rule for every field of every object type, Query and Mutation included", async () => {
    const missing = (await permissionTable()).filter((row) => row.rule === null).map((row) => `${row.type}.${row.field}`);
    expect(missing).toEqual([]);
  });

  it("has no rule for a type or field the schema does not have (a renamed field keeps no stale rule)", async () => {
    const present = new Set((await permissionTable()).map((row) => `${row.type}.${row.field}`));
    const stale = Object.entries(permissions).flatMap(([type, fields]) =>
      Object.keys(fields).map((field) => `${type}.${field}`).filter((name) => !present.has(name)),
    );
    expect(stale).toEqual([]);
  });

  it("matches the committed SDL (run `npm run schema:emit` after a schema change)", async () => {
    expect(await emitSdl()).toBe(committed("schema.graphql"));
  });

  it("matches the committed permission snapshot (run `npm run schema:emit` and review the diff)", async () => {
    expect(await permissionSnapshot()).toBe(committed("permissions.txt"));
  });
});
