import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { retentionLogEntry } from "../src/accountability/retention/log.js";
import { runRetention, type RetentionReport } from "../src/accountability/retention/run.js";
import { closedFamilyOutlines } from "../src/accountability/retention/tables.js";
import { rowsOf } from "../src/db/rows.js";
import { accessLog } from "../src/accountability/access-log/tables.js";
import { verifyAccessLog } from "../src/accountability/access-log/verify.js";
import { familyMemberships, persons } from "../src/families/tables.js";
import { GRONINGEN_LADDER, ladderRows } from "../src/process/escalation/ladders.js";
import { escalationLadder, planMeetings, processSettings } from "../src/process/tables.js";
import { regions } from "../src/organisations/tables.js";
import { startTestApp, type TestApp, data, refused } from "./support/app.js";
import { aLifeDomain, aPartner, aProfessional, aRegion, bsnNumber } from "./support/builders.js";
import { emptyEmbeddedDatabase } from "./support/database.js";

/*
 * Retention (issue 5 §3, docs/decisions/0008): a closed family's records go when the region's
 * term has run out, counted from the day it entered CLOSED; a family in aftercare or reopened is
 * not closed. What goes is everything on the family and its members, consent included (and not
 * before); a de-identified outline of its process stays. Families are driven to closure through
 * GraphQL with the test clock set years back; the run is called as `npm run retention` calls it,
 * with its `today`; what a user would check is asked through GraphQL again afterwards. Each test
 * has a database of its own, since a run goes over every region.
 */

// The day the runs are made, unless a test says otherwise.
const RUN = "2026-06-15";
const NOBODY = "2b1f1f4e-9c1e-4c4e-8f57-3f1f4b7a0c11";

// --- documents ---------------------------------------------------------------------------------

const PUBLISH = `mutation($input: CovenantVersionInput!) { publishCovenantVersion(input: $input) { version inForce } }`;
const REGISTER = `mutation($input: RegisterFamilyInput!) { registerFamily(input: $input) { id } }`;
const CONCERN = `mutation($input: ConcernInput!) { registerConcern(input: $input) { route concern { id } } }`;
const SCREEN = `mutation($familyId: ID!, $input: ScreeningInput!) { screenFamily(familyId: $familyId, input: $input) { id phase } }`;
const SIGNAL = `mutation($input: SignalInput!) { signal(input: $input) { id } }`;
const CHANGE_PHASE = `mutation($familyId: ID!, $to: FamilyPhase!) { changePhase(familyId: $familyId, to: $to) { id phase } }`;
const START_PLAN = `mutation($familyId: ID!) { startPlan(familyId: $familyId) { version } }`;
const SET_ANALYSIS = `mutation($familyId: ID!, $v: Int!, $input: AnalysisInput!) { setAnalysis(familyId: $familyId, expectedVersion: $v, input: $input) { version } }`;
const ADD_GOAL = `mutation($familyId: ID!, $v: Int!, $input: GoalInput!) { addGoal(familyId: $familyId, expectedVersion: $v, input: $input) { version goal { id } } }`;
const UPDATE_GOAL = `mutation($goalId: ID!, $v: Int!, $input: GoalUpdate!) { updateGoal(goalId: $goalId, expectedVersion: $v, input: $input) { version } }`;
const ADD_TASK = `mutation($familyId: ID!, $v: Int!, $input: TaskInput!) { addTask(familyId: $familyId, expectedVersion: $v, input: $input) { version task { id } } }`;
const ADD_MILESTONE = `mutation($familyId: ID!, $v: Int!, $input: MilestoneInput!) { addMilestone(familyId: $familyId, expectedVersion: $v, input: $input) { version } }`;
const COACH_NOTE = `mutation($familyId: ID!, $text: String!) { addCoachNote(familyId: $familyId, text: $text) { id } }`;
const AGREE = `mutation($familyId: ID!, $version: Int!, $party: AgreementParty!, $personId: ID) {
  agreeToPlan(familyId: $familyId, version: $version, party: $party, personId: $personId) { party } }`;
const RECORD_CONSENT = `mutation($input: ConsentInput!) { recordConsent(input: $input) { id } }`;
const WITHDRAW_CONSENT = `mutation($id: ID!, $by: [ID!]!) { withdrawConsent(id: $id, withdrawnBy: $by) { id withdrawnOn } }`;
const LEGAL_GROUND = `mutation($input: LegalGroundInput!) { recordLegalGround(input: $input) { id } }`;
const EMERGENCY = `mutation($familyId: ID!, $reason: String!) { openEmergencyAccess(familyId: $familyId, reason: $reason) { id } }`;
const RAISE = `mutation($familyId: ID!, $subject: String!, $parties: [ID!]!) {
  raiseEscalation(familyId: $familyId, track: PLAN_EXECUTION, subject: $subject, partyPartnerIds: $parties) { id } }`;
const RESOLVE = `mutation($id: ID!) { resolveEscalation(escalationId: $id, decision: "Ymere houdt de woning aan", reasoning: "De schuld wordt geregeld via de schuldhulp") { status } }`;
const ADVICE = `mutation($familyId: ID!, $input: AdviceInput!) { issueAdvice(familyId: $familyId, input: $input) { id } }`;
const RECORD_EVALUATION = `mutation($familyId: ID!, $v: Int!, $input: EvaluationInput!) { recordEvaluation(familyId: $familyId, expectedVersion: $v, input: $input) { version } }`;
const CLOSE = `mutation($familyId: ID!, $input: CloseFamilyInput!) { closeFamily(familyId: $familyId, input: $input) { id phase } }`;
const END_AFTERCARE = `mutation($familyId: ID!) { endAftercare(familyId: $familyId, note: "Revisit done; the family manages") { id phase } }`;
const REOPEN = `mutation($familyId: ID!) { reopenFamily(familyId: $familyId, reason: "New concerns about school attendance") { id phase } }`;
const SET_RETENTION = `mutation($input: RetentionSettingsInput!) { setRetentionSettings(input: $input) { closedFamilyYears } }`;
const MY_RETENTION = `{ me { region { retention { closedFamilyYears } referenceIndex { historicalMonths } } } }`;

