import { isObjectType } from "graphql";
import { gatedOperations } from "../covenant/decisions/gate.js";
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
 * The operations through the family gate (covenant/decisions/gate.ts), one line per operation
 * and gate, as the gates declare them; the schema has been built, so every declaration is
 * loaded. An operation the schema does not have is an error, not a line.
 */
async function gateLines(): Promise<string[]> {
  const mutations = (await buildBareSchema()).getMutationType()?.getFields() ?? {};
  return gatedOperations().map(({ operation, need, lock, note }) => {
    const [type, field] = operation.split(".");
    if (type !== "Mutation" || !field || !mutations[field]) throw new Error(`A family gate declares ${operation}, which the schema does not have.`);
    return `${operation}: ${need}${lock ? `; family row locked for ${lock}` : ""}${note ? `; ${note}` : ""}`;
  });
}

/**
 * The committed snapshot: a permission change shows up in review as a change to this file. It
 * ends with the entry rules of each type guarded at entry (widening them widens who reaches
 * every field of that type), and with the operations through the family gate and what each
 * needs of the family.
 */
export async function permissionSnapshot(): Promise<string> {
  const rows = await permissionTable();
  const entries = Object.entries(entryGuards)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, rules]) => `${type}: entered under ${rules.map((rule) => rule.name).join(" | ")}`);
  return [
    rows.map((row) => `${row.type}.${row.field}: ${row.rule ?? "MISSING"}`).join("\n"),
    "",
    "# Types guarded at entry, and the rules every field returning them must carry",
    entries.join("\n"),
    "",
    "# Operations through the family gate (src/covenant/decisions/gate.ts), and what each needs of the family:",
    "# NOT_FOUND, as for no such family, to a caller below DAT; FORBIDDEN to one who knows the family but lacks the need",
    (await gateLines()).join("\n"),
    "",
  ].join("\n");
}
