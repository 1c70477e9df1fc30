import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, startTestApp, type TestApp } from "./support/app.js";
import { aPartner, aProfessional, aRegion, bsnNumber } from "./support/builders.js";

/*
 * A family's phase (domain brief §4): only the table's steps, only by its regisseur or process
 * lead, with the history and the days spent in each; and the one inbox, where a reference-index
 * match lands next to everything else.
 */

const NOBODY = "2b1f1f4e-9c1e-4c4e-8f57-3f1f4b7a0c11";
const REGISTER = `mutation($input: RegisterFamilyInput!) { registerFamily(input: $input) { id } }`;
const CHANGE = `mutation($id: ID!, $to: FamilyPhase!, $note: String) { changePhase(familyId: $id, to: $to, note: $note) { id phase } }`;
const PHASES = `query($id: ID!) { family(id: $id) { phase phaseHistory { phase since until days setById note } } }`;
const SIGNAL = `mutation($input: SignalInput!) { signal(input: $input) { id } }`;
const INBOX = `query($unread: Boolean!) { notifications(unreadOnly: $unread) { nodes { id kind subjectId familyId readAt match { kind bsn other { organisation } } } } }`;
const READ = `mutation($id: ID!) { markNotificationRead(id: $id) { id kind readAt } }`;

interface Period {
  phase: string;
  since: string;
  until: string | null;
  days: number;
  setById: string;
  note: string | null;
}

let app: TestApp;
let lead: string;
let coach: string;
let partnerWorker: string;
let otherWorker: string;
let familyId: string;
const CHILD = bsnNumber(301);

beforeAll(async () => {
  app = await startTestApp();
  const db = app.database.db;
  const region = await aRegion(db);
  const municipality = await aPartner(db, region.id, { name: "Gemeente", sector: "MUNICIPALITY", covenantSignatory: true });
  const youthCare = await aPartner(db, region.id, { name: "Jeugdzorg", sector: "YOUTH_CARE", covenantSignatory: true });
  const housing = await aPartner(db, region.id, { name: "Woningcorporatie", sector: "HOUSING", covenantSignatory: true });
  lead = (await aProfessional(db, municipality, ["PROCESS_LEAD"])).id;
  coach = (await aProfessional(db, municipality, ["COACH"])).id;
  partnerWorker = (await aProfessional(db, youthCare, ["PARTNER_PROFESSIONAL"])).id;
  otherWorker = (await aProfessional(db, housing, ["PARTNER_PROFESSIONAL"])).id;
  const admin = (await aProfessional(db, municipality, ["COVENANT_ADMIN"])).id;
  // Involved signatories know *that* the family is in the approach (dat-information), no more.
  const published = await app.gql(
    `mutation($input: CovenantVersionInput!) { publishCovenantVersion(input: $input) { version } }`,
    {
      input: {
        title: "Convenant",
        signatoryPartnerIds: [municipality.id, youthCare.id],
        rules: [{ level: "DAT", requiresInvolvement: true, requiresConsentOrLegalGround: false, description: "Involved signatories know who else is involved." }],
      },
    },
    admin,
  );
  expect(published.body.errors).toBeUndefined();
  const registered = await app.gql<{ registerFamily: { id: string } }>(
    REGISTER,
    {
      input: {
        name: "Gezin Fase",
        category: "MPG2",
        regisseurId: coach,
        members: [
          { bsn: bsnNumber(300), givenName: "Anna", familyName: "Fase", birthDate: "1988-02-01", relation: "PARENT", legalCustody: true },
          { bsn: CHILD, givenName: "Bram", familyName: "Fase", birthDate: "2015-06-01", relation: "CHILD" },
        ],
      },
    },
    lead,
  );
  familyId = registered.body.data!.registerFamily.id;
});

afterAll(() => app?.close());

async function history(as: string): Promise<{ phase: string | null; phaseHistory: Period[] | null } | null> {
  const response = await app.gql<{ family: { phase: string | null; phaseHistory: Period[] | null } | null }>(PHASES, { id: familyId }, as);
  return response.body.data?.family ?? null;
}

