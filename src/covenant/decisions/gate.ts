import { and, eq } from "drizzle-orm";
import type { Caller } from "../../auth/caller.js";
import type { Db } from "../../db/database.js";
import { conflict, forbidden, notFound } from "../../errors.js";
import { families } from "../../families/tables.js";
import { normalizeId } from "../../ids.js";
import type { Entitlement } from "./entitlement.js";
import type { CovenantInForce } from "./in-force.js";
import type { EntitlementLoader } from "./loader.js";
import type { FamilyNeed } from "./needs.js";
import { knowsFamily, seesProcess } from "./predicates.js";

/*
 * The family gate: how an operation that names a family decides whether the caller may go on.
 * One rule for its two answers (docs/decisions/0001):
 *
 * - NOT_FOUND, exactly as for a family that does not exist, to a caller who may not know the
 *   family exists: below DAT, of another region, or no such family (or no id at all).
 * - FORBIDDEN, with the operation's reason, to a caller who knows the family but lacks what the
 *   operation needs of it (its `need`: the regisseur, the process lead, ...).
 *
 * Every operation that passes a gate is declared on it (`operations`), so the permission
 * snapshot lists them (schema/permissions.txt); a gate passed by an operation it does not
 * declare throws, so a test of that operation fails rather than the list going stale.
 */

/** What the gate reads of a request context: any AuthenticatedContext is one. */
export interface GateContext {
  db: Db;
  caller: Caller;
  entitlements: EntitlementLoader;
  access: { operation: { name: string } | null };
}

export interface FamilyGate {
  /** The operations that pass this gate, as `Mutation.field`. */
  readonly operations: readonly string[];
  readonly need: FamilyNeed;
  /** FORBIDDEN's message for a caller who knows the family but lacks the need. */
  readonly refusal?: string | ((covenant: CovenantInForce) => string);
  /**
   * Lock the family row first, then read the entitlement afresh under the lock: a hand-over of
   * regie (which locks the row for update) cannot slip between the decision and the write.
   */
  readonly lock?: "update" | "share";
  /** A word for the snapshot: when an operation passes this gate only in some cases, or what it decides next. */
  readonly note?: string;
  /**
   * The operations (of `operations`) that change what a family's plan or process holds: refused
   * with CONFLICT once the family is closed (aftercare or closed) until it is reopened, to a
   * caller who sees the family's process (who may know its phase).
   */
  readonly openFamilyOnly?: readonly string[];
}

/** The phases of a closed family: its plan is done; reopening (reopenFamily) returns it to planning. */
const CLOSED_PHASES: readonly string[] = ["AFTERCARE", "CLOSED"];

const declared: FamilyGate[] = [];

/** Declares a gate, next to the operations that pass it; the snapshot lists every one declared. */
export function familyGate(gate: FamilyGate): FamilyGate {
  const frozen = Object.freeze({ ...gate, operations: Object.freeze([...gate.operations]) });
  declared.push(frozen);
  return frozen;
}

/**
 * The caller's entitlement for the family `rawFamilyId` names, once the caller has passed the
 * gate; NOT_FOUND (naming `missing`: the family, or the record it was reached through) or
 * FORBIDDEN otherwise, by the rule above.
 */
export async function requireFamily(ctx: GateContext, rawFamilyId: string, gate: FamilyGate, { missing = "Family" } = {}): Promise<Entitlement> {
  const operation = ctx.access.operation ? `Mutation.${ctx.access.operation.name}` : "A request that is no mutation";
  if (!gate.operations.includes(operation)) {
    throw new Error(`${operation} passes the family gate for "${gate.need.name}" but is not among its declared operations.`);
  }
  const familyId = normalizeId(rawFamilyId);
  if (familyId && gate.lock) {
    await ctx.db
      .select({ id: families.id })
      .from(families)
      .where(and(eq(families.id, familyId), eq(families.regionId, ctx.caller.regionId)))
      .for(gate.lock);
    ctx.entitlements.clear(familyId);
  }
  const entitlement = familyId ? await ctx.entitlements.load(familyId) : null;
  if (!entitlement || !knowsFamily(entitlement)) throw notFound(missing);
  const covenant = await ctx.entitlements.covenant();
  if (!gate.need.allows(entitlement, ctx.caller, covenant)) {
    throw forbidden(typeof gate.refusal === "function" ? gate.refusal(covenant) : gate.refusal);
  }
  // The phase is process data: a caller below PROCESS (an involved care worker raising an
  // escalation) is not refused on it, for the refusal would tell them; the keepers receive it.
  if (gate.openFamilyOnly?.includes(operation) && seesProcess(entitlement)) {
    const [family] = await ctx.db.select({ phase: families.phase }).from(families).where(eq(families.id, entitlement.familyId));
    if (family && CLOSED_PHASES.includes(family.phase)) {
      throw conflict(`familyId: the family is closed (${family.phase}); reopen it (reopenFamily) before changing its plan or process.`);
    }
  }
  return entitlement;
}

/** One line of the snapshot: an operation, what it needs of the family, and under which lock. */
export interface GatedOperation {
  operation: string;
  need: string;
  lock: "update" | "share" | null;
  note: string | null;
}

/** Every operation through the family gate, as declared: sorted, one entry per operation and gate. */
export function gatedOperations(): GatedOperation[] {
  return declared
    .flatMap((gate) =>
      gate.operations.map((operation) => ({
        operation,
        need: gate.need.name,
        lock: gate.lock ?? null,
        note: [gate.note, gate.openFamilyOnly?.includes(operation) ? "CONFLICT while the family is closed (to a caller at PROCESS)" : undefined].filter(Boolean).join("; ") || null,
      })),
    )
    .sort((a, b) => a.operation.localeCompare(b.operation) || a.need.localeCompare(b.need) || (a.note ?? "").localeCompare(b.note ?? ""));
}
