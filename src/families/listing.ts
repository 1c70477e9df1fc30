import { and, asc, eq, gt, ilike, or, type SQL } from "drizzle-orm";
import { REGISTER_ROLES } from "../access/roles.js";
import type { AuthenticatedContext } from "../context.js";
import { isInvolved, keepsFamily, knowsFamily, seesProcess } from "../covenant/decisions/predicates.js";
import type { Entitlement } from "../covenant/decisions/entitlement.js";
import { badInput, forbidden } from "../errors.js";
import { readPage, toPage, type Page, type PageArgs } from "../pagination/page.js";
import { professionalScope } from "../pagination/cursor.js";
import { text } from "../validation.js";
import type { FamilyFilter } from "./listing-types.js";
import { toFamily } from "./service.js";
import { families } from "./tables.js";
import type { Family } from "./types.js";

/** Rows read per round while looking for a page of families the caller may know of. */
const BATCH = 200;

/** `name` only for the keepers of the register; escaped so that % and _ match themselves. */
function nameCondition(ctx: AuthenticatedContext, name: string | null | undefined): SQL | undefined {
  if (name === null || name === undefined) return undefined;
  if (!ctx.caller.roles.some((role) => REGISTER_ROLES.includes(role))) {
    throw forbidden("filter.name: only keepers of the register (process leads, project leaders) search families by name.");
  }
  const parsed = text(200).safeParse(name);
  if (!parsed.success) throw badInput("filter.name", "must be 1 to 200 characters");
  return ilike(families.name, `%${parsed.data.replace(/[\\%_]/g, (match) => `\\${match}`)}%`);
}

/**
 * Every filter applies after the covenant: only to families the caller may already list, and
 * `phase` only where the caller sees the process (the phase is PROCESS data), so no filter can
 * tell a caller anything about a family it may not know.
 */
const passes = (filter: FamilyFilter | null | undefined) => (entitlement: Entitlement | Error | undefined, row: { phase: string }) => {
  if (!entitlement || entitlement instanceof Error || !knowsFamily(entitlement)) return false;
  const mine = keepsFamily(entitlement) || isInvolved(entitlement);
  if (filter?.mine !== null && filter?.mine !== undefined && mine !== filter.mine) return false;
  if (filter?.phase && !(seesProcess(entitlement) && row.phase === filter.phase)) return false;
  return true;
};

/**
 * The families the caller may know of, by name then id, a page at a time. The covenant decides
 * per family (not in SQL), so rows are read in keyset batches and decided until the page (plus
 * one, for hasNextPage) is full; a region holds at most a few hundred families.
 */
export async function pageFamilies(ctx: AuthenticatedContext, args: PageArgs, filter?: FamilyFilter | null): Promise<Page<Family>> {
  const page = readPage(professionalScope(ctx.caller, "families"), args, 2);
  const byName = nameCondition(ctx, filter?.name);
  const keep = passes(filter);
  const found: Family[] = [];
  let seek = page.after ? { name: page.after[0]!, id: page.after[1]! } : null;
  for (;;) {
    const rows = await ctx.db
      .select()
      .from(families)
      .where(
        and(
          eq(families.regionId, ctx.caller.regionId),
          byName,
          filter?.phase ? eq(families.phase, filter.phase) : undefined,
          seek ? or(gt(families.name, seek.name), and(eq(families.name, seek.name), gt(families.id, seek.id))) : undefined,
        ),
      )
      .orderBy(asc(families.name), asc(families.id))
      .limit(BATCH);
    const entitlements = await ctx.entitlements.loadMany(rows.map((row) => row.id));
    rows.forEach((row, index) => {
      if (found.length <= page.size && keep(entitlements[index], row)) found.push(toFamily(row));
    });
    if (found.length > page.size || rows.length < BATCH) break;
    const last = rows.at(-1)!;
    seek = { name: last.name, id: last.id };
  }
  return toPage(page, found, (family) => [family.name ?? "", family.id]);
}
