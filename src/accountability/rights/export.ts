import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { isoDate } from "../../context.js";
import { consents, emergencyAccesses, legalGrounds } from "../../covenant/tables.js";
import type { Db } from "../../db/database.js";
import { families, familyCategories, familyMemberships, persons, regieAssignments } from "../../families/tables.js";
import { partners, professionals, regions } from "../../organisations/tables.js";
import { agreements, analyses, coachNotes, evaluations, goals, milestones, plans, tasks } from "../../plan/tables.js";
import {
  closures,
  concernMembers,
  concerns,
  escalationLadder,
  escalationSteps,
  escalations,
  familyPhases,
  mandateAdvices,
  screenings,
} from "../../process/tables.js";
import { addMonths } from "../../reference-index/dates.js";
import { signals } from "../../reference-index/tables.js";
import { childrenInCustody, type Subject } from "./subject.js";
import type { RightsRules } from "./settings.js";
import { clientAccounts, rightsRequests } from "./tables.js";

/*
 * Everything the region holds on one person, as one JSON document (AVG art. 15). What is in it
 * and what is left out, and why, is docs/decisions/0010-client-rights.md; the sections follow
 * the tables in the order that decision lists them. Free text the professionals wrote about the
 * family is in it: it is the family's. Another member's BSN and birth date are only in it where
 * the person could ask for that member's own export (a child below the age rule in a household
 * where the person has custody); other members appear by name, relation and dates.
 */

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const moment = (value: Date | null): string | null => (value ? value.toISOString() : null);

/** Who a professional is, as the family may read it: their name and organisation. */
interface Directory {
  professional(id: string | null): JsonObject | null;
  partner(id: string | null): string | null;
}

async function directoryOf(db: Db, regionId: string): Promise<Directory> {
  const people = await db
    .select({ id: professionals.id, name: professionals.name, organisation: partners.name })
    .from(professionals)
    .innerJoin(partners, eq(partners.id, professionals.partnerId))
    .where(eq(professionals.regionId, regionId));
  const organisations = await db.select({ id: partners.id, name: partners.name }).from(partners).where(eq(partners.regionId, regionId));
  const byId = new Map(people.map((row) => [row.id, { name: row.name, organisation: row.organisation }]));
  const partnerById = new Map(organisations.map((row) => [row.id, row.name]));
  return {
    professional: (id) => (id ? (byId.get(id) ?? null) : null),
    partner: (id) => (id ? (partnerById.get(id) ?? null) : null),
  };
}

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

/**
 * What an export, log or list of requests made by someone other than the person may hold: only
 * the households given (a parent: those where they have custody and the child is a member; a
 * professional on the client's behalf: those the covenant opens to them, FULL for the export).
 * A person in two households is in two files, and the other household is not the reader's to
 * read through the person: the person's own login gives them all. Nothing outside a household
 * is in it but what the reader may know anyway (decision 0010).
 */
export interface ExportScope {
  familyIds: readonly string[];
  /** A parent asking for a child (their login), or a professional on a client's behalf (their organisation). */
  reader: { parentAccountId: string } | { partnerId: string };
}

