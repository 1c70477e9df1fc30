import DataLoader from "dataloader";
import { and, asc, eq, inArray, or } from "drizzle-orm";
import { z } from "zod";
import { CARE_ROLES, CRISIS_ROLES } from "../../access/roles.js";
import type { Caller } from "../../auth/caller.js";
import type { AuthenticatedContext, RequestContext } from "../../context.js";
import { inTransaction } from "../../accountability/access-log/transaction.js";
import type { Db } from "../../db/database.js";
import { groupBy, perFamily } from "../../db/per-family.js";
import { ageOn, today } from "../../dates.js";
import { badInput, conflict } from "../../errors.js";
import { addHousehold, checkListedMembers, householdMemberSchema, MAX_HOUSEHOLD_SIZE } from "../../families/service.js";
import { families } from "../../families/tables.js";
import type { Relation } from "../../families/types.js";
import { NO_REGION } from "../../ids.js";
import { notify } from "../../notifications/service.js";
import { partners, professionals } from "../../organisations/tables.js";
import { readPage, type Page, type PageArgs } from "../../pagination/page.js";
import { professionalScope } from "../../pagination/cursor.js";
import { pageOfRows, seekAfter, seekKey, seekOrder, type SeekColumn } from "../../pagination/seek.js";
import { parseInput, text } from "../../validation.js";
import { recordPhase } from "../phase-moves.js";
import { concernMembers, concerns } from "../tables.js";
import { openHouseholdOf } from "./household.js";
import { activeProfessionalOfRegion, settingsRow } from "./settings.js";
import type { Concern, ConcernInput, ConcernMember, ConcernReceipt, ConcernRoute, ConcernStatus } from "./types.js";
import { recordWrite } from "../../accountability/access-log/writes.js";

type ConcernRow = typeof concerns.$inferSelect;

export const toConcern = (row: ConcernRow): Concern => ({
  id: row.id,
  route: row.route as ConcernRoute,
  crisis: row.crisis,
  status: row.status as ConcernStatus,
  submittedAt: row.submittedAt,
  submittedById: row.submittedBy,
  submittedBy: null,
  partner: null,
  label: row.label,
  description: row.description,
  discussedWithFamily: row.discussedWithFamily,
  notDiscussedReason: row.notDiscussedReason,
  members: [],
  familyId: row.familyId,
  ownerId: row.submittedBy,
  partnerId: row.partnerId,
  // Only a crisis opens the concern to the partner it was routed to.
  crisisPartnerId: row.crisis ? row.routedToPartnerId : null,
});

/** Per-request loaders: a family's concerns, a concern's listed household. Scoped to the region. */
export function concernLoaders(db: Db, caller: Caller | null) {
  const regionId = caller?.regionId ?? NO_REGION;
  return {
    concernsOfFamily: perFamily(db, regionId, concerns, concerns.submittedAt, toConcern),
    // Each member with its family's phase: the coordinator reads the BSNs to screen, and only then.
    concernMembers: new DataLoader<string, (typeof concernMembers.$inferSelect & { familyPhase: string })[]>(async (concernIds) => {
      const rows = await db
        .select({ member: concernMembers, familyPhase: families.phase })
        .from(concernMembers)
        .innerJoin(concerns, eq(concerns.id, concernMembers.concernId))
        .innerJoin(families, eq(families.id, concerns.familyId))
        .where(and(inArray(concernMembers.concernId, [...concernIds]), eq(concernMembers.regionId, regionId)))
        .orderBy(asc(concernMembers.position));
      return groupBy(concernIds, rows, (row) => row.member.concernId, (row) => ({ ...row.member, familyPhase: row.familyPhase }));
    }),
  };
}

/** The household a concern listed, each member carrying what the rules decide from. */
export async function membersOfConcern(ctx: RequestContext, concern: Concern): Promise<ConcernMember[]> {
  const rows = await ctx.loaders.concernMembers.load(concern.id);
  return rows.map((row) => ({
    bsn: row.bsn,
    givenName: row.givenName,
    familyName: row.familyName,
    birthDate: row.birthDate,
    relation: row.relation as Relation,
    legalCustody: row.legalCustody,
    familyId: concern.familyId,
    ownerId: concern.ownerId,
    crisisPartnerId: concern.crisisPartnerId,
    awaitingScreening: row.familyPhase === "SIGNALLED",
  }));
}

/** The newest first; of one moment by id. */
const CONCERN_ORDER: SeekColumn[] = [
  { column: concerns.submittedAt, descending: true },
  { column: concerns.id, descending: true },
];

