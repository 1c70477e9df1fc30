import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { isoDate } from "../../../dates.js";
import { consents, emergencyAccesses, legalGrounds } from "../../../covenant/tables.js";
import type { Db } from "../../../db/database.js";
import { contactDetails, families, familyCategories, familyMemberships, persons, regieAssignments } from "../../../families/tables.js";
import { coachNotes } from "../../../plan/tables.js";
import { closures, familyPhases, mandateAdvices, screenings } from "../../../process/tables.js";
import type { Subject } from "../subject.js";
import { moment, type Directory, type JsonObject } from "./directory.js";
import { escalationsOf } from "./escalations.js";
import { planOf } from "./plan.js";

// One household in a person's export: what it holds on them, while they belonged to it.

/** The period(s) of the person in one household: whole-household data counts while they belonged. */
interface Belonging {
  current: boolean;
  /** The last day of their last membership, when it has ended. */
  leftOn: string | null;
}

function belongingOf(rows: { validFrom: string; validTo: string | null }[], day: string): Belonging {
  const current = rows.some((row) => row.validFrom <= day && (row.validTo === null || row.validTo >= day));
  const ends = rows.map((row) => row.validTo).filter((end): end is string => end !== null);
  return { current, leftOn: current || ends.length === 0 ? null : ends.sort().at(-1)! };
}

/**
 * Whole-household data is the person's while they belong to the household; for a former member,
 * what dates from before they left (what the household does afterwards is the others').
 */
const duringBelonging = (belonging: Belonging, when: Date | string | null): boolean =>
  belonging.current || (belonging.leftOn !== null && when !== null && (typeof when === "string" ? when : isoDate(when)) <= belonging.leftOn);

