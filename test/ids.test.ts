import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, startTestApp, type TestApp } from "./support/app.js";
import { aPartner, aProfessional, aRegion, bsnNumber } from "./support/builders.js";

/*
 * Ids are UUIDs, and a UUID in capitals is the same UUID. A client may send either spelling and
 * must get exactly the answer the lowercase one gets; anything that is no UUID is an id that
 * does not exist.
 */
const FAMILY = `query Family($id: ID!) { family(id: $id) { id name category myAccess { level } } }`;
const CHANGE_CATEGORY = `mutation Change($id: ID!) { changeFamilyCategory(familyId: $id, category: MPG3) { id category } }`;
const DIRECTORY = `query Directory($id: ID!, $partnerId: ID!) { professional(id: $id) { id name partner { id } } partner(id: $partnerId) { id name } }`;
const SIGNAL = `mutation Signal($input: SignalInput!) { signal(input: $input) { id } }`;
const WITHDRAW = `mutation Withdraw($id: ID!) { withdrawSignal(id: $id) { id status } }`;
const INBOX = `{ matchNotifications { nodes { id readAt } } }`;
const MARK_READ = `mutation MarkRead($id: ID!) { markMatchNotificationRead(id: $id) { id kind readAt } }`;

describe("ids in capitals", () => {
  let app: TestApp;
  let lead: { id: string };
  let coach: { id: string };
  let police: { id: string; partnerId: string };
  let youthCare: { id: string };
  let familyId: string;
  const person = { bsn: bsnNumber(40_000_010), birthDate: "2012-03-04", discussedWithFamily: true };

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.database.db;
    const region = await aRegion(db);
    const municipality = await aPartner(db, region.id, { sector: "MUNICIPALITY" });
    const socialWork = await aPartner(db, region.id);
    lead = await aProfessional(db, municipality, ["PROJECT_LEAD"]);
    coach = await aProfessional(db, socialWork, ["COACH"]);
    police = await aProfessional(db, await aPartner(db, region.id, { sector: "POLICE_JUSTICE" }), ["PARTNER_PROFESSIONAL"]);
    youthCare = await aProfessional(db, await aPartner(db, region.id, { sector: "YOUTH_CARE" }), ["PARTNER_PROFESSIONAL"]);
    const registered = await app.gql<{ registerFamily: { id: string } }>(
      `mutation Register($input: RegisterFamilyInput!) { registerFamily(input: $input) { id } }`,
      {
        input: {
          name: "Gezin Jansen",
          category: "MPG2",
          // The registration's own ids may come in capitals too.
          regisseurId: coach.id.toUpperCase(),
          members: [
            { bsn: bsnNumber(40_000_100), givenName: "Eva", familyName: "Jansen", birthDate: "1985-06-07", relation: "PARENT", legalCustody: true },
            { bsn: bsnNumber(40_000_200), givenName: "Finn", familyName: "Jansen", birthDate: "2013-08-09", relation: "CHILD" },
          ],
        },
      },
      lead.id,
    );
    expect(registered.body.errors).toBeUndefined();
    familyId = registered.body.data!.registerFamily.id;
  });
  afterAll(() => app?.close());

  it("finds a family by its id in capitals exactly as by the id itself", async () => {
    const lower = await app.gql(FAMILY, { id: familyId }, coach.id);
    const upper = await app.gql(FAMILY, { id: familyId.toUpperCase() }, coach.id);
    expect(lower.body.data).toEqual({ family: { id: familyId, name: "Gezin Jansen", category: "MPG2", myAccess: { level: "FULL" } } });
    expect(upper.text).toBe(lower.text);
  });

  it("changes a family named in capitals", async () => {
    const changed = await app.gql(CHANGE_CATEGORY, { id: familyId.toUpperCase() }, coach.id);
    expect(changed.body).toEqual({ data: { changeFamilyCategory: { id: familyId, category: "MPG3" } } });
  });

  it("finds a professional and a partner by ids in capitals", async () => {
    const lower = await app.gql(DIRECTORY, { id: police.id, partnerId: police.partnerId }, coach.id);
    const upper = await app.gql(DIRECTORY, { id: police.id.toUpperCase(), partnerId: police.partnerId.toUpperCase() }, coach.id);
    expect(lower.body.data).toMatchObject({ professional: { id: police.id, partner: { id: police.partnerId } }, partner: { id: police.partnerId } });
    expect(upper.text).toBe(lower.text);
  });

  it("marks a match notification read by its id in capitals", async () => {
    expect(codes(await app.gql(SIGNAL, { input: person }, police.id))).toEqual([]);
    expect(codes(await app.gql(SIGNAL, { input: person }, youthCare.id))).toEqual([]);
    const inbox = await app.gql<{ matchNotifications: { nodes: { id: string; readAt: string | null }[] } }>(INBOX, {}, police.id);
    const [notification] = inbox.body.data!.matchNotifications.nodes;
    expect(notification).toMatchObject({ readAt: null });

    const marked = await app.gql(MARK_READ, { id: notification!.id.toUpperCase() }, police.id);
    expect(marked.status).toBe(200);
    expect(marked.body).toEqual({ data: { markMatchNotificationRead: { id: notification!.id, kind: "PERSON_MATCH", readAt: expect.any(String) } } });
    // Marking it again, in lowercase, finds the same notification, read at the same moment.
    const again = await app.gql(MARK_READ, { id: notification!.id }, police.id);
    expect(again.text).toBe(marked.text);
  });

  it("withdraws a signal by its id in capitals", async () => {
    const mine = await app.gql<{ mySignals: { nodes: { id: string }[] } }>(`{ mySignals { nodes { id } } }`, {}, police.id);
    const signalId = mine.body.data!.mySignals.nodes[0]!.id;
    const withdrawn = await app.gql(WITHDRAW, { id: signalId.toUpperCase() }, police.id);
    expect(withdrawn.body).toEqual({ data: { withdrawSignal: { id: signalId, status: "HISTORICAL" } } });
    // The same signal, whichever way it is spelled: already withdrawn.
    expect(codes(await app.gql(WITHDRAW, { id: signalId }, police.id))).toEqual(["CONFLICT"]);
  });

  it("answers an id that is no UUID exactly as one that does not exist", async () => {
    const missing = randomUUID();
    for (const garbage of ["not-a-uuid", `${familyId}x`, ""]) {
      const pairs: [string, Record<string, unknown>, Record<string, unknown>, string][] = [
        [FAMILY, { id: garbage }, { id: missing }, coach.id],
        [CHANGE_CATEGORY, { id: garbage }, { id: missing }, coach.id],
        [DIRECTORY, { id: garbage, partnerId: garbage }, { id: missing, partnerId: missing }, coach.id],
        [MARK_READ, { id: garbage }, { id: missing }, police.id],
        [WITHDRAW, { id: garbage }, { id: missing }, police.id],
      ];
      for (const [query, bad, absent, as] of pairs) {
        const answer = await app.gql(query, bad, as);
        expect(answer.text).toBe((await app.gql(query, absent, as)).text);
        expect(answer.status).toBe(200);
      }
    }
    expect(codes(await app.gql(MARK_READ, { id: "not-a-uuid" }, police.id))).toEqual(["NOT_FOUND"]);
    expect(codes(await app.gql(WITHDRAW, { id: "not-a-uuid" }, police.id))).toEqual(["NOT_FOUND"]);
    expect((await app.gql(FAMILY, { id: "not-a-uuid" }, coach.id)).body).toEqual({ data: { family: null } });
  });
});
