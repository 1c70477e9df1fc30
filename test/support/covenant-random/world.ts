import type { TestApp } from "../app.js";
import { aLifeDomain, aPartner, aProfessional, aRegion, bsnNumber } from "../builders.js";
import { mark, partner, person, pro, world, type Rule } from "./ledger.js";
import { planBuilder } from "./plans.js";

/*
 * The random covenant test's world: an open region that shares like Groningen and a strict one that
 * shares like Amsterdam, built through the API wherever there is one (the directory through the
 * builders), and recorded in the oracle's model as it is built.
 */

/** The world's builders, on the file's server: it starts in the file's beforeAll, after these are made. */
export function worldBuilder(server: () => TestApp) {
  /** A setup call that must succeed. */
  async function must<T>(as: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await server().gql<T>(query, variables, pro(as).id);
    if (response.body.errors?.length || !response.body.data) throw new Error(`setup failed as ${as}: ${query}\n${response.text}`);
    return response.body.data;
  }
  const { buildPlansA, buildPlansB, openEmergency } = planBuilder(must);

  async function buildWorld() {
    const db = server().database.db;
    const regionSpecs = [
      { key: "A", code: "region-open", domains: [["A_HOUSING", false], ["A_DEBTS", false], ["A_PARENTING", false], ["A_SAFETY", true]] },
      { key: "B", code: "region-strict", domains: [["B_HOUSING", false], ["B_DEBTS", false], ["B_HEALTH", false], ["B_SAFETY", true]] },
    ] as const;
    for (const spec of regionSpecs) {
      // No age limit: the index here also holds the parents (a per-region setting, §7).
      const region = await aRegion(db, { code: spec.code, name: mark({ t: "region", region: spec.key }, `region ${spec.key}`), signalAgeLimitYears: null });
      for (const [code, safety] of spec.domains) {
        await aLifeDomain(db, region.id, code, safety);
        world.domainRegion.set(code, spec.key);
      }
      world.regions.set(spec.key, {
        key: spec.key,
        id: region.id,
        safety: spec.domains.filter(([, safety]) => safety).map(([code]) => code),
        rules: [],
        signatories: new Set(),
      });
    }

    const partnerSpecs: [string, string, string, boolean][] = [
      ["aMuni", "A", "MUNICIPALITY", true], ["aSocial", "A", "SOCIAL_WORK", true], ["aYouth", "A", "YOUTH_CARE", true],
      ["aPolice", "A", "POLICE_JUSTICE", true], ["aHousing", "A", "HOUSING", true], ["aOutsider", "A", "HOUSING", false],
      ["bMuni", "B", "MUNICIPALITY", true], ["bSocial", "B", "SOCIAL_WORK", true], ["bHousing", "B", "HOUSING", true],
      ["bPolice", "B", "POLICE_JUSTICE", true], ["bYouth", "B", "YOUTH_CARE", true], ["bOutsider", "B", "HEALTH", false],
    ];
    for (const [key, region, sector, signatory] of partnerSpecs) {
      const name = mark({ t: "region", region }, `partner ${key}`);
      const row = await aPartner(db, world.regions.get(region)!.id, { name, sector, covenantSignatory: signatory });
      world.partners.set(key, { key, id: row.id, region, sector, signatory, name });
      if (signatory) world.regions.get(region)!.signatories.add(key);
    }

    const proSpecs: [string, string, ("COACH" | "PARTNER_PROFESSIONAL" | "PROCESS_LEAD" | "PROJECT_LEAD" | "PARTNER_MANAGER" | "ADMINISTRATOR" | "COVENANT_ADMIN" | "EVALUATOR")[]][] = [
      ["plA", "aMuni", ["PROJECT_LEAD"]], ["adminA", "aMuni", ["COVENANT_ADMIN"]], ["evaluatorA", "aMuni", ["EVALUATOR"]],
      ["coachA1", "aSocial", ["COACH"]], ["coachA2", "aSocial", ["COACH"]], ["youthA", "aYouth", ["PARTNER_PROFESSIONAL"]],
      ["policeA", "aPolice", ["PARTNER_PROFESSIONAL"]], ["housingA", "aHousing", ["PARTNER_PROFESSIONAL"]],
      ["outsiderA", "aOutsider", ["PARTNER_PROFESSIONAL"]],
      ["plB", "bMuni", ["PROCESS_LEAD"]], ["plB2", "bMuni", ["PROCESS_LEAD"]], ["adminB", "bMuni", ["COVENANT_ADMIN"]],
      ["aldermanB", "bMuni", ["ADMINISTRATOR"]], ["coachB1", "bSocial", ["COACH"]], ["coachB2", "bSocial", ["COACH"]],
      ["housingB", "bHousing", ["PARTNER_PROFESSIONAL"]], ["housingB2", "bHousing", ["PARTNER_PROFESSIONAL"]],
      ["policeB", "bPolice", ["PARTNER_PROFESSIONAL"]], ["policeManagerB", "bPolice", ["PARTNER_MANAGER"]],
      ["youthB", "bYouth", ["PARTNER_PROFESSIONAL"]], ["outsiderB", "bOutsider", ["PARTNER_PROFESSIONAL"]],
    ];
    for (const [key, partnerKey, roles] of proSpecs) {
      const p = partner(partnerKey);
      const name = mark({ t: "region", region: p.region }, `professional ${key}`);
      const row = await aProfessional(db, { id: p.id, regionId: world.regions.get(p.region)!.id }, roles, { name });
      world.pros.set(key, { key, id: row.id, region: p.region, partner: partnerKey, roles, name });
    }

    // The covenants, published by each region's covenant administrator.
    const rulesA: Rule[] = [
      { level: "SECTION", involvement: true, cover: false, description: mark({ t: "region", region: "A" }, "involved partners see the whole plan") },
      { sector: "YOUTH_CARE", level: "DAT", involvement: false, cover: false, description: mark({ t: "region", region: "A" }, "youth care knows every family") },
    ];
    const rulesB: Rule[] = [
      { level: "DAT", involvement: true, cover: false, description: mark({ t: "region", region: "B" }, "involved signatories know of each other") },
      { sector: "HOUSING", level: "SECTION", domain: "B_HOUSING", involvement: true, cover: true, description: mark({ t: "region", region: "B" }, "housing parts with consent") },
      { sector: "YOUTH_CARE", level: "SECTION", domain: "B_SAFETY", involvement: true, cover: true, description: mark({ t: "region", region: "B" }, "safety parts on a legal ground") },
      { sector: "POLICE_JUSTICE", level: "PROCESS", involvement: true, cover: false, role: "PARTNER_MANAGER", description: mark({ t: "region", region: "B" }, "police management follows the process") },
      { sector: "HOUSING", level: "SECTION", partKind: "GOAL", domain: "B_DEBTS", involvement: true, cover: true, description: mark({ t: "region", region: "B" }, "housing sees debt goals with consent") },
    ];
    await publish("adminA", "A", rulesA, { emergencyHours: 24 });
    await publish("adminB", "B", rulesB, { emergencyHours: 8 });

    // Persons: BSNs pass the 11-proof, birth dates lie far from every other date in the world.
    const personSpecs: [string, string, string, string][] = [
      ["a1p", "Anouk", "Dijkstra", "1984-02-11"], ["a1t", "Bram", "Dijkstra", "2012-05-03"], ["a1c", "Cato", "Dijkstra", "2018-07-19"],
      ["a2p", "Dirk", "Hoekstra", "1990-03-14"], ["a2c", "Evi", "Hoekstra", "2021-01-25"],
      ["a3p", "Femke", "Kuipers", "1979-08-30"], ["a3c", "Gijs", "Kuipers", "2015-10-02"],
      ["b1m", "Mila", "Bos", "1985-06-21"], ["b1x", "Ruud", "Vos", "1983-12-09"], ["b1t", "Jens", "Bos", "2012-03-17"], ["b1c", "Fleur", "Bos", "2019-09-08"],
      ["b2p", "Hanna", "Smit", "1992-04-27"], ["b2c", "Ids", "Smit", "2016-02-28"],
      ["b3c", "Kees", "Bos", "2021-06-30"],
    ];
    personSpecs.forEach(([key, given, familyName, birthDate], index) => {
      world.persons.set(key, {
        key,
        bsn: bsnNumber(71_000_000 + index * 1_013),
        given: mark({ t: "person", person: key }, given),
        familyName: mark({ t: "person", person: key }, familyName),
        birthDate,
      });
    });

    await register("FA1", "A", "plA", "coachA1", "MPG2", [["a1p", "PARENT", true], ["a1t", "CHILD", false], ["a1c", "CHILD", false]]);
    await register("FA2", "A", "plA", "coachA1", "MPG1", [["a2p", "PARENT", true], ["a2c", "CHILD", false]]);
    await register("FA3", "A", "plA", "coachA2", "RISK", [["a3p", "PARENT", true], ["a3c", "CHILD", false]]);
    await register("FB1", "B", "plB", "coachB1", "MPG3", [["b1m", "PARENT", true], ["b1x", "PARTNER", false], ["b1t", "CHILD", false], ["b1c", "CHILD", false]]);
    await register("FB2", "B", "plB", "coachB2", "MPG2", [["b2p", "PARENT", true], ["b2c", "CHILD", false]]);
    // Mila (b1m) is also the parent of Kees, who lives in another household: the register knows her twice.
    await register("FB3", "B", "plB", "coachB2", "RISK", [["b1m", "PARENT", true], ["b3c", "CHILD", false]]);

    // The reference index: who is involved with whom.
    for (const [who, personKey] of [
      ["policeA", "a1t"], ["youthA", "a1c"], ["outsiderA", "a1p"], ["housingA", "a2p"], ["policeA", "a2c"],
      ["housingB", "b1m"], ["outsiderB", "b1m"], ["policeB", "b1t"], ["youthB", "b1c"], ["policeB", "b2c"], ["youthB", "b3c"],
    ] as const) {
      await signal(who, personKey);
    }
    // The police in region A stop being involved with Evi.
    const withdrawn = world.signals.find((s) => s.pro === "policeA" && s.bsn === person("a2c").bsn)!;
    await must("policeA", `mutation($id: ID!) { withdrawSignal(id: $id) { id } }`, { id: withdrawn.id });
    withdrawn.active = false;

    await buildPlansA();
    await buildPlansB();
  }

  async function publish(admin: string, regionKey: string, rules: Rule[], options: { emergencyHours: number }) {
    const region = world.regions.get(regionKey)!;
    region.rules = rules;
    const input = {
      title: mark({ t: "region", region: regionKey }, `covenant of region ${regionKey}`),
      signatoryPartnerIds: [...region.signatories].map((key) => partner(key).id),
      emergencyHours: options.emergencyHours,
      rules: rules.map((rule) => ({
        granteePartnerId: rule.partner ? partner(rule.partner).id : null,
        granteeSector: rule.sector ?? null,
        level: rule.level,
        partKind: rule.partKind ?? null,
        lifeDomain: rule.domain ?? null,
        requiresInvolvement: rule.involvement,
        requiresConsentOrLegalGround: rule.cover,
        requiredRole: rule.role ?? null,
        description: rule.description,
      })),
    };
    await must(admin, `mutation($input: CovenantVersionInput!) { publishCovenantVersion(input: $input) { id inForce } }`, { input });
  }

  async function register(key: string, region: string, lead: string, coach: string, category: string, members: [string, string, boolean][]) {
    const input = {
      name: mark({ t: "familyName", fam: key }, `Gezin ${key}`),
      category,
      regisseurId: pro(coach).id,
      members: members.map(([personKey, relation, legalCustody]) => {
        const p = person(personKey);
        return { bsn: p.bsn, givenName: p.given, familyName: p.familyName, birthDate: p.birthDate, relation, legalCustody };
      }),
    };
    const registered = await must<{ registerFamily: { id: string } }>(lead, `mutation($input: RegisterFamilyInput!) { registerFamily(input: $input) { id } }`, { input });
    const id = registered.registerFamily.id;
    const read = await must<{ family: { members: { id: string; person: { id: string; bsn: string } }[] } }>(
      coach,
      `query($id: ID!) { family(id: $id) { members { id person { id bsn } } } }`,
      { id },
    );
    const rows = read.family.members;
    world.fams.set(key, {
      key,
      id,
      region,
      regisseur: coach,
      processLead: lead,
      members: members.map(([personKey]) => {
        const row = rows.find((member) => member.person.bsn === person(personKey).bsn)!;
        return { person: personKey, personId: row.person.id, membershipId: row.id, current: true };
      }),
    });
    world.famById.set(id, key);
  }

  async function signal(who: string, personKey: string) {
    const p = person(personKey);
    const created = await must<{ signal: { id: string } }>(who, `mutation($input: SignalInput!) { signal(input: $input) { id } }`, {
      input: { bsn: p.bsn, birthDate: p.birthDate, discussedWithFamily: true },
    });
    const professional = pro(who);
    world.signals.push({ id: created.signal.id, pro: who, partner: professional.partner, region: professional.region, bsn: p.bsn, birthDate: p.birthDate, active: true });
  }

  return { buildWorld, openEmergency };
}
