import type { EntitlementLoader } from "../../covenant/decisions/loader.js";
import type { RequestContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { actorOf } from "./actor.js";
import { appendEntries, type NewEntry } from "./append.js";
import { basisOf } from "./basis.js";
import type { Pending } from "./recorder.js";

/**
 * Writes a request's reads: one INSERT, committed on its own before the answer is sent. The
 * caller's entitlements to the families gathered are loaded first (cached: the rules loaded
 * nearly all of them).
 */
export async function writeRequestLog(ctx: RequestContext): Promise<void> {
  const gathered = ctx.access.take();
  if (gathered.length === 0) return;
  await writeEntries(ctx, ctx.db, ctx.entitlements, gathered);
}

/**
 * Makes gathered entries into log entries — the actor, the basis from the caller's entitlement
 * (already loaded by the rules in nearly every case), the BSN subjects to digest — and writes
 * them through `db` in one statement: inside a mutation, its transaction.
 */
export async function writeEntries(ctx: RequestContext, db: Db, entitlements: EntitlementLoader, gathered: Pending[]): Promise<void> {
  if (gathered.length === 0) return;
  const actor = actorOf(ctx);
  if (!actor) throw new Error("Personal data recorded for a request without an actor.");
  const occurredAt = ctx.now();
  // Loaded together: one batched statement at most, none when the rules loaded them already.
  const entitlementOf = await Promise.all(gathered.map((entry) => (entry.familyId && ctx.caller ? entitlements.load(entry.familyId) : null)));
  const entries = gathered.map((entry, index): NewEntry => {
    const { basis, emergency } = basisOf(entry.rules, entitlementOf[index] ?? null);
    return {
      occurredAt,
      requestId: ctx.requestId,
      ...actor,
      action: entry.action,
      operation: entry.operation,
      familyId: entry.familyId,
      personIds: [...entry.personIds].sort(),
      subject: entry.subject,
      data: [...entry.data].sort(),
      basis,
      emergency,
    };
  });
  await appendEntries(db, entries);
}
