import { and, eq } from "drizzle-orm";
import { clientAccounts } from "../accountability/rights/tables.js";
import type { Db } from "../db/database.js";
import { persons } from "../families/tables.js";

/**
 * The authenticated family member (a client), as the database says they are right now. Not a
 * professional: `ctx.caller` stays null for them, so every rule and service written for
 * professionals refuses them.
 */
export interface ClientCaller {
  accountId: string;
  /** The register row the account names; what it opens is everything on that person's BSN. */
  personId: string;
  regionId: string;
  name: string;
}

/** One statement; null for an unknown or deactivated account (refused at once). */
export async function loadClient(db: Db, accountId: string): Promise<ClientCaller | null> {
  const [row] = await db
    .select({
      accountId: clientAccounts.id,
      personId: clientAccounts.personId,
      regionId: clientAccounts.regionId,
      givenName: persons.givenName,
      familyName: persons.familyName,
    })
    .from(clientAccounts)
    .innerJoin(persons, and(eq(persons.id, clientAccounts.personId), eq(persons.regionId, clientAccounts.regionId)))
    .where(and(eq(clientAccounts.id, accountId), eq(clientAccounts.active, true)))
    .limit(1);
  if (!row) return null;
  return { accountId: row.accountId, personId: row.personId, regionId: row.regionId, name: `${row.givenName} ${row.familyName}` };
}
