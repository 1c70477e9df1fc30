import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { codes, data, refused, type TestApp } from "./support/app.js";
import {
  ADD_GOAL,
  ADD_NOTE,
  ADD_TASK,
  ASSIGN_LEAD,
  coach,
  coach2,
  COACH_NOTES,
  foreignCoach,
  formerCoach,
  goalInput,
  type GoalView,
  HAND_OVER,
  healthPro,
  housingPro,
  NOBODY,
  PLAN,
  planClient,
  type PlanView,
  PROCESS_VIEW,
  processLead,
  processLead2,
  REGIE,
  type RegieView,
  START,
  START_PLAN,
  startPlanServer,
  taskInput,
  UPDATE_GOAL,
  type Who,
} from "./support/plan.js";

/*
 * The family's one plan (domain brief §5, §6), who holds and reads it: the covenant decides what
 * partners and the process lead read, coach notes are the regisseur's own, and regie and the
 * process pass from one professional to another with the rights that come with them.
 */

const REGIE_NAMES = `query($id: ID!) { family(id: $id) { regieHistory { professional { id name } assignedBy { id name } } } }`;
const INBOX = `{ notifications(first: 100) { nodes { kind familyId subjectId } } }`;

describe("the family's one plan", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startPlanServer();
  });
  afterEach(() => app.clock.set(START));
  afterAll(() => app?.close());
  const { gql, edit, planOf, aFamily } = planClient(() => app);

  describe("what others read of the plan", () => {
    it("shows a partner the parts the covenant opens, in the history too, and the process lead no content", async () => {
      const { familyId, teenId } = await aFamily("Dekker", { consent: true });
      const housingGoal = (await edit(ADD_GOAL, { familyId, v: 1, input: goalInput({ memberIds: [teenId], ownWords: "A room of my own" }) })).goal!.id;
      const debtGoal = (await edit(ADD_GOAL, { familyId, v: 2, input: goalInput({ lifeDomain: "FINANCES", memberIds: [teenId], ownWords: "No more debt collectors" }) })).goal!.id;
      const ownTask = (await edit(ADD_TASK, { familyId, v: 3, input: taskInput({ lifeDomain: "FINANCES", description: "Pause the eviction" }) })).task!.id;

      const response = await gql<{ family: { plan: PlanView } }>(PLAN, { id: familyId }, housingPro);
      const plan = response.body.data!.family.plan;
      const words = (goals: (GoalView | null)[]) => Object.fromEntries(goals.map((goal) => [goal!.id, goal!.content?.ownWords ?? null]));
      expect(words(plan.goals)).toEqual({ [housingGoal]: "A room of my own", [debtGoal]: null });
      expect(plan.tasks.find((task) => task.id === ownTask)!.content?.description).toBe("Pause the eviction");
      expect(words(plan.history.filter((revision) => revision.goal).map((revision) => revision.goal))).toEqual({ [housingGoal]: "A room of my own", [debtGoal]: null });
      expect(JSON.stringify(response.body)).not.toContain("No more debt collectors");
      expect(new Set(codes(response))).toEqual(new Set(["FORBIDDEN"]));

      const lead = await gql<{ family: { plan: PlanView } }>(PLAN, { id: familyId }, processLead);
      const seen = lead.body.data!.family.plan;
      expect(seen.version).toBe(4);
      expect(seen.goals.map((goal) => [goal.status, goal.content])).toEqual([
        ["OPEN", null],
        ["OPEN", null],
      ]);
      expect(JSON.stringify(lead.body)).not.toMatch(/room of my own|debt collectors|eviction/);
    });

    it("answers the closed parts with one FORBIDDEN that lists each closed content's path, and the open ones without", async () => {
      const { familyId, teenId } = await aFamily("Wouters", { consent: true });
      let v = 1;
      const domains = ["FINANCES", "HOUSING", "FINANCES", "PARENTING", "FINANCES"];
      for (const lifeDomain of domains) await edit(ADD_GOAL, { familyId, v: v++, input: goalInput({ lifeDomain, memberIds: [teenId], ownWords: `About ${lifeDomain}` }) });
      const response = await gql<{ family: { plan: { goals: { id: string; status: string; content: { ownWords: string } | null }[] } } }>(
        `query($id: ID!) { family(id: $id) { plan { goals { id status content { ownWords } } } } }`,
        { id: familyId },
        housingPro,
      );
      const goals = response.body.data!.family.plan.goals;
      // Lefier reads the housing goal; the others are listed with their status, their content closed.
      expect(goals.map((goal) => [goal.status, goal.content?.ownWords ?? null])).toEqual(domains.map((domain) => ["OPEN", domain === "HOUSING" ? "About HOUSING" : null]));
      const closed = goals.flatMap((goal, index) => (goal.content === null ? [["family", "plan", "goals", index, "content"]] : []));
      const errors = (response.body.errors ?? []) as { message: string; locations?: { line: number; column: number }[]; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
      expect(errors).toHaveLength(1);
      expect(Object.keys(errors[0]!).sort()).toEqual(["extensions", "locations", "message", "path"]);
      expect(errors[0]).toEqual({
        message: "The covenant does not open this part of the plan to you.",
        locations: [{ line: 1, column: 62 }],
        path: closed[0],
        extensions: { code: "FORBIDDEN", rule: "plan-content", required: "SECTION", yours: "SECTION", paths: closed, count: closed.length },
      });
    });
  });

  describe("coach notes", () => {
    it("are read by the regisseur who wrote them alone, and do not pass with regie", async () => {
      const { familyId } = await aFamily("Smit", { consent: true });
      const note = data(await gql<{ addCoachNote: { text: string } }>(ADD_NOTE, { familyId, text: "Mother seems exhausted; ask about her network." }, coach));
      expect(note.addCoachNote.text).toBe("Mother seems exhausted; ask about her network.");
      const notes = async (caller: Who) => gql<{ family: { plan: { version: number; coachNotes: { text: string }[] | null } } | null }>(COACH_NOTES, { id: familyId }, caller);

      const own = data(await notes(coach)).family!.plan;
      // A working note is no plan change.
      expect(own).toEqual({ version: 1, coachNotes: [{ text: "Mother seems exhausted; ask about her network." }] });

      // The process lead, and Lefier reading the housing parts, see the plan but not the notes.
      for (const caller of [processLead, housingPro]) {
        const response = await notes(caller);
        expect(response.body.data!.family!.plan).toEqual({ version: 1, coachNotes: null });
        expect(response.body.errors!.map((error) => [error.path!.join("."), error.extensions?.code])).toEqual([["family.plan.coachNotes", "FORBIDDEN"]]);
      }
      refused(await gql(ADD_NOTE, { familyId, text: "Mine too" }, processLead), "FORBIDDEN");

      expect(data(await gql(HAND_OVER, { familyId, to: coach2.id, note: "Warm hand-over after the meeting" }, coach))).toEqual({ handOverRegie: true });
      // "The coach's own working notes": what passes with regie is the hand-over note, not these.
      expect(data(await notes(coach2)).family!.plan.coachNotes).toEqual([]);
      const former = await notes(coach);
      expect(former.body.data?.family ?? null).toBeNull();
      expect(JSON.stringify(former.body)).not.toContain("exhausted");
      const hidden = await gql(ADD_NOTE, { familyId, text: "Still mine?" }, coach);
      expect(codes(hidden)[0]).toMatch(/^(NOT_FOUND|FORBIDDEN)$/);
      expect(data(await gql<{ addCoachNote: { text: string } }>(ADD_NOTE, { familyId, text: "New coach's own note" }, coach2)).addCoachNote.text).toBe("New coach's own note");
      expect(data(await notes(coach2)).family!.plan.coachNotes).toEqual([{ text: "New coach's own note" }]);
    });
  });

  describe("regie", () => {
    it("passes to another coach, keeps every period, and takes the old coach's rights with it", async () => {
      const { familyId } = await aFamily("Willems");
      const goalId = (await edit(ADD_GOAL, { familyId, v: 1, input: goalInput() })).goal!.id;
      app.clock.set("2026-11-23T15:00:00+01:00");

      // No coach of the region at work: a partner's professional, a process lead, a coach of another region, nobody, a coach who left, no id.
      for (const to of [housingPro.id, processLead.id, foreignCoach.id, NOBODY, formerCoach.id, "not-an-id"]) {
        refused(await gql(HAND_OVER, { familyId, to }, coach), "BAD_USER_INPUT", "toProfessionalId");
      }
      refused(await gql(HAND_OVER, { familyId, to: coach.id }, coach), "CONFLICT");
      refused(await gql(HAND_OVER, { familyId, to: coach2.id }, housingPro), "FORBIDDEN");
      const hidden = await gql(HAND_OVER, { familyId, to: coach2.id }, healthPro);
      refused(hidden, "NOT_FOUND");
      expect(hidden.text).toBe((await gql(HAND_OVER, { familyId: NOBODY, to: coach2.id }, healthPro)).text);
      const regie = async (caller: Who) => gql<{ family: RegieView | null }>(REGIE, { id: familyId }, caller);
      expect(data(await regie(coach)).family!.regieHistory).toHaveLength(1);

      expect(data(await gql(HAND_OVER, { familyId, to: coach2.id.toUpperCase(), note: "Warm hand-over: the family trusts Noa's mentor" }, coach))).toEqual({ handOverRegie: true });
      const family = data(await regie(coach2)).family!;
      expect(family.regisseur).toEqual({ id: coach2.id });
      expect(family.myAccess).toEqual({ level: "FULL", causes: [{ kind: "REGISSEUR" }] });
      expect(family.regieHistory).toHaveLength(2);
      const [first, second] = family.regieHistory;
      expect(first).toMatchObject({ professionalId: coach.id, assignedById: processLead.id });
      expect(new Date(first!.since).getTime()).toBe(new Date(START).getTime());
      expect(new Date(first!.until!).getTime()).toBe(new Date("2026-11-23T15:00:00+01:00").getTime());
      expect(second).toMatchObject({ professionalId: coach2.id, until: null, assignedById: coach.id, note: "Warm hand-over: the family trusts Noa's mentor" });
      expect(second!.since).toBe(first!.until);
      // The history names the people, as a coach reads it: who had regie, and who gave it.
      const named = data(await gql<{ family: { regieHistory: { professional: { id: string; name: string }; assignedBy: { id: string; name: string } }[] } }>(REGIE_NAMES, { id: familyId }, coach2));
      expect(named.family.regieHistory.map((period) => [period.professional.id, period.assignedBy.id])).toEqual([[coach.id, processLead.id], [coach2.id, coach.id]]);
      expect(named.family.regieHistory.every((period) => period.professional.name.length > 0 && period.assignedBy.name.length > 0)).toBe(true);
      // The new regisseur is told; the one who handed over did it themselves and is not.
      const handedOver = async (caller: Who) =>
        data(await gql<{ notifications: { nodes: { kind: string; familyId: string | null; subjectId: string | null }[] } }>(INBOX, {}, caller)).notifications.nodes.filter(
          (notice) => notice.kind === "REGIE_HANDED_OVER" && notice.familyId === familyId,
        );
      expect(await handedOver(coach2)).toHaveLength(1);
      expect(await handedOver(coach)).toEqual([]);

      // The old coach no longer leads, sees or edits the family.
      const former = await regie(coach);
      expect(former.body.data?.family ?? null).toBeNull();
      expect(former.text).toBe((await gql(REGIE, { id: NOBODY }, coach)).text);
      const before = await planOf(familyId, coach2);
      for (const [mutation, variables] of [
        [ADD_GOAL, { familyId, v: before.version, input: goalInput() }],
        [UPDATE_GOAL, { goalId, v: before.version, input: { ownWords: "The old coach's words" } }],
        [START_PLAN, { familyId }],
      ] as const) {
        expect(codes(await gql(mutation, variables, coach))[0]).toMatch(/^(NOT_FOUND|FORBIDDEN)$/);
      }
      expect(await planOf(familyId, coach2)).toEqual(before);
      // The new one does.
      expect((await edit(UPDATE_GOAL, { goalId, v: before.version, input: { ownWords: "Our words, again" } }, coach2)).version).toBe(before.version + 1);

      // The process lead may hand regie over too.
      app.clock.set("2026-11-24T09:00:00+01:00");
      expect(data(await gql(HAND_OVER, { familyId, to: coach.id }, processLead))).toEqual({ handOverRegie: true });
      // Both coaches are told: the one who gets regie back, and the one it was taken from.
      expect(await handedOver(coach)).toHaveLength(1);
      expect(await handedOver(coach2)).toHaveLength(2);
      expect(await handedOver(processLead)).toEqual([]);
      const back = data(await regie(coach)).family!;
      expect(back.regieHistory.map((period) => [period.professionalId, period.until === null])).toEqual([
        [coach.id, false],
        [coach2.id, false],
        [coach.id, true],
      ]);
    });

    it("lets the process lead hand the process to another process lead", async () => {
      const { familyId } = await aFamily("Brouwer");
      refused(await gql(ASSIGN_LEAD, { familyId, to: processLead2.id }, coach), "FORBIDDEN");
      refused(await gql(ASSIGN_LEAD, { familyId, to: coach2.id }, processLead), "BAD_USER_INPUT", "toProfessionalId");
      refused(await gql(ASSIGN_LEAD, { familyId, to: processLead.id }, processLead), "CONFLICT");
      const hidden = await gql(ASSIGN_LEAD, { familyId, to: processLead2.id }, processLead2);
      refused(hidden, "NOT_FOUND");
      expect(hidden.text).toBe((await gql(ASSIGN_LEAD, { familyId: NOBODY, to: processLead2.id }, processLead2)).text);

      expect(data(await gql(ASSIGN_LEAD, { familyId, to: processLead2.id }, processLead))).toEqual({ assignProcessLead: true });
      const family = data(await gql<{ family: Omit<RegieView, "regieHistory"> | null }>(PROCESS_VIEW, { id: familyId }, processLead2)).family;
      expect(family).toEqual({ processLead: { id: processLead2.id }, regisseur: { id: coach.id }, myAccess: { level: "PROCESS", causes: [{ kind: "PROCESS_LEAD" }] } });
      // The former process lead no longer knows the family.
      const former = await gql(PROCESS_VIEW, { id: familyId }, processLead);
      expect(former.body.data?.family ?? null).toBeNull();
      expect(former.text).toBe((await gql(PROCESS_VIEW, { id: NOBODY }, processLead)).text);
      // The hand-over note is for the regisseur: the process lead reads the periods, not the note.
      const periods = await gql<{ family: RegieView }>(REGIE, { id: familyId }, processLead2);
      expect(periods.body.data!.family.regieHistory).toEqual([{ professionalId: coach.id, since: expect.any(String), until: null, assignedById: processLead.id, note: null }]);
      expect(periods.body.errors!.map((error) => [error.path!.join("."), error.extensions?.code])).toEqual([["family.regieHistory.0.note", "FORBIDDEN"]]);
    });
  });
});
