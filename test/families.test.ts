import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, startTestApp, unfolded, type TestApp } from "./support/app.js";
import { aPartner, aProfessional, aRegion, bsnNumber } from "./support/builders.js";

const REGISTER = `mutation Register($input: RegisterFamilyInput!) {
  registerFamily(input: $input) { id family { name category members { id relation person { givenName } } } }
}`;
const FAMILY = `query Family($id: ID!) {
  family(id: $id) {
    id name category categoryHistory { category }
    regisseur { name } processLead { name }
    members { relation legalCustody validFrom validTo person { givenName familyName bsn birthDate } }
    myAccess { level causes { kind level } }
  }
}`;
const SIGNAL = `mutation Signal($input: SignalInput!) { signal(input: $input) { id } }`;

describe("the family register", () => {
  let app: TestApp;
  let lead: { id: string };
  let otherLead: { id: string };
  let coach: { id: string; name: string };
  let otherCoach: { id: string };
  let youthCare: { id: string };
  let housing: { id: string };
  let foreignLead: { id: string };
  let familyId: string;
  const parent = { bsn: bsnNumber(10_000_001), givenName: "Sanne", familyName: "Bakker", birthDate: "1988-04-02", relation: "PARENT", legalCustody: true };
  const child = { bsn: bsnNumber(10_000_100), givenName: "Daan", familyName: "Bakker", birthDate: "2014-09-12", relation: "CHILD" };

  const input = (overrides: Record<string, unknown> = {}) => ({
    name: "Gezin Bakker",
    category: "MPG2",
    regisseurId: coach.id,
    members: [parent, child],
    ...overrides,
  });

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.database.db;
    const region = await aRegion(db, { code: "groningen" });
    const municipality = await aPartner(db, region.id, { name: "Gemeente", sector: "MUNICIPALITY" });
    const socialWork = await aPartner(db, region.id, { name: "MJD" });
    const elker = await aPartner(db, region.id, { name: "Elker", sector: "YOUTH_CARE" });
    const lefier = await aPartner(db, region.id, { name: "Lefier", sector: "HOUSING" });
    lead = await aProfessional(db, municipality, ["PROJECT_LEAD"]);
    otherLead = await aProfessional(db, municipality, ["PROCESS_LEAD"]);
    coach = await aProfessional(db, socialWork, ["COACH"], { name: "Coach Anna" });
    otherCoach = await aProfessional(db, socialWork, ["COACH"]);
    youthCare = await aProfessional(db, elker, ["PARTNER_PROFESSIONAL"]);
    housing = await aProfessional(db, lefier, ["PARTNER_PROFESSIONAL"]);
    const amsterdam = await aRegion(db, { code: "amsterdam" });
    foreignLead = await aProfessional(db, await aPartner(db, amsterdam.id), ["PROCESS_LEAD"]);

    const registered = await app.gql<{ registerFamily: { id: string } }>(REGISTER, { input: input() }, lead.id);
    expect(registered.body.errors).toBeUndefined();
    familyId = registered.body.data!.registerFamily.id;
  });
  afterAll(() => app?.close());

  it("shows the regisseur the whole family, BSNs included, and why", async () => {
    const response = await app.gql(FAMILY, { id: familyId }, coach.id);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({
      family: {
        id: familyId,
        name: "Gezin Bakker",
        category: "MPG2",
        categoryHistory: [{ category: "MPG2" }],
        regisseur: { name: "Coach Anna" },
        processLead: { name: expect.any(String) },
        members: [
          { relation: "PARENT", legalCustody: true, validFrom: "2026-11-23", validTo: null, person: { givenName: "Sanne", familyName: "Bakker", bsn: parent.bsn, birthDate: "1988-04-02" } },
          { relation: "CHILD", legalCustody: false, validFrom: "2026-11-23", validTo: null, person: { givenName: "Daan", familyName: "Bakker", bsn: child.bsn, birthDate: "2014-09-12" } },
        ],
        myAccess: { level: "FULL", causes: [{ kind: "REGISSEUR", level: "FULL" }] },
      },
    });
  });

  it("shows the process lead the process but not the BSN or birth date", async () => {
    const response = await app.gql<{ family: { members: { person: Record<string, unknown> }[]; myAccess: unknown } }>(FAMILY, { id: familyId }, lead.id);
    const family = response.body.data!.family;
    expect(family.myAccess).toEqual({ level: "PROCESS", causes: [{ kind: "PROCESS_LEAD", level: "PROCESS" }] });
    expect(family.members.map((member) => member.person)).toEqual([
      { givenName: "Sanne", familyName: "Bakker", bsn: null, birthDate: null },
      { givenName: "Daan", familyName: "Bakker", bsn: null, birthDate: null },
    ]);
    // One refusal per field, each folding both members (docs/decisions/0017).
    expect(response.body.errors).toHaveLength(2);
    const forbidden = unfolded(response).map((error) => [error.path!.join("."), error.extensions?.code]);
    expect(forbidden).toEqual(
      expect.arrayContaining([
        ["family.members.0.person.bsn", "FORBIDDEN"],
        ["family.members.1.person.birthDate", "FORBIDDEN"],
      ]),
    );
    expect(forbidden).toHaveLength(4);
  });

  it("hides the family entirely from an uninvolved partner, another coach and another region", async () => {
    const notFound = await app.gql(FAMILY, { id: "2b1f1f4e-9c1e-4c4e-8f57-3f1f4b7a0c11" }, housing.id);
    for (const caller of [housing, otherCoach, foreignLead]) {
      const response = await app.gql(FAMILY, { id: familyId }, caller.id);
      expect(response.text).toBe(notFound.text);
      const list = await app.gql<{ families: { nodes: unknown[] } }>("{ families { nodes { id } } }", {}, caller.id);
      expect(list.body.data).toEqual({ families: { nodes: [] } });
    }
  });

  it("gives a partner nothing for a signal alone: access comes from a covenant in force, and this region has none", async () => {
    await app.gql(SIGNAL, { input: { bsn: child.bsn, birthDate: child.birthDate, discussedWithFamily: true } }, youthCare.id);
    const involved = await app.gql(FAMILY, { id: familyId }, youthCare.id);
    const missing = await app.gql(FAMILY, { id: "2b1f1f4e-9c1e-4c4e-8f57-3f1f4b7a0c11" }, youthCare.id);
    expect(involved.body).toEqual({ data: { family: null } });
    expect(involved.text).toBe(missing.text);
  });

  it("refuses a household without a child under 18, or without a parent, naming the field, and writes nothing", async () => {
    const before = await app.gql<{ families: { nodes: unknown[] } }>("{ families { nodes { id } } }", {}, lead.id);
    const adult = { ...child, bsn: bsnNumber(10_000_200), birthDate: "2000-01-01" };
    const noMinor = await app.gql(REGISTER, { input: input({ name: "Gezin Ouder", members: [{ ...parent, bsn: bsnNumber(10_000_300) }, adult] }) }, lead.id);
    expect(codes(noMinor)).toEqual(["BAD_USER_INPUT"]);
    expect(noMinor.body.errors![0]!.message).toMatch(/^input\.members: .*child under 18/);
    const noParent = await app.gql(REGISTER, { input: input({ members: [{ ...child, bsn: bsnNumber(10_000_400) }, { ...child, bsn: bsnNumber(10_000_500) }] }) }, lead.id);
    expect(codes(noParent)).toEqual(["BAD_USER_INPUT"]);
    const badBsn = await app.gql(REGISTER, { input: input({ members: [{ ...parent, bsn: "123456789" }, child] }) }, lead.id);
    expect(codes(badBsn)).toEqual(["BAD_USER_INPUT"]);
    expect(badBsn.body.errors![0]!.extensions?.field).toBe("input.members[0].bsn");
    const after = await app.gql<{ families: { nodes: unknown[] } }>("{ families { nodes { id } } }", {}, lead.id);
    expect(after.body.data!.families.nodes).toHaveLength(before.body.data!.families.nodes.length);
  });

  it("lets only process leads and project leaders register, and only coaches lead", async () => {
    expect(codes(await app.gql(REGISTER, { input: input() }, coach.id))).toEqual(["FORBIDDEN"]);
    const notACoach = await app.gql(REGISTER, { input: input({ regisseurId: housing.id }) }, lead.id);
    expect(codes(notACoach)).toEqual(["BAD_USER_INPUT"]);
    // A coach of another region is, for this region, no one.
    const foreign = await app.gql(REGISTER, { input: input({ regisseurId: foreignLead.id }) }, lead.id);
    expect(foreign.body.errors![0]!.message).toBe("input.regisseurId: not a professional of your region");
  });

  it("keeps the category history, and only the regisseur or process lead may change it", async () => {
    const change = `mutation($id: ID!, $category: FamilyCategory!) { changeFamilyCategory(familyId: $id, category: $category) { categoryHistory { category } category } }`;
    const changed = await app.gql(change, { id: familyId, category: "MPG3" }, coach.id);
    expect(changed.body.data).toEqual({ changeFamilyCategory: { categoryHistory: [{ category: "MPG2" }, { category: "MPG3" }], category: "MPG3" } });
    // Unknown to them: the same answer as for a family that does not exist.
    const hidden = await app.gql(change, { id: familyId, category: "MPG1" }, housing.id);
    const missing = await app.gql(change, { id: "2b1f1f4e-9c1e-4c4e-8f57-3f1f4b7a0c11", category: "MPG1" }, housing.id);
    expect(codes(hidden)).toEqual(["NOT_FOUND"]);
    expect(hidden.text).toBe(missing.text);
  });

  it("lets another household register a BSN already in the register without learning anything of it", async () => {
    // Same BSN as the parent of Gezin Bakker, with other (perhaps mistaken) name and birth date.
    const other = await app.gql<{ registerFamily: { id: string; family: { members: { person: { givenName: string } }[] } } }>(
      REGISTER,
      { input: input({ name: "Gezin Kok", members: [{ ...parent, givenName: "Ilse", familyName: "Kok", birthDate: "1985-01-01" }, { ...child, bsn: bsnNumber(10_000_700), givenName: "Sem" }] }) },
      lead.id,
    );
    expect(other.body.errors).toBeUndefined();
    expect(other.body.data!.registerFamily.family.members.map((member) => member.person.givenName)).toEqual(["Ilse", "Sem"]);
    const bakker = await app.gql<{ family: { members: { person: { givenName: string; birthDate: string } }[] } }>(FAMILY, { id: familyId }, coach.id);
    expect(bakker.body.data!.family.members[0]!.person).toMatchObject({ givenName: "Sanne", birthDate: "1988-04-02" });
  });

  it("answers a registrar who names another process lead with the new id, and no access to the family", async () => {
    const household = input({
      name: "Gezin Visser",
      processLeadId: otherLead.id,
      members: [{ ...parent, bsn: bsnNumber(10_001_000) }, { ...child, bsn: bsnNumber(10_001_100) }],
    });
    const registered = await app.gql<{ registerFamily: { id: string; family: unknown } }>(REGISTER, { input: household }, lead.id);
    // No error anywhere in the answer: nothing that would make a client try again.
    expect(registered.body).toEqual({ data: { registerFamily: { id: expect.any(String), family: null } } });
    const id = registered.body.data!.registerFamily.id;
    // The registrar keeps the register, not the plan: to them the family is not there.
    expect((await app.gql(FAMILY, { id }, lead.id)).body).toEqual({ data: { family: null } });
    const named = await app.gql<{ family: { myAccess: unknown } }>(FAMILY, { id }, otherLead.id);
    expect(named.body.data!.family.myAccess).toEqual({ level: "PROCESS", causes: [{ kind: "PROCESS_LEAD", level: "PROCESS" }] });

    // A retry anyway meets CONFLICT naming the child, and makes no second family.
    const retry = await app.gql(REGISTER, { input: household }, lead.id);
    expect(codes(retry)).toEqual(["CONFLICT"]);
    expect(retry.body.errors![0]!.message).toMatch(/^input\.members\[1\]\.bsn: /);
    const listed = await app.gql<{ families: { nodes: { id: string }[] } }>("{ families { nodes { id } } }", {}, otherLead.id);
    expect(listed.body.data!.families.nodes).toEqual([{ id }]);
  });

  it("refuses a household whose parent and child already live together in a registered family", async () => {
    const secondParent = { ...parent, bsn: bsnNumber(10_001_200), givenName: "Joost" };
    // The same Bakker parent and child, listed in another order, with someone new beside them.
    const again = await app.gql(REGISTER, { input: input({ name: "Gezin Bakker-de Wit", members: [secondParent, child, parent] }) }, lead.id);
    expect(codes(again)).toEqual(["CONFLICT"]);
    expect(again.body.errors![0]!.message).toMatch(/^input\.members\[1\]\.bsn: /);
    // Two registrations of one household at the same moment: one family, one CONFLICT.
    const twins = { ...input({ name: "Gezin Smit" }), members: [{ ...parent, bsn: bsnNumber(10_001_300) }, { ...child, bsn: bsnNumber(10_001_400) }] };
    const answers = await Promise.all([1, 2].map(() => app.gql(REGISTER, { input: twins }, lead.id)));
    expect(answers.map(codes).sort()).toEqual([[], ["CONFLICT"]]);
  });

  it("does not tell a lead who keeps another household that this one is registered", async () => {
    // The Bakker parent and child are registered by `lead`. Another lead registering them learns
    // nothing from the answer: a CONFLICT would reveal a family they may not know of.
    const elsewhere = await app.gql<{ registerFamily: { id: string } }>(REGISTER, { input: input({ name: "Gezin Bakker (wijk Noord)", processLeadId: null }) }, otherLead.id);
    expect(codes(elsewhere)).toEqual([]);
    expect(elsewhere.body.data!.registerFamily.id).not.toBe(familyId);
  });

  it("keeps a household to at most 30 current members, naming the field", async () => {
    const many = (size: number, seed: number) => [
      { ...parent, bsn: bsnNumber(seed), validFrom: "2026-01-01" },
      ...Array.from({ length: size - 1 }, (_, index) => ({ ...child, bsn: bsnNumber(seed + 10 * (index + 1)), validFrom: "2026-01-01" })),
    ];
    const tooMany = await app.gql(REGISTER, { input: input({ name: "Gezin Groot", members: many(31, 10_010_000) }) }, lead.id);
    expect(codes(tooMany)).toEqual(["BAD_USER_INPUT"]);
    expect(tooMany.body.errors![0]!.extensions?.field).toBe("input.members");

    const full = await app.gql<{ registerFamily: { id: string; family: { members: { id: string }[] } } }>(
      REGISTER,
      { input: input({ name: "Gezin Groot", members: many(30, 10_020_000) }) },
      lead.id,
    );
    expect(full.body.errors).toBeUndefined();
    const { id, family } = full.body.data!.registerFamily;
    const add = `mutation($id: ID!, $member: MemberInput!) { addFamilyMember(familyId: $id, member: $member) { members { id } } }`;
    const newborn = { ...child, bsn: bsnNumber(10_030_000), birthDate: "2026-11-01" };
    const refused = await app.gql(add, { id, member: newborn }, coach.id);
    expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
    expect(refused.body.errors![0]!.extensions?.field).toBe("member");
    // Someone who has left no longer counts.
    const end = `mutation($id: ID!) { endFamilyMembership(membershipId: $id, validTo: "2026-10-31") { id } }`;
    expect(codes(await app.gql(end, { id: family.members[29]!.id }, coach.id))).toEqual([]);
    expect(codes(await app.gql(add, { id, member: newborn }, coach.id))).toEqual([]);
  });

  it("settles two changes to one household at the same moment one after the other", async () => {
    const registered = await app.gql<{ registerFamily: { id: string } }>(
      REGISTER,
      { input: input({ name: "Gezin Mulder", members: [{ ...parent, bsn: bsnNumber(10_040_000) }, { ...child, bsn: bsnNumber(10_040_100) }] }) },
      lead.id,
    );
    const id = registered.body.data!.registerFamily.id;
    const add = `mutation($id: ID!, $member: MemberInput!) { addFamilyMember(familyId: $id, member: $member) { members { id person { givenName } } } }`;
    const partner = { ...parent, bsn: bsnNumber(10_040_200), givenName: "Ruud", relation: "PARTNER", legalCustody: false };
    const added = await Promise.all([1, 2].map(() => app.gql(add, { id, member: partner }, coach.id)));
    expect(added.map(codes).sort()).toEqual([[], ["CONFLICT"]]);

    const members = await app.gql<{ family: { members: { id: string; person: { givenName: string } }[] } }>(
      `query($id: ID!) { family(id: $id) { members { id person { givenName } } } }`,
      { id },
      coach.id,
    );
    const ruud = members.body.data!.family.members.filter((member) => member.person.givenName === "Ruud");
    expect(ruud).toHaveLength(1);
    const end = `mutation($id: ID!) { endFamilyMembership(membershipId: $id, validTo: "2026-12-01") { members { validTo } } }`;
    const ended = await Promise.all([1, 2].map(() => app.gql(end, { id: ruud[0]!.id }, coach.id)));
    // Never two successes for one ending: the second finds it ended.
    expect(ended.map(codes).sort()).toEqual([[], ["CONFLICT"]]);
  });

  it("records members joining and leaving over time", async () => {
    const add = `mutation($id: ID!, $member: MemberInput!) { addFamilyMember(familyId: $id, member: $member) { members { id relation validTo person { givenName } } } }`;
    const newborn = { bsn: bsnNumber(10_000_600), givenName: "Sophie", familyName: "Bakker", birthDate: "2026-11-20", relation: "CHILD" };
    const added = await app.gql<{ addFamilyMember: { members: { id: string; relation: string; person: { givenName: string } }[] } }>(add, { id: familyId, member: newborn }, coach.id);
    expect(added.body.data!.addFamilyMember.members.map((member) => member.person.givenName)).toEqual(["Sanne", "Daan", "Sophie"]);
    expect(codes(await app.gql(add, { id: familyId, member: newborn }, coach.id))).toEqual(["CONFLICT"]);

    const membershipId = added.body.data!.addFamilyMember.members[0]!.id;
    const end = `mutation($id: ID!, $to: LocalDate!) { endFamilyMembership(membershipId: $id, validTo: $to) { members { validTo } } }`;
    const ended = await app.gql(end, { id: membershipId, to: "2026-12-31" }, coach.id);
    expect(ended.body.data).toEqual({ endFamilyMembership: { members: [{ validTo: "2026-12-31" }, { validTo: null }, { validTo: null }] } });
    expect(codes(await app.gql(end, { id: membershipId, to: "2026-12-31" }, coach.id))).toEqual(["CONFLICT"]);
    const hidden = await app.gql(end, { id: membershipId, to: "2026-12-31" }, housing.id);
    const missing = await app.gql(end, { id: "2b1f1f4e-9c1e-4c4e-8f57-3f1f4b7a0c11", to: "2026-12-31" }, housing.id);
    expect(hidden.text).toBe(missing.text);
  });
});
