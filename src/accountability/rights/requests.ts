import { and, desc, eq, getTableColumns, inArray, or, sql } from "drizzle-orm";
import { z } from "zod";
import { keepsFamily } from "../../covenant/decisions/predicates.js";
import { CARE_ROLES, type Role } from "../../access/roles.js";
import type { AuthenticatedContext, RequestContext } from "../../context.js";
import { inTransaction } from "../access-log/transaction.js";
import type { Db } from "../../db/database.js";
import { badInput, conflict, notFound } from "../../errors.js";
import { families, familyMemberships, persons } from "../../families/tables.js";
import { normalizeId } from "../../ids.js";
import { deliver } from "../../notifications/service.js";
import { partners, professionals } from "../../organisations/tables.js";
import type { PageRequest } from "../../pagination/page.js";
import { seekAfter, seekKey, seekOrder, type SeekColumn } from "../../pagination/seek.js";
import { signals } from "../../reference-index/tables.js";
import { parseInput, text } from "../../validation.js";
import { recordRightsWrite } from "./recording.js";
import type { Subject } from "./subject.js";
import { personCorrections, rightsRequests } from "./tables.js";
import { RIGHTS_DECISIONS, RIGHTS_REQUEST_KINDS, type CorrectableField, type PersonCorrection, type RightsDecisionInput, type RightsRequest, type RightsRequestInput } from "./types.js";

type RequestRow = typeof rightsRequests.$inferSelect;

/*
 * Rectification and erasure (AVG art. 16, 17). Who decides:
 * - a request about a reference-index signal: the organisation that made it (its care workers and
 *   managers). It is the controller of its signal, and only it knows the signal: nobody else may
 *   learn from a request that an organisation signalled the person (decision 0002: no oracle).
 * - anything else: the keepers of the household the request was filed through (its regisseur
 *   and process lead), who hold the file; the one who grants a rectification of the person's
 *   details carries it out (rectification.ts).
 * A granted erasure of a signal removes the signal, and with it the match notifications it caused.
 */
const SIGNAL_DECIDER_ROLES: readonly Role[] = [...CARE_ROLES, "PARTNER_MANAGER"];

/** Who filed it, for the record. */
export type Filer = { accountId: string } | { professionalId: string };

const requestSchema = z
  .object({
    kind: z.enum(RIGHTS_REQUEST_KINDS),
    signalId: z.string().nullish(),
    description: text(2000).nullish(),
  })
  .superRefine((input, issues) => {
    if (!input.signalId && !input.description) {
      issues.addIssue({ code: "custom", path: ["description"], message: "say what to correct or remove (or name a signal)" });
    }
  });

const decisionSchema = z.object({
  decision: z.enum(RIGHTS_DECISIONS),
  reason: text(2000).nullish().transform((value, context) => {
    if (!value) context.addIssue({ code: "custom", message: "a decision needs its reason: the requester reads it" });
    return value ?? z.NEVER;
  }),
});

/** The parsed request, before it is filed; parse it before opening the transaction. */
export const parseRequest = (raw: RightsRequestInput) => parseInput(requestSchema, raw, "input");

/**
 * Files a request about `subject`, by a client or a professional on their behalf, inside `tx`.
 * A named signal must be one on the person's BSN in the region; a second open request on the
 * same signal is CONFLICT. The deciders are told (ids only).
 */
