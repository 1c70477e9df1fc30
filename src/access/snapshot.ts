import { isObjectType } from "graphql";
import { buildBareSchema } from "../schema.js";
import { entryGuards, permissions } from "./permissions.js";

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

/**
 * The committed snapshot: a permission change shows up in review as a change to this file. It
 * ends with the entry rules of each type guarded at entry: widening them widens who reaches
 * every field of that type.
 */
export async function permissionSnapshot(): Promise<string> {
  const rows = await permissionTable();
  const entries = Object.entries(entryGuards)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, rules]) => `${type}: entered under ${rules.map((rule) => rule.name).join(" | ")}`);
  return `${rows.map((row) => `${row.type}.${row.field}: ${row.rule ?? "MISSING"}`).join("\n")}\n\n# Types guarded at entry, and the rules every field returning them must carry\n${entries.join("\n")}\n`;
}
