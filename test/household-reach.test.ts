import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signClientToken } from "../src/auth/tokens.js";
import { codes, data, refused, startTestApp, type TestApp } from "./support/app.js";
import { aLifeDomain, aPartner, aProfessional, aRegion, bsnNumber } from "./support/builders.js";

/*
 * Reaching the household (000 §10 "NAW"; 004 home visits; issue 16 §2), through HTTP: its
 * address and its members' contact details over time, read from PROCESS and with history by its
 * keepers; a client reads and corrects their own; a household moving to another region is handed
 * over, not copied — closed here, taken in there, and the offer forgets it.
 */

const REGISTER = `mutation($input: RegisterFamilyInput!) { registerFamily(input: $input) { id family { members { person { id givenName } } } } }`;
const PUBLISH = `mutation($input: CovenantVersionInput!) { publishCovenantVersion(input: $input) { version } }`;
const SIGNAL = `mutation($input: SignalInput!) { signal(input: $input) { id } }`;
const SET = `mutation($familyId: ID!, $input: ContactDetailInput!) { setContactDetail(familyId: $familyId, input: $input) { id kind value memberId validTo byClient } }`;
const CONTACTS = `query($id: ID!) { family(id: $id) { contactDetails { kind value memberId byClient } } }`;
const HISTORY = `query($id: ID!) { family(id: $id) { contactHistory { kind value validTo } } }`;
const OPEN_ACCOUNT = `mutation($personId: ID!, $email: String!) { openClientAccount(personId: $personId, email: $email) { id } }`;
const MINE = `{ myContactDetails { kind value memberId } }`;
const CORRECT = `mutation($input: MyContactDetailInput!) { correctMyContactDetail(input: $input) { kind value byClient } }`;
const INBOX = `{ notifications(first: 100) { nodes { kind familyId } } }`;
const HAND_OVER = `mutation($familyId: ID!, $to: String!, $note: String) { handOverToRegion(familyId: $familyId, toRegion: $to, note: $note) { id direction status } }`;
const HANDOVERS = `{ regionHandovers { id direction fromRegion status note household { name address members { bsn givenName relation } } } }`;
const ACCEPT = `mutation($id: ID!) { acceptRegionHandover(handoverId: $id) { handover { status household { name } } family { id name phase members { person { givenName } } contactDetails { kind value } } } }`;
const PHASE = `query($id: ID!) { family(id: $id) { phase } }`;

type Who = { id: string };

