// Writes the demo world (scenario.ts) to the database, once.
import { eq } from "drizzle-orm";
import { isoDate, addMonths } from "../dates.js";
import type { Db } from "../db/database.js";
import { isValidBsn } from "../families/bsn.js";
import { families, familyCategories, familyMemberships, persons } from "../families/tables.js";
import { partners, professionals, regions } from "../organisations/tables.js";
import { matchNotifications, signals } from "../reference-index/tables.js";
import { demoProfessionalId } from "./identity.js";
import { seedDemoClients } from "./seed-clients.js";
import { seedDemoPlans } from "./seed-plans.js";
import { seedDemoProcess } from "./seed-process.js";
import { DEMO_REGIONS, type DemoMember, type DemoProfessional, type DemoRegion } from "./scenario.js";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type SignalRow = typeof signals.$inferSelect;

/** Looks a name up in a map built from the scenario; a miss is a mistake in the scenario. */
function lookup<T>(map: Map<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Demo scenario: unknown ${what} "${key}"`);
  return value;
}

/** A calendar date as a moment: noon UTC is the same day in Dutch time, summer or winter. */
const dayAsMoment = (day: string) => new Date(`${day}T12:00:00Z`);

/**
 * Loads the demo regions, partners, professionals, families and reference-index signals, with
 * the match notifications those signals would have raised. Idempotent: when the Groningen region
 * exists nothing is written. `now` is the clock: it decides which signals are active.
 */
export async function seedDemo(db: Db, now: Date): Promise<{ created: boolean }> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: regions.id }).from(regions).where(eq(regions.code, "groningen"));
    if (!existing) for (const region of DEMO_REGIONS) await seedRegion(tx, region, now);
    else await seedLaterProfessionals(tx);
    // Plans and covenants are a step of their own, so a database seeded before them gets them too.
    await seedDemoPlans(tx, now);
    // The process (phases, concerns, escalations, advices, closures) likewise.
    await seedDemoProcess(tx, now);
    // The family members' own logins and the regions' rights settings likewise.
    await seedDemoClients(tx, now);
    return { created: !existing };
  });
}

const professionalRow = (professional: DemoProfessional, regionId: string, partnerIds: Map<string, string>) => ({
  id: demoProfessionalId(professional.email),
  regionId,
  partnerId: lookup(partnerIds, professional.partner, "partner"),
  name: professional.name,
  email: professional.email,
  phone: professional.phone,
  roles: [...professional.roles],
  active: professional.active ?? true,
});

/** Demo professionals added to the scenario after a database was seeded (the Amsterdam evaluator): the rest stays as it is. */
async function seedLaterProfessionals(tx: Tx): Promise<void> {
  for (const scenario of DEMO_REGIONS) {
    const [region] = await tx.select({ id: regions.id }).from(regions).where(eq(regions.code, scenario.code));
    if (!region) continue;
    const partnerIds = new Map((await tx.select().from(partners).where(eq(partners.regionId, region.id))).map((row) => [row.name, row.id]));
    await tx.insert(professionals).values(scenario.professionals.map((professional) => professionalRow(professional, region.id, partnerIds))).onConflictDoNothing();
  }
}

async function seedRegion(tx: Tx, scenario: DemoRegion, now: Date): Promise<void> {
  const day = isoDate(now);
  const [region] = await tx
    .insert(regions)
    .values({
      code: scenario.code,
      name: scenario.name,
      signalActiveMonths: scenario.signalActiveMonths,
      signalHistoricalMonths: scenario.signalHistoricalMonths,
      signalAgeLimitYears: scenario.signalAgeLimitYears,
      createdAt: now,
    })
    .returning();
  const regionId = region!.id;

  const partnerRows = await tx
    .insert(partners)
    .values(scenario.partners.map((partner) => ({ regionId, ...partner })))
    .returning();
  const partnerIds = new Map(partnerRows.map((row) => [row.name, row.id]));

  const professionalRows = await tx
    .insert(professionals)
    .values(scenario.professionals.map((professional) => professionalRow(professional, regionId, partnerIds)))
    .returning();
  const staff = new Map(professionalRows.map((row) => [row.email, row]));

  // One BSN is one person across the scenario; in the register each household has its own row.
  const people = new Map<string, DemoMember>();
  for (const member of scenario.families.flatMap((family) => family.members)) {
    if (!isValidBsn(member.bsn)) throw new Error(`Demo scenario: BSN ${member.bsn} fails the 11-proof`);
    const known = people.get(member.bsn);
    if (!known) people.set(member.bsn, member);
    else if (known.givenName !== member.givenName || known.familyName !== member.familyName || known.birthDate !== member.birthDate) {
      throw new Error(`Demo scenario: BSN ${member.bsn} is given to two different people`);
    }
  }
  for (const family of scenario.families) {
    const processLeadId = lookup(staff, family.processLead, "process lead").id;
    const [familyRow] = await tx
      .insert(families)
      .values({
        regionId,
        name: family.name,
        regisseurId: lookup(staff, family.regisseur, "regisseur").id,
        processLeadId,
        registeredBy: processLeadId,
        registeredAt: now,
      })
      .returning({ id: families.id });
    const familyId = familyRow!.id;
    const personRows = await tx
      .insert(persons)
      .values(
        family.members.map((member) => ({
          regionId,
          bsn: member.bsn,
          givenName: member.givenName,
          familyName: member.familyName,
          birthDate: member.birthDate,
        })),
      )
      .returning();
    const personIds = new Map(personRows.map((row) => [row.bsn, row.id]));
    await tx.insert(familyMemberships).values(
      family.members.map((member) => ({
        regionId,
        familyId,
        personId: lookup(personIds, member.bsn, "person"),
        relation: member.relation,
        legalCustody: member.legalCustody,
        validFrom: member.validFrom,
        validTo: member.validTo ?? null,
      })),
    );
    // Oldest first; the latest row is the current category.
    await tx.insert(familyCategories).values(
      [...family.earlierCategories, { category: family.category, since: family.categorySince }].map((period) => ({
        regionId,
        familyId,
        category: period.category,
        since: dayAsMoment(period.since),
        setBy: processLeadId,
      })),
    );
  }

  // Signals one by one, so each scenario signal keeps its own row.
  const signalRows: SignalRow[] = [];
  for (const signal of scenario.signals) {
    const professional = lookup(staff, signal.professional, "signalling professional");
    const person = lookup(people, signal.bsn, "signalled person");
    if (!professional.active || !professional.roles.some((role) => role === "COACH" || role === "PARTNER_PROFESSIONAL")) {
      throw new Error(`Demo scenario: ${signal.professional} may not signal`);
    }
    if (signal.discussedWithFamily === (signal.notDiscussedReason !== undefined)) {
      throw new Error(`Demo scenario: signal on ${signal.bsn} by ${signal.professional} needs a reason exactly when not discussed`);
    }
    const [row] = await tx
      .insert(signals)
      .values({
        regionId,
        bsn: signal.bsn,
        birthDate: person.birthDate,
        partnerId: professional.partnerId,
        professionalId: professional.id,
        contactPhone: professional.phone,
        contactEmail: professional.email,
        signalledOn: signal.signalledOn,
        activeUntil: addMonths(signal.signalledOn, scenario.signalActiveMonths),
        discussedWithFamily: signal.discussedWithFamily,
        notDiscussedReason: signal.notDiscussedReason ?? null,
        withdrawnAt: signal.withdrawn ? now : null,
        createdAt: now,
      })
      .returning();
    signalRows.push(row!);
  }

  const notifications = matchesOf(scenario, signalRows, day).flatMap(({ kind, a, b }) => [
    { regionId, kind, recipientId: a.professionalId, ownSignalId: a.id, otherSignalId: b.id, createdAt: now },
    { regionId, kind, recipientId: b.professionalId, ownSignalId: b.id, otherSignalId: a.id, createdAt: now },
  ]);
  if (notifications.length > 0) await tx.insert(matchNotifications).values(notifications);
}

/**
 * The matches among the region's active signals, as the reference index would have raised them:
 * PERSON_MATCH for the same BSN, FAMILY_MATCH for children who currently share a parent.
 * Only signals of different partners match.
 */
function matchesOf(scenario: DemoRegion, rows: readonly SignalRow[], day: string) {
  const active = rows.filter((row) => row.withdrawnAt === null && row.activeUntil > day);
  const current = (member: DemoMember) => member.validFrom <= day && (member.validTo === undefined || member.validTo >= day);
  // BSN of a child → BSNs of its current parents, over all families.
  const parentsOf = new Map<string, Set<string>>();
  for (const family of scenario.families) {
    const members = family.members.filter(current);
    const parents = members.filter((member) => member.relation === "PARENT").map((member) => member.bsn);
    for (const child of members.filter((member) => member.relation === "CHILD")) {
      const set = parentsOf.get(child.bsn) ?? new Set<string>();
      parents.forEach((parent) => set.add(parent));
      parentsOf.set(child.bsn, set);
    }
  }
  const shareParent = (a: string, b: string) => {
    const parentsOfB = parentsOf.get(b);
    return parentsOfB !== undefined && [...(parentsOf.get(a) ?? [])].some((parent) => parentsOfB.has(parent));
  };

  const matches: { kind: "PERSON_MATCH" | "FAMILY_MATCH"; a: SignalRow; b: SignalRow }[] = [];
  active.forEach((a, index) => {
    for (const b of active.slice(index + 1)) {
      if (a.partnerId === b.partnerId) continue;
      if (a.bsn === b.bsn) matches.push({ kind: "PERSON_MATCH", a, b });
      else if (shareParent(a.bsn, b.bsn)) matches.push({ kind: "FAMILY_MATCH", a, b });
    }
  });
  return matches;
}

/** Every demo professional who can log in: for the start banner and the README. */
export function demoLogins(): { email: string; name: string; roles: string[]; region: string; partner: string }[] {
  return DEMO_REGIONS.flatMap((region) =>
    region.professionals
      .filter((professional) => professional.active ?? true)
      .map((professional) => ({
        email: professional.email,
        name: professional.name,
        roles: [...professional.roles],
        region: region.code,
        partner: professional.partner,
      })),
  );
}