export async function buildExport(db: Db, subject: Subject, rules: RightsRules, now: Date, scope: ExportScope | null = null): Promise<JsonObject> {
  const day = isoDate(now);
  const inScope = (familyId: string | null) => scope === null || (familyId !== null && scope.familyIds.includes(familyId));
  const { regionId, personIds } = subject;
  const directory = await directoryOf(db, regionId);
  const [region] = await db.select({ name: regions.name }).from(regions).where(eq(regions.id, regionId));
  const registrations = await db.select().from(persons).where(and(eq(persons.regionId, regionId), inArray(persons.id, personIds)));
  const ownMemberships = await db
    .select()
    .from(familyMemberships)
    .where(and(eq(familyMemberships.regionId, regionId), inArray(familyMemberships.personId, personIds)))
    .orderBy(asc(familyMemberships.validFrom));
  const familyIds = [...new Set(ownMemberships.map((row) => row.familyId))].filter(inScope);
  const scopedMemberships = ownMemberships.filter((row) => inScope(row.familyId));
  // Scoped, the signals a household's keeper sees anyway (Family.involvements): active ones, on a current member.
  const currentInScope = scopedMemberships.some((row) => row.validFrom <= day && (row.validTo === null || row.validTo >= day));
  // Children the subject has custody of, below the age rule: the only other BSNs in the export.
  const entitledChildren = new Set((await childrenInCustody(db, subject, rules, day)).map((child) => child.personId));

  const households: JsonObject[] = [];
  const coachNoteCount = { value: 0 };
  for (const familyId of familyIds) {
    const mine = ownMemberships.filter((row) => row.familyId === familyId);
    households.push(await household(db, subject, familyId, mine, entitledChildren, directory, day, coachNoteCount));
  }

  return {
    exportedAt: now.toISOString(),
    region: region?.name ?? null,
    about: {
      givenName: subject.givenName,
      familyName: subject.familyName,
      bsn: subject.bsn,
      birthDate: subject.birthDate,
      // One row per household that registered the person.
      // Scoped, only the rows of the households in it: another row would tell of another household.
      registrations: registrations.filter((row) => scope === null || scopedMemberships.some((own) => own.personId === row.id)).map((row) => ({
        personId: row.id,
        bsn: row.bsn,
        givenName: row.givenName,
        familyName: row.familyName,
        birthDate: row.birthDate,
      })),
    },
    households,
    concerns: (await concernsListing(db, subject, directory)).filter((concern) => inScope(concern.familyId)).map(({ familyId: _familyId, ...concern }) => concern),
    referenceIndex: (await signalsOn(db, subject, directory, day))
      .filter((signal) => scope === null || (currentInScope && signal.status === "ACTIVE")),
    rightsRequests: (await requestsAbout(db, subject, directory))
      .filter((request) => inScope(request.familyId) || (scope !== null && request.familyId === null && ownSignalRequest(scope, request)))
      .map(({ familyId: _familyId, signalPartnerId: _signalPartnerId, filedByAccount: _filedByAccount, ...request }) => request),
    clientAccounts: (
      await db
        .select({ email: clientAccounts.email, active: clientAccounts.active, createdAt: clientAccounts.createdAt, createdBy: clientAccounts.createdBy })
        .from(clientAccounts)
        .where(inArray(clientAccounts.personId, personIds))
    ).map((row) => ({ email: row.email, active: row.active, createdAt: moment(row.createdAt), openedBy: directory.professional(row.createdBy) })),
    notIncluded: [
      {
        what: "coachNotes",
        count: coachNoteCount.value,
        why: "The regisseur's own working notes, not part of the plan: ask your regisseur, or file a request.",
      },
      { what: "planHistory", why: "Earlier wordings of the plan's parts; the plan above is as it stands. Who changed it is in your access log." },
      { what: "notifications", why: "The professionals' own inboxes; what they are about is in this export." },
      { what: "accessLog", why: "Who looked at your data: myAccessLog." },
      ...(scope ? notInScope(scope) : []),
    ],
  };
}

