import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/database.js";
import { rowsOf } from "../../../db/rows.js";
import { concernMembers, concerns } from "../../../process/tables.js";
import { addMonths } from "../../../dates.js";
import { signals } from "../../../reference-index/tables.js";
import type { Subject } from "../subject.js";
import { personCorrections, rightsRequests } from "../tables.js";
import { moment, type Directory, type JsonObject } from "./directory.js";

// What is held on the person outside a household: the concerns that list them, the reference
// index's signals on their BSN, and their rights requests.

/** Concerns that list the person (by BSN): the concern, and how it listed them. */
export async function concernsListing(db: Db, subject: Subject, directory: Directory): Promise<(JsonObject & { familyId: string })[]> {
  const rows = await db
    .select({ concern: concerns, listed: concernMembers })
    .from(concernMembers)
    .innerJoin(concerns, eq(concerns.id, concernMembers.concernId))
    .where(and(eq(concernMembers.regionId, subject.regionId), eq(concernMembers.bsn, subject.bsn)))
    .orderBy(asc(concerns.submittedAt));
  return rows.map(({ concern, listed }) => ({
    familyId: concern.familyId,
    submittedAt: moment(concern.submittedAt),
    submittedBy: directory.professional(concern.submittedBy),
    organisation: directory.partner(concern.partnerId),
    household: concern.label,
    description: concern.description,
    discussedWithFamily: concern.discussedWithFamily,
    notDiscussedReason: concern.notDiscussedReason,
    crisis: concern.crisis,
    route: concern.route,
    routedTo: directory.partner(concern.routedToPartnerId),
    status: concern.status,
    listedYouAs: {
      givenName: listed.givenName,
      familyName: listed.familyName,
      bsn: listed.bsn,
      birthDate: listed.birthDate,
      relation: listed.relation,
      legalCustody: listed.legalCustody,
    },
  }));
}

/**
 * The reference index's signals on the person's BSN: which organisation, since when, until when.
 * The person (or a parent) reads them all, through the household's fence; a professional on the
 * person's behalf reads what the household's keepers see (`keeperOf`: the families in scope),
 * the active signals on its current members — other organisations' signals only come that way.
 */
export async function signalsOn(db: Db, subject: Subject, directory: Directory, day: string, keeperOf: readonly string[] | null): Promise<JsonObject[]> {
  const rows = keeperOf
    ? rowsOf<typeof signals.$inferSelect>(
        await db.execute(sql`
          select id, partner_id as "partnerId", professional_id as "professionalId", contact_phone as "contactPhone",
            contact_email as "contactEmail", signalled_on::text as "signalledOn", active_until::text as "activeUntil",
            withdrawn_at as "withdrawnAt", discussed_with_family as "discussedWithFamily", not_discussed_reason as "notDiscussedReason"
          from ri_family_signals(array[${sql.join(keeperOf.map((id) => sql`${id}::uuid`), sql`, `)}]::uuid[], ${day}::date)
          where bsn = ${subject.bsn}
          order by signalled_on`),
      )
    : await db
        .select()
        .from(signals)
        .where(and(eq(signals.regionId, subject.regionId), eq(signals.bsn, subject.bsn)))
        .orderBy(asc(signals.signalledOn));
  return rows.map((row) => ({
    signalId: row.id,
    organisation: directory.partner(row.partnerId),
    professional: directory.professional(row.professionalId),
    contactPhone: row.contactPhone,
    contactEmail: row.contactEmail,
    since: row.signalledOn,
    // Stored as the first day it is no longer active; shown as the last day it is.
    activeUntil: addMonths(row.activeUntil, 0, -1),
    status: row.withdrawnAt === null && row.activeUntil > day ? "ACTIVE" : "HISTORICAL",
    withdrawnAt: moment(row.withdrawnAt),
    discussedWithFamily: row.discussedWithFamily,
    notDiscussedReason: row.notDiscussedReason,
  }));
}

export async function requestsAbout(
  db: Db,
  subject: Subject,
  directory: Directory,
): Promise<(JsonObject & { familyId: string | null; signalPartnerId: string | null; filedByAccount: string | null })[]> {
  const rows = await db.select().from(rightsRequests).where(inArray(rightsRequests.personId, subject.personIds)).orderBy(asc(rightsRequests.filedAt));
  const corrections = await db
    .select()
    .from(personCorrections)
    .where(inArray(personCorrections.personId, subject.personIds))
    .orderBy(asc(personCorrections.correctedAt), asc(personCorrections.field));
  return rows.map((row) => ({
    familyId: row.familyId,
    signalPartnerId: row.signalPartnerId,
    filedByAccount: row.filedByAccount,
    kind: row.kind,
    signalId: row.signalId,
    description: row.description,
    filedAt: moment(row.filedAt),
    // Filed by a professional on the person's behalf, or by the client (the person or a parent).
    filedBy: row.filedByProfessional ? directory.professional(row.filedByProfessional) : "CLIENT",
    status: row.status,
    decidedBy: directory.professional(row.decidedBy),
    decidedAt: moment(row.decidedAt),
    reason: row.reason,
    // A carried-out rectification: what each corrected detail held before.
    appliedAt: moment(row.appliedAt),
    corrections: corrections
      .filter((correction) => correction.requestId === row.id)
      .map((correction) => ({ field: correction.field, previous: correction.previous, corrected: correction.corrected, correctedAt: moment(correction.correctedAt) })),
  }));
}
