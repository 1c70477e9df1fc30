import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { codes, data, refused, type TestApp } from "./support/app.js";
import {
  ADD_GOAL,
  ADD_MILESTONE,
  ADD_NOTE,
  ADD_TASK,
  AGREE,
  type AgreementView,
  coach,
  coach2,
  evaluationInput,
  foreignCoach,
  foreignPartner,
  formerHousingPro,
  goalInput,
  healthPro,
  type Household,
  housing,
  housingPro,
  housingPro2,
  NOBODY,
  planClient,
  type PlanView,
  policePro,
  processLead,
  REACH_MILESTONE,
  RECORD_EVALUATION,
  RESPOND,
  SET_ANALYSIS,
  SET_STATUS,
  START,
  START_PLAN,
  startPlanServer,
  taskInput,
  TODAY,
  UPDATE_GOAL,
  UPDATE_TASK,
  type Vars,
  youthCoach,
  youthPro,
} from "./support/plan.js";

/*
 * The family's one plan (domain brief §5), edited: only the regisseur edits, every edit is a new
 * version kept in the history, an edit on an old version is refused and loses nothing, and bad
 * input names its field and writes nothing. Through HTTP against the real server and database.
 */

describe("the family's one plan", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startPlanServer();
  });
  afterEach(() => app.clock.set(START));
  afterAll(() => app?.close());
  const { gql, edit, planOf, aFamily } = planClient(() => app);

  describe("versions and history", () => {
    it("starts one plan per family, at version 1, by the regisseur only", async () => {
      const family = await aFamily("Smits", { plan: false });
      expect(codes(await gql(START_PLAN, { familyId: family.familyId }, processLead))).toEqual(["FORBIDDEN"]);
      const started = await edit(START_PLAN, { familyId: family.familyId });
      expect(started).toMatchObject({ version: 1, action: "PLAN_STARTED", partKind: null, changedById: coach.id });

      refused(await gql(START_PLAN, { familyId: family.familyId }, coach), "CONFLICT");
      const plan = await planOf(family.familyId);
      expect(plan).toMatchObject({ version: 1, startedOn: TODAY, evaluationMonths: 3, referringPartner: null, goals: [], tasks: [] });
      expect(plan.history.map((revision) => [revision.version, revision.action])).toEqual([[1, "PLAN_STARTED"]]);

      // Two starts at the same moment: one plan.
      const other = await aFamily("Peeters", { plan: false });
      const answers = await Promise.all([1, 2].map(() => gql(START_PLAN, { familyId: other.familyId }, coach)));
      expect(answers.map(codes).sort()).toEqual([[], ["CONFLICT"]]);
      expect((await planOf(other.familyId)).history).toHaveLength(1);
    });

    it("raises the version by one with every edit and keeps each part as it was right after the change", async () => {
      const { familyId, parentId, teenId } = await aFamily("Jansen");
      const analysis = await edit(SET_ANALYSIS, { familyId, v: 1, input: { lifeDomain: "HOUSING", text: "Rent arrears; an eviction notice." } });
      expect(analysis).toMatchObject({ version: 2, action: "ANALYSIS_ADDED", partKind: "ANALYSIS", changedById: coach.id });
      expect(analysis.analysis).toMatchObject({ content: { lifeDomain: "HOUSING", memberId: null, text: "Rent arrears; an eviction notice." } });
      const rewritten = await edit(SET_ANALYSIS, { familyId, v: 2, input: { lifeDomain: "HOUSING", text: "Rent arrears of four months." } });
      expect(rewritten).toMatchObject({ version: 3, action: "ANALYSIS_CHANGED", analysis: { id: analysis.analysis!.id, content: { text: "Rent arrears of four months." } } });

      const goal = await edit(ADD_GOAL, { familyId, v: 3, input: goalInput({ memberIds: [parentId, teenId] }) });
      expect(goal).toMatchObject({ version: 4, action: "GOAL_ADDED", partKind: "GOAL" });
      expect(goal.goal).toMatchObject({ status: "OPEN", content: { ownWords: "We want to keep our home", memberIds: [parentId, teenId], achievement: null } });
      const goalId = goal.goal!.id;
      const changed = await edit(UPDATE_GOAL, { goalId, v: 4, input: { ownWords: "We want to stay in this house", status: "IN_PROGRESS", achievement: 40 } });
      expect(changed).toMatchObject({ version: 5, action: "GOAL_CHANGED" });
      // Only the fields given change.
      expect(changed.goal).toMatchObject({ id: goalId, status: "IN_PROGRESS", content: { ownWords: "We want to stay in this house", target: "No rent arrears by June 2027", achievement: 40 } });

      const task = await edit(ADD_TASK, {
        familyId,
        v: 5,
        input: taskInput({ goalId, memberIds: [parentId], leadProfessionalId: housingPro.id, followUp: "Discuss in the family meeting" }),
      });
      expect(task).toMatchObject({ version: 6, action: "TASK_ADDED", partKind: "TASK" });
      expect(task.task).toMatchObject({
        status: "OPEN",
        response: "PENDING",
        overdue: false,
        content: { goalId, description: "Arrange a payment plan for the rent", followUp: "Discuss in the family meeting" },
        dueDate: "2026-12-15",
        leadPartner: { id: housing.id },
        leadProfessional: { id: housingPro.id },
      });
      const taskId = task.task!.id;
      const retasked = await edit(UPDATE_TASK, { taskId, v: 6, input: { description: "Arrange a payment plan with Lefier", dueDate: "2026-12-20" } });
      expect(retasked).toMatchObject({ version: 7, action: "TASK_CHANGED", task: { id: taskId, dueDate: "2026-12-20", content: { description: "Arrange a payment plan with Lefier", followUp: "Discuss in the family meeting" } } });

      const milestone = await edit(ADD_MILESTONE, { familyId, v: 7, input: { title: "Family meeting", dueDate: "2026-12-01" } });
      expect(milestone).toMatchObject({ version: 8, action: "MILESTONE_ADDED", partKind: "SCHEDULE", milestone: { content: { title: "Family meeting" }, reachedOn: null } });
      const reached = await edit(REACH_MILESTONE, { milestoneId: milestone.milestone!.id, v: 8, on: TODAY });
      expect(reached).toMatchObject({ version: 9, action: "MILESTONE_REACHED", milestone: { id: milestone.milestone!.id, reachedOn: TODAY } });

      const evaluation = await edit(RECORD_EVALUATION, { familyId, v: 9, input: evaluationInput({ results: [{ goalId, result: "Payment plan drafted", achievement: 40 }] }) });
      expect(evaluation).toMatchObject({
        version: 10,
        action: "EVALUATION_RECORDED",
        partKind: "EVALUATION",
        evaluation: { heldOn: TODAY, content: { overall: "First steps taken" }, results: [{ goalId, content: { result: "Payment plan drafted", achievement: 40 } }] },
      });

      const plan = await planOf(familyId);
      expect(plan.version).toBe(10);
      expect(plan.history.map((revision) => [revision.version, revision.action])).toEqual([
        [1, "PLAN_STARTED"],
        [2, "ANALYSIS_ADDED"],
        [3, "ANALYSIS_CHANGED"],
        [4, "GOAL_ADDED"],
        [5, "GOAL_CHANGED"],
        [6, "TASK_ADDED"],
        [7, "TASK_CHANGED"],
        [8, "MILESTONE_ADDED"],
        [9, "MILESTONE_REACHED"],
        [10, "EVALUATION_RECORDED"],
      ]);
      expect(plan.history.every((revision) => revision.changedById === coach.id)).toBe(true);
      // Nothing overwritten silently: what was there before each change is still readable.
      const at = (version: number) => plan.history.find((revision) => revision.version === version)!;
      expect(at(2).analysis!.content!.text).toBe("Rent arrears; an eviction notice.");
      expect(at(3).analysis!.content!.text).toBe("Rent arrears of four months.");
      expect(at(4).goal).toMatchObject({ status: "OPEN", content: { ownWords: "We want to keep our home", achievement: null } });
      expect(at(5).goal).toMatchObject({ status: "IN_PROGRESS", content: { ownWords: "We want to stay in this house", achievement: 40 } });
      expect(at(6).task).toMatchObject({ dueDate: "2026-12-15", content: { description: "Arrange a payment plan for the rent" } });
      expect(at(7).task).toMatchObject({ dueDate: "2026-12-20", content: { description: "Arrange a payment plan with Lefier" } });
      expect(at(8).milestone!.reachedOn).toBeNull();
      expect(at(9).milestone!.reachedOn).toBe(TODAY);
      // The current parts are the latest ones.
      expect(plan.analyses.map((part) => part.content?.text)).toEqual(["Rent arrears of four months."]);
      expect(plan.goals.map((part) => part.content?.ownWords)).toEqual(["We want to stay in this house"]);
      expect(plan.tasks.map((part) => part.content?.description)).toEqual(["Arrange a payment plan with Lefier"]);
      expect(plan.milestones.map((part) => part.reachedOn)).toEqual([TODAY]);
      expect(plan.evaluations).toHaveLength(1);
    });

    it("refuses every kind of edit on an old version as CONFLICT, writes nothing, and takes it again on the current one", async () => {
      const { familyId } = await aFamily("DeVries");
      const goalId = (await edit(ADD_GOAL, { familyId, v: 1, input: goalInput() })).goal!.id;
      const taskId = (await edit(ADD_TASK, { familyId, v: 2, input: taskInput() })).task!.id;
      const milestoneId = (await edit(ADD_MILESTONE, { familyId, v: 3, input: { title: "Meeting", dueDate: "2026-12-01" } })).milestone!.id;
      const before = await planOf(familyId);
      expect(before.version).toBe(4);

      const stale: [string, Vars][] = [
        [SET_ANALYSIS, { familyId, input: { lifeDomain: "FINANCES", text: "Debts" } }],
        [ADD_GOAL, { familyId, input: goalInput({ ownWords: "A goal nobody saw" }) }],
        [UPDATE_GOAL, { goalId, input: { ownWords: "Overwritten" } }],
        [ADD_TASK, { familyId, input: taskInput({ description: "A task nobody saw" }) }],
        [UPDATE_TASK, { taskId, input: { description: "Overwritten" } }],
        [ADD_MILESTONE, { familyId, input: { title: "Another", dueDate: "2027-01-01" } }],
        [REACH_MILESTONE, { milestoneId, on: TODAY }],
        [RECORD_EVALUATION, { familyId, input: evaluationInput() }],
      ];
      for (const [mutation, variables] of stale) {
        const response = await gql(mutation, { ...variables, v: 3 }, coach);
        refused(response, "CONFLICT");
        expect(response.body.errors![0]!.message).toContain("version 4");
      }
      // A version that never was is just as stale.
      refused(await gql(UPDATE_GOAL, { goalId, v: 5, input: { ownWords: "From the future" } }, coach), "CONFLICT");
      expect(await planOf(familyId)).toEqual(before);

      // The client reloads, sees version 4 and applies its change again: nothing lost.
      const reapplied = await edit(UPDATE_GOAL, { goalId, v: before.version, input: { ownWords: "Overwritten, knowingly" } });
      expect(reapplied.version).toBe(5);
      const after = await planOf(familyId);
      expect(after.goals.map((goal) => goal.content?.ownWords)).toEqual(["Overwritten, knowingly"]);
      expect(after.history.map((revision) => revision.version)).toEqual([1, 2, 3, 4, 5]);
    });

    it("lets exactly one of two edits made on the same version through", async () => {
      const { familyId } = await aFamily("Bos");
      const same = await Promise.all(["Our own words A", "Our own words B"].map((ownWords) => gql(ADD_GOAL, { familyId, v: 1, input: goalInput({ ownWords }) }, coach)));
      expect(same.map(codes).sort()).toEqual([[], ["CONFLICT"]]);
      let plan = await planOf(familyId);
      expect(plan.version).toBe(2);
      expect(plan.goals).toHaveLength(1);
      expect(plan.history).toHaveLength(2);
      const goalId = plan.goals[0]!.id;

      // Different edits on the same version, too: one wins, the others must reload.
      const mixed = await Promise.all([
        gql(UPDATE_GOAL, { goalId, v: 2, input: { achievement: 10 } }, coach),
        gql(ADD_TASK, { familyId, v: 2, input: taskInput() }, coach),
        gql(SET_ANALYSIS, { familyId, v: 2, input: { lifeDomain: "HOUSING", text: "Analysis" } }, coach),
        gql(ADD_MILESTONE, { familyId, v: 2, input: { title: "Meeting", dueDate: "2026-12-01" } }, coach),
      ]);
      expect(mixed.map(codes).filter((found) => found.length === 0)).toHaveLength(1);
      expect(mixed.map(codes).filter((found) => found[0] === "CONFLICT")).toHaveLength(3);
      plan = await planOf(familyId);
      expect(plan.version).toBe(3);
      expect(plan.history.map((revision) => revision.version)).toEqual([1, 2, 3]);
      expect(plan.tasks.length + plan.analyses.length + plan.milestones.length + (plan.goals[0]!.content?.achievement === 10 ? 1 : 0)).toBe(1);
    });
  });

  describe("who edits", () => {
    it("lets only the regisseur edit: FORBIDDEN to those who know the family, NOT_FOUND (as for any id) to those who do not", async () => {
      const { familyId } = await aFamily("Visser");
      const goalId = (await edit(ADD_GOAL, { familyId, v: 1, input: goalInput() })).goal!.id;
      const taskId = (await edit(ADD_TASK, { familyId, v: 2, input: taskInput() })).task!.id;
      const milestoneId = (await edit(ADD_MILESTONE, { familyId, v: 3, input: { title: "Meeting", dueDate: "2026-12-01" } })).milestone!.id;
      const before = await planOf(familyId);
      const v = before.version;
      const real = { familyId, goalId, taskId, milestoneId };
      const random = { familyId: NOBODY, goalId: NOBODY, taskId: NOBODY, milestoneId: NOBODY };
      const attempts: [string, (ids: typeof real) => Vars][] = [
        [START_PLAN, (ids) => ({ familyId: ids.familyId })],
        [SET_ANALYSIS, (ids) => ({ familyId: ids.familyId, v, input: { lifeDomain: "HOUSING", text: "Not mine to write" } })],
        [ADD_GOAL, (ids) => ({ familyId: ids.familyId, v, input: goalInput() })],
        [UPDATE_GOAL, (ids) => ({ goalId: ids.goalId, v, input: { ownWords: "Not mine to write" } })],
        [ADD_TASK, (ids) => ({ familyId: ids.familyId, v, input: taskInput() })],
        [UPDATE_TASK, (ids) => ({ taskId: ids.taskId, v, input: { status: "CANCELLED" } })],
        [ADD_MILESTONE, (ids) => ({ familyId: ids.familyId, v, input: { title: "Not mine", dueDate: "2027-01-01" } })],
        [REACH_MILESTONE, (ids) => ({ milestoneId: ids.milestoneId, v })],
        [RECORD_EVALUATION, (ids) => ({ familyId: ids.familyId, v, input: evaluationInput() })],
        [ADD_NOTE, (ids) => ({ familyId: ids.familyId, text: "Not mine to write" })],
      ];
      // They know the family: the process lead (PROCESS), Lefier and a coach of Elker (involved, DAT).
      for (const caller of [processLead, housingPro, youthCoach]) {
        for (const [mutation, variables] of attempts) refused(await gql(mutation, variables(real), caller), "FORBIDDEN");
      }
      // They do not: another coach of the regisseur's own organisation, a coach of another region,
      // an uninvolved partner. Their answer is the one for an id that does not exist.
      for (const caller of [coach2, foreignCoach, healthPro]) {
        for (const [mutation, variables] of attempts) {
          const hidden = await gql(mutation, variables(real), caller);
          expect(codes(hidden)[0]).toMatch(/^(NOT_FOUND|FORBIDDEN)$/);
          expect(hidden.text).toBe((await gql(mutation, variables(random), caller)).text);
        }
      }
      expect(await planOf(familyId)).toEqual(before);
    });
  });

  describe("bad input", () => {
    let household: Household;
    let stranger: Household;
    let goalId: string;
    let taskId: string;
    let milestoneId: string;
    let strangerGoal: string;
    let before: PlanView;

    beforeAll(async () => {
      household = await aFamily("Jacobs");
      stranger = await aFamily("Vermeulen");
      strangerGoal = (await edit(ADD_GOAL, { familyId: stranger.familyId, v: 1, input: goalInput() })).goal!.id;
      const familyId = household.familyId;
      goalId = (await edit(ADD_GOAL, { familyId, v: 1, input: goalInput() })).goal!.id;
      taskId = (await edit(ADD_TASK, { familyId, v: 2, input: taskInput() })).task!.id;
      milestoneId = (await edit(ADD_MILESTONE, { familyId, v: 3, input: { title: "Meeting", dueDate: "2026-12-01" } })).milestone!.id;
      before = await planOf(familyId);
    });

    const v = 4;
    const cases: [string, () => [string, Vars], string][] = [
      ["an unknown life domain", () => [ADD_GOAL, { familyId: household.familyId, v, input: goalInput({ lifeDomain: "SPACE_TRAVEL" }) }], "input.lifeDomain"],
      ["a life domain of another region", () => [ADD_GOAL, { familyId: household.familyId, v, input: goalInput({ lifeDomain: "CLIMATE" }) }], "input.lifeDomain"],
      ["a life domain in the wrong case", () => [SET_ANALYSIS, { familyId: household.familyId, v, input: { lifeDomain: "housing", text: "x" } }], "input.lifeDomain"],
      ["a member of another family", () => [ADD_GOAL, { familyId: household.familyId, v, input: goalInput({ memberIds: [stranger.parentId] }) }], "input.memberIds[0]"],
      ["a second member of another family", () => [ADD_GOAL, { familyId: household.familyId, v, input: goalInput({ memberIds: [household.parentId, stranger.teenId] }) }], "input.memberIds[1]"],
      ["a member id that is no id", () => [ADD_TASK, { familyId: household.familyId, v, input: taskInput({ memberIds: ["Noa"] }) }], "input.memberIds[0]"],
      ["a member named twice", () => [ADD_GOAL, { familyId: household.familyId, v, input: goalInput({ memberIds: [household.teenId, household.teenId.toUpperCase()] }) }], "input.memberIds"],
      ["an analysis about someone outside the family", () => [SET_ANALYSIS, { familyId: household.familyId, v, input: { lifeDomain: "HOUSING", memberId: stranger.teenId, text: "x" } }], "input.memberId"],
      ["a lead partner of another region", () => [ADD_TASK, { familyId: household.familyId, v, input: taskInput({ leadPartnerId: foreignPartner.id }) }], "input.leadPartnerId"],
      ["a lead partner that does not exist", () => [ADD_TASK, { familyId: household.familyId, v, input: taskInput({ leadPartnerId: NOBODY }) }], "input.leadPartnerId"],
      ["a professional of another partner as lead", () => [ADD_TASK, { familyId: household.familyId, v, input: taskInput({ leadProfessionalId: youthPro.id }) }], "input.leadProfessionalId"],
      ["a professional of another partner as new lead", () => [UPDATE_TASK, { taskId, v, input: { leadProfessionalId: youthPro.id } }], "input.leadProfessionalId"],
      ["a professional who left the lead partner", () => [ADD_TASK, { familyId: household.familyId, v, input: taskInput({ leadProfessionalId: formerHousingPro.id }) }], "input.leadProfessionalId"],
      ["a referring partner of another region", () => [START_PLAN, { familyId: household.familyId, referrer: foreignPartner.id }], "referringPartnerId"],
      ["a goal of another plan", () => [ADD_TASK, { familyId: household.familyId, v, input: taskInput({ goalId: strangerGoal }) }], "input.goalId"],
      ["achievement 101", () => [UPDATE_GOAL, { goalId, v, input: { achievement: 101 } }], "input.achievement"],
      ["achievement -1", () => [UPDATE_GOAL, { goalId, v, input: { achievement: -1 } }], "input.achievement"],
      ["empty own words", () => [ADD_GOAL, { familyId: household.familyId, v, input: goalInput({ ownWords: "   " }) }], "input.ownWords"],
      ["an empty analysis", () => [SET_ANALYSIS, { familyId: household.familyId, v, input: { lifeDomain: "HOUSING", text: "" } }], "input.text"],
      ["an empty update", () => [UPDATE_GOAL, { goalId, v, input: { target: " " } }], "input.target"],
      ["a NUL character", () => [ADD_GOAL, { familyId: household.familyId, v, input: goalInput({ target: "Pay the rent\u0000" }) }], "input.target"],
      ["a bell character", () => [SET_ANALYSIS, { familyId: household.familyId, v, input: { lifeDomain: "HOUSING", text: "Debts\u0007" } }], "input.text"],
      ["an escape character in a task", () => [UPDATE_TASK, { taskId, v, input: { description: "\u001b[31mred" } }], "input.description"],
      ["a title that is too long", () => [ADD_MILESTONE, { familyId: household.familyId, v, input: { title: "x".repeat(501), dueDate: "2027-01-01" } }], "input.title"],
      ["a due date in the year 3000", () => [ADD_TASK, { familyId: household.familyId, v, input: taskInput({ dueDate: "3000-01-01" }) }], "input.dueDate"],
      ["a reached date before 1900", () => [REACH_MILESTONE, { milestoneId, v, on: "1899-12-31" }], "reachedOn"],
      ["version 0", () => [ADD_GOAL, { familyId: household.familyId, v: 0, input: goalInput() }], "expectedVersion"],
      ["a negative version", () => [UPDATE_GOAL, { goalId, v: -3, input: { achievement: 5 } }], "expectedVersion"],
      ["own words of only a tab", () => [UPDATE_GOAL, { goalId, v, input: { ownWords: "\t" } }], "input.ownWords"],
    ];

    it.each(cases)("names the field for %s, never a 500, and writes nothing", async (_label, make, field) => {
      const [mutation, variables] = make();
      const response = await gql(mutation, variables, coach);
      refused(response, "BAD_USER_INPUT", field);
      expect(response.text).not.toContain("INTERNAL_SERVER_ERROR");
      expect(await planOf(household.familyId)).toEqual(before);
    });

    it("takes ids in capitals as the same ids", async () => {
      const upper = (id: string) => id.toUpperCase();
      const familyId = upper(household.familyId);
      const goal = await edit(ADD_GOAL, { familyId, v: 4, input: goalInput({ memberIds: [upper(household.teenId), upper(household.parentId)] }) });
      expect(goal.goal!.content!.memberIds).toEqual([household.teenId, household.parentId]);
      const changed = await edit(UPDATE_GOAL, { goalId: upper(goal.goal!.id), v: 5, input: { achievement: 20 } });
      expect(changed.goal).toMatchObject({ id: goal.goal!.id, content: { achievement: 20 } });
      const task = await edit(ADD_TASK, {
        familyId,
        v: 6,
        input: taskInput({ goalId: upper(goalId), memberIds: [upper(household.childId)], leadPartnerId: upper(housing.id), leadProfessionalId: upper(housingPro.id) }),
      });
      expect(task.task).toMatchObject({ content: { goalId, memberIds: [household.childId] }, leadPartner: { id: housing.id }, leadProfessional: { id: housingPro.id } });
      expect((await edit(UPDATE_TASK, { taskId: upper(task.task!.id), v: 7, input: { leadProfessionalId: upper(housingPro2.id) } })).task!.leadProfessional).toEqual({ id: housingPro2.id });
      expect((await edit(REACH_MILESTONE, { milestoneId: upper(milestoneId), v: 8 })).milestone).toMatchObject({ id: milestoneId, reachedOn: TODAY });
      expect((await edit(SET_ANALYSIS, { familyId, v: 9, input: { lifeDomain: "HOUSING", memberId: upper(household.teenId), text: "Noa sleeps on the couch" } })).analysis!.content!.memberId).toBe(household.teenId);
      const evaluation = await edit(RECORD_EVALUATION, { familyId, v: 10, input: evaluationInput({ results: [{ goalId: upper(goalId), result: "Started" }] }) });
      expect(evaluation.evaluation!.results).toEqual([{ goalId, content: { result: "Started", achievement: null } }]);
      expect(data(await gql<{ respondToTask: { id: string } }>(RESPOND, { taskId: upper(task.task!.id), response: "ACCEPTED" }, housingPro)).respondToTask.id).toBe(task.task!.id);
      data(await gql(SET_STATUS, { taskId: upper(task.task!.id), status: "IN_PROGRESS" }, housingPro));
      expect(data(await gql<{ addCoachNote: { text: string } }>(ADD_NOTE, { familyId, text: "Capitals" }, coach)).addCoachNote.text).toBe("Capitals");
      const agreement = await gql<{ agreeToPlan: AgreementView }>(AGREE, { familyId, version: 13, party: "CLIENT", personId: upper(household.parentId) }, coach);
      expect(data(agreement).agreeToPlan).toMatchObject({ version: 13, personId: household.parentId });

      const plan = await planOf(household.familyId);
      expect(plan.version).toBe(13);
      expect(plan.history.map((revision) => revision.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
      before = plan;
    });

    it("writes nothing when a mutation fails half way", async () => {
      const plan = await planOf(household.familyId);
      // Everything before the bad lead professional is fine.
      const failed = await gql(ADD_TASK, { familyId: household.familyId, v: plan.version, input: taskInput({ description: "Half a task", leadProfessionalId: policePro.id }) }, coach);
      refused(failed, "BAD_USER_INPUT", "input.leadProfessionalId");
      const evaluation = await gql(
        RECORD_EVALUATION,
        { familyId: household.familyId, v: plan.version, input: evaluationInput({ results: [{ goalId, result: "Fine" }, { goalId: strangerGoal, result: "Not ours" }] }) },
        coach,
      );
      refused(evaluation, "BAD_USER_INPUT", "input.results[1].goalId");
      const after = await planOf(household.familyId);
      expect(after).toEqual(plan);
      expect(after.tasks.map((task) => task.content?.description)).not.toContain("Half a task");
      // And the plan goes on from the same version.
      expect((await edit(ADD_TASK, { familyId: household.familyId, v: plan.version, input: taskInput({ description: "A whole task" }) })).version).toBe(plan.version + 1);
    });
  });
});
