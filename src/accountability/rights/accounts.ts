import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { AuthenticatedContext } from "../../context.js";
import { inTransaction } from "../access-log/transaction.js";
import { ageOn, today } from "../../dates.js";
import type { Db } from "../../db/database.js";
import { badInput, conflict } from "../../errors.js";
import { regions } from "../../organisations/tables.js";
import { parseInput } from "../../validation.js";
import { recordRightsWrite } from "./recording.js";
import { rightsRules } from "./settings.js";
import { onBehalfOf, type Subject } from "./subject.js";
import { clientAccounts } from "./tables.js";
import type { ClientAccount } from "./types.js";

const emailSchema = z
  .string()
  .trim()
  .max(200, "at most 200 characters")
  .pipe(z.email("not an email address"))
  .transform((value) => value.toLowerCase());

type AccountRow = typeof clientAccounts.$inferSelect;

export async function toClientAccount(db: Db, row: AccountRow, subject: Pick<Subject, "givenName" | "familyName">, readerKey: string): Promise<ClientAccount> {
  const [region] = await db.select({ name: regions.name }).from(regions).where(eq(regions.id, row.regionId));
  return {
    id: row.id,
    email: row.email,
    name: `${subject.givenName} ${subject.familyName}`,
    personId: row.personId,
    region: region?.name ?? "",
    active: row.active,
    createdAt: row.createdAt,
    readerKey,
  };
}

/**
 * Opens a login for a family member, by a professional the region allows to act on a client's
 * behalf (NOT_FOUND for a person they may not know). Only from the region's age: below it a
 * parent with custody asks, with their own account. One active account per person (per BSN in
 * the region) and one per email: CONFLICT otherwise.
 */
export async function openClientAccount(ctx: AuthenticatedContext, rawPersonId: string, rawEmail: string): Promise<{ row: AccountRow; subject: Subject; familyIds: string[] }> {
  const email = parseInput(emailSchema, rawEmail, "email");
  return inTransaction(ctx, async (tx) => {
    const { subject, familyIds } = await onBehalfOf(tx, rawPersonId);
    const rules = await rightsRules(tx.db, tx.caller.regionId);
    if (ageOn(subject.birthDate, today(tx)) < rules.selfAccessAge) {
      throw badInput("personId", `below ${rules.selfAccessAge} a person has no account of their own: a parent with legal custody asks for them`);
    }
    // Two openings at once for one person or one email take turns; sorted, so they cannot deadlock.
    const keys = [`client-account:email:${email}`, `client-account:person:${subject.regionId}:${subject.bsn}`].sort();
    for (const key of keys) await tx.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
    const [sameEmail] = await tx.db.select({ id: clientAccounts.id }).from(clientAccounts).where(eq(clientAccounts.email, email));
    if (sameEmail) throw conflict("email: this login name is taken.");
    const [samePerson] = await tx.db
      .select({ id: clientAccounts.id })
      .from(clientAccounts)
      .where(and(inArray(clientAccounts.personId, subject.personIds), eq(clientAccounts.active, true)));
    if (samePerson) throw conflict("personId: this person has an account already.");
    const [row] = await tx.db
      .insert(clientAccounts)
      .values({ regionId: subject.regionId, personId: subject.personId, email, createdAt: tx.now(), createdBy: tx.caller.professionalId })
      .returning();
    recordRightsWrite(tx, subject, ["ClientAccount"]);
    return { row: row!, subject, familyIds };
  });
}