/**
 * The concerns the caller may see: their own, those of the families they keep (regisseur or
 * process lead), and — at the crisis partner — the crises routed to it. One statement; the same
 * conditions as the concern rules, so nothing listed is then refused field by field. A page at a time.
 */
export async function listConcerns(ctx: AuthenticatedContext, openOnly: boolean, args: PageArgs): Promise<Page<Concern>> {
  const { caller } = ctx;
  const page = readPage(professionalScope(caller, `concerns:${openOnly}`), args, CONCERN_ORDER.length);
  const atCrisisPartner = caller.roles.some((role) => CRISIS_ROLES.includes(role))
    ? and(eq(concerns.crisis, true), eq(concerns.routedToPartnerId, caller.partnerId))
    : undefined;
  const rows = await ctx.db
    .select({ concern: concerns, seekKey: seekKey(CONCERN_ORDER) })
    .from(concerns)
    .innerJoin(families, eq(families.id, concerns.familyId))
    .where(
      and(
        eq(concerns.regionId, caller.regionId),
        or(
          eq(concerns.submittedBy, caller.professionalId),
          eq(families.regisseurId, caller.professionalId),
          eq(families.processLeadId, caller.professionalId),
          atCrisisPartner,
        ),
        openOnly ? eq(concerns.status, "ROUTED") : undefined,
        seekAfter(CONCERN_ORDER, page.after),
      ),
    )
    .orderBy(...seekOrder(CONCERN_ORDER))
    .limit(page.size + 1);
  return pageOfRows(page, rows, (row) => toConcern(row.concern));
}

const concernSchema = z
  .object({
    label: text(200),
    members: householdMemberSchema
      .omit({ validFrom: true })
      .array()
      .min(1, "list the household's members")
      .max(MAX_HOUSEHOLD_SIZE, `a household has at most ${MAX_HOUSEHOLD_SIZE} members`),
    description: text(5000),
    discussedWithFamily: z.boolean(),
    notDiscussedReason: text(2000).nullish(),
    crisis: z.boolean(),
  })
  .superRefine((input, issues) => {
    if (!input.discussedWithFamily && !input.notDiscussedReason) {
      issues.addIssue({ code: "custom", path: ["notDiscussedReason"], message: "required when the concern was not discussed with the family: say why not" });
    }
    if (input.discussedWithFamily && input.notDiscussedReason) {
      issues.addIssue({ code: "custom", path: ["notDiscussedReason"], message: "only for a concern not discussed with the family" });
    }
  });

/** Where a crisis is announced at the crisis partner: its managers, or without any its care workers. */
async function crisisRecipients(tx: AuthenticatedContext, partnerId: string): Promise<string[]> {
  const staff = await tx.db
    .select({ id: professionals.id, roles: professionals.roles })
    .from(professionals)
    .where(and(eq(professionals.partnerId, partnerId), eq(professionals.regionId, tx.caller.regionId), eq(professionals.active, true)));
  const managers = staff.filter((row) => row.roles.includes("PARTNER_MANAGER"));
  const chosen = managers.length > 0 ? managers : staff.filter((row) => row.roles.some((role) => CARE_ROLES.includes(role as (typeof CARE_ROLES)[number])));
  return chosen.map((row) => row.id);
}

/**
 * A care worker's concern (aanmelding) about a household, routed by the region's rules (002 §3):
 * no child under 18 → the Meldpunt Zorg en Overlast; a crisis → youth care at once; otherwise
 * the coordinator, for screening. A household already in the approach gets the concern attached
 * — and the submitter an answer exactly like for a new household: whether a family is known is
 * not theirs to learn. Every check that can fail is made before looking for the household, so
 * no error can tell the two apart either.
 */