describe("reaching the household", () => {
  let app: TestApp;
  let lead: Who;
  let coach: Who;
  let housingWorker: Who;
  let leadB: Who;
  let coachB: Who;
  let familyId: string;
  let sendingMunicipality: { id: string; regionId: string };
  let parentId: string;
  const parent = { bsn: bsnNumber(91_000_001), givenName: "Sanne", familyName: "Verhuis", birthDate: "1986-05-05", relation: "PARENT", legalCustody: true };
  const child = { bsn: bsnNumber(91_000_101), givenName: "Jip", familyName: "Verhuis", birthDate: "2016-02-02", relation: "CHILD", legalCustody: false };
  const gql = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, who: Who) => app.gql<T>(query, variables, who.id);
  const ok = async <T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, who: Who) => data(await gql<T>(query, variables, who));

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.database.db;
    const region = await aRegion(db, { code: "leaving-town", name: "Vertrekstad" });
    await aLifeDomain(db, region.id, "HOUSING");
    const municipality = await aPartner(db, region.id, { name: "Gemeente Vertrek", sector: "MUNICIPALITY" });
    sendingMunicipality = municipality;
    const socialWork = await aPartner(db, region.id, { name: "Wijkteam Vertrek", sector: "SOCIAL_WORK" });
    const housing = await aPartner(db, region.id, { name: "Woningcorporatie Vertrek", sector: "HOUSING" });
    const admin = await aProfessional(db, municipality, ["COVENANT_ADMIN"]);
    lead = await aProfessional(db, municipality, ["PROCESS_LEAD"]);
    coach = await aProfessional(db, socialWork, ["COACH"]);
    housingWorker = await aProfessional(db, housing, ["PARTNER_PROFESSIONAL"]);
    const rules = [{ level: "DAT", requiresInvolvement: true, requiresConsentOrLegalGround: false, description: "Involved signatories know who else is involved." }];
    await ok(PUBLISH, { input: { title: "Convenant", signatoryPartnerIds: [municipality.id, socialWork.id, housing.id], rules } }, admin);
    const arrival = await aRegion(db, { code: "arrival-town", name: "Aankomststad" });
    const arrivalMunicipality = await aPartner(db, arrival.id, { name: "Gemeente Aankomst", sector: "MUNICIPALITY" });
    leadB = await aProfessional(db, arrivalMunicipality, ["PROCESS_LEAD"]);
    coachB = await aProfessional(db, arrivalMunicipality, ["COACH"]);

    const registered = (await ok<{ registerFamily: { id: string; family: { members: { person: { id: string; givenName: string } }[] } } }>(REGISTER, { input: { name: "Gezin Verhuis", category: "MPG2", regisseurId: coach.id, members: [parent, child] } }, lead)).registerFamily;
    familyId = registered.id;
    parentId = registered.family.members.find((member) => member.person.givenName === "Sanne")!.person.id;
    // Housing is involved: it signalled the child.
    await ok(SIGNAL, { input: { bsn: child.bsn, birthDate: child.birthDate, discussedWithFamily: true } }, housingWorker);
  });
  afterAll(() => app?.close());

  it("keeps the household's address and its members' details with history, read from PROCESS, corrected by the client", async () => {
    refused(await gql(SET, { familyId, input: { kind: "ADDRESS", value: "Dorpsstraat 1, Vertrekstad" } }, housingWorker), "FORBIDDEN");
    refused(await gql(SET, { familyId, input: { kind: "PHONE", value: "06-1", memberId: "2b1f1f4e-9c1e-4c4e-8f57-3f1f4b7a0c11" } }, coach), "BAD_USER_INPUT", "input.memberId");
    await ok(SET, { familyId, input: { kind: "ADDRESS", value: "Dorpsstraat 1, Vertrekstad" } }, coach);
    refused(await gql(SET, { familyId, input: { kind: "ADDRESS", value: "Dorpsstraat 1, Vertrekstad" } }, coach), "CONFLICT");
    app.clock.set("2026-11-24T10:00:00+01:00");
    await ok(SET, { familyId, input: { kind: "ADDRESS", value: "Kerkplein 7, Vertrekstad" } }, lead);
    await ok(SET, { familyId, input: { kind: "PHONE", value: "06-11111111", memberId: parentId } }, coach);

    // The process lead reaches the family now, and keeps its history.
    expect((await ok<{ family: { contactDetails: unknown[] } }>(CONTACTS, { id: familyId }, lead)).family.contactDetails).toEqual([
      { kind: "ADDRESS", value: "Kerkplein 7, Vertrekstad", memberId: null, byClient: false },
      { kind: "PHONE", value: "06-11111111", memberId: parentId, byClient: false },
    ]);
    expect((await ok<{ family: { contactHistory: { value: string; validTo: string | null }[] } }>(HISTORY, { id: familyId }, lead)).family.contactHistory.map((row) => [row.value, row.validTo === null])).toEqual([
      ["Dorpsstraat 1, Vertrekstad", false],
      ["Kerkplein 7, Vertrekstad", true],
      ["06-11111111", true],
    ]);
    // Housing, involved at DAT, is not given how to reach the family.
    const asHousing = await gql<{ family: { contactDetails: unknown } }>(CONTACTS, { id: familyId }, housingWorker);
    expect(asHousing.body.data!.family.contactDetails).toBeNull();
    expect(codes(asHousing)).toEqual(["FORBIDDEN"]);

    // Sanne reads her own and the household's, and corrects her phone number; her regisseur is told.
    const account = (await ok<{ openClientAccount: { id: string } }>(OPEN_ACCOUNT, { personId: parentId, email: "sanne@verhuis.example" }, coach)).openClientAccount.id;
    const asClient = <T>(query: string, variables: Record<string, unknown> = {}) => app.gqlWithHeader<T>(query, `Bearer ${signClientToken(app.config, account)}`, variables);
    expect(data(await asClient<{ myContactDetails: unknown[] }>(MINE)).myContactDetails).toEqual([
      { kind: "ADDRESS", value: "Kerkplein 7, Vertrekstad", memberId: null },
      { kind: "PHONE", value: "06-11111111", memberId: parentId },
    ]);
    refused(await asClient(CORRECT, { input: { kind: "PHONE", value: "" } }), "BAD_USER_INPUT", "input.value");
    expect(data(await asClient<{ correctMyContactDetail: unknown[] }>(CORRECT, { input: { kind: "PHONE", value: "06-22222222" } })).correctMyContactDetail).toEqual([
      { kind: "PHONE", value: "06-22222222", byClient: true },
    ]);
    refused(await gql(MINE, {}, coach), "FORBIDDEN");
    expect((await ok<{ notifications: { nodes: { kind: string; familyId: string }[] } }>(INBOX, {}, coach)).notifications.nodes).toContainEqual({ kind: "CONTACT_CORRECTED", familyId });
    expect((await ok<{ family: { contactDetails: { value: string; byClient: boolean }[] } }>(CONTACTS, { id: familyId }, coach)).family.contactDetails).toContainEqual(
      expect.objectContaining({ value: "06-22222222", byClient: true }),
    );
    // Two changes of one detail at once: both land, one after the other; one is current.
    const both = await Promise.all([
      gql(SET, { familyId, input: { kind: "EMAIL", value: "a@verhuis.example" } }, coach),
      gql(SET, { familyId, input: { kind: "EMAIL", value: "b@verhuis.example" } }, lead),
    ]);
    expect(both.map((response) => codes(response))).toEqual([[], []]);
    const emails = (await ok<{ family: { contactHistory: { kind: string; value: string; validTo: string | null }[] } }>(HISTORY, { id: familyId }, lead)).family.contactHistory.filter((row) => row.kind === "EMAIL");
    expect(emails.map((row) => row.validTo === null).sort()).toEqual([false, true]);
  });

  it("hands a household moving away over to the other region: closed here, taken in there, not copied", async () => {
    refused(await gql(HAND_OVER, { familyId, to: "nowhere" }, coach), "BAD_USER_INPUT", "toRegion");
    refused(await gql(HAND_OVER, { familyId, to: "leaving-town" }, coach), "BAD_USER_INPUT", "toRegion");
    refused(await gql(HAND_OVER, { familyId, to: "arrival-town" }, housingWorker), "FORBIDDEN");
    refused(await gql(HAND_OVER, { familyId, to: "arrival-town" }, leadB), "NOT_FOUND");
    const sent = (await ok<{ handOverToRegion: { id: string; direction: string; status: string } }>(HAND_OVER, { familyId, to: "arrival-town", note: "Moved in with her sister; debts follow." }, coach)).handOverToRegion;
    expect(sent).toEqual({ id: sent.id, direction: "OUTGOING", status: "OFFERED" });
    expect((await ok<{ family: { phase: string } }>(PHASE, { id: familyId }, coach)).family.phase).toBe("CLOSED");
    refused(await gql(HAND_OVER, { familyId, to: "arrival-town" }, coach), "CONFLICT");

    // The receiving region's process lead reads the household; no one else there, and nothing of the plan.
    refused(await gql(HANDOVERS, {}, coachB), "FORBIDDEN");
    const incoming = (await ok<{ regionHandovers: { id: string; direction: string; fromRegion: string; household: { members: { bsn: string }[]; address: string } }[] }>(HANDOVERS, {}, leadB)).regionHandovers;
    expect(incoming).toEqual([
      expect.objectContaining({
        id: sent.id,
        direction: "INCOMING",
        fromRegion: "Vertrekstad",
        note: "Moved in with her sister; debts follow.",
        household: { name: "Gezin Verhuis", address: "Kerkplein 7, Vertrekstad", members: expect.arrayContaining([{ bsn: parent.bsn, givenName: "Sanne", relation: "PARENT" }]) },
      }),
    ]);
    refused(await gql(ACCEPT, { id: sent.id }, coachB), "FORBIDDEN");
    refused(await gql(ACCEPT, { id: sent.id }, lead), "NOT_FOUND");

    const taken = (await ok<{ acceptRegionHandover: { handover: { status: string; household: unknown }; family: { id: string; name: string; phase: string; members: { person: { givenName: string } }[]; contactDetails: unknown[] } } }>(ACCEPT, { id: sent.id }, leadB)).acceptRegionHandover;
    expect(taken.handover).toEqual({ status: "ACCEPTED", household: null });
    expect(taken.family).toMatchObject({ name: "Gezin Verhuis", phase: "SIGNALLED", contactDetails: [{ kind: "ADDRESS", value: "Kerkplein 7, Vertrekstad" }] });
    expect(taken.family.members.map((member) => member.person.givenName).sort()).toEqual(["Jip", "Sanne"]);
    refused(await gql(ACCEPT, { id: sent.id }, leadB), "CONFLICT");
    // The offer keeps no personal data now; the sending region sees that it was taken in, not where.
    expect((await ok<{ regionHandovers: { status: string; household: unknown }[] }>(HANDOVERS, {}, lead)).regionHandovers).toEqual([expect.objectContaining({ status: "ACCEPTED", household: null })]);
    // Another process lead of the sending region, who does not keep the family, does not see it.
    const otherLead = await aProfessional(app.database.db, sendingMunicipality, ["PROCESS_LEAD"]);
    expect((await ok<{ regionHandovers: unknown[] }>(HANDOVERS, {}, otherLead)).regionHandovers).toEqual([]);
    expect((await gql<{ family: unknown }>(PHASE, { id: taken.family.id }, lead)).body.data!.family).toBeNull();
  });
});
