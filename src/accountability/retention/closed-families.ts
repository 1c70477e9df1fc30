import { and, eq, inArray, notExists, sql } from "drizzle-orm";
import { consents, emergencyAccesses, legalGrounds } from "../../covenant/tables.js";
import type { Db } from "../../db/database.js";
import { rowsOf } from "../../db/rows.js";
import { families, familyMemberships, persons } from "../../families/tables.js";
import { agreements, analyses, plans, tasks } from "../../plan/tables.js";
import { closures, concerns, escalations, mandateAdvices } from "../../process/tables.js";
import { FAMILY_RECORDS, type FamilyRecordName } from "../family-records.js";
import { outlineOf } from "./outline.js";
import { closedFamilyOutlines } from "./tables.js";
import { appendEntries } from "../access-log/append.js";
import { systemActor } from "../access-log/actor.js";

/** What a removal deletes, per kind of record (family-records.ts, and the persons no family names any more): the run adds these up and logs them. */
export type RemovedKind = FamilyRecordName | "persons";
export const REMOVED_KINDS: readonly RemovedKind[] = [...FAMILY_RECORDS.map((record) => record.kind), "persons"];
export type RemovedCounts = Record<RemovedKind, number>;

export const noneRemoved = (): RemovedCounts => Object.fromEntries(REMOVED_KINDS.map((kind) => [kind, 0])) as RemovedCounts;

export interface DueFamily {
  familyId: string;
  regionId: string;
  /** The day (Dutch time) the family last entered CLOSED: its term counts from here. */
  closedOn: string;
}

/**
 * The families whose term has run out on `today`: in CLOSED now (so not in aftercare, not
 * reopened), and the day they last entered it lies the region's years or more before today.
 * A family reopened and closed again counts from its latest closing. Only the latest phase row
 * says when that was; a family whose register says CLOSED without such a row is left alone,
 * since nobody can say since when.
 */
export async function dueClosedFamilies(db: Db, today: string, onlyFamilyId?: string): Promise<DueFamily[]> {
  const result = await db.execute(sql`
    select f.id as "familyId", f.region_id as "regionId", to_char(latest.closed_on, 'YYYY-MM-DD') as "closedOn"
    from families f
    join regions r on r.id = f.region_id
    join lateral (
      select p.phase, (p.since at time zone 'Europe/Amsterdam')::date as closed_on
      from family_phases p
      where p.family_id = f.id
      order by p.since desc, p.seq desc
      limit 1
    ) latest on true
    where f.phase = 'CLOSED'
      and latest.phase = 'CLOSED'
      and latest.closed_on + make_interval(years => r.closed_family_retention_years) <= ${today}::date
      ${onlyFamilyId ? sql`and f.id = ${onlyFamilyId}::uuid` : sql``}
    order by latest.closed_on, f.id`);
  return rowsOf<DueFamily>(result);
}

/**
 * Removes one family whose term has run out, in one transaction: everything held on it and its
 * members goes, a de-identified outline of its process stays (docs/decisions/0008). Decided
 * under a lock on the family row, so a reopening cannot slip in between; any write that would
 * refer to the family waits for the lock and then finds it gone. Returns null when the family
 * is no longer due (reopened since it was listed).
 */
