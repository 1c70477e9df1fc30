import { and, asc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Caller } from "../../auth/caller.js";
import type { AuthenticatedContext, RequestContext } from "../../context.js";
import { inTransaction } from "../../accountability/access-log/transaction.js";
import { recordWrite } from "../../accountability/access-log/writes.js";
import { recordRightsRead, recordRightsWrite } from "../../accountability/rights/recording.js";
import { clientSubject } from "../../accountability/rights/subject.js";
import { familyGate, requireFamily } from "../../covenant/decisions/gate.js";
import { KEEPER } from "../../covenant/decisions/needs.js";
import type { Db } from "../../db/database.js";
import { perFamily } from "../../db/per-family.js";
import { today } from "../../dates.js";
import { conflict } from "../../errors.js";
import { NO_REGION } from "../../ids.js";
import { deliver } from "../../notifications/service.js";
import { memberOf } from "../../plan/edit.js";
import { parseInput, text } from "../../validation.js";
import { contactDetails, families, familyMemberships, memberOn } from "../tables.js";
import { CONTACT_KINDS, type ContactDetail, type ContactDetailInput, type ContactKind, type MyContactDetailInput } from "./contact-types.js";

/*
 * Reaching the household (000 §10 "NAW", the outreach approach; 004 home visits): its address
 * and its members' contact details, over time. The current ones are process data: the regisseur
 * and every partner the covenant gives PROCESS can reach the family; the history is its keepers'.
 * The keepers set them; a client corrects their own, and the regisseur is told.
 */

type Row = typeof contactDetails.$inferSelect;

const toDetail = (row: Row, readerKey?: string): ContactDetail => ({
  id: row.id,
  kind: row.kind as ContactKind,
  value: row.value,
  memberId: row.personId,
  validFrom: row.validFrom,
  validTo: row.validTo,
  byClient: row.recordedByClient,
  familyId: row.familyId,
  readerKey,
});

export function contactLoaders(db: Db, caller: Caller | null) {
  return { contactDetails: perFamily(db, caller?.regionId ?? NO_REGION, contactDetails, [contactDetails.validFrom, contactDetails.id], (row) => toDetail(row)) };
}

const SETTING = familyGate({
  operations: ["Mutation.setContactDetail"],
  need: KEEPER,
  refusal: "Only the family's regisseur or process lead records how to reach it.",
  lock: "share",
});

const detailSchema = z.object({ memberId: z.string().nullish(), kind: z.enum(CONTACT_KINDS), value: text(300) });

