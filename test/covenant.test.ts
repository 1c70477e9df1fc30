import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, startTestApp, type TestApp } from "./support/app.js";
import { aLifeDomain, aPartner, aProfessional, aRegion, bsnNumber } from "./support/builders.js";

/*
 * The covenant as data: a change, an end, a withdrawn consent or an expired emergency access
 * changes what the very next request sees; every grant says why.
 */
const REGISTER = `mutation($input: RegisterFamilyInput!) { registerFamily(input: $input) { id family { members { person { id givenName } } } } }`;
const PUBLISH = `mutation($input: CovenantVersionInput!) { publishCovenantVersion(input: $input) { id version inForce rules { level lifeDomain } } }`;
const SIGNAL = `mutation($input: SignalInput!) { signal(input: $input) { id } }`;
const START = `mutation($id: ID!) { startPlan(familyId: $id) { version } }`;
const ANALYSIS = `mutation($id: ID!, $v: Int!, $input: AnalysisInput!) { setAnalysis(familyId: $id, expectedVersion: $v, input: $input) { version } }`;
const VIEW = `query($id: ID!) { family(id: $id) {
  myAccess { level causes { kind level covenantVersion ruleId description lifeDomains consentId legalGroundId emergencyAccessId personId basis until } }
  plan { analyses { content { lifeDomain text } } } } }`;
const CONSENT = `mutation($input: ConsentInput!) { recordConsent(input: $input) { id givenBy lifeDomains } }`;

interface View {
  family: {
    myAccess: { level: string; causes: { kind: string; level: string; covenantVersion: number | null; consentId: string | null; lifeDomains: string[] | null; basis: string | null; until: string | null }[] };
    plan: { analyses: { content: { lifeDomain: string; text: string } | null }[] } | null;
  } | null;
}

