import { isObjectType } from "graphql";
import { buildBareSchema } from "../schema.js";
import { permissions } from "./permissions.js";

/** Every object field of the schema with the rule that guards it, or MISSING. */
export async function permissionTable(): Promise<{ type: string; field: string; rule: string | null }[]> {
  const schema = await buildBareSchema();
  const rows: { type: string; field: string; rule: string | null }[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.keys(type.getFields())) {
      rows.push({ type: type.name, field, rule: permissions[type.name]?.[field]?.name ?? null });
    }
  }
  return rows.sort((a, b) => `${a.type}.${a.field}`.localeCompare(`${b.type}.${b.field}`));
}

/** The committed snapshot: a permission change shows up in review as a change to this file. */
export async function permissionSnapshot(): Promise<string> {
  const rows = await permissionTable();
  return `${rows.map((row) => `${row.type}.${row.field}: ${row.rule ?? "MISSING"}`).join("\n")}\n`;
}