export async function fileRequest(
  tx: RequestContext,
  subject: Subject,
  familyId: string | null,
  input: ReturnType<typeof parseRequest>,
  filer: Filer,
): Promise<RequestRow> {
  let signal: { id: string; partnerId: string; professionalId: string } | null = null;
  if (input.signalId) {
    const id = normalizeId(input.signalId);
    const [row] = id
      ? await tx.db
          .select({ id: signals.id, partnerId: signals.partnerId, professionalId: signals.professionalId })
          .from(signals)
          .where(and(eq(signals.id, id), eq(signals.regionId, subject.regionId), eq(signals.bsn, subject.bsn)))
      : [];
    if (!row) throw badInput("input.signalId", "not a reference-index signal on this person");
    signal = row;
    // Two requests on one signal at once: the second waits for the first and then sees it.
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`rights-request:signal:${row.id}`}, 0))`);
    const [open] = await tx.db
      .select({ id: rightsRequests.id })
      .from(rightsRequests)
      .where(and(eq(rightsRequests.signalId, row.id), eq(rightsRequests.status, "OPEN")));
    if (open) throw conflict("input.signalId: a request about this signal is already open.");
  }
  const [created] = await tx.db
    .insert(rightsRequests)
    .values({
      regionId: subject.regionId,
      personId: subject.personId,
      familyId: signal ? null : familyId,
      kind: input.kind,
      signalId: signal?.id ?? null,
      signalPartnerId: signal?.partnerId ?? null,
      description: input.description ?? null,
      filedByAccount: "accountId" in filer ? filer.accountId : null,
      filedByProfessional: "professionalId" in filer ? filer.professionalId : null,
      filedAt: tx.now(),
    })
    .returning();
  const actorId = "professionalId" in filer ? filer.professionalId : null;
  // A signal's own professional hears of it; its family's keepers do not (they may not know of the signal).
  const recipients = signal ? [signal.professionalId] : await keepersOf(tx.db, familyId);
  await deliver(tx.db, subject.regionId, actorId, tx.now(), recipients, {
    kind: "RIGHTS_REQUEST_FILED",
    familyId: signal ? null : familyId,
    subjectId: created!.id,
  });
  return created!;
}

async function keepersOf(db: Db, familyId: string | null): Promise<(string | null)[]> {
  if (!familyId) return [];
  const [family] = await db.select({ regisseurId: families.regisseurId, processLeadId: families.processLeadId }).from(families).where(eq(families.id, familyId));
  return family ? [family.regisseurId, family.processLeadId] : [];
}

/**
 * The household a request about a register row is decided in: the row's current household, or
 * its latest one (a register row belongs to one household).
 */
export async function householdOf(db: Db, personId: string): Promise<string | null> {
  const [row] = await db
    .select({ familyId: familyMemberships.familyId })
    .from(familyMemberships)
    .where(eq(familyMemberships.personId, personId))
    .orderBy(desc(sql`coalesce(${familyMemberships.validTo}, '9999-12-31')`), desc(familyMemberships.validFrom))
    .limit(1);
  return row?.familyId ?? null;
}

/** Requests about the subject (any of their register rows), oldest first. */
export async function requestsAbout(db: Db, subject: Subject): Promise<RequestRow[]> {
  return db.select().from(rightsRequests).where(inArray(rightsRequests.personId, subject.personIds)).orderBy(rightsRequests.filedAt);
}

/** A request as one reader sees it; `personal` opens the person and household ids. */
export async function toRightsRequest(db: Db, row: RequestRow, readerKey: string, personal: boolean): Promise<RightsRequest> {
  const [decider] = row.decidedBy
    ? await db
        .select({ name: professionals.name, organisation: partners.name })
        .from(professionals)
        .innerJoin(partners, eq(partners.id, professionals.partnerId))
        .where(eq(professionals.id, row.decidedBy))
    : [];
  return {
    id: row.id,
    kind: row.kind as RightsRequest["kind"],
    status: row.status as RightsRequest["status"],
    signalId: row.signalId,
    description: row.description,
    filedAt: row.filedAt,
    filedOnBehalf: row.filedByProfessional !== null,
    personId: personal ? row.personId : null,
    householdId: personal ? row.familyId : null,
    decidedAt: row.decidedAt,
    decidedBy: decider ? { ...decider, readerKey } : null,
    reason: row.reason,
    appliedAt: row.appliedAt,
    corrections: row.appliedAt ? await correctionsOf(db, row.id, readerKey) : [],
    readerKey,
  };
}

/** What a carried-out rectification changed, in the order it was written. */
async function correctionsOf(db: Db, requestId: string, readerKey: string): Promise<PersonCorrection[]> {
  const rows = await db.select().from(personCorrections).where(eq(personCorrections.requestId, requestId)).orderBy(personCorrections.correctedAt, personCorrections.field);
  return rows.map((row) => ({ field: row.field as CorrectableField, previous: row.previous, corrected: row.corrected, correctedAt: row.correctedAt, readerKey }));
}

/**
 * The request `rawId` names, locked until commit, when the caller decides it; NOT_FOUND for
 * whoever does not, exactly as for no request.
 */
export async function lockRequestToDecide(tx: AuthenticatedContext, rawId: string): Promise<RequestRow> {
  const id = normalizeId(rawId);
  const [row] = id
    ? await tx.db
        .select()
        .from(rightsRequests)
        .where(and(eq(rightsRequests.id, id), eq(rightsRequests.regionId, tx.caller.regionId)))
        .for("update")
    : [];
  if (!row || !(await decides(tx, row))) throw notFound("Rights request");
  return row;
}

/** Whether the caller decides this request: the signal's organisation, or the household's keepers. */
async function decides(tx: AuthenticatedContext, row: RequestRow): Promise<boolean> {
  if (row.signalPartnerId) {
    return row.signalPartnerId === tx.caller.partnerId && tx.caller.roles.some((role) => SIGNAL_DECIDER_ROLES.includes(role));
  }
  if (!row.familyId) return false;
  // Locked like a plan edit: a hand-over of regie cannot slip between the decision and the write.
  await tx.db.select({ id: families.id }).from(families).where(eq(families.id, row.familyId)).for("share");
  tx.entitlements.clear(row.familyId);
  return keepsFamily(await tx.entitlements.load(row.familyId));
}

/**
 * Decides a request, once, with its reason: CONFLICT when it was decided already; NOT_FOUND for
 * whoever does not decide it, exactly as for no request. A granted erasure of a signal removes the
 * signal (its match notifications go with it). A professional who filed it on the client's
 * behalf is told; the client reads the decision in myRequests.
 */
export async function decideRequest(ctx: AuthenticatedContext, rawId: string, raw: RightsDecisionInput): Promise<{ row: RequestRow; erasedSignal: boolean }> {
  const input = parseInput(decisionSchema, raw, "input");
  return inTransaction(ctx, async (tx) => {
    const row = await lockRequestToDecide(tx, rawId);
    if (row.status !== "OPEN") throw conflict(`requestId: this request was already decided (${row.status}).`);
    const [decided] = await tx.db
      .update(rightsRequests)
      .set({ status: input.decision, decidedBy: tx.caller.professionalId, decidedAt: tx.now(), reason: input.reason })
      .where(eq(rightsRequests.id, row.id))
      .returning();
    const [person] = await tx.db.select({ bsn: persons.bsn }).from(persons).where(eq(persons.id, row.personId));
    const subject = { regionId: row.regionId, bsn: person!.bsn, personId: row.personId };
    recordRightsWrite(tx, subject, ["RightsRequest"]);
    let erasedSignal = false;
    if (input.decision === "GRANTED" && row.kind === "ERASURE" && row.signalId) {
      // The match notifications on either side of it go by the foreign key's cascade.
      const erased = await tx.db
        .delete(signals)
        .where(and(eq(signals.id, row.signalId), eq(signals.regionId, tx.caller.regionId)))
        .returning({ id: signals.id });
      erasedSignal = erased.length > 0;
      if (erasedSignal) recordRightsWrite(tx, subject, ["Signal", "MatchNotification"], "ERASE");
    }
    await deliver(tx.db, tx.caller.regionId, tx.caller.professionalId, tx.now(), [row.filedByProfessional], {
      kind: "RIGHTS_REQUEST_DECIDED",
      familyId: row.familyId,
      subjectId: row.id,
    });
    return { row: decided!, erasedSignal };
  });
}

/** The earliest filed first, then id. */
const TO_DECIDE_ORDER: SeekColumn[] = [{ column: rightsRequests.filedAt }, { column: rightsRequests.id }];

/**
 * The requests the caller decides: their organisation's signals', and those of the households
 * they keep; a page (`page.size + 1` rows after its key, each with its `seekKey`).
 */
export async function requestsToDecide(ctx: AuthenticatedContext, openOnly: boolean, page: PageRequest): Promise<(RequestRow & { seekKey: string })[]> {
  const signalDecider = ctx.caller.roles.some((role) => SIGNAL_DECIDER_ROLES.includes(role));
  const kept = ctx.db
    .select({ id: families.id })
    .from(families)
    .where(
      and(
        eq(families.regionId, ctx.caller.regionId),
        or(eq(families.regisseurId, ctx.caller.professionalId), eq(families.processLeadId, ctx.caller.professionalId)),
      ),
    );
  return ctx.db
    .select({ ...getTableColumns(rightsRequests), seekKey: seekKey(TO_DECIDE_ORDER) })
    .from(rightsRequests)
    .where(
      and(
        eq(rightsRequests.regionId, ctx.caller.regionId),
        openOnly ? eq(rightsRequests.status, "OPEN") : undefined,
        or(
          signalDecider ? eq(rightsRequests.signalPartnerId, ctx.caller.partnerId) : sql`false`,
          and(sql`${rightsRequests.signalPartnerId} is null`, inArray(rightsRequests.familyId, kept)),
        ),
        seekAfter(TO_DECIDE_ORDER, page.after),
      ),
    )
    .orderBy(...seekOrder(TO_DECIDE_ORDER))
    .limit(page.size + 1);
}