describe("a family's phase", () => {
  it("starts SCREENED when a process lead registers the household", async () => {
    const family = await history(coach);
    expect(family?.phase).toBe("SCREENED");
    expect(family?.phaseHistory?.map((period) => [period.phase, period.setById, period.until])).toEqual([["SCREENED", lead, null]]);
  });

  it("moves along the table's steps only, each kept with who moved it, when and the days spent", async () => {
    app.clock.set("2026-12-03T10:00:00+01:00");
    const planning = await app.gql(CHANGE, { id: familyId, to: "PLANNING", note: "MDO+ on 3 December" }, coach);
    expect(planning.body.errors).toBeUndefined();
    expect(planning.body.data).toEqual({ changePhase: { id: familyId, phase: "PLANNING" } });

    const skipped = await app.gql(CHANGE, { id: familyId, to: "CLOSING" }, coach);
    expect(codes(skipped)).toEqual(["CONFLICT"]);
    expect(skipped.body.errors![0]!.message).toContain("PLANNING");
    expect(skipped.body.errors![0]!.message).toContain("CLOSING");

    // Closing needs a final evaluation and aftercare: changePhase cannot do it.
    app.clock.set("2026-12-10T10:00:00+01:00");
    for (const to of ["EXECUTING", "EVALUATING", "CLOSING"]) {
      expect((await app.gql(CHANGE, { id: familyId, to }, lead)).body.errors).toBeUndefined();
    }
    const closed = await app.gql(CHANGE, { id: familyId, to: "AFTERCARE" }, coach);
    expect(codes(closed)).toEqual(["CONFLICT"]);
    expect(closed.body.errors![0]!.message).toContain("closeFamily");

    app.clock.set("2026-12-20T10:00:00+01:00");
    const family = await history(lead);
    expect(family?.phase).toBe("CLOSING");
    expect(family?.phaseHistory?.map((period) => [period.phase, period.days])).toEqual([
      ["SCREENED", 10],
      ["PLANNING", 7],
      ["EXECUTING", 0],
      ["EVALUATING", 0],
      ["CLOSING", 10],
    ]);
    expect(family?.phaseHistory?.[1]).toMatchObject({ setById: coach, note: "MDO+ on 3 December" });
    expect(family?.phaseHistory?.[0]!.until).toBe(family?.phaseHistory?.[1]!.since);
  });

  it("is moved by the regisseur or the process lead only, and a family one may not know of is not found", async () => {
    await app.gql(SIGNAL, { input: { bsn: CHILD, birthDate: "2015-06-01", discussedWithFamily: true } }, partnerWorker);
    const involved = await app.gql(CHANGE, { id: familyId, to: "EXECUTING" }, partnerWorker);
    expect(codes(involved)).toEqual(["FORBIDDEN"]);
    const stranger = await app.gql(CHANGE, { id: familyId, to: "EXECUTING" }, otherWorker);
    const nobody = await app.gql(CHANGE, { id: NOBODY, to: "EXECUTING" }, otherWorker);
    expect(codes(stranger)).toEqual(["NOT_FOUND"]);
    expect(stranger.body.errors![0]!.message).toBe(nobody.body.errors![0]!.message);
    expect((await history(lead))?.phase).toBe("CLOSING");
  });

  it("is process data: null with FORBIDDEN for a caller who only knows that the family exists", async () => {
    const response = await app.gql(PHASES, { id: familyId }, partnerWorker);
    expect((response.body.data as { family: unknown }).family).toEqual({ phase: null, phaseHistory: null });
    expect(codes(response)).toEqual(["FORBIDDEN", "FORBIDDEN"]);
  });
});

describe("the one inbox", () => {
  it("holds reference-index matches next to the other notifications, and marks either read", async () => {
    await app.gql(SIGNAL, { input: { bsn: CHILD, birthDate: "2015-06-01", discussedWithFamily: true } }, otherWorker);
    const inbox = await app.gql<{ notifications: { nodes: { id: string; kind: string; subjectId: string; readAt: string | null; match: { kind: string; bsn: string; other: { organisation: string } } | null }[] } }>(
      INBOX,
      { unread: true },
      otherWorker,
    );
    expect(inbox.body.errors).toBeUndefined();
    const match = inbox.body.data!.notifications.nodes.find((notification) => notification.kind === "MATCH");
    expect(match?.match).toMatchObject({ kind: "PERSON_MATCH", bsn: CHILD, other: { organisation: "Jeugdzorg" } });

    const read = await app.gql<{ markNotificationRead: { id: string; readAt: string | null } }>(READ, { id: match!.id }, otherWorker);
    expect(read.body.data?.markNotificationRead.readAt).not.toBeNull();
    const unread = await app.gql<{ notifications: { nodes: { id: string }[] } }>(INBOX, { unread: true }, otherWorker);
    expect(unread.body.data!.notifications.nodes.map((notification) => notification.id)).not.toContain(match!.id);

    // Another professional's match is not theirs to read: NOT_FOUND, as for no notification at all.
    const foreign = await app.gql(READ, { id: match!.id }, lead);
    expect(codes(foreign)).toEqual(["NOT_FOUND"]);
  });
});
