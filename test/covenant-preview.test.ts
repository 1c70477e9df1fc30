import { and, eq, sql } from "drizzle-orm";
import { parse, print, validate } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signClientToken } from "../src/auth/tokens.js";
import { accessLog } from "../src/accountability/access-log/tables.js";
import { buildBareSchema } from "../src/schema.js";
import { demoProfessionalId } from "../src/demo/identity.js";
import { seedDemo } from "../src/demo/seed.js";
import { DEFAULT_QUERY } from "../src/server/graphiql.js";
import { codes, data, refused, startTestApp, type TestApp } from "./support/app.js";
import { aLifeDomain, aPartner, aProfessional, aRegion, bsnNumber } from "./support/builders.js";

/*
 * The covenant what-if: a covenant administrator asks what a draft would change for each
 * partner, in counts of families, before publishing it. Nothing is written; small counts are
 * withheld; publishing answers the same.
 */
const REGISTER = `mutation($input: RegisterFamilyInput!) { registerFamily(input: $input) { id family { members { person { id givenName } } } } }`;
const SIGNAL = `mutation($input: SignalInput!) { signal(input: $input) { id } }`;
const CHANGES = `comparedWithVersion asOf minimumFamilies partners {
  partner { id name } signatoryNow signatoryInDraft
  levels { level gaining { families suppressed } losing { families suppressed } }
  parts { partKind lifeDomain gaining { families suppressed } losing { families suppressed } } }`;
const PREVIEW = `query($input: CovenantVersionInput!) { previewCovenantVersion(input: $input) { ${CHANGES} } }`;
const PUBLISH = `mutation($input: CovenantVersionInput!) { publishCovenantVersion(input: $input) { version inForce accessChanges { ${CHANGES} } } }`;
const VERSIONS = `{ covenantVersions { version inForce } }`;
const ACCESS = `query($id: ID!) { family(id: $id) { myAccess { level } plan { analyses { content { lifeDomain } } } } }`;
const OPEN_ACCOUNT = `mutation($personId: ID!, $email: String!) { openClientAccount(personId: $personId, email: $email) { id } }`;

interface Count {
  families: number | null;
  suppressed: boolean;
}
interface PartnerChange {
  partner: { id: string; name: string };
  signatoryNow: boolean;
  signatoryInDraft: boolean;
  levels: { level: string; gaining: Count; losing: Count }[];
  parts: { partKind: string; lifeDomain: string | null; gaining: Count; losing: Count }[];
}
interface Changes {
  comparedWithVersion: number | null;
  asOf: string;
  minimumFamilies: number;
  partners: PartnerChange[];
}

const hidden: Count = { families: null, suppressed: true };
const shown = (families: number): Count => ({ families, suppressed: false });
/** The four levels, every count withheld but the ones named. */
const levels = (named: Record<string, { gaining?: Count; losing?: Count }> = {}) =>
  ["DAT", "PROCESS", "SECTION", "FULL"].map((level) => ({ level, gaining: named[level]?.gaining ?? hidden, losing: named[level]?.losing ?? hidden }));
/** The housing parts a SECTION rule for HOUSING opens, each with the same counts. */
const housingParts = (gaining: Count, losing: Count) =>
  ["ANALYSIS", "GOAL", "TASK", "EVALUATION", "STEP"].map((partKind) => ({ partKind, lifeDomain: "HOUSING", gaining, losing }));

