import { eq } from "drizzle-orm";
import { families } from "../../../src/families/tables.js";
import { professionals, regions as regionsTable } from "../../../src/organisations/tables.js";
import { evaluations, plans } from "../../../src/plan/tables.js";
import { AMSTERDAM_PROCESS, GRONINGEN_PROCESS, installProcessDefaults } from "../../../src/process/intake/defaults.js";
import { closures, familyPhases, screenings } from "../../../src/process/tables.js";
import type { TestApp } from "../app.js";
import { AMSTERDAM, DAAN, ERIK, GRONINGEN, LINDA, LOTTE } from "./callers.js";

/*
 * What the covenant matrix adds to the demo world, so that every caller kind is real in both
 * regions and every field below Family has a value to guard.
 */

/** A setup step that must work: its errors fail the test with their messages. */
export type Must = <T>(query: string, variables: Record<string, unknown>, email: string) => Promise<T>;

/**
 * Groningen has no consent or legal ground in the demo: the regisseur records them through the
 * API, so that "with consent" and "with a legal ground" are real there too.
 */
export async function recordGroningenCover(must: Must, familyIds: Map<string, string>) {
  const bakker = familyIds.get(GRONINGEN.family)!;
  const coach = GRONINGEN.regisseur;
  const { partners } = await must<{ partners: { id: string; name: string }[] }>(`{ partners { id name } }`, {}, coach);
  const partnerId = (name: string) => partners.find((partner) => partner.name === name)!.id;
  const { family } = await must<{ family: { members: { person: { id: string; bsn: string } }[] } }>(
    `query($id: ID!) { family(id: $id) { members { person { id bsn } } } }`,
    { id: bakker },
    coach,
  );
  const person = (bsn: string) => family.members.find((member) => member.person.bsn === bsn)!.person.id;
  const consent = `mutation($input: ConsentInput!) { recordConsent(input: $input) { id } }`;
  // The age rule: adults alone; Daan (15) and Lotte (12) together with a parent with custody.
  for (const [member, givenBy] of [[ERIK, [ERIK]], [LINDA, [LINDA]], [DAAN, [DAAN, ERIK]], [LOTTE, [LOTTE, LINDA]]] as const) {
    await must(consent, { input: { familyId: bakker, personId: person(member), partnerId: partnerId("Lefier"), lifeDomains: ["HOUSING"], givenBy: givenBy.map(person) } }, coach);
  }
  for (const member of [ERIK, LINDA]) {
    await must(
      `mutation($input: LegalGroundInput!) { recordLegalGround(input: $input) { id } }`,
      {
        input: {
          familyId: bakker,
          personId: person(member),
          partnerId: partnerId("Gemeente Groningen – GKB"),
          lifeDomains: ["FINANCES"],
          kind: "OTHER_STATUTORY_TASK",
          basis: "Wet gemeentelijke schuldhulpverlening, art. 3: beschikking schuldhulp",
        },
      },
      coach,
    );
  }
}

/**
 * The intake side of each family: the region's process settings, a concern about the household
 * (attached to the family, as any concern about a known household is), its screening and its
 * first phase, so that every field below Family is reached.
 */
export async function addIntakeAndClosure(app: TestApp, must: Must, familyIds: Map<string, string>) {
  const db = app.database.db;
  for (const [region, submitter, defaults] of [[AMSTERDAM, "ymere@amsterdam.demo", AMSTERDAM_PROCESS], [GRONINGEN, "lefier@groningen.demo", GRONINGEN_PROCESS]] as const) {
    const [regionRow] = await db.select({ id: regionsTable.id }).from(regionsTable).where(eq(regionsTable.code, defaults.regionCode));
    await installProcessDefaults(db, regionRow!.id, defaults);
    const familyId = familyIds.get(region.family)!;
    const { family: household } = await must<{ family: { members: { relation: string; legalCustody: boolean; validTo: string | null; person: { bsn: string; givenName: string; familyName: string; birthDate: string } }[] } }>(
      `query($id: ID!) { family(id: $id) { members { relation legalCustody validTo person { bsn givenName familyName birthDate } } } }`,
      { id: familyId },
      region.regisseur,
    );
    const members = household.members
      .filter((member) => member.validTo === null)
      .map((member) => ({ ...member.person, relation: member.relation, legalCustody: member.legalCustody }));
    await must(
      `mutation($input: ConcernInput!) { registerConcern(input: $input) { route } }`,
      { input: { label: region.family, members, description: "Zorgen over huur en schoolverzuim.", discussedWithFamily: false, notDiscussedReason: "Nog niet bereikt." } },
      submitter,
    );
    const [row] = await db.select().from(families).where(eq(families.id, familyId));
    const meeting = defaults.meetings[0]!.code;
    await db
      .insert(screenings)
      .values({ familyId, regionId: row!.regionId, outcome: "MPG2", meeting, reasoning: "Meer dan drie problemen tegelijk.", screenedBy: row!.registeredBy, screenedAt: row!.registeredAt })
      .onConflictDoNothing();
    const phases = await db.select({ id: familyPhases.id }).from(familyPhases).where(eq(familyPhases.familyId, familyId));
    if (phases.length === 0) {
      await db.insert(familyPhases).values({ regionId: row!.regionId, familyId, phase: row!.phase, since: row!.registeredAt, setBy: row!.registeredBy });
    }
    // An earlier closure, reopened since, with a warm handover: so every Closure field has a value to guard.
    const [plan] = await db.select({ id: plans.id }).from(plans).where(eq(plans.familyId, familyId));
    const [evaluation] = await db.select({ id: evaluations.id }).from(evaluations).where(eq(evaluations.planId, plan!.id)).limit(1);
    const partnerId = (await db.select({ partnerId: professionals.partnerId }).from(professionals).where(eq(professionals.id, row!.regisseurId!)))[0]!.partnerId;
    await db.insert(closures).values({
      regionId: row!.regionId,
      familyId,
      closedAt: new Date("2025-06-01T10:00:00Z"),
      closedBy: row!.regisseurId!,
      finalEvaluationId: evaluation!.id,
      goalsTotal: 3,
      goalsAchieved: 2,
      positiveExit: false,
      aftercareKeeperId: row!.regisseurId!,
      revisitOn: "2025-12-01",
      handoverPartnerId: partnerId,
      handoverProfessionalId: row!.regisseurId!,
      handoverNote: "Warme overdracht aan de eigen hulpverlener.",
      aftercareEndedAt: new Date("2025-08-01T10:00:00Z"),
      aftercareNote: "Nieuwe zorgen; het gezin is heropend.",
      reopenedAt: new Date("2025-08-01T10:00:00Z"),
      reopenedBy: row!.processLeadId!,
      reopenReason: "Nieuwe zorgen na een melding van school.",
    });
  }
}