const FAMILY = `query($id: ID!) { family(id: $id) {
  id name phase
  members { id person { id bsn givenName familyName birthDate } }
  consents { id personId withdrawnOn }
  closures { goalsTotal goalsAchieved }
} }`;
const SEEN = `query($id: ID!) { family(id: $id) { id name phase } }`;
const PLAN_VERSION = `query($id: ID!) { family(id: $id) { plan { version } } }`;
const FAMILIES = `{ families { nodes { id } } }`;
const INBOX = `{ notifications { nodes { kind familyId subjectId reason } } }`;
const CONCERNS = `{ concerns { nodes { id familyId } } }`;
const ESCALATIONS = `{ escalations(openOnly: false) { nodes { id } } }`;
const ADVICES_TO_ANSWER = `{ advicesToAnswer(openOnly: false) { nodes { id } } }`;
const MY_TASKS = `{ myTasks { nodes { id } } }`;
const WHO = `query($bsn: String!) { whoIsInvolved(bsn: $bsn) { organisation } }`;
const MY_SIGNALS = `{ mySignals { nodes { id status } } }`;

// --- the shapes a client reads -----------------------------------------------------------------

type Vars = Record<string, unknown>;
type Who = { id: string };
type PartnerRef = { id: string; regionId: string };
interface Member {
  id: string;
  person: { id: string; bsn: string | null; givenName: string; familyName: string; birthDate: string | null };
}
interface FamilyView {
  id: string;
  name: string;
  phase: string;
  members: Member[];
  consents: { id: string; personId: string; withdrawnOn: string | null }[] | null;
  closures: { goalsTotal: number; goalsAchieved: number }[];
}
interface World {
  regionId: string;
  coach: Who;
  lead: Who;
  admin: Who;
  youthCare: PartnerRef;
  youthPro: Who;
  youthManager: Who;
  housing: PartnerRef;
  housingPro: Who;
  housingManager: Who;
}
interface FamilyRef {
  id: string;
  world: World;
  parentBsn: string;
  childBsn: string;
  name: string;
}

let app: TestApp;
beforeEach(async () => {
  app = await startTestApp();
});
afterEach(() => app?.close());

const gql = <T = Record<string, unknown>>(query: string, variables: Vars, as: Who) => app.gql<T>(query, variables, as.id);
const ok = async <T = Record<string, unknown>>(query: string, variables: Vars, as: Who) => data(await gql<T>(query, variables, as));
/** Sets the clock to mid-morning of a Dutch day. */
const on = (day: string) => app.clock.set(`${day}T10:00:00+01:00`);

/** The run, as `npm run retention -- --today <day>` makes it; the clock moves there too. */
async function retentionOn(day: string): Promise<RetentionReport> {
  on(day);
  const report = await runRetention(app.database.db, day);
  expect(report.closedFamilies.failed).toEqual([]);
  return report;
}

const removedIds = (report: RetentionReport) => report.closedFamilies.removed.map((family) => family.familyId).sort();

// --- the world ---------------------------------------------------------------------------------

/**
 * A Groningen-like region: plans open to every signatory, a project leader who leads the
 * process and screens, youth care as the crisis partner, a ladder for escalations.
 */
async function aWorld(code: string, overrides: Partial<typeof regions.$inferInsert> = {}): Promise<World> {
  const db = app.database.db;
  const region = await aRegion(db, { code, ...overrides });
  await aLifeDomain(db, region.id, "HOUSING");
  await aLifeDomain(db, region.id, "PARENTING");
  await aLifeDomain(db, region.id, "SAFETY", true);
  const municipality = await aPartner(db, region.id, { name: "Gemeente", sector: "MUNICIPALITY" });
  const socialWork = await aPartner(db, region.id, { name: "MJD", sector: "SOCIAL_WORK" });
  const youthCare = await aPartner(db, region.id, { name: "Elker", sector: "YOUTH_CARE" });
  const housing = await aPartner(db, region.id, { name: "Lefier", sector: "HOUSING" });
  const world: World = {
    regionId: region.id,
    coach: await aProfessional(db, socialWork, ["COACH"]),
    lead: await aProfessional(db, municipality, ["PROJECT_LEAD"]),
    admin: await aProfessional(db, municipality, ["COVENANT_ADMIN"]),
    youthCare,
    youthPro: await aProfessional(db, youthCare),
    youthManager: await aProfessional(db, youthCare, ["PARTNER_MANAGER"]),
    housing,
    housingPro: await aProfessional(db, housing),
    housingManager: await aProfessional(db, housing, ["PARTNER_MANAGER"]),
  };
  await db.insert(processSettings).values({
    regionId: region.id,
    meldpuntName: "Meldpunt Zorg en Overlast",
    meldpuntContact: "050 367 1000",
    crisisPartnerId: youthCare.id,
    intakeCoordinatorId: world.lead.id,
  });
  await db.insert(escalationLadder).values(ladderRows(region.id, "PLAN_EXECUTION", GRONINGEN_LADDER));
  await db.insert(planMeetings).values({ regionId: region.id, code: "CASE_MEETING", name: "Casusoverleg" });
  const covenant = {
    title: `Convenant ${code}`,
    inForceFrom: "2015-01-01",
    signatoryPartnerIds: [municipality.id, socialWork.id, youthCare.id, housing.id],
    rules: [{ level: "SECTION", requiresInvolvement: false, requiresConsentOrLegalGround: false, description: "The plans are open to every signatory." }],
  };
  await ok(PUBLISH, { input: covenant }, world.admin);
  return world;
}

// --- families ----------------------------------------------------------------------------------