describe("the covenant what-if", () => {
  let app: TestApp;
  const who: Record<string, string> = {};
  const partnerIds: Record<string, string> = {};
  const familyIds: string[] = [];
  let clientAccount: string;
  let regionId: string;

  const knowEachOther = { level: "DAT", requiresInvolvement: true, requiresConsentOrLegalGround: false, description: "Involved signatories know of each other." };
  const housingSection = {
    granteeSector: "HOUSING",
    level: "SECTION",
    lifeDomain: "HOUSING",
    requiresInvolvement: true,
    requiresConsentOrLegalGround: false,
    description: "Involved housing partners read the housing parts.",
  };
  const draft = (title: string, rules: Record<string, unknown>[]) => ({
    title,
    signatoryPartnerIds: [partnerIds.municipality, partnerIds.woonstad, partnerIds.lefier, partnerIds.youth],
    rules,
  });
  const preview = async (input: Record<string, unknown>) => data(await app.gql<{ previewCovenantVersion: Changes }>(PREVIEW, { input }, who.admin)).previewCovenantVersion;
  const partner = (changes: Changes, key: string) => changes.partners.find((entry) => entry.partner.id === partnerIds[key])!;
  /** What the partner's professional gets for a family: its data and the codes of the fields refused. */
  const accessOf = async (as: string, familyId: string) => {
    const response = await app.gql(ACCESS, { id: familyId }, as);
    return { data: response.body.data, refused: codes(response) };
  };
  const previewEntries = () =>
    app.database.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.actorId, who.admin!), sql`${accessLog.data} @> array['Query.previewCovenantVersion']::text[]`));

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.database.db;
    const region = await aRegion(db);
    regionId = region.id;
    for (const code of ["HOUSING", "DEBTS"]) await aLifeDomain(db, region.id, code);
    await aLifeDomain(db, region.id, "SAFETY", true);
    const municipality = await aPartner(db, region.id, { name: "Gemeente", sector: "MUNICIPALITY" });
    const woonstad = await aPartner(db, region.id, { name: "Woonstad", sector: "HOUSING" });
    const lefier = await aPartner(db, region.id, { name: "Lefier", sector: "HOUSING" });
    const youth = await aPartner(db, region.id, { name: "Jeugdzorg", sector: "YOUTH_CARE" });
    Object.assign(partnerIds, { municipality: municipality.id, woonstad: woonstad.id, lefier: lefier.id, youth: youth.id });
    who.admin = (await aProfessional(db, municipality, ["COVENANT_ADMIN"])).id;
    who.coach = (await aProfessional(db, youth, ["COACH"])).id;
    who.lead = (await aProfessional(db, municipality, ["PROCESS_LEAD"])).id;
    who.woonstad = (await aProfessional(db, woonstad)).id;
    who.lefier = (await aProfessional(db, lefier)).id;
    who.manager = (await aProfessional(db, lefier, ["PARTNER_MANAGER"])).id;
    who.evaluator = (await aProfessional(db, municipality, ["EVALUATOR"])).id;
    who.administrator = (await aProfessional(db, municipality, ["ADMINISTRATOR"])).id;

    // Eight households: Woonstad signals the child of the first six, Lefier of the last two.
    for (let index = 0; index < 8; index++) {
      const parent = { bsn: bsnNumber(70_000_001 + index * 100), givenName: `Ouder${index}`, familyName: `Gezin${index}`, birthDate: "1985-01-01", relation: "PARENT", legalCustody: true };
      const child = { bsn: bsnNumber(70_500_001 + index * 100), givenName: `Kind${index}`, familyName: `Gezin${index}`, birthDate: "2015-02-02", relation: "CHILD" };
      const registered = data(
        await app.gql<{ registerFamily: { id: string; family: { members: { person: { id: string; givenName: string } }[] } } }>(
          REGISTER,
          { input: { name: `Gezin ${index}`, category: "MPG1", regisseurId: who.coach, members: [parent, child] } },
          who.lead,
        ),
      );
      familyIds.push(registered.registerFamily.id);
      const signaller = index < 6 ? who.woonstad : who.lefier;
      data(await app.gql(SIGNAL, { input: { bsn: child.bsn, birthDate: child.birthDate, discussedWithFamily: true } }, signaller));
      if (index === 0) {
        const personId = registered.registerFamily.family.members.find((member) => member.person.givenName === "Ouder0")!.person.id;
        clientAccount = data(await app.gql<{ openClientAccount: { id: string } }>(OPEN_ACCOUNT, { personId, email: "ouder0@example.test" }, who.coach)).openClientAccount.id;
      }
    }
  });
  afterAll(() => app.close());

  it("compares with no version when none is in force: involved signatories would come to know their families", async () => {
    const changes = await preview(draft("Eerste", [knowEachOther]));
    expect(changes.comparedWithVersion).toBeNull();
    expect(changes.minimumFamilies).toBe(5);
    expect(changes.asOf).toBe(app.clock.today());
    expect(changes.partners.map((entry) => entry.partner.name)).toEqual(["Gemeente", "Jeugdzorg", "Lefier", "Woonstad"]);
    expect(partner(changes, "woonstad")).toMatchObject({ signatoryNow: false, signatoryInDraft: true, levels: levels({ DAT: { gaining: shown(6) } }), parts: [] });
    expect(partner(changes, "lefier")).toMatchObject({ levels: levels(), parts: [] });
    data(await app.gql(PUBLISH, { input: draft("Eerste", [knowEachOther]) }, who.admin));
  });

  it("shows a draft opening SECTION HOUSING to housing partners: the gain where five or more families, withheld under five", async () => {
    const changes = await preview(draft("Wonen open", [knowEachOther, housingSection]));
    expect(changes.comparedWithVersion).toBe(1);
    expect(partner(changes, "woonstad")).toEqual({
      partner: { id: partnerIds.woonstad, name: "Woonstad" },
      signatoryNow: true,
      signatoryInDraft: true,
      levels: levels({ SECTION: { gaining: shown(6) } }),
      parts: housingParts(shown(6), hidden),
    });
    // Two families: counted, but not shown.
    expect(partner(changes, "lefier")).toMatchObject({ levels: levels(), parts: housingParts(hidden, hidden) });
    // Not housing: no part is opened to them, nothing changes.
    expect(partner(changes, "youth")).toMatchObject({ levels: levels(), parts: [] });
    expect(partner(changes, "municipality")).toMatchObject({ levels: levels(), parts: [] });
    expect(JSON.stringify(changes)).not.toContain(familyIds[0]);
  });

  it("writes nothing: the version in force and every partner's view of a family stay as they were", async () => {
    const versionsBefore = data(await app.gql(VERSIONS, {}, who.admin));
    const viewBefore = await accessOf(who.woonstad!, familyIds[0]!);
    expect(viewBefore).toEqual({ data: { family: { myAccess: { level: "DAT" }, plan: null } }, refused: ["FORBIDDEN"] });
    await preview(draft("Alles open", [{ ...housingSection, lifeDomain: null, granteeSector: null, requiresInvolvement: false }]));
    expect(data(await app.gql(VERSIONS, {}, who.admin))).toEqual(versionsBefore);
    expect(versionsBefore).toEqual({ covenantVersions: [{ version: 1, inForce: true }] });
    expect(await accessOf(who.woonstad!, familyIds[0]!)).toEqual(viewBefore);
  });

  it("records each preview in the access log, about no family and no person", async () => {
    const before = (await previewEntries()).length;
    await preview(draft("Wonen open", [knowEachOther, housingSection]));
    const entries = await previewEntries();
    expect(entries.length).toBe(before + 1);
    expect(entries.at(-1)).toMatchObject({
      action: "READ",
      actorKind: "PROFESSIONAL",
      partnerId: partnerIds.municipality,
      roles: ["COVENANT_ADMIN"],
      familyId: null,
      personIds: [],
      subjectDigest: null,
      data: ["Query.previewCovenantVersion"],
      basis: { rules: ["role:COVENANT_ADMIN"], level: null, causes: [] },
      emergency: false,
    });
  });

  it("answers a publication with the same changes as its preview, and the partner then reads what was shown", async () => {
    const input = draft("Wonen open", [knowEachOther, housingSection]);
    const previewed = await preview(input);
    const published = data(await app.gql<{ publishCovenantVersion: { version: number; inForce: boolean; accessChanges: Changes } }>(PUBLISH, { input }, who.admin));
    expect(published.publishCovenantVersion).toMatchObject({ version: 2, inForce: true });
    expect(published.publishCovenantVersion.accessChanges).toEqual(previewed);
    const logged = await app.database.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.actorId, who.admin!), sql`${accessLog.data} @> array['CovenantVersion.accessChanges']::text[]`));
    // One entry per publication that asked for its changes: this one and the first.
    const aggregateRead = { familyId: null, personIds: [], basis: { rules: ["role:COVENANT_ADMIN"], level: null, causes: [] } };
    expect(logged.map((entry) => ({ familyId: entry.familyId, personIds: entry.personIds, basis: entry.basis }))).toEqual([aggregateRead, aggregateRead]);
    expect(await accessOf(who.woonstad!, familyIds[0]!)).toMatchObject({ data: { family: { myAccess: { level: "SECTION" } } }, refused: [] });
    // A listed version carries no changes: they belong to the answer of its publication.
    const listed = data(await app.gql<{ covenantVersions: { accessChanges: Changes | null }[] }>(`{ covenantVersions { accessChanges { asOf } } }`, {}, who.admin));
    expect(listed.covenantVersions).toEqual([{ accessChanges: null }, { accessChanges: null }]);
  });

  it("shows a stricter draft's losses, at the level the families fall from and for the parts closed", async () => {
    const changes = await preview(draft("Streng", [{ ...knowEachOther, requiresConsentOrLegalGround: true }]));
    expect(changes.comparedWithVersion).toBe(2);
    expect(partner(changes, "woonstad")).toMatchObject({ levels: levels({ SECTION: { losing: shown(6) } }), parts: housingParts(hidden, shown(6)) });
    expect(partner(changes, "lefier")).toMatchObject({ levels: levels(), parts: housingParts(hidden, hidden) });
    // Dropping a signatory: Woonstad falls from SECTION to nothing for its six families.
    const without = await preview({ ...draft("Zonder Woonstad", [knowEachOther, housingSection]), signatoryPartnerIds: [partnerIds.municipality, partnerIds.lefier, partnerIds.youth] });
    expect(partner(without, "woonstad")).toMatchObject({ signatoryNow: true, signatoryInDraft: false, levels: levels({ SECTION: { losing: shown(6) } }), parts: housingParts(hidden, shown(6)) });
  });

  it("refuses every caller but the covenant administrator", async () => {
    const input = draft("Wonen open", [knowEachOther, housingSection]);
    for (const role of ["coach", "lead", "woonstad", "manager", "evaluator", "administrator"]) {
      refused(await app.gql(PREVIEW, { input }, who[role]), "FORBIDDEN");
    }
    refused(await app.gqlWithHeader(PREVIEW, `Bearer ${signClientToken(app.config, clientAccount)}`, { input }), "FORBIDDEN");
    refused(await app.gql(PREVIEW, { input }, null), "UNAUTHENTICATED");
  });

  it("refuses a bad draft exactly as a publication, naming the field", async () => {
    const unknownDomain = draft("x", [{ ...housingSection, lifeDomain: "SPACE" }]);
    refused(await app.gql(PREVIEW, { input: unknownDomain }, who.admin), "BAD_USER_INPUT", "input.rules[0].lifeDomain");
    refused(await app.gql(PUBLISH, { input: unknownDomain }, who.admin), "BAD_USER_INPUT", "input.rules[0].lifeDomain");
    const full = draft("x", [{ ...knowEachOther, level: "FULL" }]);
    refused(await app.gql(PREVIEW, { input: full }, who.admin), "BAD_USER_INPUT", "input.rules[0].level");
    const foreign = { ...draft("x", []), signatoryPartnerIds: ["2b1f1f4e-9c1e-4c4e-8f57-3f1f4b7a0c11"] };
    refused(await app.gql(PREVIEW, { input: foreign }, who.admin), "BAD_USER_INPUT", "input.signatoryPartnerIds[0]");
    const noOutsider = draft("x", [{ ...housingSection, granteePartnerId: "2b1f1f4e-9c1e-4c4e-8f57-3f1f4b7a0c11" }]);
    refused(await app.gql(PREVIEW, { input: noOutsider }, who.admin), "BAD_USER_INPUT", "input.rules[0].granteePartnerId");
  });

  it("decides every partner and family in a fixed handful of statements, however many there are", async () => {
    const input = draft("Wonen open", [knowEachOther, housingSection]);
    const count = async () => {
      const before = app.database.statements();
      await preview(input);
      return app.database.statements() - before;
    };
    const small = await count();
    await aPartner(app.database.db, regionId, { name: "Nijestee", sector: "HOUSING" });
    for (let index = 8; index < 12; index++) {
      const parent = { bsn: bsnNumber(70_000_001 + index * 100), givenName: `Ouder${index}`, familyName: `Gezin${index}`, birthDate: "1985-01-01", relation: "PARENT", legalCustody: true };
      const child = { bsn: bsnNumber(70_500_001 + index * 100), givenName: `Kind${index}`, familyName: `Gezin${index}`, birthDate: "2015-02-02", relation: "CHILD" };
      data(await app.gql(REGISTER, { input: { name: `Gezin ${index}`, category: "MPG1", regisseurId: who.coach, members: [parent, child] } }, who.lead));
      data(await app.gql(SIGNAL, { input: { bsn: child.bsn, birthDate: child.birthDate, discussedWithFamily: true } }, who.lefier));
    }
    expect(await count()).toBe(small);
    // Nine today: the caller, the draft's validation (2), the version in force, its signatories, the partners, the domains, the facts, the access log.
    expect(small).toBeLessThanOrEqual(10);
  });
});

