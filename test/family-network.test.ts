import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { codes, data, refused, type TestApp } from "./support/app.js";
import { ADD_GOAL, ADD_TASK, coach, goalInput, housing, housingPro, MY_TASKS, NOBODY, planClient, processLead, START, startPlanServer, taskInput, youthPro } from "./support/plan.js";

/*
 * The family's own network (001, 003 ecogram; issue 16 §3), through HTTP: the regisseur records
 * a grandmother or a neighbour, whom they relate to and what they do; goals and tasks can be led
 * by a family member or a network member instead of a partner; the network is plan content
 * (part NETWORK), so a process lead sees that it exists and partners see no more than the
 * covenant opens.
 */

const ADD = `mutation($familyId: ID!, $input: NetworkMemberInput!) { addNetworkMember(familyId: $familyId, input: $input) { id endedOn content { name relation relatedMemberId support } } }`;
const END = `mutation($id: ID!) { endNetworkMember(networkMemberId: $id, endedOn: "2026-11-23") { id endedOn } }`;
const NETWORK = `query($id: ID!) { family(id: $id) { network { id addedAt endedOn content { name relation support } } } }`;
const LEADS = `query($id: ID!) { family(id: $id) { plan { goals { id content { ownWords leadMemberId leadNetworkMemberId } } tasks { id response leadPartner { id } content { description leadMemberId leadNetworkMemberId } } } } }`;

interface NetworkView {
  id: string;
  endedOn: string | null;
  content: { name: string; relation: string; relatedMemberId?: string | null; support: string | null } | null;
}

describe("the family's own network", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startPlanServer();
  });
  afterEach(() => app.clock.set(START));
  afterAll(() => app?.close());
  const { gql, edit, aFamily } = planClient(() => app);

  it("is kept by the regisseur and read as plan content: who they are only where the covenant opens it", async () => {
    const { familyId, teenId } = await aFamily("Netwerk", { consent: true });
    const grandmother = { name: "Oma Els", relation: "grandmother", relatedMemberId: teenId, support: "Picks Noa up after school" };
    refused(await gql(ADD, { familyId, input: { ...grandmother, relatedMemberId: NOBODY } }, coach), "BAD_USER_INPUT", "input.relatedMemberId");
    refused(await gql(ADD, { familyId, input: { ...grandmother, name: "" } }, coach), "BAD_USER_INPUT", "input.name");
    // A partner who knows the family may not change its network; who may not know it, gets nothing.
    refused(await gql(ADD, { familyId, input: grandmother }, housingPro), "FORBIDDEN");
    refused(await gql(ADD, { familyId: NOBODY, input: grandmother }, coach), "NOT_FOUND");

    const added = data(await gql<{ addNetworkMember: NetworkView }>(ADD, { familyId, input: grandmother }, coach)).addNetworkMember;
    expect(added).toMatchObject({ endedOn: null, content: { name: "Oma Els", relation: "grandmother", relatedMemberId: teenId, support: "Picks Noa up after school" } });

    const asCoach = data(await gql<{ family: { network: NetworkView[] } }>(NETWORK, { id: familyId }, coach)).family.network;
    expect(asCoach).toEqual([expect.objectContaining({ id: added.id, content: expect.objectContaining({ name: "Oma Els" }) })]);
    // The process lead sees that the family has a network, not who is in it; housing (its part opened for HOUSING only) neither.
    for (const reader of [processLead, housingPro]) {
      const response = await gql<{ family: { network: NetworkView[] } }>(NETWORK, { id: familyId }, reader);
      expect(response.body.data!.family.network).toEqual([{ id: added.id, addedAt: expect.any(String), endedOn: null, content: null }]);
      expect(codes(response)).toEqual(["FORBIDDEN"]);
    }
    // An involved partner at DAT does not even see that.
    const asYouth = await gql<{ family: { network: NetworkView[] | null } }>(NETWORK, { id: familyId }, youthPro);
    expect(asYouth.body.data!.family.network).toBeNull();
  });

  it("lets a family member or a network member lead goals and tasks, which the plan shows", async () => {
    const { familyId, parentId } = await aFamily("Leiding");
    const neighbour = data(await gql<{ addNetworkMember: NetworkView }>(ADD, { familyId, input: { name: "Buurman Piet", relation: "neighbour", support: "Drives to appointments" } }, coach)).addNetworkMember;

    refused(await gql(ADD_TASK, { familyId, v: 1, input: taskInput({ leadPartnerId: housing.id, leadNetworkMemberId: neighbour.id }) }, coach), "BAD_USER_INPUT", "input.leadPartnerId");
    refused(await gql(ADD_TASK, { familyId, v: 1, input: taskInput({ leadPartnerId: null }) }, coach), "BAD_USER_INPUT", "input.leadPartnerId");
    refused(await gql(ADD_TASK, { familyId, v: 1, input: taskInput({ leadPartnerId: null, leadNetworkMemberId: NOBODY }) }, coach), "BAD_USER_INPUT", "input.leadNetworkMemberId");
    refused(await gql(ADD_GOAL, { familyId, v: 1, input: goalInput({ leadMemberId: parentId, leadNetworkMemberId: neighbour.id }) }, coach), "BAD_USER_INPUT", "input.leadNetworkMemberId");

    await edit(ADD_GOAL, { familyId, v: 1, input: goalInput({ ownWords: "Mirjam keeps the budget", leadMemberId: parentId }) });
    await edit(ADD_TASK, { familyId, v: 2, input: taskInput({ leadPartnerId: null, leadNetworkMemberId: neighbour.id, description: "Drive Mirjam to the debt counsellor" }) });
    await edit(ADD_TASK, { familyId, v: 3, input: taskInput({ leadPartnerId: null, leadMemberId: parentId, description: "Open the post every Monday" }) });

    const plan = data(await gql<{ family: { plan: { goals: { content: Record<string, unknown> }[]; tasks: { response: string; leadPartner: unknown; content: Record<string, unknown> }[] } } }>(LEADS, { id: familyId }, coach)).family.plan;
    expect(plan.goals.map((goal) => goal.content)).toEqual([{ ownWords: "Mirjam keeps the budget", leadMemberId: parentId, leadNetworkMemberId: null }]);
    expect(plan.tasks.map((task) => [task.content.description, task.leadPartner, task.content.leadMemberId, task.content.leadNetworkMemberId, task.response]).sort()).toEqual([
      ["Drive Mirjam to the debt counsellor", null, null, neighbour.id, "ACCEPTED"],
      ["Open the post every Monday", null, parentId, null, "ACCEPTED"],
    ]);
    // No partner's own work: not in any organisation's task list.
    const housingTasks = data(await gql<{ myTasks: { nodes: { id: string }[] } }>(MY_TASKS, {}, housingPro)).myTasks.nodes.map((task) => task.id);
    for (const task of plan.tasks) expect(housingTasks).not.toContain((task as unknown as { id: string }).id);

    // Someone who leaves the network stays on record and leads nothing new.
    expect(data(await gql<{ endNetworkMember: NetworkView }>(END, { id: neighbour.id }, coach)).endNetworkMember.endedOn).toBe("2026-11-23");
    refused(await gql(END, { id: neighbour.id }, coach), "CONFLICT");
    refused(await gql(ADD_TASK, { familyId, v: 4, input: taskInput({ leadPartnerId: null, leadNetworkMemberId: neighbour.id }) }, coach), "BAD_USER_INPUT", "input.leadNetworkMemberId");
  });
});
