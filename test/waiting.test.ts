import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { raiseDeadlines } from "../src/process/deadlines.js";
import { data, refused, type TestApp } from "./support/app.js";
import { ADD_TASK, coach, housing, housingPro, planClient, processLead, RESPOND, SET_STATUS, START, startPlanServer, taskInput } from "./support/plan.js";

/*
 * Waiting for help (001: "voorkomen dat het gezin moet wachten"; 004 waiting lists), through
 * HTTP: a task records when the family asked for the help and when it started; past the region's
 * norm (28 days when the region set none) the deadline job tells the regisseur; the wait is an
 * indicator, suppressed below five families like every other.
 */

const WAITS = `query($id: ID!) { family(id: $id) { plan { tasks { id askedOn startedOn waitingDays } } } }`;
const INBOX = `{ notifications(first: 100) { nodes { kind familyId subjectId } } }`;
const REPORT = `query($from: LocalDate!, $to: LocalDate!) { indicators(from: $from, to: $to) { themes { indicators { key value families suppressed } } } }`;

interface TaskWait {
  id: string;
  askedOn: string | null;
  startedOn: string | null;
  waitingDays: number | null;
}

describe("waiting for help", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startPlanServer();
  });
  afterEach(() => app.clock.set(START));
  afterAll(() => app?.close());
  const { gql, edit, aFamily } = planClient(() => app);
  const waits = async (familyId: string) => data(await gql<{ family: { plan: { tasks: TaskWait[] } } }>(WAITS, { id: familyId }, coach)).family.plan.tasks;

  it("records when help was asked for and started, and tells the regisseur when the wait passes the norm", async () => {
    const { familyId } = await aFamily("Wacht");
    refused(await gql(ADD_TASK, { familyId, v: 1, input: taskInput({ leadPartnerId: housing.id, askedOn: "2026-12-01" }) }, coach), "BAD_USER_INPUT", "input.askedOn");
    // Referred by the GP seven weeks ago; today the plan gives it to housing.
    const task = (await edit(ADD_TASK, { familyId, v: 1, input: taskInput({ leadPartnerId: housing.id, askedOn: "2026-10-01" }) })).task!.id;
    // Asked for today when no day is named.
    await edit(ADD_TASK, { familyId, v: 2, input: taskInput({ leadPartnerId: housing.id, description: "Second" }) });
    const before = await waits(familyId);
    expect(before.find((each) => each.id === task)).toEqual({ id: task, askedOn: "2026-10-01", startedOn: null, waitingDays: 53 });
    expect(before.find((each) => each.id !== task)).toMatchObject({ askedOn: "2026-11-23", waitingDays: 0 });

    await raiseDeadlines(app.database.db, app.clock.now());
    await raiseDeadlines(app.database.db, app.clock.now());
    const notices = data(await gql<{ notifications: { nodes: { kind: string; subjectId: string }[] } }>(INBOX, {}, coach)).notifications.nodes;
    expect(notices.filter((notice) => notice.kind === "HELP_WAITING_TOO_LONG")).toEqual([{ kind: "HELP_WAITING_TOO_LONG", familyId, subjectId: task }]);

    // The help starts when housing first reports progress: the wait stops counting.
    data(await gql(RESPOND, { taskId: task, response: "ACCEPTED" }, housingPro));
    app.clock.set("2026-11-25T10:00:00+01:00");
    data(await gql(SET_STATUS, { taskId: task, status: "IN_PROGRESS" }, housingPro));
    app.clock.set("2026-12-20T10:00:00+01:00");
    expect((await waits(familyId)).find((each) => each.id === task)).toEqual({ id: task, askedOn: "2026-10-01", startedOn: "2026-11-25", waitingDays: 55 });

    // The indicator: one family, so suppressed; the figure is there.
    const report = data(await gql<{ indicators: { themes: { indicators: { key: string; value: number | null; families: number | null; suppressed: boolean }[] }[] } }>(REPORT, { from: "2026-11-01", to: "2026-11-30" }, processLead));
    const figures = report.indicators.themes.flatMap((theme) => theme.indicators);
    expect(figures.find((figure) => figure.key === "help_waiting_days")).toEqual({ key: "help_waiting_days", value: null, families: null, suppressed: true });
    expect(figures.find((figure) => figure.key === "help_waiting_over_norm")).toBeDefined();
  });
});
