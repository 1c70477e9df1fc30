import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { codes, startTestApp, type TestApp } from "./support/app.js";
import { CHILD_BIRTH, expectNoErrors, nextBsn, referenceIndexClient, START, TODAY, type SignalView, type Worker } from "./support/reference-index.js";

/*
 * The reference index (domain brief §7), registering a signal: it says only *that* an
 * organisation is involved with a person, with the fields of the brief and nothing more. Observed
 * over HTTP.
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());
beforeEach(() => app.clock.set(START));
const { aWorld, trySignal, signal, withdraw, mySignals, lookup, involved, inbox } = referenceIndexClient(() => app);

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

    // What is wrong, the field the answer names, and the input that is wrong in it.
    const cases: [string, string, Record<string, unknown>][] = [
      ["a BSN failing the 11-proof", "input.bsn", { bsn: "123456789" }],
      ["a BSN of eight digits", "input.bsn", { bsn: "12345678" }],
      ["not discussed with the family, without a reason", "input.notDiscussedReason", { discussedWithFamily: false }],
      ["a reason not to discuss for a signal that was discussed", "input.notDiscussedReason", { discussedWithFamily: true, notDiscussedReason: "NOT_YET_REACHED" }],
      ["a signalledOn date tomorrow", "input.signalledOn", { signalledOn: "2026-11-24" }],
      ["a signalledOn date more than 24 months back", "input.signalledOn", { signalledOn: "2024-06-30" }],
      ["a signalledOn date exactly 24 months back (its last active day was yesterday)", "input.signalledOn", { signalledOn: "2024-11-23" }],
      ["a person who turns 23 today (the age limit)", "input.birthDate", { birthDate: "2003-11-23" }],
      ["a person older than the age limit", "input.birthDate", { birthDate: "1990-01-01" }],
      ["a birth date in the future", "input.birthDate", { birthDate: "2026-12-01" }],
      ["a contact email that is not an email address", "input.contactEmail", { contactEmail: "not-an-email" }],
    ];
    it.each(cases)("refuses %s (%s)", async (_what, field, input) => {
      const response = await trySignal(worker, { bsn: nextBsn(), birthDate: CHILD_BIRTH, discussedWithFamily: true, ...input });

      expect(codes(response)).toEqual(["BAD_USER_INPUT"]);
      const [error] = response.body.errors!;
      expect(error!.extensions?.field).toBe(field);
      expect(error!.message.startsWith(`${field}:`)).toBe(true);
      expect(await mySignals(worker)).toEqual(before);
    });

    // Refused before any resolver runs: the variables do not coerce.
    const malformed: [string, Record<string, unknown>][] = [
      ["a birth date written as DD-MM-YYYY", { birthDate: "01-05-2012" }],
      ["a birth date that is no calendar day", { birthDate: "2012-02-30" }],
      ["a signalledOn date that is no calendar day", { signalledOn: "2026-02-30" }],
      ["a signalledOn date with a time", { signalledOn: "2026-11-01T10:00:00Z" }],
    ];
    it.each(malformed)("refuses %s while coercing the variables", async (_what, input) => {
      const response = await trySignal(worker, { bsn: nextBsn(), birthDate: CHILD_BIRTH, discussedWithFamily: true, ...input });

      expect([200, 400]).toContain(response.status);
      expect(codes(response)).toEqual(["BAD_USER_INPUT"]);
      expect(await mySignals(worker)).toEqual(before);
    });
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

  const notSignallers = ["PROCESS_LEAD", "COVENANT_ADMIN"] as const;
  it.each(notSignallers)("refuses a %s to signal, with FORBIDDEN and nothing registered", async (role) => {
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

  it.each(notSignallers)("refuses a %s the lookup whoIsInvolved, with FORBIDDEN", async (role) => {
    const world = await aWorld();
    const outsider = await world.organisation("Gemeente", "MUNICIPALITY", [role]);
    const careWorker = await world.organisation("Elker", "YOUTH_CARE");
    const bsn = nextBsn();
    await signal(careWorker, bsn);

    const response = await lookup(outsider, bsn);

    expect(codes(response)).toEqual(["FORBIDDEN"]);
    expect(response.body.data ?? null).toBeNull();
  });
});