export async function registerConcern(ctx: AuthenticatedContext, raw: ConcernInput): Promise<ConcernReceipt> {
  const input = parseInput(concernSchema, raw, "input");
  const day = today(ctx);
  checkListedMembers(input.members, day);
  const minors = input.members.some((member) => member.relation === "CHILD" && ageOn(member.birthDate, day) < 18);
  if (minors && !input.members.some((member) => member.relation === "PARENT")) {
    throw badInput("input.members", "a household needs at least one parent");
  }
  const ownerId = ctx.caller.professionalId;
  const settings = await settingsRow(ctx);
  if (!settings) {
    throw conflict("intake: your region has no intake configured (no Meldpunt, coordinator or crisis partner); ask your covenant administrator to set the process settings.");
  }

  // Data minimisation: a household without minor children is not ours. Nothing about it is
  // stored — not the concern, not the people — the answer only says where it belongs.
  if (!minors) {
    return { route: "NOT_TAKEN_IN", concern: null, meldpunt: { name: settings.meldpuntName, contact: settings.meldpuntContact }, ownerId };
  }

  const route: ConcernRoute = input.crisis ? "CRISIS" : "SCREENING";
  const row = await inTransaction(ctx, async (tx) => {
    const coordinator = await activeProfessionalOfRegion(tx, settings.intakeCoordinatorId);
    if (!coordinator) throw conflict("intake: your region has no active intake coordinator; ask your covenant administrator to set one.");
    const crisisPartnerId = input.crisis ? await crisisPartnerOf(tx, settings.crisisPartnerId) : null;

    const known = await openHouseholdOf(tx, input.members, day);
    const family = known ?? (await signalFamily(tx, input.label, coordinator, input.members, day));
    const [concern] = await tx.db
      .insert(concerns)
      .values({
        regionId: tx.caller.regionId,
        familyId: family.id,
        submittedBy: tx.caller.professionalId,
        partnerId: tx.caller.partnerId,
        submittedAt: tx.now(),
        description: input.description,
        discussedWithFamily: input.discussedWithFamily,
        notDiscussedReason: input.notDiscussedReason ?? null,
        crisis: input.crisis,
        route,
        routedToPartnerId: crisisPartnerId,
        routedToProfessionalId: family.processLeadId,
        label: input.label,
      })
      .returning();
    await tx.db.insert(concernMembers).values(
      input.members.map((member, position) => ({
        regionId: tx.caller.regionId,
        concernId: concern!.id,
        position,
        bsn: member.bsn,
        givenName: member.givenName,
        familyName: member.familyName,
        birthDate: member.birthDate,
        relation: member.relation,
        legalCustody: member.legalCustody,
      })),
    );
    recordWrite(tx, family.id, { data: known ? ["CONCERN"] : ["CONCERN", "FAMILY", "MEMBERS"] });
    await notify(tx, [family.processLeadId, family.regisseurId], { kind: "CONCERN_ROUTED", familyId: family.id, subjectId: concern!.id });
    if (crisisPartnerId) {
      // No family id: the crisis partner reads the concern, and must not learn from an id it
      // has seen before that the household was already known.
      await notify(tx, await crisisRecipients(tx, crisisPartnerId), { kind: "CRISIS_ROUTED", familyId: null, subjectId: concern!.id });
    }
    return concern!;
  });
  ctx.loaders.concernsOfFamily.clear(row.familyId);
  ctx.entitlements.clear(row.familyId);
  return { route, concern: toConcern(row), meldpunt: null, ownerId };
}

/** The region's crisis partner, or CONFLICT: a crisis must not wait in a queue for lack of one. */
async function crisisPartnerOf(tx: AuthenticatedContext, id: string | null): Promise<string> {
  const [row] = id
    ? await tx.db.select({ id: partners.id }).from(partners).where(and(eq(partners.id, id), eq(partners.regionId, tx.caller.regionId)))
    : [];
  if (!row) throw conflict("intake: your region has no crisis partner configured; call youth care directly, and ask your covenant administrator to set one.");
  return row.id;
}

type ListedMember = z.infer<typeof householdMemberSchema>;

/** A new household in the register, phase SIGNALLED, the coordinator its process lead until screening. */
async function signalFamily(
  tx: AuthenticatedContext,
  label: string,
  coordinator: { id: string },
  members: readonly Omit<ListedMember, "validFrom">[],
  day: string,
): Promise<typeof families.$inferSelect> {
  const [family] = await tx.db
    .insert(families)
    .values({
      regionId: tx.caller.regionId,
      name: label,
      regisseurId: null,
      processLeadId: coordinator.id,
      registeredBy: tx.caller.professionalId,
      registeredAt: tx.now(),
      phase: "SIGNALLED",
    })
    .returning();
  await recordPhase(tx, family!.id, "SIGNALLED", null);
  await addHousehold(tx, family!.id, members, day);
  return family!;
}

/** Marks a family's open concerns as screened or closed ("regular care, unless"). */
export async function settleConcerns(tx: AuthenticatedContext, familyId: string, status: Exclude<ConcernStatus, "ROUTED">): Promise<void> {
  await tx.db
    .update(concerns)
    .set({ status })
    .where(and(eq(concerns.familyId, familyId), eq(concerns.regionId, tx.caller.regionId), eq(concerns.status, "ROUTED")));
}