let seed = 61_000_000;
/** A household registered by the world's project leader, led by its coach: SCREENED. */
async function aFamily(world: World, name: string, parentBsn = bsnNumber((seed += 1_000))): Promise<FamilyRef> {
  const childBsn = bsnNumber((seed += 1_000));
  const members = [
    { bsn: parentBsn, givenName: "Sanne", familyName: name, birthDate: "1985-04-02", relation: "PARENT", legalCustody: true },
    { bsn: childBsn, givenName: "Daan", familyName: name, birthDate: "2012-09-12", relation: "CHILD" },
  ];
  const input = { name: `Gezin ${name}`, category: "MPG2", regisseurId: world.coach.id, members };
  const id = (await ok<{ registerFamily: { id: string } }>(REGISTER, { input }, world.lead)).registerFamily.id;
  return { id, world, parentBsn, childBsn, name };
}

const view = async (family: FamilyRef, as: Who = family.world.coach) => (await ok<{ family: FamilyView | null }>(FAMILY, { id: family.id }, as)).family;
/** The family as whoever may know of it sees its process; null when it is not there for them. */
const seen = async (family: FamilyRef, as: Who) => (await ok<{ family: { id: string; name: string; phase: string } | null }>(SEEN, { id: family.id }, as)).family;
const versionOf = async (family: FamilyRef) => (await ok<{ family: { plan: { version: number } } }>(PLAN_VERSION, { id: family.id }, family.world.coach)).family.plan.version;
const move = (family: FamilyRef, to: string) => ok(CHANGE_PHASE, { familyId: family.id, to }, family.world.coach);

/** Planned with one achieved goal; returns the goal's id. */
async function planned(family: FamilyRef): Promise<string> {
  const coach = family.world.coach;
  await move(family, "PLANNING");
  await ok(START_PLAN, { familyId: family.id }, coach);
  const input = { lifeDomain: "HOUSING", memberIds: [], ownWords: "Een eigen plek houden", target: "Geen huurachterstand meer" };
  const goal = await ok<{ addGoal: { goal: { id: string } } }>(ADD_GOAL, { familyId: family.id, v: await versionOf(family), input }, coach);
  await ok(UPDATE_GOAL, { goalId: goal.addGoal.goal.id, v: await versionOf(family), input: { status: "ACHIEVED" } }, coach);
  return goal.addGoal.goal.id;
}

/** From a plan in PLANNING through the final evaluation to AFTERCARE (closeFamily). */
async function closeIt(family: FamilyRef, input: Vars = {}) {
  await move(family, "EXECUTING");
  await move(family, "EVALUATING");
  await move(family, "CLOSING");
  const day = app.clock.today();
  await ok(RECORD_EVALUATION, { familyId: family.id, v: await versionOf(family), input: { heldOn: day, overall: "Slotgesprek met het gezin", final: true } }, family.world.coach);
  await ok(CLOSE, { familyId: family.id, input }, family.world.coach);
}

/** A family planned and closed: AFTERCARE from `closedOn`, CLOSED from `aftercareEndedOn` (if given). */
async function closedFamily(world: World, name: string, closedOn: string, aftercareEndedOn: string | null, parentBsn?: string): Promise<FamilyRef> {
  on(closedOn);
  const family = await aFamily(world, name, parentBsn);
  await planned(family);
  await closeIt(family);
  if (aftercareEndedOn) {
    on(aftercareEndedOn);
    await ok(END_AFTERCARE, { familyId: family.id }, world.coach);
  }
  return family;
}

