import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { codes, data, refused, type TestApp } from "./support/app.js";
import {
  ADD_TASK,
  coach,
  healthPro,
  housing,
  housingPro,
  housingPro2,
  MY_TASKS,
  NOBODY,
  planClient,
  police,
  policePro,
  RESPOND,
  SET_STATUS,
  START,
  startPlanServer,
  taskInput,
  UPDATE_TASK,
  type Who,
  youthCare,
  youthPro,
} from "./support/plan.js";

/*
 * The family's one plan (domain brief §5), its tasks: the partner a task is given to accepts or
 * declines it and reports on it, sees it in myTasks, and through it is involved with the family.
 */

describe("the family's one plan", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startPlanServer();
  });
  afterEach(() => app.clock.set(START));
  afterAll(() => app?.close());
  const { gql, edit, planOf, aFamily } = planClient(() => app);

  describe("tasks", () => {
    it("derives overdue from the due date and the status", async () => {
      const { familyId } = await aFamily("Mulder");
      const taskId = (await edit(ADD_TASK, { familyId, v: 1, input: taskInput({ dueDate: "2026-12-01" }) })).task!.id;
      const cancelledId = (await edit(ADD_TASK, { familyId, v: 2, input: taskInput({ dueDate: "2026-12-01", description: "Visit" }) })).task!.id;
      const overdue = async () => Object.fromEntries((await planOf(familyId)).tasks.map((task) => [task.id, task.overdue]));
      expect(await overdue()).toEqual({ [taskId]: false, [cancelledId]: false });

      // On the due date itself it is not yet overdue; the day after, it is.
      app.clock.set("2026-12-01T12:00:00+01:00");
      expect(await overdue()).toEqual({ [taskId]: false, [cancelledId]: false });
      app.clock.set("2026-12-02T12:00:00+01:00");
      expect(await overdue()).toEqual({ [taskId]: true, [cancelledId]: true });
      const mine = data(await gql<{ myTasks: { nodes: { id: string; overdue: boolean }[] } }>(MY_TASKS, {}, housingPro)).myTasks.nodes;
      expect(mine.find((task) => task.id === taskId)?.overdue).toBe(true);

      data(await gql(RESPOND, { taskId, response: "ACCEPTED" }, housingPro));
      const done = data(await gql<{ setTaskStatus: { status: string; overdue: boolean } }>(SET_STATUS, { taskId, status: "DONE" }, housingPro));
      expect(done.setTaskStatus).toMatchObject({ status: "DONE", overdue: false });
      await edit(UPDATE_TASK, { taskId: cancelledId, v: 5, input: { status: "CANCELLED" } });
      expect(await overdue()).toEqual({ [taskId]: false, [cancelledId]: false });
    });

    it("lets the lead partner accept or decline once, a reason required to decline", async () => {
      const { familyId } = await aFamily("Kok");
      const taskId = (await edit(ADD_TASK, { familyId, v: 1, input: taskInput({ leadProfessionalId: housingPro.id }) })).task!.id;
      const youthTaskId = (await edit(ADD_TASK, { familyId, v: 2, input: taskInput({ lifeDomain: "PARENTING", leadPartnerId: youthCare.id, description: "Parenting support" }) })).task!.id;
      const before = await planOf(familyId);

      refused(await gql(RESPOND, { taskId, response: "DECLINED" }, housingPro), "BAD_USER_INPUT", "reason");
      refused(await gql(RESPOND, { taskId, response: "DECLINED", reason: "   " }, housingPro), "BAD_USER_INPUT", "reason");
      refused(await gql(RESPOND, { taskId, response: "DECLINED", reason: "No\u0000way" }, housingPro), "BAD_USER_INPUT", "reason");
      refused(await gql(RESPOND, { taskId, response: "PENDING" }, housingPro), "BAD_USER_INPUT", "response");
      // Another partner that knows the family, and one that does not (the same answer as for any id).
      refused(await gql(RESPOND, { taskId, response: "ACCEPTED" }, youthPro), "FORBIDDEN");
      const hidden = await gql(RESPOND, { taskId, response: "ACCEPTED" }, healthPro);
      refused(hidden, "NOT_FOUND");
      expect(hidden.text).toBe((await gql(RESPOND, { taskId: NOBODY, response: "ACCEPTED" }, healthPro)).text);
      // The regisseur gives tasks; the partner answers them.
      refused(await gql(RESPOND, { taskId, response: "ACCEPTED" }, coach), "FORBIDDEN");
      expect(await planOf(familyId)).toEqual(before);

      // Any professional of the lead partner answers for it.
      const accepted = data(await gql<{ respondToTask: { response: string; status: string } }>(RESPOND, { taskId, response: "ACCEPTED" }, housingPro2));
      expect(accepted.respondToTask).toEqual({ id: taskId, response: "ACCEPTED", status: "OPEN", overdue: false });
      refused(await gql(RESPOND, { taskId, response: "ACCEPTED" }, housingPro), "CONFLICT");
      refused(await gql(RESPOND, { taskId, response: "DECLINED", reason: "Changed our mind" }, housingPro), "CONFLICT");

      const declined = data(await gql<{ respondToTask: { response: string } }>(RESPOND, { taskId: youthTaskId, response: "DECLINED", reason: "No capacity before January" }, youthPro));
      expect(declined.respondToTask.response).toBe("DECLINED");
      refused(await gql(RESPOND, { taskId: youthTaskId, response: "ACCEPTED" }, youthPro), "CONFLICT");

      const plan = await planOf(familyId);
      expect(plan.version).toBe(before.version + 2);
      const youthTask = plan.tasks.find((task) => task.id === youthTaskId)!;
      expect(youthTask).toMatchObject({ response: "DECLINED", content: { responseReason: "No capacity before January" } });
      const answers = plan.history.slice(-2);
      expect(answers.map((revision) => [revision.action, revision.changedById, revision.task?.response])).toEqual([
        ["TASK_ACCEPTED", housingPro2.id, "ACCEPTED"],
        ["TASK_DECLINED", youthPro.id, "DECLINED"],
      ]);

      // Two answers at the same moment: one counts.
      const raceId = (await edit(ADD_TASK, { familyId, v: (await planOf(familyId)).version, input: taskInput({ description: "Race" }) })).task!.id;
      const race = await Promise.all([
        gql(RESPOND, { taskId: raceId, response: "ACCEPTED" }, housingPro),
        gql(RESPOND, { taskId: raceId, response: "DECLINED", reason: "Busy" }, housingPro2),
      ]);
      expect(race.map(codes).sort()).toEqual([[], ["CONFLICT"]]);
    });

    it("refuses an answer to a task the regisseur cancelled before it was answered", async () => {
      const { familyId } = await aFamily("Koster");
      const taskId = (await edit(ADD_TASK, { familyId, v: 1, input: taskInput({ description: "Cancelled before an answer" }) })).task!.id;
      await edit(UPDATE_TASK, { taskId, v: 2, input: { status: "CANCELLED" } });
      const before = await planOf(familyId);
      // Lefier still knows the family through its signal, and the task is still its own.
      refused(await gql(RESPOND, { taskId, response: "ACCEPTED" }, housingPro), "CONFLICT");
      expect(await planOf(familyId)).toEqual(before);
    });

    it("lets the lead partner report progress on an accepted task, and nobody else", async () => {
      const { familyId } = await aFamily("Dijkstra");
      const taskId = (await edit(ADD_TASK, { familyId, v: 1, input: taskInput() })).task!.id;

      refused(await gql(SET_STATUS, { taskId, status: "IN_PROGRESS" }, housingPro), "CONFLICT");
      data(await gql(RESPOND, { taskId, response: "ACCEPTED" }, housingPro));
      const before = await planOf(familyId);

      refused(await gql(SET_STATUS, { taskId, status: "CANCELLED" }, housingPro), "BAD_USER_INPUT", "status");
      refused(await gql(SET_STATUS, { taskId, status: "OPEN" }, housingPro), "BAD_USER_INPUT", "status");
      refused(await gql(SET_STATUS, { taskId, status: "DONE" }, youthPro), "FORBIDDEN");
      refused(await gql(SET_STATUS, { taskId, status: "DONE" }, coach), "FORBIDDEN");
      const hidden = await gql(SET_STATUS, { taskId, status: "DONE" }, healthPro);
      refused(hidden, "NOT_FOUND");
      expect(hidden.text).toBe((await gql(SET_STATUS, { taskId: NOBODY, status: "DONE" }, healthPro)).text);
      expect(await planOf(familyId)).toEqual(before);

      const started = data(await gql<{ setTaskStatus: { status: string } }>(SET_STATUS, { taskId, status: "IN_PROGRESS" }, housingPro));
      expect(started.setTaskStatus.status).toBe("IN_PROGRESS");
      const done = data(await gql<{ setTaskStatus: { status: string } }>(SET_STATUS, { taskId, status: "DONE" }, housingPro));
      expect(done.setTaskStatus.status).toBe("DONE");
      const plan = await planOf(familyId);
      expect(plan.version).toBe(before.version + 2);
      expect(plan.tasks[0]!.status).toBe("DONE");
      expect(plan.history.slice(-2).map((revision) => [revision.action, revision.task?.status, revision.changedById])).toEqual([
        ["TASK_STATUS_CHANGED", "IN_PROGRESS", housingPro.id],
        ["TASK_STATUS_CHANGED", "DONE", housingPro.id],
      ]);

      // Once the regisseur cancels it, the partner reports on it no more.
      await edit(UPDATE_TASK, { taskId, v: plan.version, input: { status: "CANCELLED" } });
      refused(await gql(SET_STATUS, { taskId, status: "IN_PROGRESS" }, housingPro), "CONFLICT");
    });

    it("lists in myTasks the tasks given to the caller's organisation", async () => {
      const { familyId } = await aFamily("Hendriks");
      const housingTask = (await edit(ADD_TASK, { familyId, v: 1, input: taskInput() })).task!.id;
      const youthTask = (await edit(ADD_TASK, { familyId, v: 2, input: taskInput({ leadPartnerId: youthCare.id }) })).task!.id;
      // The police had no signal here; the task alone makes it involved.
      const policeTask = (await edit(ADD_TASK, { familyId, v: 3, input: taskInput({ lifeDomain: "SAFETY", leadPartnerId: police.id }) })).task!.id;

      const tasksOf = async (caller: Who) => data(await gql<{ myTasks: { nodes: { id: string; leadPartner: { id: string } }[] } }>(MY_TASKS, {}, caller)).myTasks.nodes;
      for (const [caller, partner, own, others] of [
        [housingPro, housing, housingTask, [youthTask, policeTask]],
        [housingPro2, housing, housingTask, [youthTask, policeTask]],
        [youthPro, youthCare, youthTask, [housingTask, policeTask]],
        [policePro, police, policeTask, [housingTask, youthTask]],
      ] as const) {
        const mine = await tasksOf(caller);
        expect(mine.map((task) => task.id)).toContain(own);
        for (const other of others) expect(mine.map((task) => task.id)).not.toContain(other);
        expect(mine.every((task) => task.leadPartner.id === partner.id)).toBe(true);
      }
      expect(await tasksOf(healthPro)).toEqual([]);
      // A coach's organisation was given nothing.
      expect(await tasksOf(coach)).toEqual([]);
    });

    it("answers a partner that declines its only involvement with the task it declined, and then no longer knows the family", async () => {
      const { familyId } = await aFamily("Brouwer");
      // The police had no signal here: the task is its only involvement, and its only access (DAT).
      const taskId = (await edit(ADD_TASK, { familyId, v: 1, input: taskInput({ lifeDomain: "SAFETY", leadPartnerId: police.id }) })).task!.id;
      const mine = async () => data(await gql<{ myTasks: { nodes: { id: string }[] } }>(MY_TASKS, {}, policePro)).myTasks.nodes.map((task) => task.id);
      expect(await mine()).toContain(taskId);
      const answer = await gql<{ respondToTask: { id: string; response: string } }>(
        `mutation($taskId: ID!) { respondToTask(taskId: $taskId, response: DECLINED, reason: "Not ours") { id response content { description } } }`,
        { taskId },
        policePro,
      );
      // Its own task, decided when it answered; the content stays closed as it was (DAT opens none).
      expect(answer.body.data!.respondToTask).toEqual({ id: taskId, response: "DECLINED", content: null });
      expect(codes(answer)).toEqual(["FORBIDDEN"]);
      expect(await mine()).not.toContain(taskId);
      const family = await gql<{ family: unknown }>(`query($id: ID!) { family(id: $id) { id } }`, { id: familyId }, policePro);
      expect(data(family).family).toBeNull();
    });
  });
});
