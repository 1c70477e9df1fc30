import { and, desc, eq, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import { REGISTER_ROLES } from "../../access/roles.js";
import type { AuthenticatedContext } from "../../context.js";
import { inTransaction } from "../../accountability/access-log/transaction.js";
import { recordWrite } from "../../accountability/access-log/writes.js";
import { familyGate, requireFamily } from "../../covenant/decisions/gate.js";
import { KEEPER } from "../../covenant/decisions/needs.js";
import { keepsFamily } from "../../covenant/decisions/predicates.js";
import { rowsOf } from "../../db/rows.js";
import { today } from "../../dates.js";
import { badInput, conflict, forbidden, notFound } from "../../errors.js";
import { normalizeId } from "../../ids.js";
import { recordPhase } from "../../process/phase-moves.js";
import { parseInput, text } from "../../validation.js";
import { addHousehold } from "../service.js";
import { contactDetails, families, familyMemberships, memberOn, persons, regionHandovers, type HandedOverHousehold } from "../tables.js";
import type { RegionHandover } from "./handover-types.js";

/*
 * A household moving to another region (issue 16 §2) is handed over, not copied: the sending
 * keeper closes the family here and offers the household — members and address, nothing of the
 * plan, which the sending region's covenant governs — to the receiving region; a process lead
 * there takes it in as a new family (SIGNALLED, to be screened), and the offer forgets the
 * household. At no moment is the household open in both regions.
 */

type Row = typeof regionHandovers.$inferSelect;

const HANDING_OVER = familyGate({
  operations: ["Mutation.handOverToRegion"],
  need: KEEPER,
  refusal: "Only the family's regisseur or process lead hands it over to another region.",
  lock: "update",
});

const toHandover = (row: Row, regionId: string): RegionHandover => ({
  id: row.id,
  direction: row.fromRegionId === regionId ? "OUTGOING" : "INCOMING",
  fromRegion: row.fromRegionName,
  status: row.status as RegionHandover["status"],
  offeredAt: row.offeredAt,
  acceptedAt: row.acceptedAt,
  note: row.note,
  // The receiving region reads the household while it is offered; the sender knows it already.
  household: row.toRegionId === regionId && row.household ? { name: row.household.name, address: row.household.address, members: row.household.members } : null,
  ownerRegionId: regionId,
});

export async function handOverToRegion(ctx: AuthenticatedContext, rawFamilyId: string, rawRegion: string, rawNote: string | null | undefined): Promise<RegionHandover> {
  const note = parseInput(text(2000).nullish(), rawNote, "note") ?? null;
  const code = parseInput(text(100), rawRegion, "toRegion");
  const row = await inTransaction(ctx, async (tx) => {
    const { familyId } = await requireFamily(tx, rawFamilyId, HANDING_OVER);
    const [target] = rowsOf<{ id: string; name: string }>(await tx.db.execute(sql`select id, name from app_region_by_code(${code})`));
    if (!target || target.id === tx.caller.regionId) throw badInput("toRegion", "not another region");
    const [family] = await tx.db.select().from(families).where(eq(families.id, familyId));
    if (family!.phase === "CLOSED") throw conflict("familyId: the family is closed; a closed family is not handed over.");
    const [open] = await tx.db.select({ id: regionHandovers.id }).from(regionHandovers).where(and(eq(regionHandovers.fromFamilyId, familyId), eq(regionHandovers.status, "OFFERED")));
    if (open) throw conflict("familyId: this family is offered to another region already.");
    const day = today(tx);
    const members = await tx.db
      .select({ bsn: persons.bsn, givenName: persons.givenName, familyName: persons.familyName, birthDate: persons.birthDate, relation: familyMemberships.relation, legalCustody: familyMemberships.legalCustody })
      .from(familyMemberships)
      .innerJoin(persons, eq(persons.id, familyMemberships.personId))
      .where(and(eq(familyMemberships.familyId, familyId), sql`${memberOn(day)}`));
    const [address] = await tx.db
      .select({ value: contactDetails.value })
      .from(contactDetails)
      .where(and(eq(contactDetails.familyId, familyId), isNull(contactDetails.personId), eq(contactDetails.kind, "ADDRESS"), isNull(contactDetails.validTo)));
    const household: HandedOverHousehold = { name: family!.name, members, address: address?.value ?? null };
    const [regionRow] = rowsOf<{ name: string }>(await tx.db.execute(sql`select name from regions where id = ${tx.caller.regionId}`));
    const [offered] = await tx.db
      .insert(regionHandovers)
      .values({
        fromRegionId: tx.caller.regionId,
        toRegionId: target.id,
        fromRegionName: regionRow?.name ?? "",
        fromFamilyId: familyId,
        household,
        note,
        offeredBy: tx.caller.professionalId,
        offeredAt: tx.now(),
      })
      .returning();
    // The file closes here: the household is the receiving region's to take in.
    await recordPhase(tx, familyId, "CLOSED", `Handed over to ${target.name}.`);
    recordWrite(tx, familyId, { data: ["PHASE", "REGION_HANDOVER"] });
    return offered!;
  });
  ctx.entitlements.clear(row.fromFamilyId!);
  ctx.loaders.phaseHistory.clear(row.fromFamilyId!);
  return toHandover(row, ctx.caller.regionId);
}

/** The hand-overs the caller's region receives, and those it sent of families the caller keeps or sent; newest first (a process lead or project leader). */
export async function listHandovers(ctx: AuthenticatedContext): Promise<RegionHandover[]> {
  if (!ctx.caller.roles.some((role) => REGISTER_ROLES.includes(role))) throw forbidden("Only process leads and project leaders see hand-overs between regions.");
  const rows = await ctx.db
    .select()
    .from(regionHandovers)
    .where(or(eq(regionHandovers.fromRegionId, ctx.caller.regionId), eq(regionHandovers.toRegionId, ctx.caller.regionId)))
    .orderBy(desc(regionHandovers.offeredAt))
    .limit(100);
  // An outgoing one is the family's business: its keepers' and its sender's, not every process lead's here.
  const readable = await Promise.all(
    rows.map(async (row) => {
      if (row.toRegionId === ctx.caller.regionId || row.offeredBy === ctx.caller.professionalId) return true;
      const entitlement = row.fromFamilyId ? await ctx.entitlements.load(row.fromFamilyId) : null;
      return Boolean(entitlement) && keepsFamily(entitlement!);
    }),
  );
  return rows.filter((_row, index) => readable[index]).map((row) => toHandover(row, ctx.caller.regionId));
}

const householdSchema = z.object({
  name: z.string(),
  members: z.array(z.object({ bsn: z.string(), givenName: z.string(), familyName: z.string(), birthDate: z.string(), relation: z.enum(["PARENT", "CHILD", "PARTNER", "OTHER"]), legalCustody: z.boolean() })),
  address: z.string().nullable(),
});

/**
 * Takes an offered household in (a process lead or project leader of the receiving region): a new
 * family, SIGNALLED with the caller as its process lead, its members and address; the offer then
 * keeps no personal data. CONFLICT once taken in.
 */
export async function acceptHandover(ctx: AuthenticatedContext, rawId: string): Promise<{ handover: RegionHandover; familyId: string }> {
  if (!ctx.caller.roles.some((role) => REGISTER_ROLES.includes(role))) throw forbidden("Only a process lead or project leader takes a household in.");
  const id = normalizeId(rawId);
  const result = await inTransaction(ctx, async (tx) => {
    const [row] = id ? await tx.db.select().from(regionHandovers).where(and(eq(regionHandovers.id, id), eq(regionHandovers.toRegionId, tx.caller.regionId))).for("update") : [];
    if (!row) throw notFound("Region hand-over");
    if (row.status !== "OFFERED" || !row.household) throw conflict("handoverId: this household was taken in already.");
    const household = householdSchema.parse(row.household);
    const [family] = await tx.db
      .insert(families)
      .values({ regionId: tx.caller.regionId, name: household.name, regisseurId: null, processLeadId: tx.caller.professionalId, registeredBy: tx.caller.professionalId, registeredAt: tx.now(), phase: "SIGNALLED" })
      .returning();
    await recordPhase(tx, family!.id, "SIGNALLED", `Handed over from ${row.fromRegionName}.`);
    await addHousehold(tx, family!.id, household.members, today(tx));
    if (household.address) {
      await tx.db.insert(contactDetails).values({ regionId: tx.caller.regionId, familyId: family!.id, personId: null, kind: "ADDRESS", value: household.address, validFrom: tx.now(), recordedBy: tx.caller.professionalId });
    }
    const [accepted] = await tx.db.update(regionHandovers).set({ status: "ACCEPTED", acceptedAt: tx.now(), household: null }).where(eq(regionHandovers.id, row.id)).returning();
    recordWrite(tx, family!.id, { data: ["FAMILY", "MEMBERS", "CONTACT", "REGION_HANDOVER"] });
    return { handover: toHandover(accepted!, tx.caller.regionId), familyId: family!.id };
  });
  return result;
}
