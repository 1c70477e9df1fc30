import { eq } from "drizzle-orm";
import { z } from "zod";
import type { AuthenticatedContext } from "../../context.js";
import { badInput, conflict, forbidden } from "../../errors.js";
import { persons } from "../../families/tables.js";
import { deliver } from "../../notifications/service.js";
import { day, parseInput, text } from "../../validation.js";
import { inTransaction } from "../access-log/transaction.js";
import { recordRightsWrite } from "./recording.js";
import { lockRequestToDecide } from "./requests.js";
import { personCorrections, rightsRequests } from "./tables.js";
import { CORRECTABLE_FIELDS, type CorrectableField, type RectificationInput } from "./types.js";

type RequestRow = typeof rightsRequests.$inferSelect;

/*
 * Carrying out a granted rectification (AVG art. 16): the one who decided it corrects the
 * register row the request was filed through, once. The row then holds the corrected value and
 * person_corrections what it held before, so the client sees both the result and what changed.
 * Only that row: a BSN in two households has a row in each, and one household's keepers do not
 * change what another's register holds. A BSN is the BRP's, never corrected here.
 */

const correctionSchema = z
  .object({ givenName: text(100).nullish(), familyName: text(100).nullish(), birthDate: day.nullish() })
  .refine((input) => CORRECTABLE_FIELDS.some((field) => input[field]), { message: "give at least one corrected detail: givenName, familyName or birthDate" });

/**
 * Applies the correction: NOT_FOUND for whoever does not decide the request (as for none);
 * FORBIDDEN for a keeper who did not decide it; CONFLICT unless it is a granted rectification of
 * the person's details not yet carried out; BAD_USER_INPUT naming a field that would not change.
 */
export async function applyRectification(ctx: AuthenticatedContext, rawId: string, raw: RectificationInput): Promise<RequestRow> {
  const input = parseInput(correctionSchema, raw, "correction");
  const applied = await inTransaction(ctx, async (tx) => {
    const row = await lockRequestToDecide(tx, rawId);
    if (row.kind !== "RECTIFICATION" || row.status !== "GRANTED" || row.signalId) {
      throw conflict(`requestId: only a granted rectification of a person's details is carried out here (this one is ${row.kind} ${row.status}${row.signalId ? ", about a signal" : ""}).`);
    }
    if (row.decidedBy !== tx.caller.professionalId) throw forbidden("requestId: only the one who decided this request carries it out.");
    if (row.appliedAt) throw conflict("requestId: this rectification was already carried out.");

    const [person] = await tx.db.select().from(persons).where(eq(persons.id, row.personId)).for("update");
    const changes = CORRECTABLE_FIELDS.flatMap((field) => {
      const corrected = input[field];
      if (!corrected) return [];
      if (corrected === person![field]) throw badInput(`correction.${field}`, "the register already holds this value");
      return [{ field, previous: person![field], corrected }];
    });
    const now = tx.now();
    await tx.db
      .update(persons)
      .set(Object.fromEntries(changes.map((change) => [change.field, change.corrected])) as Partial<Record<CorrectableField, string>>)
      .where(eq(persons.id, person!.id));
    await tx.db.insert(personCorrections).values(
      changes.map((change) => ({ ...change, regionId: row.regionId, personId: person!.id, requestId: row.id, correctedAt: now, correctedBy: tx.caller.professionalId })),
    );
    const [done] = await tx.db
      .update(rightsRequests)
      .set({ appliedAt: now, appliedBy: tx.caller.professionalId })
      .where(eq(rightsRequests.id, row.id))
      .returning();
    recordRightsWrite(tx, { regionId: row.regionId, bsn: person!.bsn, personId: person!.id }, ["Person", "RightsRequest"]);
    // A professional who filed it on the client's behalf is told; the client reads it in myRequests.
    await deliver(tx.db, tx.caller.regionId, tx.caller.professionalId, now, [row.filedByProfessional], {
      kind: "RIGHTS_REQUEST_APPLIED",
      familyId: row.familyId,
      subjectId: row.id,
    });
    return done!;
  });
  // The household's members are read afresh in this request: the register row changed.
  if (applied.familyId) ctx.loaders.members.clear(applied.familyId);
  return applied;
}