describe("the covenant as data", () => {
  let app: TestApp;
  let admin: { id: string };
  let coach: { id: string };
  let lead: { id: string };
  let housing: { id: string; partnerId: string };
  let police: { id: string };
  let nonSignatory: { id: string };
  let partnerIds: { housing: string; police: string; youth: string; nonSignatory: string; municipality: string };
  let familyId: string;
  const members: Record<string, string> = {};
  const parent = { bsn: bsnNumber(60_000_001), givenName: "Mila", familyName: "Bos", birthDate: "1986-03-03", relation: "PARENT", legalCustody: true };
  const teen = { bsn: bsnNumber(60_000_101), givenName: "Jens", familyName: "Bos", birthDate: "2012-01-10", relation: "CHILD" };
  const young = { bsn: bsnNumber(60_000_201), givenName: "Fleur", familyName: "Bos", birthDate: "2019-06-06", relation: "CHILD" };

  const view = async (as: string) => (await app.gql<View>(VIEW, { id: familyId }, as)).body.data?.family ?? null;
  const visibleDomains = (family: View["family"]) =>
    (family?.plan?.analyses ?? []).filter((analysis) => analysis.content !== null).map((analysis) => analysis.content!.lifeDomain).sort();
  const strictCovenant = (title: string, overrides: Record<string, unknown> = {}) => ({
    title,
    signatoryPartnerIds: [partnerIds.municipality, partnerIds.housing, partnerIds.police, partnerIds.youth],
    rules: [
      { level: "DAT", requiresInvolvement: true, requiresConsentOrLegalGround: false, description: "Involved signatories know of each other." },
      { granteeSector: "HOUSING", level: "SECTION", lifeDomain: "HOUSING", requiresInvolvement: true, requiresConsentOrLegalGround: true, description: "Housing parts, with consent." },
    ],
    ...overrides,
  });

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.database.db;
    const region = await aRegion(db);
    for (const code of ["HOUSING", "DEBTS", "PARENTING"]) await aLifeDomain(db, region.id, code);
    await aLifeDomain(db, region.id, "SAFETY", true);
    const municipality = await aPartner(db, region.id, { sector: "MUNICIPALITY" });
    const housingPartner = await aPartner(db, region.id, { sector: "HOUSING" });
    const policePartner = await aPartner(db, region.id, { sector: "POLICE_JUSTICE" });
    const youthPartner = await aPartner(db, region.id, { sector: "YOUTH_CARE" });
    const outsider = await aPartner(db, region.id, { sector: "HOUSING", covenantSignatory: false });
    partnerIds = { housing: housingPartner.id, police: policePartner.id, youth: youthPartner.id, nonSignatory: outsider.id, municipality: municipality.id };
    admin = await aProfessional(db, municipality, ["COVENANT_ADMIN"]);
    coach = await aProfessional(db, youthPartner, ["COACH"]);
    lead = await aProfessional(db, municipality, ["PROCESS_LEAD"]);
    const housingProfessional = await aProfessional(db, housingPartner);
    housing = { id: housingProfessional.id, partnerId: housingPartner.id };
    police = await aProfessional(db, policePartner);
    nonSignatory = await aProfessional(db, outsider);

    const registered = await app.gql<{ registerFamily: { id: string; family: { members: { person: { id: string; givenName: string } }[] } } }>(
      REGISTER,
      { input: { name: "Gezin Bos", category: "MPG1", regisseurId: coach.id, members: [parent, teen, young] } },
      lead.id,
    );
    familyId = registered.body.data!.registerFamily.id;
    for (const member of registered.body.data!.registerFamily.family.members) members[member.person.givenName] = member.person.id;

    for (const [who, bsn, birthDate] of [[housing.id, young.bsn, young.birthDate], [police.id, teen.bsn, teen.birthDate], [nonSignatory.id, teen.bsn, teen.birthDate]] as const) {
      const signalled = await app.gql(SIGNAL, { input: { bsn, birthDate, discussedWithFamily: true } }, who);
      expect(signalled.body.errors).toBeUndefined();
    }
    await app.gql(START, { id: familyId }, coach.id);
    let version = 1;
    for (const lifeDomain of ["HOUSING", "DEBTS", "SAFETY"]) {
      const edit = await app.gql(ANALYSIS, { id: familyId, v: version, input: { lifeDomain, text: `${lifeDomain} analysis` } }, coach.id);
      expect(codes(edit)).toEqual([]);
      version += 1;
    }
  });
  afterAll(() => app.close());

  it("grants a partner nothing while no covenant is in force, not even the family's existence", async () => {
    expect(await view(housing.id)).toBeNull();
    expect(await view(police.id)).toBeNull();
  });

  it("lets only the covenant administrator publish, and refuses rules that name what the region does not have", async () => {
    expect(codes(await app.gql(PUBLISH, { input: strictCovenant("v") }, coach.id))).toEqual(["FORBIDDEN"]);
    const fullRule = await app.gql(PUBLISH, { input: strictCovenant("v", { rules: [{ level: "FULL", requiresInvolvement: false, requiresConsentOrLegalGround: false, description: "x" }] }) }, admin.id);
    expect(fullRule.body.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.rules[0].level" });
    const unknownDomain = await app.gql(PUBLISH, { input: strictCovenant("v", { rules: [{ level: "SECTION", lifeDomain: "SPACE", requiresInvolvement: false, requiresConsentOrLegalGround: false, description: "x" }] }) }, admin.id);
    expect(unknownDomain.body.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.rules[0].lifeDomain" });
    const foreign = await app.gql(PUBLISH, { input: strictCovenant("v", { signatoryPartnerIds: ["2b1f1f4e-9c1e-4c4e-8f57-3f1f4b7a0c11"] }) }, admin.id);
    expect(foreign.body.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.signatoryPartnerIds[0]" });
    expect((await app.gql<{ covenantVersions: unknown[] }>(`{ covenantVersions { id } }`, {}, admin.id)).body.data!.covenantVersions).toEqual([]);
  });

  it("applies a published covenant from the next request: involved signatories learn only that the family is there", async () => {
    const published = await app.gql<{ publishCovenantVersion: { version: number; inForce: boolean } }>(PUBLISH, { input: strictCovenant("Strict") }, admin.id);
    expect(published.body.data!.publishCovenantVersion).toMatchObject({ version: 1, inForce: true });

    const policeView = await view(police.id);
    expect(policeView!.myAccess.level).toBe("DAT");
    expect(policeView!.myAccess.causes).toEqual([expect.objectContaining({ kind: "COVENANT_RULE", level: "DAT", covenantVersion: 1, description: "Involved signatories know of each other." })]);
    expect(policeView!.plan).toBeNull();
    // Without consent the housing rule does not apply.
    expect((await view(housing.id))!.myAccess.level).toBe("DAT");
    // A non-signatory with a signal, and a signatory that is not involved, see nothing.
    expect(await view(nonSignatory.id)).toBeNull();
    expect(await view(admin.id)).toBeNull();
  });

  it("follows the age rule for consent, and opens the housing parts only when every member is covered", async () => {
    const consent = (person: string, givenBy: string[]) =>
      app.gql<{ recordConsent: { id: string } }>(CONSENT, { input: { familyId, personId: members[person], partnerId: housing.partnerId, lifeDomains: ["HOUSING"], givenBy: givenBy.map((name) => members[name]) } }, coach.id);
    // Jens (14) decides together with his mother; Fleur (7) through her mother alone.
    expect((await consent("Jens", ["Jens"])).body.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.givenBy" });
    expect((await consent("Fleur", ["Fleur", "Mila"])).body.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.givenBy" });
    expect(codes(await consent("Mila", ["Jens"]))).toEqual(["BAD_USER_INPUT"]);
    // Only the professional the region allows records consent: here the regisseur, not the process lead.
    expect(codes(await app.gql(CONSENT, { input: { familyId, personId: members.Mila, partnerId: housing.partnerId, lifeDomains: ["HOUSING"], givenBy: [members.Mila] } }, lead.id))).toEqual(["FORBIDDEN"]);

    expect(codes(await consent("Mila", ["Mila"]))).toEqual([]);
    expect(codes(await consent("Jens", ["Jens", "Mila"]))).toEqual([]);
    // Two of three members covered: a part about the household stays closed.
    expect(visibleDomains(await view(housing.id))).toEqual([]);
    const last = await consent("Fleur", ["Mila"]);
    expect(codes(last)).toEqual([]);

    const housingView = await view(housing.id);
    expect(housingView!.myAccess.level).toBe("SECTION");
    expect(visibleDomains(housingView)).toEqual(["HOUSING"]);
    expect(housingView!.myAccess.causes.filter((cause) => cause.kind === "CONSENT")).toHaveLength(3);
    expect(housingView!.myAccess.causes.find((cause) => cause.kind === "COVENANT_RULE" && cause.level === "SECTION")).toMatchObject({ covenantVersion: 1, lifeDomains: ["HOUSING"] });
  });

  it("closes the household's housing parts again from the next request when one member withdraws consent", async () => {
    const consents = await app.gql<{ family: { consents: { id: string; personId: string; withdrawnOn: string | null }[] } }>(
      `query($id: ID!) { family(id: $id) { consents { id personId withdrawnOn } } }`,
      { id: familyId },
      coach.id,
    );
    const jens = consents.body.data!.family.consents.find((consent) => consent.personId === members.Jens)!;
    const withdraw = `mutation($id: ID!, $by: [ID!]!) { withdrawConsent(id: $id, withdrawnBy: $by) { withdrawnOn } }`;
    // Someone who could not have given it cannot take it back.
    expect(codes(await app.gql(withdraw, { id: jens.id, by: [members.Fleur] }, coach.id))).toEqual(["BAD_USER_INPUT"]);
    const withdrawn = await app.gql(withdraw, { id: jens.id, by: [members.Jens] }, coach.id);
    expect(withdrawn.body.data).toEqual({ withdrawConsent: { withdrawnOn: app.clock.today() } });
    expect(codes(await app.gql(withdraw, { id: jens.id, by: [members.Jens] }, coach.id))).toEqual(["CONFLICT"]);

    // Mila's and Fleur's consents still stand (a part about one of them alone would be open);
    // a part about the whole household needs every member.
    const housingView = await view(housing.id);
    expect(housingView!.myAccess.causes.filter((cause) => cause.kind === "CONSENT")).toHaveLength(2);
    expect(visibleDomains(housingView)).toEqual([]);
  });

  it("lets a legal ground stand in for consent, with its basis as the cause", async () => {
    const ground = await app.gql<{ recordLegalGround: { id: string } }>(
      `mutation($input: LegalGroundInput!) { recordLegalGround(input: $input) { id basis } }`,
      { input: { familyId, personId: members.Jens, partnerId: housing.partnerId, lifeDomains: ["HOUSING"], kind: "COERCIVE_TRACK", basis: "Huurovereenkomst met gedragsaanwijzing, art. 7:213 BW" } },
      lead.id,
    );
    expect(codes(ground)).toEqual([]);
    const housingView = await view(housing.id);
    expect(visibleDomains(housingView)).toEqual(["HOUSING"]);
    expect(housingView!.myAccess.causes.find((cause) => cause.kind === "LEGAL_GROUND")!.basis).toBe("COERCIVE_TRACK: Huurovereenkomst met gedragsaanwijzing, art. 7:213 BW");

    const end = await app.gql(`mutation($id: ID!) { endLegalGround(id: $id) { validUntil } }`, { id: ground.body.data!.recordLegalGround.id }, lead.id);
    expect(codes(end)).toEqual([]);
    expect(visibleDomains(await view(housing.id))).toEqual([]);
  });

  it("opens the safety parts to an involved partner in an emergency, tells the regisseur and process lead, and closes them after 24 hours", async () => {
    const open = `mutation($id: ID!, $reason: String!) { openEmergencyAccess(familyId: $id, reason: $reason) { expiresAt lifeDomains reason } }`;
    expect(codes(await app.gql(open, { id: familyId, reason: "too short" }, police.id))).toEqual(["BAD_USER_INPUT"]);
    // Someone who may not know of the family gets the answer for a family that does not exist.
    const outsiderTry = await app.gql(open, { id: familyId, reason: "Acute zorg om de veiligheid van Fleur na een melding." }, nonSignatory.id);
    const missingTry = await app.gql(open, { id: "2b1f1f4e-9c1e-4c4e-8f57-3f1f4b7a0c11", reason: "Acute zorg om de veiligheid van Fleur na een melding." }, nonSignatory.id);
    expect(codes(outsiderTry)).toEqual(["NOT_FOUND"]);
    expect(outsiderTry.text).toBe(missingTry.text);

    app.clock.set("2026-11-23T22:00:00+01:00");
    const opened = await app.gql<{ openEmergencyAccess: { expiresAt: string; lifeDomains: string[] } }>(open, { id: familyId, reason: "Acute zorg om de veiligheid van Fleur na een melding." }, police.id);
    expect(codes(opened)).toEqual([]);
    expect(opened.body.data!.openEmergencyAccess).toMatchObject({ expiresAt: "2026-11-24T21:00:00.000Z", lifeDomains: ["SAFETY"] });

    const during = await view(police.id);
    expect(visibleDomains(during)).toEqual(["SAFETY"]);
    expect(during!.myAccess.causes.find((cause) => cause.kind === "EMERGENCY_ACCESS")).toMatchObject({ level: "SECTION", lifeDomains: ["SAFETY"], until: "2026-11-24T21:00:00.000Z" });

    const inbox = `{ notifications { nodes { kind familyId actorId reason until } } }`;
    for (const who of [coach.id, lead.id]) {
      const notified = await app.gql<{ notifications: { nodes: unknown[] } }>(inbox, {}, who);
      expect(notified.body.data!.notifications.nodes).toEqual([
        { kind: "EMERGENCY_ACCESS_OPENED", familyId, actorId: police.id, reason: "Acute zorg om de veiligheid van Fleur na een melding.", until: "2026-11-24T21:00:00.000Z" },
      ]);
    }
    // Housing's inbox holds its reference-index matches, and nothing about this emergency.
    const housingInbox = (await app.gql<{ notifications: { nodes: { kind: string }[] } }>(inbox, {}, housing.id)).body.data!.notifications.nodes;
    expect(housingInbox.filter((notification) => notification.kind !== "MATCH")).toEqual([]);

    app.clock.set("2026-11-24T21:59:59+01:00");
    expect(visibleDomains(await view(police.id))).toEqual(["SAFETY"]);
    app.clock.set("2026-11-24T22:00:00+01:00");
    const after = await view(police.id);
    expect(after!.myAccess.level).toBe("DAT");
    expect(after!.plan).toBeNull();
    app.clock.set("2026-11-23T10:00:00+01:00");
  });

  it("applies a new version from the next request and keeps the old one readable as it was", async () => {
    const open = strictCovenant("Open", {
      rules: [{ level: "SECTION", requiresInvolvement: true, requiresConsentOrLegalGround: false, description: "Involved signatories see the whole plan." }],
    });
    const published = await app.gql<{ publishCovenantVersion: { version: number } }>(PUBLISH, { input: open }, admin.id);
    expect(published.body.data!.publishCovenantVersion.version).toBe(2);
    expect(visibleDomains(await view(police.id))).toEqual(["DEBTS", "HOUSING", "SAFETY"]);

    const versions = await app.gql<{ covenantVersions: { version: number; title: string; inForce: boolean; rules: { level: string; lifeDomain: string | null }[] }[] }>(
      `{ covenantVersions { version title inForce rules { level lifeDomain } } }`,
      {},
      police.id,
    );
    expect(versions.body.data!.covenantVersions).toEqual([
      { version: 2, title: "Open", inForce: true, rules: [{ level: "SECTION", lifeDomain: null }] },
      { version: 1, title: "Strict", inForce: false, rules: [{ level: "DAT", lifeDomain: null }, { level: "SECTION", lifeDomain: "HOUSING" }] },
    ]);
  });

  it("falls back to the earlier version when the newer one ends, and grants nothing when none is in force", async () => {
    const versions = await app.gql<{ covenantVersions: { id: string; version: number }[] }>(`{ covenantVersions { id version } }`, {}, admin.id);
    const [newest, oldest] = versions.body.data!.covenantVersions;
    const end = `mutation($id: ID!) { endCovenantVersion(versionId: $id) { inForce inForceUntil } }`;
    expect(codes(await app.gql(end, { id: newest!.id }, coach.id))).toEqual(["FORBIDDEN"]);
    expect((await app.gql(end, { id: newest!.id }, admin.id)).body.data).toEqual({ endCovenantVersion: { inForce: false, inForceUntil: app.clock.today() } });
    expect((await view(police.id))!.myAccess.level).toBe("DAT");

    expect(codes(await app.gql(end, { id: oldest!.id }, admin.id))).toEqual([]);
    expect(await view(police.id)).toBeNull();
    // The regisseur and the process lead keep their own access, which is not the covenant's to give.
    expect((await view(coach.id))!.myAccess.level).toBe("FULL");
    expect((await view(lead.id))!.myAccess.causes).toEqual([expect.objectContaining({ kind: "PROCESS_LEAD", level: "PROCESS" })]);
  });
});
