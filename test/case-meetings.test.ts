import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { families } from "../src/families/tables.js";
import { planMeetings } from "../src/process/tables.js";
import { codes, data, refused, type TestApp } from "./support/app.js";
import { coach, foreignCoach, housingPro, NOBODY, planClient, processLead, startPlanServer, youthPro } from "./support/plan.js";

/*
 * Case meetings (002 §2.8: the MDO+, the local family meeting), through HTTP: the keepers record
 * each one held, with its attendees — professionals, members, network — its minutes and
 * decisions, and the plan version it adopted. That it was held is process data, also for who
 * attended; its minutes are plan content (part MEETING).
 */

const RECORD = `mutation($familyId: ID!, $input: CaseMeetingInput!) { recordCaseMeeting(familyId: $familyId, input: $input) { id heldOn adoptedPlanVersion meeting { code name } attendees { id } memberIds networkMemberIds content { minutes decisions } } }`;
const MEETINGS = `query($id: ID!) { family(id: $id) { caseMeetings { id heldOn meeting { code } attendees { id } content { minutes decisions } } plan { version adoptedIn { id } } } }`;
const NETWORK = `mutation($familyId: ID!) { addNetworkMember(familyId: $familyId, input: { name: "Oma Ans", relation: "grandmother" }) { id } }`;

interface MeetingView {
  id: string;
  attendees: { id: string }[];
  content: { minutes: string; decisions: string[] } | null;
}

describe("case meetings", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startPlanServer();
  });
  afterAll(() => app?.close());
  const { gql, aFamily } = planClient(() => app);

  it("records a meeting held, shows that it was held to PROCESS and to who attended, and its minutes as plan content", async () => {
    const { familyId, parentId } = await aFamily("Overleg", { consent: true });
    // The region's meeting kinds are its process settings (the covenant administrator's); set here directly.
    const [{ regionId }] = (await app.database.db.select({ regionId: families.regionId }).from(families).where(eq(families.id, familyId))) as [{ regionId: string }];
    await app.database.db.insert(planMeetings).values({ regionId, code: "MDO_PLUS", name: "MDO+" }).onConflictDoNothing();
    const grandmother = data(await gql<{ addNetworkMember: { id: string } }>(NETWORK, { familyId }, coach)).addNetworkMember.id;

    const held = {
      meeting: "MDO_PLUS",
      heldOn: "2026-11-20",
      professionalIds: [coach.id, housingPro.id],
      memberIds: [parentId],
      networkMemberIds: [grandmother],
      minutes: "Rent arrears discussed with Mirjam and her mother.",
      decisions: ["Lefier pauses the eviction.", "The plan is adopted."],
      adoptsPlanVersion: 1,
    };
    refused(await gql(RECORD, { familyId, input: { ...held, heldOn: "2026-12-01" } }, coach), "BAD_USER_INPUT", "input.heldOn");
    refused(await gql(RECORD, { familyId, input: { ...held, meeting: "TEA_PARTY" } }, coach), "BAD_USER_INPUT", "input.meeting");
    refused(await gql(RECORD, { familyId, input: { ...held, professionalIds: [coach.id, foreignCoach.id] } }, coach), "BAD_USER_INPUT", "input.professionalIds");
    refused(await gql(RECORD, { familyId, input: { ...held, networkMemberIds: [NOBODY] } }, coach), "BAD_USER_INPUT", "input.networkMemberIds[0]");
    refused(await gql(RECORD, { familyId, input: { ...held, adoptsPlanVersion: 9 } }, coach), "BAD_USER_INPUT", "input.adoptsPlanVersion");
    refused(await gql(RECORD, { familyId, input: held }, housingPro), "FORBIDDEN");
    refused(await gql(RECORD, { familyId: NOBODY, input: held }, coach), "NOT_FOUND");

    const recorded = data(await gql<{ recordCaseMeeting: MeetingView & Record<string, unknown> }>(RECORD, { familyId, input: held }, coach)).recordCaseMeeting;
    expect(recorded).toMatchObject({
      heldOn: "2026-11-20",
      adoptedPlanVersion: 1,
      meeting: { code: "MDO_PLUS", name: "MDO+" },
      attendees: [{ id: coach.id }, { id: housingPro.id }],
      memberIds: [parentId],
      networkMemberIds: [grandmother],
    });

    // The regisseur reads it whole; the plan's version 1 cites it.
    const asCoach = data(await gql<{ family: { caseMeetings: MeetingView[]; plan: { version: number; adoptedIn: { id: string } | null } } }>(MEETINGS, { id: familyId }, coach)).family;
    expect(asCoach.caseMeetings).toEqual([expect.objectContaining({ id: recorded.id, content: { minutes: held.minutes, decisions: held.decisions } })]);
    expect(asCoach.plan).toEqual({ version: 1, adoptedIn: { id: recorded.id } });

    // Housing attended: it sees the meeting, not its minutes (the covenant opens it housing parts only).
    const asHousing = await gql<{ family: { caseMeetings: MeetingView[] } }>(MEETINGS, { id: familyId }, housingPro);
    expect(asHousing.body.data!.family.caseMeetings).toEqual([expect.objectContaining({ id: recorded.id, content: null })]);
    expect(new Set(codes(asHousing))).toEqual(new Set(["FORBIDDEN"]));
    // The process lead sees that it was held, not what it said.
    const asLead = await gql<{ family: { caseMeetings: MeetingView[] } }>(MEETINGS, { id: familyId }, processLead);
    expect(asLead.body.data!.family.caseMeetings).toEqual([expect.objectContaining({ id: recorded.id, content: null })]);
    // Youth care, involved at DAT, did not attend: it does not learn of it.
    const asYouth = await gql<{ family: { caseMeetings: MeetingView[] } }>(MEETINGS, { id: familyId }, youthPro);
    expect(asYouth.body.data!.family.caseMeetings).toEqual([]);
  });
});