async function household(
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

async function planOf(
  db: Db,
  subject: Subject,
  familyId: string,
  concernsMe: (memberIds: readonly string[], when: Date | string | null) => boolean,
  during: (when: Date | string | null) => boolean,
  names: (ids: readonly string[]) => (string | null)[],
  directory: Directory,
): Promise<JsonObject | null> {
  const [plan] = await db.select().from(plans).where(eq(plans.familyId, familyId));
  if (!plan) return null;
  const [analysisRows, goalRows, taskRows, milestoneRows, evaluationRows, agreementRows] = await Promise.all([
    db.select().from(analyses).where(eq(analyses.planId, plan.id)).orderBy(asc(analyses.updatedAt)),
    db.select().from(goals).where(eq(goals.planId, plan.id)).orderBy(asc(goals.createdAt)),
    db.select().from(tasks).where(eq(tasks.planId, plan.id)).orderBy(asc(tasks.dueDate)),
    db.select().from(milestones).where(eq(milestones.planId, plan.id)).orderBy(asc(milestones.dueDate)),
    db.select().from(evaluations).where(eq(evaluations.planId, plan.id)).orderBy(asc(evaluations.heldOn)),
    db.select().from(agreements).where(eq(agreements.planId, plan.id)).orderBy(asc(agreements.agreedAt)),
  ]);
  const myGoals = goalRows.filter((row) => concernsMe(row.memberIds, row.createdAt));
  const myGoalIds = new Set(myGoals.map((row) => row.id));
  const myTasks = taskRows.filter((row) => concernsMe(row.memberIds, row.createdAt));
  // Nothing of a plan made after they left, unless a part names them.
  if (!during(plan.startedOn) && myGoals.length === 0 && myTasks.length === 0 && !analysisRows.some((row) => row.personId && subject.personIds.includes(row.personId))) {
    return null;
  }
  return {
    startedOn: plan.startedOn,
    startedBy: directory.professional(plan.startedBy),
    version: plan.version,
    referringOrganisation: directory.partner(plan.referringPartnerId),
    evaluationEveryMonths: plan.evaluationMonths,
    analyses: analysisRows
      .filter((row) => (row.personId ? subject.personIds.includes(row.personId) : during(row.updatedAt)))
      .map((row) => ({ lifeDomain: row.lifeDomain, about: row.personId ? names([row.personId])[0]! : "the household", text: row.text, updatedAt: moment(row.updatedAt) })),
    goals: myGoals.map((row) => ({
      lifeDomain: row.lifeDomain,
      members: names(row.memberIds),
      ownWords: row.ownWords,
      target: row.target,
      status: row.status,
      achievement: row.achievement,
      createdAt: moment(row.createdAt),
      updatedAt: moment(row.updatedAt),
    })),
    tasks: myTasks.map((row) => ({
      lifeDomain: row.lifeDomain,
      members: names(row.memberIds),
      description: row.description,
      organisation: directory.partner(row.leadPartnerId),
      professional: directory.professional(row.leadProfessionalId),
      dueDate: row.dueDate,
      status: row.status,
      response: row.response,
      responseReason: row.responseReason,
      followUp: row.followUp,
    })),
    milestones: milestoneRows.filter((row) => during(row.dueDate)).map((row) => ({ title: row.title, dueDate: row.dueDate, reachedOn: row.reachedOn })),
    evaluations: evaluationRows
      .filter((row) => during(row.heldOn))
      .map((row) => ({
        heldOn: row.heldOn,
        overall: row.overall,
        final: row.final,
        recordedBy: directory.professional(row.recordedBy),
        // A result is about its goal: only the goals in this export.
        results: row.results.filter((result) => myGoalIds.has(result.goalId)).map((result) => ({ lifeDomain: result.lifeDomain, result: result.result, achievement: result.achievement })),
      })),
    agreements: agreementRows
      .filter((row) => (row.personId ? subject.personIds.includes(row.personId) : during(row.agreedAt)))
      .map((row) => ({
        version: row.version,
        party: row.party,
        who: row.personId ? names([row.personId])[0]! : directory.partner(row.partnerId),
        agreedAt: moment(row.agreedAt),
      })),
  };
}

async function escalationsOf(db: Db, familyId: string, regionId: string, during: (when: Date) => boolean, directory: Directory): Promise<JsonObject[]> {
  const rows = (await db.select().from(escalations).where(eq(escalations.familyId, familyId)).orderBy(asc(escalations.raisedAt))).filter((row) => during(row.raisedAt));
  if (rows.length === 0) return [];
  const steps = await db
    .select()
    .from(escalationSteps)
    .where(inArray(escalationSteps.escalationId, rows.map((row) => row.id)))
    .orderBy(asc(escalationSteps.step));
  const ladder = await db.select().from(escalationLadder).where(eq(escalationLadder.regionId, regionId));
  const title = (track: string, step: number) => ladder.find((row) => row.track === track && row.step === step)?.title ?? null;
  return rows.map((row) => ({
    track: row.track,
    subject: row.subject,
    organisations: row.partyPartnerIds.map((id) => directory.partner(id)),
    raisedBy: directory.professional(row.raisedBy),
    raisedAt: moment(row.raisedAt),
    status: row.status,
    currentStep: row.currentStep,
    resolvedAt: moment(row.resolvedAt),
    steps: steps
      .filter((step) => step.escalationId === row.id)
      .map((step) => ({
        step: step.step,
        title: title(row.track, step.step),
        startedAt: moment(step.startedAt),
        dueAt: moment(step.dueAt),
        outcome: step.outcome,
        decision: step.decision,
        reasoning: step.reasoning,
        decidedBy: directory.professional(step.decidedBy),
        decidedAt: moment(step.decidedAt),
      })),
  }));
}

/** Concerns that list the person (by BSN): the concern, and how it listed them. */
async function concernsListing(db: Db, subject: Subject, directory: Directory): Promise<(JsonObject & { familyId: string })[]> {
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

/** The reference index's signals on the person's BSN: which organisation, since when, until when. */
async function signalsOn(db: Db, subject: Subject, directory: Directory, day: string): Promise<JsonObject[]> {
  const rows = await db
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

/**
 * A request about a signal (no household) in a scoped export: the parent's own, or, on a
 * client's behalf, one about a signal of the professional's own organisation (who else
 * signalled is not theirs to learn, decision 0002).
 */
export function ownSignalRequest(scope: ExportScope, row: { signalPartnerId: string | null; filedByAccount: string | null }): boolean {
  return "parentAccountId" in scope.reader ? row.filedByAccount === scope.reader.parentAccountId : row.signalPartnerId === scope.reader.partnerId;
}

/** What a scoped export leaves out, in the reader's words. */
function notInScope(scope: ExportScope): JsonObject[] {
  const signals = "Only active reference-index signals, as the household's keepers see them; the person's own login gives every signal, with its history.";
  if ("parentAccountId" in scope.reader) {
    return [
      {
        what: "otherHouseholds",
        why: "Asked for a child by a parent: only the households where you have legal custody and the child lives. The child's own login, from your region's age on, gives all of them.",
      },
      { what: "otherSignalsAndRequests", why: `${signals} Requests about a signal only where you filed them.` },
      { what: "otherRegistrations", why: "Only the child's registrations in these households." },
    ];
  }
  return [
    {
      what: "otherHouseholds",
      why: "Made on your behalf by a professional: only the households where the covenant opens your file to them in full. Your own login gives all of them.",
    },
    { what: "otherSignalsAndRequests", why: `${signals} Requests about a signal only where it is their organisation's.` },
    { what: "otherRegistrations", why: "Only your registrations in these households." },
  ];
}

async function requestsAbout(
  db: Db,
  subject: Subject,
  directory: Directory,
): Promise<(JsonObject & { familyId: string | null; signalPartnerId: string | null; filedByAccount: string | null })[]> {
  const rows = await db.select().from(rightsRequests).where(inArray(rightsRequests.personId, subject.personIds)).orderBy(asc(rightsRequests.filedAt));
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
  }));
}
