import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, data, type TestApp } from "./support/app.js";
import { ADD_GOAL, coach, foreignCoach, goalInput, housingPro, NOBODY, planClient, processLead, startPlanServer } from "./support/plan.js";

/*
 * Refusals a front-end can act on (docs/decisions/0017): every FORBIDDEN says which rule refused,
 * the level it needs and the caller's own; one field's refusals for one reason come back as one
 * error listing their paths and count, not one error per closed part.
 */

interface Refusal {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; rule?: string; required?: string; yours?: string; paths?: (string | number)[][]; count?: number };
}
const refusals = (response: { body: { errors?: unknown[] } }) => (response.body.errors ?? []) as Refusal[];

const GOALS = `query($id: ID!) { family(id: $id) { plan { goals { id content { lifeDomain ownWords } } } } }`;
const BIRTH_DATES = `{ families { nodes { id members { person { givenName birthDate } } } } }`;
const CLOSED_GOALS = 120;

describe("refusals", () => {
  let app: TestApp;
  let familyId: string;
  beforeAll(async () => {
    app = await startPlanServer();
    const { aFamily, edit } = planClient(() => app);
    const household = await aFamily("Groot", { consent: true });
    familyId = household.familyId;
    let v = 1;
    // One housing goal Lefier reads (consent for the teen), and many debt goals it may not.
    await edit(ADD_GOAL, { familyId, v: v++, input: goalInput({ memberIds: [household.teenId], ownWords: "A room of my own" }) });
    for (let index = 0; index < CLOSED_GOALS; index++) {
      await edit(ADD_GOAL, { familyId, v: v++, input: goalInput({ lifeDomain: "FINANCES", memberIds: [household.teenId], ownWords: `Debt ${index}` }) });
    }
    await aFamily("Klein");
  }, 120_000);
  afterAll(() => app?.close());

  it("answers a partner's large plan with one error for every closed part, their paths and count in it", async () => {
    const response = await app.gql<{ family: { plan: { goals: { content: { ownWords: string } | null }[] } } }>(GOALS, { id: familyId }, housingPro.id);
    const goals = response.body.data!.family.plan.goals;
    expect(goals.filter((goal) => goal.content !== null).map((goal) => goal.content!.ownWords)).toEqual(["A room of my own"]);
    expect(goals.filter((goal) => goal.content === null)).toHaveLength(CLOSED_GOALS);
    expect(JSON.stringify(response.body)).not.toMatch(/Debt \d/);

    const errors = refusals(response);
    expect(errors).toHaveLength(1);
    const [error] = errors;
    const closedPaths = goals.flatMap((goal, index) => (goal.content === null ? [["family", "plan", "goals", index, "content"]] : []));
    expect(error).toMatchObject({
      message: "The covenant does not open this part of the plan to you.",
      path: closedPaths[0],
      extensions: { code: "FORBIDDEN", rule: "plan-content", required: "SECTION", yours: "SECTION", count: CLOSED_GOALS },
    });
    expect(error!.extensions!.paths).toEqual(closedPaths.slice(0, 20));
    // Nothing but what a client may read: no family id, no stack.
    expect(Object.keys(error!.extensions!).sort()).toEqual(["code", "count", "paths", "required", "rule", "yours"]);
  });

  it("answers the regisseur's plan without errors", async () => {
    const response = await app.gql<{ family: { plan: { goals: { content: unknown }[] } } }>(GOALS, { id: familyId }, coach.id);
    expect(response.body.errors).toBeUndefined();
    expect(data(response).family.plan.goals.every((goal) => goal.content !== null)).toBe(true);
  });

  it("answers the process lead asking every family's birth dates with one refusal, saying the level it needs", async () => {
    const response = await app.gql<{ families: { nodes: { members: { person: { givenName: string; birthDate: string | null } }[] }[] } }>(BIRTH_DATES, {}, processLead.id);
    const members = response.body.data!.families.nodes.flatMap((family) => family.members);
    expect(members.length).toBeGreaterThanOrEqual(6);
    expect(members.every((member) => member.person.givenName && member.person.birthDate === null)).toBe(true);
    const errors = refusals(response);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      message: "This needs FULL access to the family; yours is PROCESS.",
      extensions: { code: "FORBIDDEN", rule: "family:FULL", required: "FULL", yours: "PROCESS", count: members.length },
    });
    expect(errors[0]!.extensions!.paths).toHaveLength(Math.min(members.length, 20));
    expect(errors[0]!.extensions!.paths).toContainEqual(errors[0]!.path);
  });

  it("leaves a single refusal as it is, without paths or count", async () => {
    const response = await app.gql(`query($id: ID!) { family(id: $id) { plan { coachNotes { text } } } }`, { id: familyId }, housingPro.id);
    expect(refusals(response)).toEqual([
      {
        message: "Only the family's regisseur reads this.",
        locations: expect.any(Array),
        path: ["family", "plan", "coachNotes"],
        extensions: { code: "FORBIDDEN", rule: "regisseur-only", required: "REGISSEUR", yours: "SECTION" },
      },
    ]);
  });

  it("still answers UNAUTHENTICATED without a token, and a family the caller may not know as before", async () => {
    const anonymous = await app.gql(GOALS, { id: familyId }, null);
    expect(codes(anonymous)).toEqual(["UNAUTHENTICATED"]);
    expect(refusals(anonymous)[0]!.extensions).toEqual({ code: "UNAUTHENTICATED" });
    // A family of another region and an id of nothing: null, no refusal, nothing to tell them apart.
    const foreign = await app.gql(GOALS, { id: familyId }, foreignCoach.id);
    const nothing = await app.gql(GOALS, { id: NOBODY }, foreignCoach.id);
    expect(foreign.body).toEqual({ data: { family: null } });
    expect(nothing.text).toBe(foreign.text);
  });
});
