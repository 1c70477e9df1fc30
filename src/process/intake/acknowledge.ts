import { and, eq } from "drizzle-orm";
import type { AuthenticatedContext } from "../../context.js";
import { inTransaction } from "../../accountability/access-log/transaction.js";
import { recordWrite } from "../../accountability/access-log/writes.js";
import { keepsFamily } from "../../covenant/decisions/predicates.js";
import { conflict, notFound } from "../../errors.js";
import { families } from "../../families/tables.js";
import { normalizeId } from "../../ids.js";
import { concerns } from "../tables.js";
import { toConcern } from "./service.js";
import type { Concern, ConcernAcknowledgement, ConcernStatus } from "./types.js";

/*
 * A concern about a household that is already in the approach is attached to its family, and
 * screening, which settles a new household's concerns, is long done. Its keepers acknowledge it
 * instead: taken into the plan, or regular care suffices. Both give the statuses a screening
 * gives, so the submitter, reading their concern's status, cannot tell a known household from a
 * new one — left ROUTED for ever, it would tell them exactly that.
 */

const STATUS_OF: Record<ConcernAcknowledgement, Exclude<ConcernStatus, "ROUTED">> = {
  TAKEN_INTO_PLAN: "SCREENED",
  REGULAR_CARE: "CLOSED_REGULAR",
};

/**
 * Settles one ROUTED concern, by the family's regisseur or process lead. NOT_FOUND for anyone
 * else, exactly as for no concern: a submitter who is involved in the family must not learn from
 * a FORBIDDEN that their concern went to it. CONFLICT when it is settled already, or when the
 * family still waits for screening (which settles it).
 */
export async function acknowledgeConcern(ctx: AuthenticatedContext, rawId: string, acknowledgement: ConcernAcknowledgement): Promise<Concern> {
  const id = normalizeId(rawId);
  const row = await inTransaction(ctx, async (tx) => {
    const [concern] = id
      ? await tx.db
          .select()
          .from(concerns)
          .where(and(eq(concerns.id, id), eq(concerns.regionId, tx.caller.regionId)))
          .for("update")
      : [];
    if (!concern) throw notFound("Concern");
    // Decided under the family's lock: a hand-over of regie cannot slip between check and write.
    const [family] = await tx.db.select({ phase: families.phase }).from(families).where(eq(families.id, concern.familyId)).for("share");
    tx.entitlements.clear(concern.familyId);
    const entitlement = await tx.entitlements.load(concern.familyId);
    if (!family || !entitlement || !keepsFamily(entitlement)) throw notFound("Concern");
    if (concern.status !== "ROUTED") throw conflict(`concernId: this concern is settled already (${concern.status}).`);
    if (family.phase === "SIGNALLED") throw conflict("concernId: the household waits for its screening, which settles this concern (screenFamily).");
    const [settled] = await tx.db.update(concerns).set({ status: STATUS_OF[acknowledgement] }).where(eq(concerns.id, concern.id)).returning();
    recordWrite(tx, concern.familyId, { data: ["CONCERN"] });
    return settled!;
  });
  ctx.loaders.concernsOfFamily.clear(row.familyId);
  return toConcern(row);
}