/** Replaces the current detail of its kind (ends it) and opens the new one, under a lock on that detail (and the table's unique index). */
async function replace(db: Db, at: Date, values: { regionId: string; familyId: string; personId: string | null; kind: string; value: string; recordedBy: string | null; recordedByClient: boolean }): Promise<Row> {
  // Two changes of one detail at once take turns: the second replaces the first.
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`contact:${values.familyId}:${values.personId ?? "household"}:${values.kind}`}, 0))`);
  const samePerson: SQL = values.personId ? eq(contactDetails.personId, values.personId) : isNull(contactDetails.personId);
  const [current] = await db
    .select()
    .from(contactDetails)
    .where(and(eq(contactDetails.familyId, values.familyId), samePerson, eq(contactDetails.kind, values.kind), isNull(contactDetails.validTo)))
    .for("update");
  if (current?.value === values.value) throw conflict(`value: this ${values.kind.toLowerCase()} is the current one already.`);
  if (current) await db.update(contactDetails).set({ validTo: at }).where(eq(contactDetails.id, current.id));
  const [created] = await db.insert(contactDetails).values({ ...values, validFrom: at }).returning();
  return created!;
}

export async function setContactDetail(ctx: AuthenticatedContext, rawFamilyId: string, raw: ContactDetailInput): Promise<ContactDetail> {
  const input = parseInput(detailSchema, raw, "input");
  const row = await inTransaction(ctx, async (tx) => {
    const { familyId } = await requireFamily(tx, rawFamilyId, SETTING);
    const personId = input.memberId ? await memberOf(tx, familyId, input.memberId, "input.memberId") : null;
    const created = await replace(tx.db, tx.now(), { regionId: tx.caller.regionId, familyId, personId, kind: input.kind, value: input.value, recordedBy: tx.caller.professionalId, recordedByClient: false });
    recordWrite(tx, familyId, { data: ["CONTACT"], personIds: personId ? [personId] : undefined });
    return created;
  });
  ctx.loaders.contactDetails.clear(row.familyId);
  return toDetail(row);
}

/** The current details, or every one since the start (`history`). */
export async function contactsOf(ctx: RequestContext, familyId: string, history: boolean): Promise<ContactDetail[]> {
  const all = await ctx.loaders.contactDetails.load(familyId);
  // The household's first, then by kind; within a kind, as they followed one another.
  const ordered = [...all].sort((a, b) => Number(a.memberId !== null) - Number(b.memberId !== null) || a.kind.localeCompare(b.kind) || a.validFrom.getTime() - b.validFrom.getTime());
  return history ? ordered : ordered.filter((detail) => detail.validTo === null);
}

const clientKey = (ctx: RequestContext) => `client:${ctx.client!.accountId}`;

/** The households a register row is a current member of today. */
async function currentRows(db: Db, personIds: readonly string[], day: string) {
  return db
    .select({ personId: familyMemberships.personId, familyId: familyMemberships.familyId, regisseurId: families.regisseurId })
    .from(familyMemberships)
    .innerJoin(families, eq(families.id, familyMemberships.familyId))
    .where(and(inArray(familyMemberships.personId, [...personIds]), sql`${memberOn(day)}`));
}

/** A client's own current contact details (or a child's they may ask for), and their households' addresses. */
export async function myContactDetails(ctx: RequestContext, rawFor: string | null | undefined): Promise<ContactDetail[]> {
  const subject = await clientSubject(ctx, rawFor);
  const rows = await currentRows(ctx.db, subject.personIds, today(ctx));
  if (rows.length === 0) return [];
  const details = await ctx.db
    .select()
    .from(contactDetails)
    .where(and(inArray(contactDetails.familyId, rows.map((row) => row.familyId)), isNull(contactDetails.validTo)))
    .orderBy(asc(contactDetails.kind), asc(contactDetails.validFrom));
  recordRightsRead(ctx, subject, ["ContactDetail"], rawFor ? "rights:client-legal-custody" : "rights:client-self");
  return details
    .filter((row) => row.personId === null || subject.personIds.includes(row.personId))
    .map((row) => toDetail(row, clientKey(ctx)));
}

/**
 * A client corrects their own contact detail (art. 16 at once, for what is theirs to say): in
 * every household they are a current member of; the regisseur of each is told.
 */
export async function correctMyContactDetail(ctx: RequestContext, raw: MyContactDetailInput, rawFor: string | null | undefined): Promise<ContactDetail[]> {
  const input = parseInput(z.object({ kind: z.enum(CONTACT_KINDS), value: text(300) }), raw, "input");
  const subject = await clientSubject(ctx, rawFor);
  const rows = await currentRows(ctx.db, subject.personIds, today(ctx));
  if (rows.length === 0) throw conflict("input: you are no current member of a household here.");
  const created = await inTransaction(ctx, async (tx) => {
    const made: Row[] = [];
    for (const row of rows) {
      made.push(await replace(tx.db, tx.now(), { regionId: subject.regionId, familyId: row.familyId, personId: row.personId, kind: input.kind, value: input.value, recordedBy: null, recordedByClient: true }));
      await deliver(tx.db, subject.regionId, null, tx.now(), [row.regisseurId], { kind: "CONTACT_CORRECTED", familyId: row.familyId, subjectId: made.at(-1)!.id });
    }
    recordRightsWrite(tx, subject, ["ContactDetail"]);
    return made;
  });
  for (const row of created) ctx.loaders.contactDetails.clear(row.familyId);
  return created.map((row) => toDetail(row, clientKey(ctx)));
}