/** Nothing in the database but the outlines (and an access log, once there is one) holds any of these strings. */
async function tablesHolding(needles: string[]): Promise<string[]> {
  const db = app.database.db;
  const tables = rowsOf<{ table_name: string }>(
    await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`),
  )
    .map((row) => row.table_name)
    // The access log is append-only and keeps its own term; retention never touches it.
    .filter((name) => name !== "closed_family_outlines" && !/access_log|audit/.test(name));
  const found: string[] = [];
  for (const table of tables) {
    const rows = rowsOf<{ row: string }>(await db.execute(sql`select row_to_json(t)::text as row from ${sql.identifier(table)} t`));
    for (const needle of needles) if (rows.some((row) => row.row.includes(needle))) found.push(`${table}: ${needle}`);
  }
  return found;
}

// =============================================================================================

describe("when a closed family's term has run out", { timeout: 120_000 }, () => {
  it("removes a family closed five years ago to the day, and keeps one closed four years and eleven months ago", async () => {
    const world = await aWorld("groningen-like");
    const old = await closedFamily(world, "Bakker", "2020-12-01", "2021-06-15");
    const recent = await closedFamily(world, "Visser", "2021-01-10", "2021-07-16");

    const dayBefore = await retentionOn("2026-06-14");
    expect(dayBefore.closedFamilies.removed).toEqual([]);
    expect((await view(old))?.phase).toBe("CLOSED");

    const report = await retentionOn(RUN);
    expect(report.closedFamilies.removed).toEqual([{ familyId: old.id, regionId: world.regionId, closedOn: "2021-06-15" }]);
    expect(await view(old)).toBeNull();
    expect((await view(recent))?.phase).toBe("CLOSED");
    // Its people are gone too; the other family's are all there.
    expect((await ok<{ families: { nodes: { id: string }[] } }>(FAMILIES, {}, world.coach)).families.nodes.map((family) => family.id)).toEqual([recent.id]);
    expect(await tablesHolding([old.id, old.parentBsn, old.childBsn, "Bakker"])).toEqual([]);
    expect((await view(recent))!.members.map((member) => member.person.bsn).sort()).toEqual([recent.parentBsn, recent.childBsn].sort());

    const later = await retentionOn("2026-07-16");
    expect(removedIds(later)).toEqual([recent.id]);
  });

  it("counts the term in the region's own years, which its covenant administrator sets", async () => {
    const twoYears = await aWorld("two-years");
    const fiveYears = await aWorld("five-years");
    expect((await ok<{ me: { region: { retention: { closedFamilyYears: number } } } }>(MY_RETENTION, {}, twoYears.coach)).me.region.retention.closedFamilyYears).toBe(5);

    // Only the covenant administrator sets it, to whole years from 1 to 20.
    refused(await gql(SET_RETENTION, { input: { closedFamilyYears: 2 } }, twoYears.coach), "FORBIDDEN");
    refused(await gql(SET_RETENTION, { input: { closedFamilyYears: 2 } }, twoYears.lead), "FORBIDDEN");
    refused(await gql(SET_RETENTION, { input: { closedFamilyYears: 0 } }, twoYears.admin), "BAD_USER_INPUT", "input.closedFamilyYears");
    refused(await gql(SET_RETENTION, { input: { closedFamilyYears: 21 } }, twoYears.admin), "BAD_USER_INPUT", "input.closedFamilyYears");
    expect((await ok<{ setRetentionSettings: { closedFamilyYears: number } }>(SET_RETENTION, { input: { closedFamilyYears: 2 } }, twoYears.admin)).setRetentionSettings).toEqual({
      closedFamilyYears: 2,
    });
    // Every professional of the region reads it; the other region keeps its own.
    expect((await ok<{ me: { region: { retention: { closedFamilyYears: number } } } }>(MY_RETENTION, {}, twoYears.coach)).me.region.retention.closedFamilyYears).toBe(2);
    expect((await ok<{ me: { region: { retention: { closedFamilyYears: number } } } }>(MY_RETENTION, {}, fiveYears.coach)).me.region.retention.closedFamilyYears).toBe(5);

    const goes = await closedFamily(twoYears, "Smit", "2024-01-10", "2024-06-14");
    const staysTwo = await closedFamily(twoYears, "Meijer", "2024-02-10", "2024-07-16");
    const staysFive = await closedFamily(fiveYears, "Mulder", "2024-01-10", "2024-06-14");

    const report = await retentionOn(RUN);
    expect(removedIds(report)).toEqual([goes.id]);
    expect(await view(goes)).toBeNull();
    expect((await view(staysTwo))?.phase).toBe("CLOSED");
    expect((await view(staysFive))?.phase).toBe("CLOSED");
  });

  it("keeps a family in aftercare and a reopened one, however long ago they were closed; a family closed again counts from then", async () => {
    const world = await aWorld("groningen-like");
    const inAftercare = await closedFamily(world, "de Vries", "2015-03-01", null);
    const reopened = await closedFamily(world, "Jansen", "2015-03-01", "2015-09-01");
    on("2016-02-01");
    await ok(REOPEN, { familyId: reopened.id }, world.coach);
    const closedAgain = await closedFamily(world, "de Boer", "2015-03-01", "2015-09-01");
    on("2022-01-10");
    await ok(REOPEN, { familyId: closedAgain.id }, world.coach);
    await closeIt(closedAgain);
    on("2022-06-01");
    await ok(END_AFTERCARE, { familyId: closedAgain.id }, world.coach);

    const report = await retentionOn(RUN);
    expect(report.closedFamilies.removed).toEqual([]);
    expect((await view(inAftercare))?.phase).toBe("AFTERCARE");
    expect((await view(reopened))?.phase).toBe("PLANNING");
    expect((await view(closedAgain))?.closures).toHaveLength(2);

    // The one closed again goes five years after its latest closing.
    expect(removedIds(await retentionOn("2027-05-31"))).toEqual([]);
    expect(removedIds(await retentionOn("2027-06-01"))).toEqual([closedAgain.id]);
  });

  it("removes a family screened out as regular care from the day screening closed it", async () => {
    const world = await aWorld("groningen-like");
    on("2021-03-03");
    const concern = {
      label: "Gezin Dekker",
      members: [
        { bsn: bsnNumber((seed += 1_000)), givenName: "Ilse", familyName: "Dekker", birthDate: "1990-05-01", relation: "PARENT", legalCustody: true },
        { bsn: bsnNumber((seed += 1_000)), givenName: "Sem", familyName: "Dekker", birthDate: "2014-07-21", relation: "CHILD" },
      ],
      description: "Schoolverzuim van Sem, moeder overbelast",
      discussedWithFamily: true,
    };
    const receipt = await ok<{ registerConcern: { concern: { id: string } } }>(CONCERN, { input: concern }, world.housingPro);
    const familyId = (await ok<{ concerns: { nodes: { id: string; familyId: string }[] } }>(CONCERNS, {}, world.lead)).concerns.nodes.find(
      (one) => one.id === receipt.registerConcern.concern.id,
    )!.familyId;
    await ok(SCREEN, { familyId, input: { outcome: "REGULAR", reasoning: "Het wijkteam kan dit aan" } }, world.lead);

    expect(removedIds(await retentionOn("2026-03-02"))).toEqual([]);
    expect(removedIds(await retentionOn("2026-03-03"))).toEqual([familyId]);
    // The submitter no longer finds the concern either.
    expect((await ok<{ concerns: { nodes: unknown[] } }>(CONCERNS, {}, world.housingPro)).concerns.nodes).toEqual([]);
  });
});

// =============================================================================================

describe("what goes, and what stays", { timeout: 120_000 }, () => {
  it("removes everything held on the family and its members, and keeps an outline of its process that names nobody", async () => {
    // Signals short-lived, so the reference index's own rules have destroyed the child's by the run.
    const world = await aWorld("groningen-like", { signalActiveMonths: 12, signalHistoricalMonths: 12 });
    const { coach, lead, youthPro, youthManager, housing, housingPro, housingManager } = world;
    const parentBsn = bsnNumber((seed += 1_000));
    const childBsn = bsnNumber((seed += 1_000));
    const texts = {
      concern: "Huurachterstand en zorgen over de veiligheid van Noor",
      analysis: "Moeder heeft schulden bij drie schuldeisers",
      coachNote: "Vader belde boos over de woning",
      emergency: "Acute zorg om de veiligheid van Noor na melding van de school",
      escalation: "Lefier wil ontruimen terwijl het plan de schuld regelt",
      advice: "Houd de ontruiming aan tot de schuldregeling loopt",
      handover: "Het wijkteam neemt de regie over en kent de moeder al",
      basis: "Ondertoezichtstelling uitspraak rechtbank Noord-Nederland",
    };

    // A crisis concern by housing: the family appears in SIGNALLED, youth care is told.
    on("2019-02-01");
    const concernInput = {
      label: "Gezin Kok",
      members: [
        { bsn: parentBsn, givenName: "Ilse", familyName: "Kok", birthDate: "1988-05-01", relation: "PARENT", legalCustody: true },
        { bsn: childBsn, givenName: "Noor", familyName: "Kok", birthDate: "2011-07-21", relation: "CHILD" },
      ],
      description: texts.concern,
      discussedWithFamily: false,
      notDiscussedReason: "Moeder was niet bereikbaar",
      crisis: true,
    };
    const receipt = await ok<{ registerConcern: { route: string; concern: { id: string } } }>(CONCERN, { input: concernInput }, housingPro);
    expect(receipt.registerConcern.route).toBe("CRISIS");
    const familyId = (await ok<{ concerns: { nodes: { id: string; familyId: string }[] } }>(CONCERNS, {}, lead)).concerns.nodes[0]!.familyId;
    const family: FamilyRef = { id: familyId, world, parentBsn, childBsn, name: "Kok" };
    await ok(SCREEN, { familyId, input: { outcome: "MPG3", reasoning: "Meer dan regulier nodig", meeting: "CASE_MEETING", regisseurId: coach.id } }, lead);

    // Youth care signals the child: involved, so it may break the glass.
    await ok(SIGNAL, { input: { bsn: childBsn, birthDate: "2011-07-21", discussedWithFamily: true } }, youthPro);

    // The plan, with every kind of part.
    const goalId = await planned(family);
    const members = (await view(family))!.members;
    const parent = members.find((member) => member.person.bsn === parentBsn)!.person;
    const child = members.find((member) => member.person.bsn === childBsn)!.person;
    await ok(SET_ANALYSIS, { familyId, v: await versionOf(family), input: { lifeDomain: "HOUSING", memberId: parent.id, text: texts.analysis } }, coach);
    const task = { goalId, lifeDomain: "HOUSING", memberIds: [parent.id], description: "Betalingsregeling huur", leadPartnerId: housing.id, leadProfessionalId: housingPro.id, dueDate: "2019-06-01" };
    await ok(ADD_TASK, { familyId, v: await versionOf(family), input: task }, coach);
    await ok(ADD_MILESTONE, { familyId, v: await versionOf(family), input: { title: "Schuldregeling rond", dueDate: "2019-09-01" } }, coach);
    await ok(COACH_NOTE, { familyId, text: texts.coachNote }, coach);
    await ok(AGREE, { familyId, version: await versionOf(family), party: "CLIENT", personId: parent.id }, coach);
    const consent = await ok<{ recordConsent: { id: string } }>(
      RECORD_CONSENT,
      { input: { familyId, personId: parent.id, partnerId: housing.id, lifeDomains: ["HOUSING"], givenBy: [parent.id] } },
      coach,
    );
    await ok(WITHDRAW_CONSENT, { id: consent.recordConsent.id, by: [parent.id] }, coach);
    await ok(
      LEGAL_GROUND,
      { input: { familyId, personId: child.id, partnerId: world.youthCare.id, lifeDomains: ["PARENTING"], kind: "CHILD_PROTECTION_MEASURE", basis: texts.basis } },
      lead,
    );
    await ok(EMERGENCY, { familyId, reason: texts.emergency }, youthPro);
    await move(family, "EXECUTING");
    const escalation = await ok<{ raiseEscalation: { id: string } }>(RAISE, { familyId, subject: texts.escalation, parties: [housing.id] }, coach);
    await ok(RESOLVE, { id: escalation.raiseEscalation.id }, coach);
    await ok(ADVICE, { familyId, input: { partnerId: housing.id, lifeDomain: "HOUSING", decisionType: "EVICTION", advice: texts.advice } }, coach);

    // Closed with a handover, aftercare ended: CLOSED on 2020-06-01.
    on("2020-03-01");
    await move(family, "EVALUATING");
    await move(family, "CLOSING");
    await ok(RECORD_EVALUATION, { familyId, v: await versionOf(family), input: { heldOn: "2020-03-01", overall: "Slotgesprek met Ilse en Noor", final: true } }, coach);
    await ok(CLOSE, { familyId, input: { handover: { partnerId: housing.id, note: texts.handover } } }, coach);
    on("2020-06-01");
    await ok(END_AFTERCARE, { familyId }, coach);

    // Before: the regisseur, the project leader, the partners and the crisis partner all find it.
    expect((await seen(family, coach))?.name).toBe("Gezin Kok");
    expect((await seen(family, lead))?.name).toBe("Gezin Kok");
    const mentions = async (who: Who) =>
      (await ok<{ notifications: { nodes: { familyId: string | null; subjectId: string | null }[] } }>(INBOX, {}, who)).notifications.nodes.filter(
        (notice) => notice.familyId === familyId || notice.subjectId === receipt.registerConcern.concern.id,
      );
    expect((await mentions(coach)).length).toBeGreaterThan(0);
    expect((await mentions(lead)).length).toBeGreaterThan(0);
    expect((await mentions(youthManager)).length).toBeGreaterThan(0);
    expect((await mentions(housingManager)).length).toBeGreaterThan(0);
    expect((await ok<{ advicesToAnswer: { nodes: unknown[] } }>(ADVICES_TO_ANSWER, {}, housingManager)).advicesToAnswer.nodes).toHaveLength(1);
    expect((await ok<{ myTasks: { nodes: unknown[] } }>(MY_TASKS, {}, housingPro)).myTasks.nodes).toHaveLength(1);
    expect((await ok<{ escalations: { nodes: unknown[] } }>(ESCALATIONS, {}, housingPro)).escalations.nodes).toHaveLength(1);
    const identifiers = [familyId, parent.id, child.id, parentBsn, childBsn, "Ilse", "Noor", "Gezin Kok", ...Object.values(texts)];
    expect((await tablesHolding(identifiers)).length).toBeGreaterThan(0);

    const report = await retentionOn("2025-06-01");
    expect(removedIds(report)).toEqual([familyId]);
    expect(report.referenceIndex.expired).toBe(1);
    expect(report.closedFamilies.outlines).toBe(1);
    expect(report.closedFamilies.rows).toMatchObject({
      families: 1,
      persons: 2,
      memberships: 2,
      concerns: 1,
      concernMembers: 2,
      screenings: 1,
      consents: 1,
      legalGrounds: 1,
      emergencyAccesses: 1,
      analyses: 1,
      goals: 1,
      tasks: 1,
      milestones: 1,
      evaluations: 1,
      agreements: 1,
      coachNotes: 1,
      escalations: 1,
      advices: 1,
      closures: 1,
    });
    expect(report.closedFamilies.rows.notifications).toBeGreaterThan(0);
    expect(report.closedFamilies.rows.escalationSteps).toBeGreaterThan(0);
    expect(report.closedFamilies.rows.planRevisions).toBeGreaterThan(0);

    // After: nobody who could read it before finds it, or anything that pointed at it.
    for (const who of [coach, lead]) {
      expect(await seen(family, who)).toBeNull();
      expect((await ok<{ families: { nodes: { id: string }[] } }>(FAMILIES, {}, who)).families.nodes).toEqual([]);
    }
    for (const who of [coach, lead, youthManager, housingManager, housingPro]) expect(await mentions(who)).toEqual([]);
    expect((await ok<{ concerns: { nodes: unknown[] } }>(CONCERNS, {}, housingPro)).concerns.nodes).toEqual([]);
    expect((await ok<{ advicesToAnswer: { nodes: unknown[] } }>(ADVICES_TO_ANSWER, {}, housingManager)).advicesToAnswer.nodes).toEqual([]);
    expect((await ok<{ myTasks: { nodes: unknown[] } }>(MY_TASKS, {}, housingPro)).myTasks.nodes).toEqual([]);
    expect((await ok<{ escalations: { nodes: unknown[] } }>(ESCALATIONS, {}, housingPro)).escalations.nodes).toEqual([]);
    // A removed family answers a mutation exactly as an id nobody has.
    const reopenRemoved = refused(await gql(REOPEN, { familyId }, coach), "NOT_FOUND");
    expect(reopenRemoved).toBe(refused(await gql(REOPEN, { familyId: NOBODY }, coach), "NOT_FOUND"));
    // Nothing anywhere names the family, its members, or says anything about them.
    expect(await tablesHolding(identifiers)).toEqual([]);

    // What stays: the process in days and numbers, under an id of its own.
    const outlines = await app.database.db.select().from(closedFamilyOutlines).where(eq(closedFamilyOutlines.regionId, world.regionId));
    expect(outlines).toHaveLength(1);
    const [outline] = outlines;
    expect(outline!.id).not.toBe(familyId);
    expect(outline).toMatchObject({ registeredOn: "2019-02-01", closedOn: "2020-06-01" });
    expect(outline!.outline.phases.map((phase) => phase.phase)).toEqual([
      "SIGNALLED",
      "SCREENED",
      "PLANNING",
      "EXECUTING",
      "EVALUATING",
      "CLOSING",
      "AFTERCARE",
      "CLOSED",
    ]);
    expect(outline!.outline.categories).toEqual([{ category: "MPG3", since: "2019-02-01" }]);
    expect(outline!.outline.closures).toEqual([
      {
        closedOn: "2020-03-01",
        goalsTotal: 1,
        goalsAchieved: 1,
        positiveExit: true,
        revisitOn: "2020-09-01",
        keeperActive: true,
        handover: true,
        aftercareEndedOn: "2020-06-01",
        reopenedOn: null,
      },
    ]);
    expect(outline!.outline.concerns).toEqual([{ submittedOn: "2019-02-01", discussedWithFamily: false }]);
    expect(outline!.outline.screening).toEqual({ screenedOn: "2019-02-01", outcome: "MPG3" });
    expect(outline!.outline.regie).toMatchObject([{ since: "2019-02-01", regisseurActive: true }]);
    expect(outline!.outline.plan).toEqual({ startedOn: "2019-02-01", evaluationMonths: 3 });
    // The household-wide goal names nobody and only HOUSING of three domains was analysed: the plan never covered either.
    expect(outline!.outline.coverage).toEqual([{ since: "2019-02-01", members: false, lifeDomains: false }]);
    expect(outline!.outline.escalations).toMatchObject([{ track: "PLAN_EXECUTION", status: "RESOLVED", raisedOn: "2019-02-01", resolvedOn: "2019-02-01" }]);
    expect(outline!.outline.advices).toMatchObject([{ binding: false, status: "ISSUED", issuedOn: "2019-02-01" }]);
    expect(outline!.outline.tasks).toEqual([
      { createdOn: "2019-02-01", dueOn: "2019-06-01", status: "OPEN", askedOn: "2019-02-01", startedOn: null, revisions: [{ on: "2019-02-01", status: "OPEN", dueOn: "2019-06-01" }] },
    ]);
    // No id of anyone, no name, no BSN, no word anyone wrote.
    const everyProfessional = Object.values(world).filter((value): value is Who => typeof value === "object" && "id" in value).map((who) => who.id);
    const written = JSON.stringify(outline);
    for (const needle of [...identifiers, ...everyProfessional, consent.recordConsent.id, escalation.raiseEscalation.id]) expect(written).not.toContain(needle);
    // The only ids in it are its own and its region's.
    expect(new Set(written.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g))).toEqual(new Set([outline!.id, world.regionId]));
    // The access log keeps who did what to the family, and now says the system erased it: the chain holds.
    const [erased] = await app.database.db
      .select()
      .from(accessLog)
      .where(sql`${accessLog.familyId} = ${familyId} and ${accessLog.action} = 'ERASE'`);
    expect(erased).toMatchObject({ actorKind: "SYSTEM", actorId: null, operation: "retention", regionId: world.regionId });
    expect(erased!.data).toEqual(expect.arrayContaining(["families", "persons", "plans", "consents"]));
    expect(erased!.personIds).toEqual([parent.id, child.id].sort());
    expect((await verifyAccessLog(app.database.db)).firstBad).toBeNull();
  });

  it("leaves a person who is also in a living family with what that family needs, and their reference-index signals alone", async () => {
    const world = await aWorld("groningen-like");
    const sharedParentBsn = bsnNumber((seed += 1_000));
    const removed = await closedFamily(world, "Hoekstra", "2019-01-10", "2019-06-01", sharedParentBsn);
    // The same mother in a new household, still in the approach, with her consent on record.
    on("2024-03-01");
    const living = await aFamily(world, "Hoekstra-Dijk", sharedParentBsn);
    const livingMother = (await view(living))!.members.find((member) => member.person.bsn === sharedParentBsn)!.person;
    await ok(
      RECORD_CONSENT,
      { input: { familyId: living.id, personId: livingMother.id, partnerId: world.housing.id, lifeDomains: ["HOUSING"], givenBy: [livingMother.id] } },
      world.coach,
    );
    // A register made by hand shares one person row between the two households: the removed
    // family's child also lives in the living one.
    const removedChild = (await view(removed))!.members.find((member) => member.person.bsn === removed.childBsn)!.person;
    await app.database.db
      .insert(familyMemberships)
      .values({ regionId: world.regionId, familyId: living.id, personId: removedChild.id, relation: "CHILD", validFrom: "2024-03-01" });
    // Two organisations signal the child now: the reference index keeps them by its own rules.
    on("2026-01-10");
    await ok(SIGNAL, { input: { bsn: removed.childBsn, birthDate: "2012-09-12", discussedWithFamily: true } }, world.youthPro);
    await ok(SIGNAL, { input: { bsn: removed.childBsn, birthDate: "2012-09-12", discussedWithFamily: true } }, world.housingPro);

    const report = await retentionOn(RUN);
    expect(removedIds(report)).toEqual([removed.id]);
    // The removed household's own mother row went; the shared child row stayed.
    expect(report.closedFamilies.rows).toMatchObject({ persons: 1, memberships: 2 });
    expect(await view(removed)).toBeNull();

    const after = (await view(living))!;
    expect(after.members.map((member) => [member.person.bsn, member.person.givenName]).sort()).toEqual(
      [
        [sharedParentBsn, "Sanne"],
        [living.childBsn, "Daan"],
        [removed.childBsn, "Daan"],
      ].sort(),
    );
    expect(after.consents).toEqual([{ id: expect.any(String), personId: livingMother.id, withdrawnOn: null }]);
    const persons_ = await app.database.db.select({ id: persons.id }).from(persons).where(eq(persons.bsn, sharedParentBsn));
    expect(persons_).toEqual([{ id: livingMother.id }]);
    expect((await ok<{ whoIsInvolved: { organisation: string }[] }>(WHO, { bsn: removed.childBsn }, world.youthPro)).whoIsInvolved).toEqual([{ organisation: "Lefier" }]);
  });

  it("keeps a consent while the family's records stay, withdrawn or not, and removes it with them", async () => {
    const world = await aWorld("groningen-like");
    on("2020-01-15");
    const family = await aFamily(world, "Peters");
    await planned(family);
    const mother = (await view(family))!.members.find((member) => member.person.bsn === family.parentBsn)!.person;
    const consent = await ok<{ recordConsent: { id: string } }>(
      RECORD_CONSENT,
      { input: { familyId: family.id, personId: mother.id, partnerId: world.housing.id, lifeDomains: ["HOUSING"], givenBy: [mother.id] } },
      world.coach,
    );
    on("2020-05-01");
    await ok(WITHDRAW_CONSENT, { id: consent.recordConsent.id, by: [mother.id] }, world.coach);
    on("2022-02-01");
    await closeIt(family);
    on("2022-08-01");
    await ok(END_AFTERCARE, { familyId: family.id }, world.coach);
    // A family still in the approach keeps a consent withdrawn long ago, too.
    on("2016-01-15");
    const living = await aFamily(world, "Vos");
    const livingMother = (await view(living))!.members.find((member) => member.person.bsn === living.parentBsn)!.person;
    const old = await ok<{ recordConsent: { id: string } }>(
      RECORD_CONSENT,
      { input: { familyId: living.id, personId: livingMother.id, partnerId: world.housing.id, lifeDomains: ["HOUSING"], givenBy: [livingMother.id] } },
      world.coach,
    );
    on("2016-02-01");
    await ok(WITHDRAW_CONSENT, { id: old.recordConsent.id, by: [livingMother.id] }, world.coach);

    // Six years after the withdrawal, four after closing: the consent justifies what stays.
    const early = await retentionOn(RUN);
    expect(early.closedFamilies.rows.consents).toBe(0);
    expect((await view(family))!.consents).toEqual([{ id: consent.recordConsent.id, personId: mother.id, withdrawnOn: "2020-05-01" }]);
    expect((await view(living))!.consents).toEqual([{ id: old.recordConsent.id, personId: livingMother.id, withdrawnOn: "2016-02-01" }]);

    const due = await retentionOn("2027-08-01");
    expect(removedIds(due)).toEqual([family.id]);
    expect(due.closedFamilies.rows.consents).toBe(1);
    expect(await tablesHolding([consent.recordConsent.id])).toEqual([]);
    expect((await view(living))!.consents).toHaveLength(1);
  });
});

// =============================================================================================

describe("one run over everything", { timeout: 120_000 }, () => {
  it("applies the reference index's own rules in the same run, unchanged", async () => {
    const world = await aWorld("groningen-like", { signalActiveMonths: 12, signalHistoricalMonths: 12, signalAgeLimitYears: 23 });
    on("2023-01-10");
    const expiring = bsnNumber((seed += 1_000));
    await ok(SIGNAL, { input: { bsn: expiring, birthDate: "2015-01-01", discussedWithFamily: true } }, world.youthPro);
    // Turns 23 on 2026-06-15.
    const adult = bsnNumber((seed += 1_000));
    on("2026-01-10");
    await ok(SIGNAL, { input: { bsn: adult, birthDate: "2003-06-15", discussedWithFamily: true } }, world.youthPro);
    const staying = bsnNumber((seed += 1_000));
    await ok(SIGNAL, { input: { bsn: staying, birthDate: "2010-01-01", discussedWithFamily: true } }, world.youthPro);

    // Active until 2024-01-10, historical for 12 months after: destroyed from 2025-01-10.
    const report = await retentionOn(RUN);
    expect(report.referenceIndex).toEqual({ expired: 1, ageLimit: 1 });
    expect((await ok<{ mySignals: { nodes: unknown[] } }>(MY_SIGNALS, {}, world.youthPro)).mySignals.nodes).toHaveLength(1);
  });

  it("does nothing more when run again", async () => {
    const world = await aWorld("groningen-like", { signalActiveMonths: 12, signalHistoricalMonths: 12 });
    await closedFamily(world, "Bos", "2019-01-10", "2019-06-01");
    await closedFamily(world, "Kuipers", "2019-01-10", "2019-06-01");
    on("2023-01-10");
    await ok(SIGNAL, { input: { bsn: bsnNumber((seed += 1_000)), birthDate: "2015-01-01", discussedWithFamily: true } }, world.youthPro);

    const first = await retentionOn(RUN);
    expect(first.closedFamilies.removed).toHaveLength(2);
    expect(first.referenceIndex.expired).toBe(1);
    const outlines = await app.database.db.select().from(closedFamilyOutlines);

    const second = await retentionOn(RUN);
    expect(second.referenceIndex).toEqual({ expired: 0, ageLimit: 0 });
    expect(second.closedFamilies.removed).toEqual([]);
    expect(second.closedFamilies.outlines).toBe(0);
    expect(Object.values(second.closedFamilies.rows).every((count) => count === 0)).toBe(true);
    expect(await app.database.db.select().from(closedFamilyOutlines)).toEqual(outlines);
  });

  it("leaves a family whose removal fails whole, and still removes the others", async () => {
    const world = await aWorld("groningen-like");
    const blocked = await closedFamily(world, "Brouwer", "2019-01-10", "2019-06-01");
    const other = await closedFamily(world, "Post", "2019-01-10", "2019-06-01");
    const mother = (await view(blocked))!.members.find((member) => member.person.bsn === blocked.parentBsn)!.person;
    await ok(
      RECORD_CONSENT,
      { input: { familyId: blocked.id, personId: mother.id, partnerId: world.housing.id, lifeDomains: ["HOUSING"], givenBy: [mother.id] } },
      world.coach,
    );
    const db = app.database.db;
    // A reference the run does not know of, as a table added later without a rule would make.
    await db.execute(sql`create table retention_blocker (family_id uuid not null references families(id))`);
    await db.execute(sql`insert into retention_blocker values (${blocked.id}::uuid)`);

    on(RUN);
    const report = await runRetention(db, RUN);
    expect(removedIds(report)).toEqual([other.id]);
    expect(report.closedFamilies.failed).toEqual([{ familyId: blocked.id, error: expect.stringContaining("foreign key") }]);
    expect(report.closedFamilies.outlines).toBe(1);
    // Nothing of it went: not its notifications, its consent, its people, nor an outline of it.
    const whole = (await view(blocked))!;
    expect(whole.members.map((member) => member.person.bsn).sort()).toEqual([blocked.parentBsn, blocked.childBsn].sort());
    expect(whole.consents).toHaveLength(1);
    expect(await db.select().from(closedFamilyOutlines)).toHaveLength(1);
    expect(JSON.stringify(retentionLogEntry(report))).not.toContain("Brouwer");

    await db.execute(sql`drop table retention_blocker`);
    expect(removedIds(await retentionOn(RUN))).toEqual([blocked.id]);
  });

  it("reports per kind of record and the families' ids, and its log line names no one", async () => {
    const world = await aWorld("groningen-like");
    const family = await closedFamily(world, "Willems", "2019-01-10", "2019-06-01");
    const report = await retentionOn(RUN);
    const entry = retentionLogEntry(report);
    expect(entry).toMatchObject({
      today: RUN,
      referenceIndex: { expired: 0, ageLimit: 0 },
      closedFamilies: { removed: 1, familyIds: [family.id], outlines: 1, failed: [] },
    });
    expect(entry.closedFamilies.rows).toMatchObject({ families: 1, persons: 2, memberships: 2, plans: 1, goals: 1, closures: 1 });
    // Kinds of which nothing went are left out.
    expect(entry.closedFamilies.rows).not.toHaveProperty("consents");
    const line = JSON.stringify(entry);
    for (const needle of [family.parentBsn, family.childBsn, "Willems", "Sanne", "Daan", "1985-04-02"]) expect(line).not.toContain(needle);
  });

  it("runs as npm run retention with --today, and refuses a day that is no date", async () => {
    const dir = mkdtempSync(join(tmpdir(), "retention-"));
    const run = promisify(execFile);
    const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: join(dir, "db"), LOG_LEVEL: "info", NODE_ENV: "test" };
    delete env.DATABASE_URL;
    const tsx = new URL("../node_modules/.bin/tsx", import.meta.url).pathname;
    const root = new URL("..", import.meta.url).pathname;
    try {
      // The script never makes a database (that is `npm start`'s to do): one exists, empty.
      await emptyEmbeddedDatabase(join(dir, "db"));
      const { stdout } = await run(tsx, ["scripts/retention.ts", "--today", "2031-01-01"], { cwd: root, env });
      const line = JSON.parse(stdout.trim().split("\n").at(-1)!);
      expect(line).toMatchObject({ msg: "retention done", today: "2031-01-01", closedFamilies: { removed: 0, familyIds: [], failed: [] } });
      await expect(run(tsx, ["scripts/retention.ts", "--today", "2031-02-30"], { cwd: root, env })).rejects.toMatchObject({ code: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
