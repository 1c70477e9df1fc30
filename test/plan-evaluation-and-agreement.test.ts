import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { codes, data, refused, type TestApp } from "./support/app.js";
import {
  ADD_GOAL,
  AGREE,
  type AgreementView,
  coach,
  coach2,
  evaluationInput,
  goalInput,
  housing,
  housingPro,
  housingPro2,
  NOBODY,
  planClient,
  processLead,
  RECORD_EVALUATION,
  START,
  startPlanServer,
  TODAY,
  type Vars,
  type Who,
  youthPro,
} from "./support/plan.js";

/*
 * The family's one plan (domain brief §5), evaluated and agreed: evaluations of its own goals and
 * when the next one falls due; who agreed to which version, and what a partner who is no party
 * learns of it (nothing).
 */

describe("the family's one plan", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startPlanServer();
  });
  afterEach(() => app.clock.set(START));
  afterAll(() => app?.close());
  const { gql, edit, planOf, aFamily } = planClient(() => app);

  describe("evaluations", () => {
    it("records evaluations of the plan's own goals, held today or earlier", async () => {
      const { familyId } = await aFamily("Vos");
      const other = await aFamily("Meijer");
      const otherGoal = (await edit(ADD_GOAL, { familyId: other.familyId, v: 1, input: goalInput() })).goal!.id;
      const goalId = (await edit(ADD_GOAL, { familyId, v: 1, input: goalInput() })).goal!.id;
      const before = await planOf(familyId);

      const bad: [Vars, string][] = [
        [{ results: [{ goalId: otherGoal, result: "Not ours" }] }, "input.results[0].goalId"],
        [{ results: [{ goalId: NOBODY, result: "Nobody's" }] }, "input.results[0].goalId"],
        [{ results: [{ goalId, result: "Fine" }, { goalId: goalId.toUpperCase(), result: "Twice" }] }, "input.results[1].goalId"],
        [{ results: [{ goalId, result: "Too good", achievement: 101 }] }, "input.results[0].achievement"],
        [{ results: [{ goalId, result: "  " }] }, "input.results[0].result"],
        [{ heldOn: "2026-11-24" }, "input.heldOn"],
        [{ overall: "" }, "input.overall"],
      ];
      for (const [overrides, field] of bad) {
        refused(await gql(RECORD_EVALUATION, { familyId, v: 2, input: evaluationInput(overrides) }, coach), "BAD_USER_INPUT", field);
      }
      expect(await planOf(familyId)).toEqual(before);

      app.clock.set("2027-01-12T10:00:00+01:00");
      refused(await gql(RECORD_EVALUATION, { familyId, v: 2, input: evaluationInput({ heldOn: "2027-01-13" }) }, coach), "BAD_USER_INPUT", "input.heldOn");
      const first = await edit(RECORD_EVALUATION, { familyId, v: 2, input: evaluationInput({ heldOn: "2027-01-10", results: [{ goalId, result: "Half way", achievement: 50 }] }) });
      expect(first.version).toBe(3);
      expect((await planOf(familyId)).evaluations).toEqual([
        { id: first.evaluation!.id, heldOn: "2027-01-10", content: { overall: "First steps taken" }, results: [{ goalId, content: { result: "Half way", achievement: 50 } }] },
      ]);
      await edit(RECORD_EVALUATION, { familyId, v: 3, input: evaluationInput({ heldOn: "2027-01-12", overall: "Second look" }) });
      expect((await planOf(familyId)).evaluations.map((evaluation) => [evaluation.heldOn, evaluation.content?.overall])).toEqual([
        ["2027-01-10", "First steps taken"],
        ["2027-01-12", "Second look"],
      ]);
    });

    it("falls due three months after the start, then three months after the last evaluation", async () => {
      const { familyId } = await aFamily("Prins");
      const plan = await planOf(familyId);
      expect(plan).toMatchObject({ startedOn: TODAY, evaluationMonths: 3, nextEvaluationDue: "2027-02-23" });

      app.clock.set("2027-01-12T10:00:00+01:00");
      await edit(RECORD_EVALUATION, { familyId, v: 1, input: evaluationInput({ heldOn: "2027-01-10" }) });
      expect((await planOf(familyId)).nextEvaluationDue).toBe("2027-04-10");
      app.clock.set("2027-04-20T10:00:00+02:00");
      await edit(RECORD_EVALUATION, { familyId, v: 2, input: evaluationInput({ heldOn: "2027-04-15", overall: "Second look" }) });
      expect((await planOf(familyId)).nextEvaluationDue).toBe("2027-07-15");
    });
  });

  describe("agreement", () => {
    it("records who agreed to which version: the coach, clients of 16 and over, the referring partner", async () => {
      const { familyId, parentId, teenId, childId } = await aFamily("Bakker", { referrer: housing.id, consent: true });
      const stranger = await aFamily("Gerritsen");
      await edit(ADD_GOAL, { familyId, v: 1, input: goalInput() });
      const plan = await planOf(familyId);
      expect(plan).toMatchObject({ version: 2, referringPartner: { id: housing.id } });
      const agree = (caller: Who, party: string, version = 2, personId: string | null = null) =>
        gql<{ agreeToPlan: AgreementView }>(AGREE, { familyId, version, party, personId }, caller);

      refused(await agree(coach, "COACH", 1), "CONFLICT");
      refused(await agree(coach, "COACH", 3), "CONFLICT");
      expect(data(await agree(coach, "COACH")).agreeToPlan).toEqual({ version: 2, party: "COACH", personId: null, partnerId: null, recordedById: coach.id });
      refused(await agree(coach, "COACH"), "CONFLICT");
      refused(await agree(processLead, "COACH"), "FORBIDDEN");
      const hidden = await agree(coach2, "COACH");
      refused(hidden, "NOT_FOUND");
      expect(hidden.text).toBe((await gql(AGREE, { familyId: NOBODY, version: 2, party: "COACH" }, coach2)).text);

      refused(await agree(coach, "CLIENT"), "BAD_USER_INPUT", "personId");
      refused(await agree(coach, "CLIENT", 2, childId), "BAD_USER_INPUT", "personId");
      expect(codes(await agree(coach, "CLIENT", 2, stranger.parentId))).toEqual(["BAD_USER_INPUT"]);
      refused(await agree(coach, "COACH", 2, teenId), "BAD_USER_INPUT", "personId");
      expect(data(await agree(coach, "CLIENT", 2, teenId)).agreeToPlan).toMatchObject({ party: "CLIENT", personId: teenId });
      expect(data(await agree(coach, "CLIENT", 2, parentId.toUpperCase())).agreeToPlan).toMatchObject({ party: "CLIENT", personId: parentId });
      refused(await agree(coach, "CLIENT", 2, teenId), "CONFLICT");
      // A partner records no client's agreement.
      refused(await agree(housingPro, "CLIENT", 2, teenId), "FORBIDDEN");

      refused(await agree(coach, "REFERRING_PARTNER"), "FORBIDDEN");
      refused(await agree(youthPro, "REFERRING_PARTNER"), "FORBIDDEN");
      expect(data(await agree(housingPro, "REFERRING_PARTNER")).agreeToPlan).toEqual({
        version: 2,
        party: "REFERRING_PARTNER",
        personId: null,
        partnerId: housing.id,
        recordedById: housingPro.id,
      });
      refused(await agree(housingPro2, "REFERRING_PARTNER"), "CONFLICT");

      const agreed = await planOf(familyId);
      // Agreeing is no change to the plan.
      expect(agreed.version).toBe(2);
      const key = (agreement: AgreementView) => `${agreement.party}:${agreement.personId ?? agreement.partnerId ?? ""}`;
      expect(agreed.agreements.map(key).sort()).toEqual([`CLIENT:${parentId}`, `CLIENT:${teenId}`, "COACH:", `REFERRING_PARTNER:${housing.id}`].sort());
      expect(agreed.agreements.every((agreement) => agreement.version === 2)).toBe(true);

      // A new version needs agreeing again; the old agreements stay.
      await edit(ADD_GOAL, { familyId, v: 2, input: goalInput({ lifeDomain: "FINANCES" }) });
      refused(await agree(coach, "CLIENT", 2, parentId), "CONFLICT");
      expect(data(await agree(coach, "COACH", 3)).agreeToPlan.version).toBe(3);
      expect((await planOf(familyId)).agreements.map((agreement) => agreement.version).sort()).toEqual([2, 2, 2, 2, 3]);
    });

    it("names personId when the client is no member of the family", async () => {
      const { familyId } = await aFamily("Lammers");
      const stranger = await aFamily("Huisman", { plan: false });
      for (const personId of [stranger.teenId, NOBODY, "not-an-id"]) {
        refused(await gql(AGREE, { familyId, version: 1, party: "CLIENT", personId }, coach), "BAD_USER_INPUT", "personId");
      }
      expect((await planOf(familyId)).agreements).toEqual([]);
    });

    it("tells a partner who is no party nothing about the plan, not even its version", async () => {
      const { familyId } = await aFamily("Kramer", { referrer: housing.id });
      await edit(ADD_GOAL, { familyId, v: 1, input: goalInput() });
      // Elker knows the family (DAT) but not its plan: the version is process data it may not read.
      const planView = await gql<{ family: { plan: unknown } | null }>(`query($id: ID!) { family(id: $id) { plan { version } } }`, { id: familyId }, youthPro);
      expect(planView.body.data!.family!.plan).toBeNull();
      const right = await gql(AGREE, { familyId, version: 2, party: "COACH" }, youthPro);
      const wrong = await gql(AGREE, { familyId, version: 7, party: "COACH" }, youthPro);
      refused(right, "FORBIDDEN");
      refused(wrong, "FORBIDDEN");
      expect(wrong.body.errors![0]!.message).not.toMatch(/version 2/);
    });
  });
});