export async function household(
  db: Db,
  subject: Subject,
  familyId: string,
  mine: (typeof familyMemberships.$inferSelect)[],
  entitledChildren: Set<string>,
  directory: Directory,
  day: string,
  coachNoteCount: { value: number },
): Promise<JsonObject> {
  const belonging = belongingOf(mine, day);
  const during = (when: Date | string | null) => duringBelonging(belonging, when);
  const [family] = await db.select().from(families).where(eq(families.id, familyId));
  const memberRows = await db
    .select({ membership: familyMemberships, person: persons })
    .from(familyMemberships)
    .innerJoin(persons, eq(persons.id, familyMemberships.personId))
    .where(eq(familyMemberships.familyId, familyId))
    .orderBy(asc(familyMemberships.validFrom), asc(persons.birthDate));
  const nameOf = new Map(memberRows.map(({ person }) => [person.id, `${person.givenName} ${person.familyName}`]));
  const names = (ids: readonly string[]) => ids.map((id) => nameOf.get(id) ?? null);
  const aboutMe = (memberIds: readonly string[]) => memberIds.some((id) => subject.personIds.includes(id));
  // A part about the whole household (no members named) while they belonged, or one naming them.
  const concernsMe = (memberIds: readonly string[], when: Date | string | null) => aboutMe(memberIds) || (memberIds.length === 0 && during(when));
  // Members who shared the household with them: memberships overlapping theirs.
  const overlaps = (row: { validFrom: string; validTo: string | null }) =>
    mine.some((own) => row.validFrom <= (own.validTo ?? "9999-12-31") && (row.validTo ?? "9999-12-31") >= own.validFrom);

  const categories = await db.select().from(familyCategories).where(eq(familyCategories.familyId, familyId)).orderBy(asc(familyCategories.since));
  const phases = await db.select().from(familyPhases).where(eq(familyPhases.familyId, familyId)).orderBy(asc(familyPhases.since), asc(familyPhases.seq));
  const [screening] = await db.select().from(screenings).where(eq(screenings.familyId, familyId));
  const regie = await db.select().from(regieAssignments).where(eq(regieAssignments.familyId, familyId)).orderBy(asc(regieAssignments.since));
  const [notes] = await db.select({ count: sql<number>`count(*)::int` }).from(coachNotes).where(eq(coachNotes.familyId, familyId));
  coachNoteCount.value += during(null) ? (notes?.count ?? 0) : 0;

  return {
    familyId,
    name: family!.name,
    phase: belonging.current ? family!.phase : null,
    registeredAt: moment(family!.registeredAt),
    yourMembership: mine.map((row) => ({ relation: row.relation, legalCustody: row.legalCustody, validFrom: row.validFrom, validTo: row.validTo })),
    members: memberRows
      .filter(({ person }) => !subject.personIds.includes(person.id))
      .filter(({ membership }) => overlaps(membership))
      .map(({ membership, person }) => ({
        givenName: person.givenName,
        familyName: person.familyName,
        relation: membership.relation,
        legalCustody: membership.legalCustody,
        validFrom: membership.validFrom,
        validTo: membership.validTo,
        ...(entitledChildren.has(person.id) ? { bsn: person.bsn, birthDate: person.birthDate } : {}),
      })),
    regisseur: belonging.current ? directory.professional(family!.regisseurId) : null,
    processLead: belonging.current ? directory.professional(family!.processLeadId) : null,
    categories: categories.filter((row) => during(row.since)).map((row) => ({ category: row.category, since: moment(row.since) })),
    phases: phases.filter((row) => during(row.since)).map((row) => ({ phase: row.phase, since: moment(row.since), note: row.note, setBy: directory.professional(row.setBy) })),
    screening:
      screening && during(screening.screenedAt)
        ? {
            outcome: screening.outcome,
            meeting: screening.meeting,
            reasoning: screening.reasoning,
            screenedAt: moment(screening.screenedAt),
            screenedBy: directory.professional(screening.screenedBy),
          }
        : null,
    regie: regie
      .filter((row) => during(row.since))
      .map((row) => ({ regisseur: directory.professional(row.professionalId), since: moment(row.since), until: moment(row.until), note: row.note })),
    plan: await planOf(db, subject, familyId, concernsMe, during, names, directory),
    // How the household and they were reached: their own details and the household's, with history.
    contactDetails: (await db.select().from(contactDetails).where(eq(contactDetails.familyId, familyId)).orderBy(asc(contactDetails.validFrom)))
      .filter((row) => (row.personId ? subject.personIds.includes(row.personId) : during(row.validFrom)))
      .map((row) => ({ kind: row.kind, value: row.value, of: row.personId ? "you" : "the household", validFrom: moment(row.validFrom), validTo: moment(row.validTo) })),
    consents: (
      await db.select().from(consents).where(and(eq(consents.familyId, familyId), inArray(consents.personId, subject.personIds))).orderBy(asc(consents.givenOn))
    ).map((row) => ({
      organisation: directory.partner(row.partnerId),
      lifeDomains: row.lifeDomains,
      givenBy: names(row.givenBy),
      givenOn: row.givenOn,
      recordedBy: directory.professional(row.recordedBy),
      withdrawnOn: row.withdrawnOn,
      withdrawnBy: row.withdrawnBy ? names(row.withdrawnBy) : null,
    })),
    legalGrounds: (
      await db
        .select()
        .from(legalGrounds)
        .where(and(eq(legalGrounds.familyId, familyId), inArray(legalGrounds.personId, subject.personIds)))
        .orderBy(asc(legalGrounds.validFrom))
    ).map((row) => ({
      organisation: directory.partner(row.partnerId),
      lifeDomains: row.lifeDomains,
      kind: row.kind,
      basis: row.basis,
      validFrom: row.validFrom,
      validUntil: row.validUntil,
      recordedBy: directory.professional(row.recordedBy),
    })),
    emergencyAccesses: (
      await db.select().from(emergencyAccesses).where(eq(emergencyAccesses.familyId, familyId)).orderBy(asc(emergencyAccesses.openedAt))
    )
      .filter((row) => during(row.openedAt))
      .map((row) => ({
        openedBy: directory.professional(row.professionalId),
        reason: row.reason,
        openedAt: moment(row.openedAt),
        expiresAt: moment(row.expiresAt),
      })),
    escalations: await escalationsOf(db, familyId, family!.regionId, during, directory),
    advices: (
      await db.select().from(mandateAdvices).where(eq(mandateAdvices.familyId, familyId)).orderBy(asc(mandateAdvices.issuedAt))
    )
      .filter((row) => during(row.issuedAt))
      .map((row) => ({
        institution: directory.partner(row.partnerId),
        lifeDomain: row.lifeDomain,
        decisionType: row.decisionType,
        binding: row.binding,
        advice: row.advice,
        issuedBy: directory.professional(row.issuedBy),
        issuedAt: moment(row.issuedAt),
        answerDue: row.answerDue,
        status: row.status,
        answer: row.answer,
        legalGround: row.legalGround,
        answeredBy: directory.professional(row.answeredBy),
        answeredAt: moment(row.answeredAt),
      })),
    closures: (await db.select().from(closures).where(eq(closures.familyId, familyId)).orderBy(asc(closures.closedAt)))
      .filter((row) => during(row.closedAt))
      .map((row) => ({
        closedAt: moment(row.closedAt),
        closedBy: directory.professional(row.closedBy),
        goalsTotal: row.goalsTotal,
        goalsAchieved: row.goalsAchieved,
        positiveExit: row.positiveExit,
        aftercareKeeper: directory.professional(row.aftercareKeeperId),
        revisitOn: row.revisitOn,
        handoverTo: directory.partner(row.handoverPartnerId),
        handoverProfessional: directory.professional(row.handoverProfessionalId),
        handoverNote: row.handoverNote,
        aftercareEndedAt: moment(row.aftercareEndedAt),
        aftercareNote: row.aftercareNote,
        reopenedAt: moment(row.reopenedAt),
        reopenReason: row.reopenReason,
      })),
  };
}

