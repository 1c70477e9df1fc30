import { randomUUID } from "node:crypto";
import type { Role } from "../../src/access/roles.js";
import type { Db } from "../../src/db/database.js";
import { partners, professionals, regions } from "../../src/organisations/tables.js";
import { lifeDomains } from "../../src/plan/tables.js";

/*
 * Small builders for the world a test needs. They write the directory straight into the
 * database (there is no API for it yet); everything a test asserts goes through HTTP.
 */
export async function aRegion(db: Db, overrides: Partial<typeof regions.$inferInsert> = {}) {
  const code = overrides.code ?? `region-${randomUUID().slice(0, 8)}`;
  const [region] = await db
    .insert(regions)
    .values({ code, name: code, signalAgeLimitYears: 23, ...overrides })
    .returning();
  return region!;
}

export async function aPartner(db: Db, regionId: string, overrides: Partial<typeof partners.$inferInsert> = {}) {
  const [partner] = await db
    .insert(partners)
    .values({ regionId, name: `Partner ${randomUUID().slice(0, 8)}`, sector: "SOCIAL_WORK", covenantSignatory: true, ...overrides })
    .returning();
  return partner!;
}

export async function aProfessional(
  db: Db,
  partner: { id: string; regionId: string },
  roles: Role[] = ["PARTNER_PROFESSIONAL"],
  overrides: Partial<typeof professionals.$inferInsert> = {},
) {
  const id = randomUUID();
  const [professional] = await db
    .insert(professionals)
    .values({
      id,
      regionId: partner.regionId,
      partnerId: partner.id,
      name: `Professional ${id.slice(0, 8)}`,
      email: `${id}@test.example`,
      phone: "06-12345678",
      roles,
      ...overrides,
    })
    .returning();
  return professional!;
}

/** BSNs that pass the 11-proof, made from a counter: 8 digits, then the check digit. */
export function bsnNumber(seed: number): string {
  for (let base = seed; ; base++) {
    const digits = String(base % 100_000_000).padStart(8, "0");
    const sum = [...digits].reduce((total, digit, index) => total + Number(digit) * (9 - index), 0);
    const check = sum % 11;
    if (check < 10) return `${digits}${check}`;
  }
}

/** A life domain of the region's list (the covenant administrator's `defineLifeDomain` does the same). */
export async function aLifeDomain(db: Db, regionId: string, code: string, safetyRelevant = false) {
  const [domain] = await db.insert(lifeDomains).values({ regionId, code, name: code, safetyRelevant, position: 0 }).returning();
  return domain!;
}
