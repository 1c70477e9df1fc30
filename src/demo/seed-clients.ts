// Writes the demo clients and the regions' rights settings (client-scenario.ts).
import { and, eq } from "drizzle-orm";
import { clientAccounts, rightsSettings } from "../accountability/rights/tables.js";
import type { Db } from "../db/database.js";
import { families, familyMemberships, persons } from "../families/tables.js";
import { regions } from "../organisations/tables.js";
import { DEMO_CLIENTS, DEMO_RIGHTS_SETTINGS } from "./client-scenario.js";
import { demoClientAccountId, demoProfessionalId } from "./identity.js";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Idempotent: an account or a region's settings already there is left as it is. */
export async function seedDemoClients(tx: Tx, now: Date): Promise<void> {
  for (const settings of DEMO_RIGHTS_SETTINGS) {
    const [region] = await tx.select({ id: regions.id }).from(regions).where(eq(regions.code, settings.region));
    if (!region) continue;
    await tx
      .insert(rightsSettings)
      .values({ regionId: region.id, selfAccessAge: settings.selfAccessAge, onBehalf: settings.onBehalf })
      .onConflictDoNothing();
  }
  for (const client of DEMO_CLIENTS) {
    const [region] = await tx.select({ id: regions.id }).from(regions).where(eq(regions.code, client.region));
    if (!region) continue;
    const [person] = await tx
      .select({ id: persons.id, regionId: persons.regionId })
      .from(persons)
      .innerJoin(familyMemberships, eq(familyMemberships.personId, persons.id))
      .innerJoin(families, eq(families.id, familyMemberships.familyId))
      .where(and(eq(persons.regionId, region.id), eq(families.name, client.family), eq(persons.bsn, client.bsn)));
    if (!person) throw new Error(`Demo clients: no ${client.bsn} in ${client.family} (${client.region})`);
    await tx
      .insert(clientAccounts)
      .values({
        id: demoClientAccountId(client.email),
        regionId: person.regionId,
        personId: person.id,
        email: client.email.toLowerCase(),
        createdAt: now,
        createdBy: demoProfessionalId(client.openedBy),
      })
      .onConflictDoNothing();
  }
}

/** Every demo client who can log in: for the start banner, the README and `npm run token`. */
export function demoClientLogins(): { email: string; region: string; family: string }[] {
  return DEMO_CLIENTS.map((client) => ({ email: client.email, region: client.region, family: client.family }));
}
