import { and, asc, eq, inArray } from "drizzle-orm";
import { isoDate } from "../../dates.js";
import type { Db } from "../../db/database.js";
import { NOT_IN_EXPORT } from "../family-records.js";
import { familyMemberships, persons } from "../../families/tables.js";
import { regions } from "../../organisations/tables.js";
import { directoryOf, moment, type JsonObject } from "./export-sections/directory.js";
import { household } from "./export-sections/household.js";
import { concernsListing, requestsAbout, signalsOn } from "./export-sections/person-records.js";
import { childrenInCustody, type Subject } from "./subject.js";
import type { RightsRules } from "./settings.js";
import { clientAccounts } from "./tables.js";

/*
 * Everything the region holds on one person, as one JSON document (AVG art. 15). What is in it
 * and what is left out, and why, is docs/decisions/0010-client-rights.md; the sections follow
 * the tables in the order that decision lists them; each section is built in export-sections/. Free text the professionals wrote about the
 * family is in it: it is the family's. Another member's BSN and birth date are only in it where
 * the person could ask for that member's own export (a child below the age rule in a household
 * where the person has custody); other members appear by name, relation and dates.
 */

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
    referenceIndex: (await signalsOn(db, subject, directory, day, scope && "partnerId" in scope.reader ? scope.familyIds : null))
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
      // The kinds of a family's records the export leaves out (family-records.ts); the coach notes counted.
      ...NOT_IN_EXPORT.map((left) => (left.what === "coachNotes" ? { ...left, count: coachNoteCount.value } : left)),
      { what: "accessLog", why: "Who looked at your data: myAccessLog." },
      ...(scope ? notInScope(scope) : []),
    ],
  };
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