/** One named operation of a document, on its own. */
const operation = (document: string, name: string) =>
  print(parse(document).definitions.find((definition) => definition.kind === "OperationDefinition" && definition.name?.value === name)!);

describe("the GraphiQL tour", () => {
  it("previews a housing-only covenant for the Groningen demo, as the tour shows", async () => {
    const app = await startTestApp();
    try {
      await seedDemo(app.database.db, app.clock.now());
      const admin = demoProfessionalId("beheer@groningen.demo");
      const covenant = data(await app.gql<{ covenant: { signatories: { id: string }[] } }>(operation(DEFAULT_QUERY, "GroningenCovenant"), {}, admin)).covenant;
      const tour = DEFAULT_QUERY.replace('"<the ids from GroningenCovenant>"', covenant.signatories.map((partner) => JSON.stringify(partner.id)).join(", "));
      const changes = data(await app.gql<{ previewCovenantVersion: Changes }>(operation(tour, "PreviewHousingOnly"), {}, admin)).previewCovenantVersion;
      expect(changes.comparedWithVersion).toBe(1);
      expect(changes.partners).toHaveLength(11);
      const of = (name: string) => changes.partners.find((entry) => entry.partner.name === name)!;
      // Groningen opens every plan to every signatory: eleven families. The draft keeps DAT for the
      // involved and housing for involved corporations, so Thuiszorg loses SECTION and every part for all.
      expect(of("Thuiszorg Groningen").levels).toEqual(levels({ SECTION: { losing: shown(11) } }));
      expect(of("Thuiszorg Groningen").parts).toHaveLength(44);
      expect(of("Thuiszorg Groningen").parts.every((part) => part.losing.families === 11 && part.gaining.suppressed)).toBe(true);
      // Lefier keeps housing for the few families it is involved with: those losing it lie within
      // four of the eleven losing the rest, so they are withheld, or the difference would tell how few.
      expect(of("Lefier").levels).toEqual(levels());
      const lefierLosses = of("Lefier").parts.map((part) => [part.partKind, part.lifeDomain, part.losing.families]);
      expect(lefierLosses.filter(([, domain]) => domain === "HOUSING")).toEqual([
        ["ANALYSIS", "HOUSING", null],
        ["GOAL", "HOUSING", null],
        ["TASK", "HOUSING", null],
        ["EVALUATION", "HOUSING", null],
        ["STEP", "HOUSING", null],
      ]);
      expect(lefierLosses.filter(([, domain]) => domain !== "HOUSING").every(([, , families]) => families === 11)).toBe(true);
    } finally {
      await app.close();
    }
  });

  it("shows a covenant preview the schema takes as it stands", async () => {
    const document = parse(DEFAULT_QUERY);
    expect(validate(await buildBareSchema(), document)).toEqual([]);
    const operations = document.definitions.flatMap((definition) => (definition.kind === "OperationDefinition" ? [definition.name?.value] : []));
    expect(operations).toEqual(["MyFamilies", "Me", "GroningenCovenant", "PreviewHousingOnly", "FamilyFirstWeek", "AnnounceStep", "ProjectLeaderDesk", "EscalationLadders", "HouseholdMovesAway", "RegionHandovers", "CarryOutRectification"]);
  });
});
