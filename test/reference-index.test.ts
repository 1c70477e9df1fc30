import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Role } from "../src/access/roles.js";
import { runReferenceIndexRetention } from "../src/reference-index/retention.js";
import { codes, startTestApp, type GraphQLResponse, type TestApp } from "./support/app.js";
import { aPartner, aProfessional, aRegion, bsnNumber } from "./support/builders.js";

/*
 * The reference index (domain brief §7): a signal says only *that* an organisation is involved
 * with a person. Matches tell every signaller whom to contact; a lookup answers only an
 * organisation with its own active signal, and to anyone else looks exactly like "nobody".
 * Everything is observed over HTTP; the retention job is called directly, as the job does.
 */

// The test clock starts at 2026-11-23 10:00 Dutch time.
const START = "2026-11-23T10:00:00+01:00";
const TODAY = "2026-11-23";
const CHILD_BIRTH = "2012-05-01";

// ---------------------------------------------------------------------------------------------
// Operations

const SIGNAL_FIELDS = "id bsn birthDate signalledOn activeUntil status discussedWithFamily notDiscussedReason contactPhone contactEmail withdrawnAt";
const SIGNAL = `mutation Signal($input: SignalInput!) { signal(input: $input) { ${SIGNAL_FIELDS} } }`;
const WITHDRAW = `mutation Withdraw($id: ID!) { withdrawSignal(id: $id) { ${SIGNAL_FIELDS} } }`;
const MY_SIGNALS = `query MySignals { mySignals { ${SIGNAL_FIELDS} } }`;
const INVOLVEMENT_FIELDS = "organisation sector professional phone email since";
const WHO = `query Who($bsn: String!) { whoIsInvolved(bsn: $bsn) { ${INVOLVEMENT_FIELDS} } }`;
const NOTIFICATIONS = `query Inbox($unreadOnly: Boolean!) { matchNotifications(unreadOnly: $unreadOnly) { id kind bsn createdAt readAt other { ${INVOLVEMENT_FIELDS} } } }`;
const MARK_READ = `mutation MarkRead($id: ID!) { markMatchNotificationRead(id: $id) { id kind bsn createdAt readAt } }`;
const REGISTER_FAMILY = `mutation Register($input: RegisterFamilyInput!) { registerFamily(input: $input) { id } }`;

interface SignalView {
  id: string;
  bsn: string;
  birthDate: string;
  signalledOn: string;
  activeUntil: string;
  status: "ACTIVE" | "HISTORICAL";
  discussedWithFamily: boolean;
  notDiscussedReason: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  withdrawnAt: string | null;
}
interface InvolvementView {
  organisation: string;
  sector: string;
  professional: string;
  phone: string | null;
  email: string | null;
  since: string;
}
interface NotificationView {
  id: string;
  kind: "PERSON_MATCH" | "FAMILY_MATCH";
  bsn: string;
  createdAt: string;
  readAt: string | null;
  other: InvolvementView;
}

interface Worker {
  id: string;
  name: string;
  phone: string | null;
  email: string;
  organisation: string;
  sector: string;
}

let app: TestApp;
let seed = 0;
/** A fresh BSN passing the 11-proof, never used before in this file. */
const nextBsn = () => bsnNumber(31_000_000 + 25 * seed++);

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());
beforeEach(() => app.clock.set(START));

// ---------------------------------------------------------------------------------------------
// The world: a region with partner organisations, each with a care worker

interface World {
  regionId: string;
  /** A partner organisation with one professional, a care worker unless other roles are named. */
  organisation(name: string, sector?: string, roles?: Role[]): Promise<Worker>;
  /** Another professional of an existing organisation. */
  colleague(of: Worker, roles?: Role[]): Promise<Worker>;
}