export async function removeClosedFamily(db: Db, today: string, familyId: string): Promise<RemovedCounts | null> {
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    const [locked] = await tx.select({ id: families.id }).from(families).where(eq(families.id, familyId)).for("update");
    if (!locked) return null;
    const [due] = await dueClosedFamilies(tx, today, familyId);
    if (!due) return null;

    const outline = await outlineOf(tx, familyId);
    const removed = noneRemoved();
    const count = (kind: RemovedKind, rows: readonly unknown[]) => {
      removed[kind] += rows.length;
    };
    const idsOf = async (rows: Promise<{ id: string | null }[]>) => (await rows).flatMap((row) => (row.id ? [row.id] : []));

    // The people the family's records name: its members, and anyone a consent, legal ground,
    // analysis or agreement of it names (members too, unless the data was made by hand).
    const personIds = new Set([
      ...(await idsOf(tx.select({ id: familyMemberships.personId }).from(familyMemberships).where(eq(familyMemberships.familyId, familyId)))),
      ...(await idsOf(tx.select({ id: consents.personId }).from(consents).where(eq(consents.familyId, familyId)))),
      ...(await idsOf(tx.select({ id: legalGrounds.personId }).from(legalGrounds).where(eq(legalGrounds.familyId, familyId)))),
      ...(await idsOf(tx.select({ id: analyses.personId }).from(analyses).where(eq(analyses.familyId, familyId)))),
      ...(await idsOf(tx.select({ id: agreements.personId }).from(agreements).where(eq(agreements.familyId, familyId)))),
    ]);
    const concernIds = await idsOf(tx.select({ id: concerns.id }).from(concerns).where(eq(concerns.familyId, familyId)));
    const escalationIds = await idsOf(tx.select({ id: escalations.id }).from(escalations).where(eq(escalations.familyId, familyId)));
    const subjectIds = [
      familyId,
      ...concernIds,
      ...escalationIds,
      ...(await idsOf(tx.select({ id: mandateAdvices.id }).from(mandateAdvices).where(eq(mandateAdvices.familyId, familyId)))),
      ...(await idsOf(tx.select({ id: plans.id }).from(plans).where(eq(plans.familyId, familyId)))),
      ...(await idsOf(tx.select({ id: tasks.id }).from(tasks).where(eq(tasks.familyId, familyId)))),
      ...(await idsOf(tx.select({ id: closures.id }).from(closures).where(eq(closures.familyId, familyId)))),
      ...(await idsOf(tx.select({ id: emergencyAccesses.id }).from(emergencyAccesses).where(eq(emergencyAccesses.familyId, familyId)))),
    ];

    // Every kind of the family's records, in the declared order (family-records.ts).
    const keys = { familyId, concernIds, escalationIds, subjectIds };
    for (const record of FAMILY_RECORDS) {
      const rows = record.rows(keys);
      if (rows) removed[record.kind] += (await tx.delete(record.table).where(rows).returning({ one: sql`1` })).length;
    }

    // A person row still named by another family's records stays: that family needs it.
    if (personIds.size) {
      count(
        "persons",
        await tx
          .delete(persons)
          .where(
            and(
              inArray(persons.id, [...personIds]),
              notExists(tx.select({ id: familyMemberships.id }).from(familyMemberships).where(eq(familyMemberships.personId, persons.id))),
              notExists(tx.select({ id: consents.id }).from(consents).where(eq(consents.personId, persons.id))),
              notExists(tx.select({ id: legalGrounds.id }).from(legalGrounds).where(eq(legalGrounds.personId, persons.id))),
              notExists(tx.select({ id: analyses.id }).from(analyses).where(eq(analyses.personId, persons.id))),
              notExists(tx.select({ id: agreements.id }).from(agreements).where(eq(agreements.personId, persons.id))),
            ),
          )
          .returning({ id: persons.id }),
      );
    }

    const registeredOn = outline.phases[0]?.since ?? due.closedOn;
    await tx.insert(closedFamilyOutlines).values({ regionId: due.regionId, registeredOn, closedOn: due.closedOn, outline });
    // Accountable like any write: the log says the system erased the family, and what, with it.
    await appendEntries(tx, [
      {
        occurredAt: new Date(),
        requestId: null,
        ...systemActor(due.regionId),
        action: "ERASE",
        operation: "retention",
        familyId,
        personIds: [...personIds].sort(),
        subject: null,
        data: REMOVED_KINDS.filter((kind) => removed[kind] > 0),
        basis: { rules: ["closed-family-retention"], closedOn: due.closedOn },
        emergency: false,
      },
    ]);
    return removed;
  });
}