async function aWorld(settings: { signalActiveMonths?: number; signalHistoricalMonths?: number; signalAgeLimitYears?: number | null } = {}): Promise<World> {
  const db = app.database.db;
  const region = await aRegion(db, settings);
  const partnersByName = new Map<string, { id: string; regionId: string; name: string; sector: string }>();
  const professionalFor = async (partner: { id: string; regionId: string; name: string; sector: string }, roles: Role[]): Promise<Worker> => {
    const suffix = randomUUID().slice(0, 6);
    const professional = await aProfessional(db, partner, roles, {
      name: `${partner.name} worker ${suffix}`,
      phone: `06-${Math.floor(10_000_000 + Math.random() * 89_999_999)}`,
    });
    return { id: professional.id, name: professional.name, phone: professional.phone, email: professional.email, organisation: partner.name, sector: partner.sector };
  };
  return {
    regionId: region.id,
    async organisation(name, sector = "SOCIAL_WORK", roles = ["PARTNER_PROFESSIONAL"]) {
      const partner = await aPartner(db, region.id, { name, sector });
      partnersByName.set(name, partner);
      return professionalFor(partner, roles);
    },
    async colleague(of, roles = ["PARTNER_PROFESSIONAL"]) {
      return professionalFor(partnersByName.get(of.organisation)!, roles);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers over HTTP

function expectNoErrors(response: GraphQLResponse) {
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
}

const trySignal = (by: Worker, input: Record<string, unknown>) => app.gql<{ signal: SignalView }>(SIGNAL, { input }, by.id);

async function signal(by: Worker, bsn: string, extra: Record<string, unknown> = {}): Promise<SignalView> {
  const response = await trySignal(by, { bsn, birthDate: CHILD_BIRTH, discussedWithFamily: true, ...extra });
  expectNoErrors(response);
  return response.body.data!.signal;
}

async function withdraw(by: Worker, id: string): Promise<SignalView> {
  const response = await app.gql<{ withdrawSignal: SignalView }>(WITHDRAW, { id }, by.id);
  expectNoErrors(response);
  return response.body.data!.withdrawSignal;
}

async function mySignals(of: Worker): Promise<SignalView[]> {
  const response = await app.gql<{ mySignals: SignalView[] }>(MY_SIGNALS, {}, of.id);
  expectNoErrors(response);
  return response.body.data!.mySignals;
}

const lookup = (by: Worker, bsn: string) => app.gql<{ whoIsInvolved: InvolvementView[] }>(WHO, { bsn }, by.id);

async function involved(by: Worker, bsn: string): Promise<InvolvementView[]> {
  const response = await lookup(by, bsn);
  expectNoErrors(response);
  return response.body.data!.whoIsInvolved;
}

async function inbox(of: Worker, unreadOnly = false): Promise<NotificationView[]> {
  const response = await app.gql<{ matchNotifications: NotificationView[] }>(NOTIFICATIONS, { unreadOnly }, of.id);
  expectNoErrors(response);
  return response.body.data!.matchNotifications;
}

/** The involvement of a worker as others see it, with the contact details from their signal. */
const involvementOf = (worker: Worker, since: string): InvolvementView => ({
  organisation: worker.organisation,
  sector: worker.sector,
  professional: worker.name,
  phone: worker.phone,
  email: worker.email,
  since,
});

const byOrganisation = <T extends { other: InvolvementView }>(items: T[]) =>
  [...items].sort((left, right) => left.other.organisation.localeCompare(right.other.organisation));

/** A register keeper (process lead) and a coach, to record households through the API. */
async function aRegister(world: World) {
  const lead = await world.organisation("Gemeente", "MUNICIPALITY", ["PROCESS_LEAD"]);
  const coach = await world.colleague(lead, ["COACH"]);
  return {
    async family(name: string, members: { bsn: string; birthDate: string; relation: "PARENT" | "CHILD" }[]) {
      const response = await app.gql(
        REGISTER_FAMILY,
        {
          input: {
            name,
            category: "MPG1",
            regisseurId: coach.id,
            members: members.map((member, index) => ({
              ...member,
              givenName: `Member${index}`,
              familyName: name,
              legalCustody: member.relation === "PARENT",
            })),
          },
        },
        lead.id,
      );
      expectNoErrors(response);
    },
  };
}

// =============================================================================================

describe("signal: registering that your organisation is involved", () => {
  it("shows a new signal in mySignals as ACTIVE until 24 months after it was made, minus one day", async () => {
    const world = await aWorld({ signalActiveMonths: 24 });
    const worker = await world.organisation("MJD");
    const bsn = nextBsn();

    const returned = await signal(worker, bsn);

    const mine = await mySignals(worker);
    expect(mine).toEqual([returned]);
    expect(mine[0]).toMatchObject({
      bsn,
      birthDate: CHILD_BIRTH,
      signalledOn: TODAY,
      activeUntil: "2028-11-22",
      status: "ACTIVE",
      discussedWithFamily: true,
      notDiscussedReason: null,
      withdrawnAt: null,
    });
  });

  it("counts the active period from an earlier signalledOn date", async () => {
    const world = await aWorld({ signalActiveMonths: 24 });
    const worker = await world.organisation("MJD");

    await signal(worker, nextBsn(), { signalledOn: "2025-03-31" });

    expect(await mySignals(worker)).toMatchObject([{ signalledOn: "2025-03-31", activeUntil: "2027-03-30", status: "ACTIVE" }]);
  });

  it("accepts a signal dated so that today is its last active day", async () => {
    const world = await aWorld({ signalActiveMonths: 24 });
    const worker = await world.organisation("MJD");

    await signal(worker, nextBsn(), { signalledOn: "2024-11-24" });

    expect(await mySignals(worker)).toMatchObject([{ signalledOn: "2024-11-24", activeUntil: TODAY, status: "ACTIVE" }]);
  });

  it("accepts a signal on a person who turns 23 tomorrow", async () => {
    const world = await aWorld({ signalAgeLimitYears: 23 });
    const worker = await world.organisation("MJD");

    await signal(worker, nextBsn(), { birthDate: "2003-11-24" });

    expect(await mySignals(worker)).toMatchObject([{ birthDate: "2003-11-24", status: "ACTIVE" }]);
  });

  it("takes the contact details from the professional's directory entry when none are given", async () => {
    const world = await aWorld();
    const worker = await world.organisation("MJD");

    await signal(worker, nextBsn());

    const [mine] = await mySignals(worker);
    expect(worker.phone).toBeTruthy();
    expect(mine).toMatchObject({ contactPhone: worker.phone, contactEmail: worker.email });
  });

  it("keeps contact details given with the signal instead of the directory's", async () => {
    const world = await aWorld();
    const worker = await world.organisation("MJD");

    await signal(worker, nextBsn(), { contactPhone: "050-1234567", contactEmail: "team-noord@mjd.example" });

    expect(await mySignals(worker)).toMatchObject([{ contactPhone: "050-1234567", contactEmail: "team-noord@mjd.example" }]);
  });

  it("records a signal not discussed with the family together with the reason from the fixed list", async () => {
    const world = await aWorld();
    const worker = await world.organisation("MJD");

    await signal(worker, nextBsn(), { discussedWithFamily: false, notDiscussedReason: "SAFETY_RISK" });

    expect(await mySignals(worker)).toMatchObject([{ discussedWithFamily: false, notDiscussedReason: "SAFETY_RISK" }]);
  });

  it("offers no input field for a reason or any content: SignalInput has exactly the fields of the brief", async () => {
    const world = await aWorld();
    const worker = await world.organisation("MJD");

    const response = await app.gql<{ __type: { inputFields: { name: string }[] } }>(
      `{ __type(name: "SignalInput") { inputFields { name } } }`,
      {},
      worker.id,
    );

    expectNoErrors(response);
    expect(response.body.data!.__type.inputFields.map((field) => field.name)).toEqual([
      "bsn",
      "birthDate",
      "signalledOn",
      "discussedWithFamily",
      "notDiscussedReason",
      "contactPhone",
      "contactEmail",
    ]);
  });

  it("refuses a signal with a free-text reason field as unknown input, writing nothing", async () => {
    const world = await aWorld();
    const worker = await world.organisation("MJD");

    const response = await trySignal(worker, { bsn: nextBsn(), birthDate: CHILD_BIRTH, discussedWithFamily: true, reason: "father drinks" });

    expect(codes(response)).toEqual(["BAD_USER_INPUT"]);
    expect(await mySignals(worker)).toEqual([]);
  });

  describe("refuses bad input with BAD_USER_INPUT naming the field, and writes nothing", () => {
    let worker: Worker;
    let before: SignalView[];

    beforeAll(async () => {
      app.clock.set(START);
      const world = await aWorld({ signalActiveMonths: 24, signalAgeLimitYears: 23 });
      worker = await world.organisation("MJD");
      // One signal already there, so "nothing written" compares with something.
      await signal(worker, nextBsn());
      before = await mySignals(worker);
      expect(before).toHaveLength(1);
    });

    const cases: [string, () => Record<string, unknown>, string][] = [
      ["a BSN failing the 11-proof", () => ({ bsn: "123456789" }), "input.bsn"],
      ["a BSN of eight digits", () => ({ bsn: "12345678" }), "input.bsn"],
      ["not discussed with the family, without a reason", () => ({ discussedWithFamily: false }), "input.notDiscussedReason"],
      ["a reason not to discuss for a signal that was discussed", () => ({ discussedWithFamily: true, notDiscussedReason: "NOT_YET_REACHED" }), "input.notDiscussedReason"],
      ["a signalledOn date tomorrow", () => ({ signalledOn: "2026-11-24" }), "input.signalledOn"],
      ["a signalledOn date more than 24 months back", () => ({ signalledOn: "2024-06-30" }), "input.signalledOn"],
      ["a signalledOn date exactly 24 months back (its last active day was yesterday)", () => ({ signalledOn: "2024-11-23" }), "input.signalledOn"],
      ["a person who turns 23 today (the age limit)", () => ({ birthDate: "2003-11-23" }), "input.birthDate"],
      ["a person older than the age limit", () => ({ birthDate: "1990-01-01" }), "input.birthDate"],
      ["a birth date in the future", () => ({ birthDate: "2026-12-01" }), "input.birthDate"],
      ["a contact email that is not an email address", () => ({ contactEmail: "not-an-email" }), "input.contactEmail"],
    ];
    for (const [what, input, field] of cases) {
      it(`refuses ${what} (${field})`, async () => {
        const response = await trySignal(worker, { bsn: nextBsn(), birthDate: CHILD_BIRTH, discussedWithFamily: true, ...input() });

        expect(codes(response)).toEqual(["BAD_USER_INPUT"]);
        const [error] = response.body.errors!;
        expect(error!.extensions?.field).toBe(field);
        expect(error!.message.startsWith(`${field}:`)).toBe(true);
        expect(await mySignals(worker)).toEqual(before);
      });
    }

    const malformed: [string, Record<string, unknown>][] = [
      ["a birth date written as DD-MM-YYYY", { birthDate: "01-05-2012" }],
      ["a birth date that is no calendar day", { birthDate: "2012-02-30" }],
      ["a signalledOn date that is no calendar day", { signalledOn: "2026-02-30" }],
      ["a signalledOn date with a time", { signalledOn: "2026-11-01T10:00:00Z" }],
    ];
    for (const [what, input] of malformed) {
      it(`refuses ${what} while coercing the variables`, async () => {
        const response = await trySignal(worker, { bsn: nextBsn(), birthDate: CHILD_BIRTH, discussedWithFamily: true, ...input });

        expect([200, 400]).toContain(response.status);
        expect(codes(response)).toEqual(["BAD_USER_INPUT"]);
        expect(await mySignals(worker)).toEqual(before);
      });
    }
  });

  it("refuses a second active signal by the same professional on the same person with CONFLICT", async () => {
    const world = await aWorld();
    const worker = await world.organisation("MJD");
    const bsn = nextBsn();
    await signal(worker, bsn);
    const before = await mySignals(worker);

    const response = await trySignal(worker, { bsn, birthDate: CHILD_BIRTH, discussedWithFamily: true });

    expect(codes(response)).toEqual(["CONFLICT"]);
    expect(await mySignals(worker)).toEqual(before);
  });

  it("keeps one active signal when the same signal is sent twice at once (a double click)", async () => {
    const world = await aWorld();
    const worker = await world.organisation("MJD");
    const persons = Array.from({ length: 5 }, () => nextBsn());

    const responses = await Promise.all(
      persons.flatMap((bsn) => [1, 2].map(() => trySignal(worker, { bsn, birthDate: CHILD_BIRTH, discussedWithFamily: true }))),
    );

    expect(responses.map((response) => codes(response)[0] ?? "OK").sort()).toEqual([...Array(5).fill("CONFLICT"), ...Array(5).fill("OK")]);
    expect((await mySignals(worker)).map((mine) => mine.bsn).sort()).toEqual([...persons].sort());
  });

  it("lets a professional signal a person again once their earlier signal was withdrawn", async () => {
    const world = await aWorld();
    const worker = await world.organisation("MJD");
    const bsn = nextBsn();
    const first = await signal(worker, bsn);
    await withdraw(worker, first.id);

    const second = await signal(worker, bsn);

    const statuses = Object.fromEntries((await mySignals(worker)).map((mine) => [mine.id, mine.status]));
    expect(statuses).toEqual({ [first.id]: "HISTORICAL", [second.id]: "ACTIVE" });
  });

  for (const role of ["PROCESS_LEAD", "COVENANT_ADMIN"] as const) {
    it(`refuses a ${role} to signal, with FORBIDDEN and nothing registered`, async () => {
      const world = await aWorld();
      const outsider = await world.organisation("Gemeente", "MUNICIPALITY", [role]);
      const careWorker = await world.organisation("Elker", "YOUTH_CARE");
      const bsn = nextBsn();

      const response = await trySignal(outsider, { bsn, birthDate: CHILD_BIRTH, discussedWithFamily: true });

      expect(codes(response)).toEqual(["FORBIDDEN"]);
      // Had the refused signal been stored, this one would match it.
      await signal(careWorker, bsn);
      expect(await inbox(careWorker)).toEqual([]);
      expect(await involved(careWorker, bsn)).toEqual([]);
    });

    it(`refuses a ${role} the lookup whoIsInvolved, with FORBIDDEN`, async () => {
      const world = await aWorld();
      const outsider = await world.organisation("Gemeente", "MUNICIPALITY", [role]);
      const careWorker = await world.organisation("Elker", "YOUTH_CARE");
      const bsn = nextBsn();
      await signal(careWorker, bsn);

      const response = await lookup(outsider, bsn);

      expect(codes(response)).toEqual(["FORBIDDEN"]);
      expect(response.body.data ?? null).toBeNull();
    });
  }
});

// =============================================================================================

describe("matches: every signaller on the same person is told whom to contact", () => {
  it("tells both professionals of a person match, each with the other organisation's contact details", async () => {
    const world = await aWorld();
    const mjd = await world.organisation("MJD", "SOCIAL_WORK");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const bsn = nextBsn();
    await signal(mjd, bsn);
    await signal(elker, bsn, { signalledOn: "2026-10-01" });

    const forMjd = await inbox(mjd);
    const forElker = await inbox(elker);
    expect(forMjd).toEqual([
      { id: expect.any(String), kind: "PERSON_MATCH", bsn, createdAt: expect.any(String), readAt: null, other: involvementOf(elker, "2026-10-01") },
    ]);
    expect(forElker).toEqual([
      { id: expect.any(String), kind: "PERSON_MATCH", bsn, createdAt: expect.any(String), readAt: null, other: involvementOf(mjd, TODAY) },
    ]);
    expect(new Date(forMjd[0]!.createdAt).toISOString()).toBe(new Date(START).toISOString());
  });

  it("shows the contact details the other professional gave with their signal", async () => {
    const world = await aWorld();
    const mjd = await world.organisation("MJD", "SOCIAL_WORK");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const bsn = nextBsn();
    await signal(mjd, bsn);
    await signal(elker, bsn, { contactPhone: "050-7654321", contactEmail: "wijkteam@elker.example" });

    expect((await inbox(mjd)).map((notification) => notification.other)).toEqual([
      { ...involvementOf(elker, TODAY), phone: "050-7654321", email: "wijkteam@elker.example" },
    ]);
  });

  it("makes no match between two professionals of the same organisation", async () => {
    const world = await aWorld();
    const first = await world.organisation("MJD");
    const colleague = await world.colleague(first);
    const bsn = nextBsn();
    await signal(first, bsn);

    await signal(colleague, bsn);

    expect(await inbox(first)).toEqual([]);
    expect(await inbox(colleague)).toEqual([]);
  });

  it("makes no match between signals on different persons", async () => {
    const world = await aWorld();
    const mjd = await world.organisation("MJD");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    await signal(mjd, nextBsn());

    await signal(elker, nextBsn());

    expect(await inbox(mjd)).toEqual([]);
    expect(await inbox(elker)).toEqual([]);
  });

  it("marks a notification read: readAt is set and the unread list no longer shows it", async () => {
    const world = await aWorld();
    const mjd = await world.organisation("MJD");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const bsn = nextBsn();
    await signal(mjd, bsn);
    await signal(elker, bsn);
    const [notification] = await inbox(mjd, true);
    expect(notification).toBeDefined();
    app.clock.set("2026-11-24T09:15:00+01:00");

    const response = await app.gql<{ markMatchNotificationRead: NotificationView }>(MARK_READ, { id: notification!.id }, mjd.id);

    expectNoErrors(response);
    const marked = response.body.data!.markMatchNotificationRead;
    expect(marked.id).toBe(notification!.id);
    expect(new Date(marked.readAt!).toISOString()).toBe(new Date("2026-11-24T09:15:00+01:00").toISOString());
    expect(await inbox(mjd, true)).toEqual([]);
    expect(await inbox(mjd, false)).toEqual([{ ...notification, readAt: marked.readAt }]);
    // The other side's notification is theirs to read.
    expect(await inbox(elker, true)).toHaveLength(1);
  });

  it("keeps the first readAt when a notification is marked read again", async () => {
    const world = await aWorld();
    const mjd = await world.organisation("MJD");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const bsn = nextBsn();
    await signal(mjd, bsn);
    await signal(elker, bsn);
    const [notification] = await inbox(mjd);
    const first = await app.gql<{ markMatchNotificationRead: NotificationView }>(MARK_READ, { id: notification!.id }, mjd.id);
    app.clock.set("2026-12-01T10:00:00+01:00");

    const second = await app.gql<{ markMatchNotificationRead: NotificationView }>(MARK_READ, { id: notification!.id }, mjd.id);

    expectNoErrors(second);
    expect(second.body.data!.markMatchNotificationRead.readAt).toBe(first.body.data!.markMatchNotificationRead.readAt);
  });

  it("answers NOT_FOUND, alike, when marking someone else's notification, a random id or a non-id — and changes nothing", async () => {
    const world = await aWorld();
    const mjd = await world.organisation("MJD");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const bsn = nextBsn();
    await signal(mjd, bsn);
    await signal(elker, bsn);
    const [elkersNotification] = await inbox(elker);

    const responses = await Promise.all(
      [elkersNotification!.id, randomUUID(), "not-a-uuid"].map((id) => app.gql(MARK_READ, { id }, mjd.id)),
    );

    for (const response of responses) expect(codes(response)).toEqual(["NOT_FOUND"]);
    expect(new Set(responses.map((response) => response.body.errors![0]!.message)).size).toBe(1);
    expect(await inbox(elker, true)).toEqual([elkersNotification]);
  });

  it("matches two organisations that signal the same person at the same moment, every time", async () => {
    const world = await aWorld();
    const mjd = await world.organisation("MJD", "SOCIAL_WORK");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    // Ten persons, each signalled by both organisations at once: one lost match is one too many.
    const persons = Array.from({ length: 10 }, () => nextBsn());

    await Promise.all(persons.flatMap((bsn) => [signal(mjd, bsn), signal(elker, bsn)]));

    expect((await inbox(mjd)).map((notification) => notification.bsn).sort()).toEqual([...persons].sort());
    expect((await inbox(elker)).map((notification) => notification.bsn).sort()).toEqual([...persons].sort());
  });

  it("tells the first two one new match each when a third organisation signals, and the third of both", async () => {
    const world = await aWorld();
    const mjd = await world.organisation("MJD", "SOCIAL_WORK");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const police = await world.organisation("Regiopolitie", "POLICE_JUSTICE");
    const bsn = nextBsn();
    app.clock.set("2026-11-23T10:00:00+01:00");
    await signal(mjd, bsn);
    app.clock.set("2026-11-23T11:00:00+01:00");
    await signal(elker, bsn);
    expect(await inbox(mjd)).toHaveLength(1);
    expect(await inbox(elker)).toHaveLength(1);
    app.clock.set("2026-11-23T12:00:00+01:00");

    await signal(police, bsn);

    // Newest first.
    expect((await inbox(mjd)).map((notification) => notification.other.organisation)).toEqual(["Regiopolitie", "Elker"]);
    expect((await inbox(elker)).map((notification) => notification.other.organisation)).toEqual(["Regiopolitie", "MJD"]);
    const forPolice = byOrganisation(await inbox(police));
    expect(forPolice.map(({ kind, bsn: own, other }) => ({ kind, bsn: own, other }))).toEqual([
      { kind: "PERSON_MATCH", bsn, other: involvementOf(elker, TODAY) },
      { kind: "PERSON_MATCH", bsn, other: involvementOf(mjd, TODAY) },
    ]);
  });
});

// =============================================================================================

describe("family matches: children who share a parent in the register", () => {
  it("tells both organisations when they signalled two children of the same household", async () => {
    const world = await aWorld();
    const register = await aRegister(world);
    const mjd = await world.organisation("MJD", "SOCIAL_WORK");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const [mother, father, c1, c2] = [nextBsn(), nextBsn(), nextBsn(), nextBsn()];
    // Two parents: still one family match per pair of signals, not one per shared parent.
    await register.family("Bakker", [
      { bsn: mother, birthDate: "1985-03-02", relation: "PARENT" },
      { bsn: father, birthDate: "1983-07-19", relation: "PARENT" },
      { bsn: c1, birthDate: "2012-05-01", relation: "CHILD" },
      { bsn: c2, birthDate: "2016-09-12", relation: "CHILD" },
    ]);
    await signal(mjd, c1, { birthDate: "2012-05-01" });

    await signal(elker, c2, { birthDate: "2016-09-12" });

    expect(await inbox(mjd)).toMatchObject([{ kind: "FAMILY_MATCH", bsn: c1, readAt: null, other: involvementOf(elker, TODAY) }]);
    expect(await inbox(elker)).toMatchObject([{ kind: "FAMILY_MATCH", bsn: c2, readAt: null, other: involvementOf(mjd, TODAY) }]);
    expect(await inbox(mjd)).toHaveLength(1);
    expect(await inbox(elker)).toHaveLength(1);
  });

  it("makes no family match between children of different parents", async () => {
    const world = await aWorld();
    const register = await aRegister(world);
    const mjd = await world.organisation("MJD", "SOCIAL_WORK");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const [p1, c1, p2, c2] = [nextBsn(), nextBsn(), nextBsn(), nextBsn()];
    await register.family("Jansen", [
      { bsn: p1, birthDate: "1985-03-02", relation: "PARENT" },
      { bsn: c1, birthDate: "2012-05-01", relation: "CHILD" },
    ]);
    await register.family("De Vries", [
      { bsn: p2, birthDate: "1980-01-20", relation: "PARENT" },
      { bsn: c2, birthDate: "2014-02-03", relation: "CHILD" },
    ]);
    await signal(mjd, c1, { birthDate: "2012-05-01" });

    await signal(elker, c2, { birthDate: "2014-02-03" });

    expect(await inbox(mjd)).toEqual([]);
    expect(await inbox(elker)).toEqual([]);
  });

  it("makes a family match between children of one parent who lives in two households", async () => {
    const world = await aWorld();
    const register = await aRegister(world);
    const mjd = await world.organisation("MJD", "SOCIAL_WORK");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const [parent, c1, otherParent, c3] = [nextBsn(), nextBsn(), nextBsn(), nextBsn()];
    await register.family("Smit", [
      { bsn: parent, birthDate: "1984-04-04", relation: "PARENT" },
      { bsn: c1, birthDate: "2012-05-01", relation: "CHILD" },
    ]);
    await register.family("Smit-Visser", [
      { bsn: parent, birthDate: "1984-04-04", relation: "PARENT" },
      { bsn: otherParent, birthDate: "1986-06-06", relation: "PARENT" },
      { bsn: c3, birthDate: "2020-08-08", relation: "CHILD" },
    ]);
    await signal(mjd, c1, { birthDate: "2012-05-01" });

    await signal(elker, c3, { birthDate: "2020-08-08" });

    expect(await inbox(mjd)).toMatchObject([{ kind: "FAMILY_MATCH", bsn: c1, other: involvementOf(elker, TODAY) }]);
    expect(await inbox(elker)).toMatchObject([{ kind: "FAMILY_MATCH", bsn: c3, other: involvementOf(mjd, TODAY) }]);
    expect(await inbox(mjd)).toHaveLength(1);
    expect(await inbox(elker)).toHaveLength(1);
  });

  it("makes no family match between two children signalled by the same organisation", async () => {
    const world = await aWorld();
    const register = await aRegister(world);
    const mjd = await world.organisation("MJD", "SOCIAL_WORK");
    const colleague = await world.colleague(mjd);
    const [parent, c1, c2] = [nextBsn(), nextBsn(), nextBsn()];
    await register.family("Mulder", [
      { bsn: parent, birthDate: "1985-03-02", relation: "PARENT" },
      { bsn: c1, birthDate: "2012-05-01", relation: "CHILD" },
      { bsn: c2, birthDate: "2016-09-12", relation: "CHILD" },
    ]);
    await signal(mjd, c1, { birthDate: "2012-05-01" });

    await signal(colleague, c2, { birthDate: "2016-09-12" });

    expect(await inbox(mjd)).toEqual([]);
    expect(await inbox(colleague)).toEqual([]);
  });
});

// =============================================================================================

describe("whoIsInvolved: no free search", () => {
  /**
   * One person X signalled by five organisations: MJD and Elker active, Lefier withdrawn,
   * Regiopolitie active only until today. Thuiszorg has no signal on X.
   */
  async function signalledPerson() {
    const world = await aWorld({ signalActiveMonths: 24 });
    const mjd = await world.organisation("MJD", "SOCIAL_WORK");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const lefier = await world.organisation("Lefier", "HOUSING");
    const police = await world.organisation("Regiopolitie", "POLICE_JUSTICE");
    const thuiszorg = await world.organisation("Thuiszorg", "HOME_CARE");
    const x = nextBsn();
    const unknown = nextBsn();
    await signal(police, x, { signalledOn: "2024-11-24" });
    await signal(mjd, x);
    await signal(elker, x, { signalledOn: "2026-10-01" });
    const lefiersSignal = await signal(lefier, x);
    await withdraw(lefier, lefiersSignal.id);
    return { world, mjd, elker, lefier, police, thuiszorg, x, unknown };
  }

  it("lists the other organisations' active signals to an organisation with its own: not its own, not withdrawn ones", async () => {
    const { mjd, elker, police, x } = await signalledPerson();

    expect(await involved(mjd, x)).toEqual([involvementOf(police, "2024-11-24"), involvementOf(elker, "2026-10-01")]);
  });

  it("answers a colleague in the same organisation as well: the signal is the organisation's", async () => {
    const { world, mjd, elker, police, x } = await signalledPerson();
    const colleague = await world.colleague(mjd);

    expect(await involved(colleague, x)).toEqual([involvementOf(police, "2024-11-24"), involvementOf(elker, "2026-10-01")]);
  });

  it("no longer lists a signal once it has expired", async () => {
    const { mjd, elker, police, x } = await signalledPerson();
    expect((await involved(mjd, x)).map((involvement) => involvement.organisation)).toContain(police.organisation);

    app.clock.set("2026-11-24T10:00:00+01:00");

    expect(await involved(mjd, x)).toEqual([involvementOf(elker, "2026-10-01")]);
  });

  it("gives an organisation without its own signal exactly the answer for a person nobody signalled", async () => {
    const { mjd, thuiszorg, x, unknown } = await signalledPerson();
    expect(await involved(mjd, x)).not.toEqual([]);

    const signalled = await lookup(thuiszorg, x);
    const nobody = await lookup(thuiszorg, unknown);

    expectNoErrors(nobody);
    expect(signalled.status).toBe(nobody.status);
    expect(signalled.text).toBe(nobody.text);
  });

  it("gives an organisation whose own signal was withdrawn exactly the answer for a person nobody signalled", async () => {
    const { mjd, lefier, x, unknown } = await signalledPerson();
    expect(await involved(mjd, x)).not.toEqual([]);

    const signalled = await lookup(lefier, x);
    const nobody = await lookup(lefier, unknown);

    expectNoErrors(nobody);
    expect(signalled.status).toBe(nobody.status);
    expect(signalled.text).toBe(nobody.text);
  });

  it("gives an organisation whose own signal has expired exactly the answer for a person nobody signalled", async () => {
    const { mjd, police, x, unknown } = await signalledPerson();
    expect(await involved(police, x)).not.toEqual([]);
    app.clock.set("2026-11-24T10:00:00+01:00");
    expect(await involved(mjd, x)).not.toEqual([]);

    const signalled = await lookup(police, x);
    const nobody = await lookup(police, unknown);

    expectNoErrors(nobody);
    expect(signalled.status).toBe(nobody.status);
    expect(signalled.text).toBe(nobody.text);
  });

  it("gives a professional of another region exactly the answer for a person nobody signalled", async () => {
    const { mjd, x, unknown } = await signalledPerson();
    const elsewhere = await (await aWorld()).organisation("MJD", "SOCIAL_WORK");
    expect(await involved(mjd, x)).not.toEqual([]);

    const signalled = await lookup(elsewhere, x);
    const nobody = await lookup(elsewhere, unknown);

    expectNoErrors(nobody);
    expect(signalled.status).toBe(nobody.status);
    expect(signalled.text).toBe(nobody.text);
  });

  it("refuses an invalid BSN with BAD_USER_INPUT alike, whether or not the caller has signals", async () => {
    const { mjd, thuiszorg } = await signalledPerson();

    const withSignals = await lookup(mjd, "123456789");
    const without = await lookup(thuiszorg, "123456789");

    expect(codes(withSignals)).toEqual(["BAD_USER_INPUT"]);
    expect(withSignals.body.errors![0]!.extensions?.field).toBe("bsn");
    expect(without.text).toBe(withSignals.text);
  });
});

// =============================================================================================

describe("withdrawSignal", () => {
  it("makes your own signal HISTORICAL and records when it was withdrawn", async () => {
    const world = await aWorld();
    const worker = await world.organisation("MJD");
    const made = await signal(worker, nextBsn());
    app.clock.set("2026-12-02T14:30:00+01:00");

    const withdrawn = await withdraw(worker, made.id);

    expect(withdrawn).toMatchObject({ id: made.id, status: "HISTORICAL" });
    expect(new Date(withdrawn.withdrawnAt!).toISOString()).toBe(new Date("2026-12-02T14:30:00+01:00").toISOString());
    expect(await mySignals(worker)).toEqual([withdrawn]);
  });

  it("stops a withdrawn signal from matching: a later signal by another organisation tells no one", async () => {
    const world = await aWorld();
    const mjd = await world.organisation("MJD");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const bsn = nextBsn();
    const made = await signal(mjd, bsn);
    await withdraw(mjd, made.id);

    await signal(elker, bsn);

    expect(await inbox(mjd)).toEqual([]);
    expect(await inbox(elker)).toEqual([]);
  });

  it("stops a withdrawn signal from letting its organisation look the person up", async () => {
    const world = await aWorld();
    const mjd = await world.organisation("MJD");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const bsn = nextBsn();
    const made = await signal(mjd, bsn);
    await signal(elker, bsn);
    expect(await involved(mjd, bsn)).toEqual([involvementOf(elker, TODAY)]);

    await withdraw(mjd, made.id);

    expect(await involved(mjd, bsn)).toEqual([]);
    expect(await involved(elker, bsn)).toEqual([]);
  });

  it("refuses to withdraw a signal twice with CONFLICT, keeping the first withdrawal", async () => {
    const world = await aWorld();
    const worker = await world.organisation("MJD");
    const made = await signal(worker, nextBsn());
    const first = await withdraw(worker, made.id);
    app.clock.set("2026-12-05T10:00:00+01:00");

    const again = await app.gql(WITHDRAW, { id: made.id }, worker.id);

    expect(codes(again)).toEqual(["CONFLICT"]);
    expect(await mySignals(worker)).toEqual([first]);
  });

  it("answers NOT_FOUND with one message for another professional's signal, a random id and a non-id", async () => {
    const world = await aWorld();
    const mjd = await world.organisation("MJD");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const colleague = await world.colleague(elker);
    const elkersSignal = await signal(elker, nextBsn());

    const responses = await Promise.all(
      [
        [mjd, elkersSignal.id],
        [colleague, elkersSignal.id],
        [mjd, randomUUID()],
        [mjd, "not-a-uuid"],
      ].map(([by, id]) => app.gql(WITHDRAW, { id }, (by as Worker).id)),
    );

    for (const response of responses) expect(codes(response)).toEqual(["NOT_FOUND"]);
    expect(new Set(responses.map((response) => response.body.errors![0]!.message)).size).toBe(1);
    expect(await mySignals(elker)).toEqual([elkersSignal]);
  });
});

// =============================================================================================

describe("expiry by time", () => {
  it("keeps a signal ACTIVE through its activeUntil day and shows it HISTORICAL from the next Dutch day", async () => {
    const world = await aWorld({ signalActiveMonths: 24 });
    const worker = await world.organisation("MJD");
    await signal(worker, nextBsn());

    app.clock.set("2028-11-22T23:59:00+01:00");
    expect(await mySignals(worker)).toMatchObject([{ activeUntil: "2028-11-22", status: "ACTIVE" }]);

    // 00:01 in the Netherlands is still the previous day in UTC.
    app.clock.set("2028-11-23T00:01:00+01:00");
    expect(await mySignals(worker)).toMatchObject([{ activeUntil: "2028-11-22", status: "HISTORICAL", withdrawnAt: null }]);
  });

  it("stops an expired signal from answering lookups", async () => {
    const world = await aWorld({ signalActiveMonths: 24 });
    const mjd = await world.organisation("MJD");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const bsn = nextBsn();
    await signal(mjd, bsn);
    // Elker signals three weeks later, so its signal outlives MJD's by three weeks.
    app.clock.set("2026-12-14T10:00:00+01:00");
    await signal(elker, bsn);
    app.clock.set("2028-11-22T12:00:00+01:00");
    expect(await involved(mjd, bsn)).toEqual([involvementOf(elker, "2026-12-14")]);
    expect(await involved(elker, bsn)).toEqual([involvementOf(mjd, TODAY)]);

    app.clock.set("2028-11-23T12:00:00+01:00");

    // MJD's own signal expired: no answer. Elker's is active, but MJD's is no longer listed.
    expect(await involved(mjd, bsn)).toEqual([]);
    expect(await involved(elker, bsn)).toEqual([]);
  });

  it("stops an expired signal from matching a new one", async () => {
    const world = await aWorld({ signalActiveMonths: 24 });
    const mjd = await world.organisation("MJD");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const bsn = nextBsn();
    await signal(mjd, bsn);
    app.clock.set("2028-11-23T12:00:00+01:00");

    await signal(elker, bsn);

    expect(await inbox(mjd)).toEqual([]);
    expect(await inbox(elker)).toEqual([]);
    expect(await involved(elker, bsn)).toEqual([]);
  });
});

// =============================================================================================

describe("retention: historical for a while, then destroyed", () => {
  /** Runs the job for a day, as the nightly job does, and moves the clock there. */
  async function retentionOn(day: string) {
    app.clock.set(`${day}T03:00:00+01:00`);
    await runReferenceIndexRetention(app.database.db, day);
  }

  // Active 12 months, historical 36 months after that, destroyed at 23.
  const SETTINGS = { signalActiveMonths: 12, signalHistoricalMonths: 36, signalAgeLimitYears: 23 };

  it("keeps an expired signal while it is historical and destroys it when the historical period ends", async () => {
    const world = await aWorld(SETTINGS);
    const worker = await world.organisation("MJD");
    const made = await signal(worker, nextBsn());
    expect(made.activeUntil).toBe("2027-11-22");

    // Inactive from 2027-11-23; historical for 36 months, so destroyed on 2030-11-23.
    await retentionOn("2030-11-22");
    expect(await mySignals(worker)).toMatchObject([{ id: made.id, status: "HISTORICAL" }]);

    await retentionOn("2030-11-23");
    expect(await mySignals(worker)).toEqual([]);
  });

  it("keeps an active signal whatever the historical period", async () => {
    const world = await aWorld({ signalActiveMonths: 24, signalHistoricalMonths: 1, signalAgeLimitYears: 23 });
    const worker = await world.organisation("MJD");
    const made = await signal(worker, nextBsn());

    await retentionOn("2028-11-22");

    expect(await mySignals(worker)).toMatchObject([{ id: made.id, status: "ACTIVE" }]);
  });

  it("counts a withdrawn signal's historical period from its withdrawal", async () => {
    const world = await aWorld(SETTINGS);
    const worker = await world.organisation("MJD");
    const withdrawnOne = await signal(worker, nextBsn());
    const keptOne = await signal(worker, nextBsn());
    app.clock.set("2027-02-10T11:00:00+01:00");
    await withdraw(worker, withdrawnOne.id);

    await retentionOn("2030-02-09");
    expect((await mySignals(worker)).map((mine) => mine.id).sort()).toEqual([withdrawnOne.id, keptOne.id].sort());

    await retentionOn("2030-02-10");
    expect((await mySignals(worker)).map((mine) => mine.id)).toEqual([keptOne.id]);
  });

  it("counts the withdrawal day in Dutch time for a withdrawal just after midnight", async () => {
    const world = await aWorld(SETTINGS);
    const worker = await world.organisation("MJD");
    const made = await signal(worker, nextBsn());
    // 00:30 on 10 February in the Netherlands is still 9 February in UTC.
    app.clock.set("2027-02-10T00:30:00+01:00");
    await withdraw(worker, made.id);

    await retentionOn("2030-02-09");
    expect((await mySignals(worker)).map((mine) => mine.id)).toEqual([made.id]);

    await retentionOn("2030-02-10");
    expect(await mySignals(worker)).toEqual([]);
  });

  it("destroys every signal on a person the day they turn 23, and keeps them the day before", async () => {
    const world = await aWorld({ signalActiveMonths: 24, signalHistoricalMonths: 120, signalAgeLimitYears: 23 });
    const mjd = await world.organisation("MJD");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const [older, younger] = [nextBsn(), nextBsn()];
    await signal(mjd, older, { birthDate: "2010-06-15" });
    await signal(elker, older, { birthDate: "2010-06-15" });
    await signal(mjd, younger, { birthDate: "2012-01-01" });

    await retentionOn("2033-06-14");
    expect((await mySignals(mjd)).map((mine) => mine.bsn).sort()).toEqual([older, younger].sort());
    expect((await mySignals(elker)).map((mine) => mine.bsn)).toEqual([older]);
    expect(await inbox(mjd)).toHaveLength(1);
    expect(await inbox(elker)).toHaveLength(1);

    await retentionOn("2033-06-15");
    expect((await mySignals(mjd)).map((mine) => mine.bsn)).toEqual([younger]);
    expect(await mySignals(elker)).toEqual([]);
    expect(await inbox(mjd)).toEqual([]);
    expect(await inbox(elker)).toEqual([]);
  });

  it("destroys only the signal itself when its own birth date reaches the limit, if the register does not know the person", async () => {
    const world = await aWorld({ signalActiveMonths: 24, signalHistoricalMonths: 120, signalAgeLimitYears: 23 });
    const mjd = await world.organisation("MJD");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const person = nextBsn();
    // MJD enters a wrong birth date: by it, the person turns 23 on 2026-12-01.
    const wrong = await signal(mjd, person, { birthDate: "2003-12-01" });
    const honest = await signal(elker, person, { birthDate: "2012-05-01" });

    await retentionOn("2026-11-30");
    expect((await mySignals(mjd)).map((mine) => mine.id)).toEqual([wrong.id]);
    expect(await inbox(elker)).toHaveLength(1);

    await retentionOn("2026-12-01");

    // MJD's wrong date destroys MJD's own signal, and with it the match; never Elker's signal.
    expect(await mySignals(mjd)).toEqual([]);
    expect(await inbox(elker)).toEqual([]);
    expect(await mySignals(elker)).toMatchObject([{ id: honest.id, status: "ACTIVE" }]);

    // Elker's signal goes when its own birth date reaches the limit.
    await retentionOn("2035-04-30");
    expect((await mySignals(elker)).map((mine) => mine.id)).toEqual([honest.id]);
    await retentionOn("2035-05-01");
    expect(await mySignals(elker)).toEqual([]);
  });

  it("goes by the register's birth date when the register knows the person: all signals at its limit, none before", async () => {
    const world = await aWorld({ signalActiveMonths: 24, signalHistoricalMonths: 120, signalAgeLimitYears: 23 });
    const register = await aRegister(world);
    const mjd = await world.organisation("MJD");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const [parent, child] = [nextBsn(), nextBsn()];
    // By the register the child turns 23 on 2033-06-15.
    await register.family("Visser", [
      { bsn: parent, birthDate: "1984-02-02", relation: "PARENT" },
      { bsn: child, birthDate: "2010-06-15", relation: "CHILD" },
    ]);
    // One signal states a later birth date (2034-06-15 by it), one an earlier one (2032-06-15).
    const later = await signal(mjd, child, { birthDate: "2011-06-15" });
    const earlier = await signal(elker, child, { birthDate: "2009-06-15" });

    // The earlier stated date reached the limit, the register's has not: nothing goes.
    await retentionOn("2032-06-15");
    await retentionOn("2033-06-14");
    expect((await mySignals(mjd)).map((mine) => mine.id)).toEqual([later.id]);
    expect((await mySignals(elker)).map((mine) => mine.id)).toEqual([earlier.id]);
    expect(await inbox(mjd)).toHaveLength(1);
    expect(await inbox(elker)).toHaveLength(1);

    // The register's date reached the limit: everything goes, the later stated date included.
    await retentionOn("2033-06-15");
    expect(await mySignals(mjd)).toEqual([]);
    expect(await mySignals(elker)).toEqual([]);
    expect(await inbox(mjd)).toEqual([]);
    expect(await inbox(elker)).toEqual([]);
  });

  it("goes by the youngest birth date when the register's households disagree on it", async () => {
    const world = await aWorld({ signalActiveMonths: 24, signalHistoricalMonths: 120, signalAgeLimitYears: 23 });
    const register = await aRegister(world);
    const mjd = await world.organisation("MJD");
    const child = nextBsn();
    await register.family("Smit", [
      { bsn: nextBsn(), birthDate: "1984-04-04", relation: "PARENT" },
      { bsn: child, birthDate: "2010-06-15", relation: "CHILD" },
    ]);
    await register.family("Smit-Visser", [
      { bsn: nextBsn(), birthDate: "1986-06-06", relation: "PARENT" },
      { bsn: child, birthDate: "2011-06-15", relation: "CHILD" },
    ]);
    const made = await signal(mjd, child, { birthDate: "2010-06-15" });

    await retentionOn("2034-06-14");
    expect((await mySignals(mjd)).map((mine) => mine.id)).toEqual([made.id]);

    await retentionOn("2034-06-15");
    expect(await mySignals(mjd)).toEqual([]);
  });

  it("takes no birth date from another region's register", async () => {
    const elsewhere = await aWorld({ signalAgeLimitYears: 23 });
    const here = await aWorld({ signalActiveMonths: 24, signalHistoricalMonths: 120, signalAgeLimitYears: 23 });
    const person = nextBsn();
    await (await aRegister(elsewhere)).family("Jansen", [
      { bsn: nextBsn(), birthDate: "1985-03-02", relation: "PARENT" },
      { bsn: person, birthDate: "2012-05-01", relation: "CHILD" },
    ]);
    const mjd = await here.organisation("MJD");
    await signal(mjd, person, { birthDate: "2003-12-01" });

    await retentionOn("2026-12-01");

    expect(await mySignals(mjd)).toEqual([]);
  });

  it("makes match notifications about a destroyed signal vanish, and keeps the other side's signal", async () => {
    const world = await aWorld(SETTINGS);
    const mjd = await world.organisation("MJD");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const bsn = nextBsn();
    const mjdsSignal = await signal(mjd, bsn);
    const elkersSignal = await signal(elker, bsn);
    app.clock.set("2027-02-10T11:00:00+01:00");
    await withdraw(mjd, mjdsSignal.id);

    await retentionOn("2030-02-09");
    expect(await inbox(mjd)).toHaveLength(1);
    expect(await inbox(elker)).toHaveLength(1);

    await retentionOn("2030-02-10");
    expect(await mySignals(mjd)).toEqual([]);
    expect(await inbox(mjd)).toEqual([]);
    expect((await mySignals(elker)).map((mine) => mine.id)).toEqual([elkersSignal.id]);
    expect(await inbox(elker)).toEqual([]);
  });

  it("applies each region's own age limit, and none where the region has none", async () => {
    const strict = await aWorld({ signalActiveMonths: 24, signalHistoricalMonths: 60, signalAgeLimitYears: 18 });
    const noLimit = await aWorld({ signalActiveMonths: 24, signalHistoricalMonths: 60, signalAgeLimitYears: null });
    const inStrict = await strict.organisation("MJD");
    const inNoLimit = await noLimit.organisation("MJD");
    const person = nextBsn();
    await signal(inStrict, person, { birthDate: "2010-06-15" });
    await signal(inNoLimit, person, { birthDate: "2010-06-15" });

    await retentionOn("2028-06-14");
    expect(await mySignals(inStrict)).toHaveLength(1);

    await retentionOn("2028-06-15");
    expect(await mySignals(inStrict)).toEqual([]);
    expect(await mySignals(inNoLimit)).toMatchObject([{ bsn: person, status: "ACTIVE" }]);
  });

  it("applies each region's own settings", async () => {
    const short = await aWorld({ signalActiveMonths: 12, signalHistoricalMonths: 12, signalAgeLimitYears: 23 });
    const long = await aWorld({ signalActiveMonths: 12, signalHistoricalMonths: 60, signalAgeLimitYears: 23 });
    const inShort = await short.organisation("MJD");
    const inLong = await long.organisation("MJD");
    await signal(inShort, nextBsn());
    await signal(inLong, nextBsn());

    // Both inactive from 2027-11-23: the short region destroys on 2028-11-23, the long one on 2032-11-23.
    await retentionOn("2028-11-23");

    expect(await mySignals(inShort)).toEqual([]);
    expect(await mySignals(inLong)).toHaveLength(1);
  });
});

// =============================================================================================

describe("tenant isolation", () => {
  it("lists and matches only within the caller's own region, never signals on the same person in another", async () => {
    const groningen = await aWorld();
    const amsterdam = await aWorld();
    const groningenMjd = await groningen.organisation("MJD", "SOCIAL_WORK");
    const groningenPolice = await groningen.organisation("Regiopolitie", "POLICE_JUSTICE");
    const amsterdamMjd = await amsterdam.organisation("MJD", "SOCIAL_WORK");
    const amsterdamHousing = await amsterdam.organisation("Ymere", "HOUSING");
    const bsn = nextBsn();
    // Groningen signals first: had the regions been mixed, Amsterdam's signals would match them.
    await signal(groningenMjd, bsn);
    await signal(groningenPolice, bsn);
    await signal(amsterdamMjd, bsn);

    await signal(amsterdamHousing, bsn);

    expect(await involved(amsterdamMjd, bsn)).toEqual([involvementOf(amsterdamHousing, TODAY)]);
    expect(await involved(groningenMjd, bsn)).toEqual([involvementOf(groningenPolice, TODAY)]);
    expect((await inbox(amsterdamMjd)).map((notification) => notification.other)).toEqual([involvementOf(amsterdamHousing, TODAY)]);
    expect((await inbox(amsterdamHousing)).map((notification) => notification.other)).toEqual([involvementOf(amsterdamMjd, TODAY)]);
    expect((await inbox(groningenMjd)).map((notification) => notification.other)).toEqual([involvementOf(groningenPolice, TODAY)]);
  });
});
