import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { raiseDeadlines } from "../src/process/deadlines.js";
import { processSettings } from "../src/process/tables.js";
import { codes, startTestApp, type TestApp, data, refused } from "./support/app.js";
import { aLifeDomain, aPartner, aProfessional, aRegion, bsnNumber } from "./support/builders.js";

/*
 * Evaluation, closure, aftercare and reopening (domain brief §5, §8), through HTTP against the
 * real server and database, in an Amsterdam-like region (80% for a positive exit, involved
 * partners know only *that* a family is there), a Groningen-like one (75%, three months of
 * aftercare, plans open to every signatory) and one without process settings (the defaults).
 */

const DAY_MS = 24 * 3600_000;
const START = "2026-11-23T10:00:00+01:00";
const TODAY = "2026-11-23";
// An id nobody has: whoever may not know a family gets exactly the answer this one gets.
const NOBODY = "2b1f1f4e-9c1e-4c4e-8f57-3f1f4b7a0c11";

// --- documents ---------------------------------------------------------------------------------

const REGISTER = `mutation($input: RegisterFamilyInput!) { registerFamily(input: $input) { id } }`;
const SIGNAL = `mutation($input: SignalInput!) { signal(input: $input) { id } }`;
const PUBLISH = `mutation($input: CovenantVersionInput!) { publishCovenantVersion(input: $input) { version inForce } }`;
const CHANGE_PHASE = `mutation($familyId: ID!, $to: FamilyPhase!) { changePhase(familyId: $familyId, to: $to) { id phase } }`;
const START_PLAN = `mutation($familyId: ID!) { startPlan(familyId: $familyId) { version } }`;
const ADD_GOAL = `mutation($familyId: ID!, $v: Int!, $input: GoalInput!) {
  addGoal(familyId: $familyId, expectedVersion: $v, input: $input) { version goal { id } } }`;
const UPDATE_GOAL = `mutation($goalId: ID!, $v: Int!, $input: GoalUpdate!) { updateGoal(goalId: $goalId, expectedVersion: $v, input: $input) { version } }`;
const ADD_TASK = `mutation($familyId: ID!, $v: Int!, $input: TaskInput!) {
  addTask(familyId: $familyId, expectedVersion: $v, input: $input) { version task { id } } }`;
const UPDATE_TASK = `mutation($taskId: ID!, $v: Int!, $input: TaskUpdate!) { updateTask(taskId: $taskId, expectedVersion: $v, input: $input) { version } }`;
const RECORD_EVALUATION = `mutation($familyId: ID!, $v: Int!, $input: EvaluationInput!) {
  recordEvaluation(familyId: $familyId, expectedVersion: $v, input: $input) { version evaluation { id heldOn final } } }`;
const ISSUE_ADVICE = `mutation($familyId: ID!, $input: AdviceInput!) { issueAdvice(familyId: $familyId, input: $input) { id } }`;
const RAISE = `mutation($familyId: ID!, $track: EscalationTrack!, $subject: String!, $parties: [ID!]!) {
  raiseEscalation(familyId: $familyId, track: $track, subject: $subject, partyPartnerIds: $parties) { id } }`;
const CLOSE = `mutation($familyId: ID!, $input: CloseFamilyInput!) { closeFamily(familyId: $familyId, input: $input) { id phase } }`;
const END_AFTERCARE = `mutation($familyId: ID!, $note: String!) { endAftercare(familyId: $familyId, note: $note) { id phase } }`;
const REOPEN = `mutation($familyId: ID!, $reason: String!) { reopenFamily(familyId: $familyId, reason: $reason) { id phase } }`;

const CLOSURE = `id closedAt closedById finalEvaluationId goalsTotal goalsAchieved positiveExit aftercareKeeperId revisitOn
  aftercareEndedAt aftercareNote reopenedAt reopenedById reopenReason handoverPartner { id } handoverProfessionalId`;
const PROCESS_VIEW = `query($id: ID!) { family(id: $id) {
  phase phaseHistory { phase since until days setById note }
  closures { ${CLOSURE} }
  plan { version nextEvaluationDue evaluations { id heldOn final } }
} }`;
const CLOSURES = `query($id: ID!) { family(id: $id) { id closures { ${CLOSURE} } } }`;
const HANDOVER_NOTE = `query($id: ID!) { family(id: $id) { closures { handoverProfessionalId handoverNote } } }`;
const DUE_DEFAULT = `{ dueEvaluations { nodes { familyId family { name } planId nextEvaluationDue overdue daysOverdue } } }`;
const DUE_WITHIN = `query($within: Int!) { dueEvaluations(withinDays: $within) { nodes { familyId planId nextEvaluationDue overdue daysOverdue } } }`;
const INBOX = `{ notifications { nodes { kind familyId subjectId due reason actorId } } }`;

// --- the shapes a client reads -----------------------------------------------------------------

interface ClosureView {
  id: string;
  closedAt: string;
  closedById: string;
  finalEvaluationId: string;
  goalsTotal: number;
  goalsAchieved: number;
  positiveExit: boolean;
  aftercareKeeperId: string;
  revisitOn: string;
  aftercareEndedAt: string | null;
  aftercareNote: string | null;
  reopenedAt: string | null;
  reopenedById: string | null;
  reopenReason: string | null;
  handoverPartner: { id: string } | null;
  handoverProfessionalId: string | null;
}
interface ProcessView {
  phase: string;
  phaseHistory: { phase: string; since: string; until: string | null; days: number; setById: string; note: string | null }[];
  closures: ClosureView[];
  plan: { version: number; nextEvaluationDue: string; evaluations: { id: string; heldOn: string; final: boolean }[] } | null;
}
interface DueView {
  familyId: string;
  family?: { name: string };
  planId: string;
  nextEvaluationDue: string;
  overdue: boolean;
  daysOverdue: number;
}
interface Notice {
  kind: string;
  familyId: string | null;
  subjectId: string | null;
  due: string | null;
  reason: string | null;
  actorId: string | null;
}
type Vars = Record<string, unknown>;
type Who = { id: string };
type PartnerRef = { id: string; regionId: string };

/** One region as a test needs it: its coaches, its process lead, partners and their professionals. */
interface World {
  name: string;
  coach: Who;
  otherCoach: Who;
  lead: Who;
  /** A partner professional of youth care: involved once it signals a child. */
  youthCare: PartnerRef;
  youthPro: Who;
  youthPro2: Who;
  /** A signatory partner professional that never signals (Amsterdam: knows no family). */
  bystander: Who;
  housing: PartnerRef;
  housingPro: Who;
}
interface FamilyRef {
  id: string;
  world: World;
  childBsn: string;
  childBirthDate: string;
}

describe("evaluation, closure, aftercare and reopening", () => {
  let app: TestApp;
  let amsterdam: World;
  let groningen: World;
  let plain: World;
  // For the queues and inboxes: a coach and a process lead with families of these tests alone.
  let dueWorld: World;


  const gql = <T = Record<string, unknown>>(query: string, variables: Vars, as: Who) => app.gql<T>(query, variables, as.id);
  const ok = async <T = Record<string, unknown>>(query: string, variables: Vars, as: Who) => data(await gql<T>(query, variables, as));

  /** Moves the clock on by whole days. */
  const advance = (days: number) => app.clock.set(new Date(app.clock.now().getTime() + days * DAY_MS));
  /** Sets the clock to mid-morning of a day (Dutch time). */
  const on = (day: string) => app.clock.set(`${day}T10:00:00+01:00`);

  // --- the worlds --------------------------------------------------------------------------------

  async function aWorld(
    code: string,
    options: { settings?: { positiveExitPercent: number; aftercareMonths: number }; covenant: "involved-dat" | "all-signatories" | "none"; leadRole?: "PROCESS_LEAD" | "PROJECT_LEAD" },
  ): Promise<World> {
    const db = app.database.db;
    const region = await aRegion(db, { code });
    for (const domain of ["HOUSING", "FINANCES", "PARENTING"]) await aLifeDomain(db, region.id, domain);
    const municipality = await aPartner(db, region.id, { name: "Gemeente", sector: "MUNICIPALITY" });
    const socialWork = await aPartner(db, region.id, { name: "Maatschappelijk werk", sector: "SOCIAL_WORK" });
    const youthCare = await aPartner(db, region.id, { name: "Jeugdzorg", sector: "YOUTH_CARE" });
    const housing = await aPartner(db, region.id, { name: "Woningcorporatie", sector: "HOUSING" });
    const police = await aPartner(db, region.id, { name: "Politie", sector: "POLICE_JUSTICE" });
    const world: World = {
      name: code,
      coach: await aProfessional(db, socialWork, ["COACH"]),
      otherCoach: await aProfessional(db, socialWork, ["COACH"]),
      lead: await aProfessional(db, municipality, [options.leadRole ?? "PROCESS_LEAD"]),
      youthCare,
      youthPro: await aProfessional(db, youthCare),
      youthPro2: await aProfessional(db, youthCare),
      bystander: await aProfessional(db, police),
      housing,
      housingPro: await aProfessional(db, housing),
    };
    if (options.settings) {
      await db.insert(processSettings).values({
        regionId: region.id,
        meldpuntName: `Meldpunt Zorg en Overlast ${code}`,
        meldpuntContact: "14 020",
        ...options.settings,
      });
    }
    if (options.covenant !== "none") {
      const admin = await aProfessional(db, municipality, ["COVENANT_ADMIN"]);
      const rules =
        options.covenant === "involved-dat"
          ? [{ level: "DAT", requiresInvolvement: true, requiresConsentOrLegalGround: false, description: "Involved signatories know who else is involved." }]
          : [{ level: "SECTION", requiresInvolvement: false, requiresConsentOrLegalGround: false, description: "The plans of selected families are open to every signatory." }];
      const covenant = {
        title: `Convenant ${code}`,
        signatoryPartnerIds: [municipality.id, socialWork.id, youthCare.id, housing.id, police.id],
        rules,
      };
      expect((await ok<{ publishCovenantVersion: { inForce: boolean } }>(PUBLISH, { input: covenant }, admin)).publishCovenantVersion.inForce).toBe(true);
    }
    return world;
  }

  // --- families and plans ------------------------------------------------------------------------

  let seed = 52_000_000;
  /** A household registered by the world's process lead, led by its coach: phase SCREENED. */
  async function aFamily(world: World, name: string, coach: Who = world.coach, lead: Who = world.lead): Promise<FamilyRef> {
    const base = (seed += 1_000);
    const parent = { bsn: bsnNumber(base), givenName: "Sanne", familyName: name, birthDate: "1987-04-02", relation: "PARENT", legalCustody: true };
    const child = { bsn: bsnNumber(base + 100), givenName: "Daan", familyName: name, birthDate: "2015-09-12", relation: "CHILD" };
    const input = { name: `Gezin ${name}`, category: "MPG2", regisseurId: coach.id, members: [parent, child] };
    const id = (await ok<{ registerFamily: { id: string } }>(REGISTER, { input }, lead)).registerFamily.id;
    return { id, world, childBsn: child.bsn, childBirthDate: child.birthDate };
  }

  /** The professional's organisation signals the family's child: it becomes involved. */
  async function involve(family: FamilyRef, professional: Who) {
    await ok(SIGNAL, { input: { bsn: family.childBsn, birthDate: family.childBirthDate, discussedWithFamily: true } }, professional);
  }

  const view = async (family: FamilyRef, as: Who = family.world.coach) =>
    (await ok<{ family: ProcessView }>(PROCESS_VIEW, { id: family.id }, as)).family;
  const versionOf = async (family: FamilyRef, as: Who = family.world.coach) => (await view(family, as)).plan!.version;
  const move = (family: FamilyRef, to: string, as: Who = family.world.coach) => ok(CHANGE_PHASE, { familyId: family.id, to }, as);

  /** Into PLANNING with a plan whose goals end in these statuses; returns the goal ids. */
  async function planned(family: FamilyRef, statuses: string[] = []): Promise<string[]> {
    const coach = family.world.coach;
    await move(family, "PLANNING");
    await ok(START_PLAN, { familyId: family.id }, coach);
    const goalIds: string[] = [];
    for (const [index, status] of statuses.entries()) {
      const input = { lifeDomain: "HOUSING", memberIds: [], ownWords: `Goal ${index + 1} in our own words`, target: `Target ${index + 1}` };
      const added = await ok<{ addGoal: { goal: { id: string } } }>(ADD_GOAL, { familyId: family.id, v: await versionOf(family), input }, coach);
      goalIds.push(added.addGoal.goal.id);
      if (status !== "OPEN") await ok(UPDATE_GOAL, { goalId: added.addGoal.goal.id, v: await versionOf(family), input: { status } }, coach);
    }
    return goalIds;
  }

  async function evaluate(family: FamilyRef, final: boolean, heldOn = app.clock.now()) {
    const input = { heldOn: isoDay(heldOn), overall: final ? "Closing conversation with the family" : "Quarterly evaluation", results: [], final };
    return gql<{ recordEvaluation: { evaluation: { id: string; final: boolean } } }>(
      RECORD_EVALUATION,
      { familyId: family.id, v: await versionOf(family), input },
      family.world.coach,
    );
  }

  /** Planned, carried out, evaluated and in CLOSING, with a final evaluation unless told otherwise. */
  async function inClosing(family: FamilyRef, statuses: string[] = [], options: { final?: boolean } = {}) {
    await planned(family, statuses);
    await move(family, "EXECUTING");
    await move(family, "EVALUATING");
    await move(family, "CLOSING");
    if (options.final !== false) data(await evaluate(family, true));
  }

  const close = (family: FamilyRef, input: Vars = {}, as: Who = family.world.coach) => gql<{ closeFamily: { phase: string } }>(CLOSE, { familyId: family.id, input }, as);

  async function inbox(who: Who, family?: FamilyRef): Promise<Notice[]> {
    const notices = (await ok<{ notifications: { nodes: Notice[] } }>(INBOX, {}, who)).notifications.nodes;
    return family ? notices.filter((notice) => notice.familyId === family.id) : notices;
  }

  const isoDay = (moment: Date) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Amsterdam" }).format(moment);

  beforeAll(async () => {
    app = await startTestApp();
    app.clock.set(START);
    amsterdam = await aWorld("amsterdam-like", { settings: { positiveExitPercent: 80, aftercareMonths: 6 }, covenant: "involved-dat" });
    groningen = await aWorld("groningen-like", { settings: { positiveExitPercent: 75, aftercareMonths: 3 }, covenant: "all-signatories", leadRole: "PROJECT_LEAD" });
    plain = await aWorld("no-settings", { covenant: "none" });
    dueWorld = await aWorld("amsterdam-deadlines", { settings: { positiveExitPercent: 80, aftercareMonths: 6 }, covenant: "involved-dat" });
  });
  afterEach(() => app.clock.set(START));
  afterAll(() => app?.close());

  // --- the walk ------------------------------------------------------------------------------------

  describe("the phases", () => {
    it("walks a family from SCREENED to CLOSED, and keeps every period with its days", async () => {
      const family = await aFamily(amsterdam, "Visser");
      const { coach, lead } = amsterdam;
      await involve(family, amsterdam.youthPro);
      expect((await view(family)).phase).toBe("SCREENED");
      advance(3);
      await planned(family, ["ACHIEVED"]);
      advance(10);
      await move(family, "EXECUTING");
      advance(80);
      await move(family, "EVALUATING", lead);
      advance(5);
      await move(family, "CLOSING");
      advance(1);
      data(await evaluate(family, true));
      advance(1);
      expect(data(await close(family)).closeFamily.phase).toBe("AFTERCARE");
      advance(30);
      expect((await ok<{ endAftercare: { phase: string } }>(END_AFTERCARE, { familyId: family.id, note: "Revisit done; the family is managing" }, coach)).endAftercare.phase).toBe("CLOSED");
      advance(4);

      const seen = await view(family);
      expect(seen.phase).toBe("CLOSED");
      expect(seen.phaseHistory.map((period) => [period.phase, period.days])).toEqual([
        ["SCREENED", 3],
        ["PLANNING", 10],
        ["EXECUTING", 80],
        ["EVALUATING", 5],
        ["CLOSING", 2],
        ["AFTERCARE", 30],
        ["CLOSED", 4],
      ]);
      // Each period ends where the next begins; the current one is open.
      seen.phaseHistory.slice(0, -1).forEach((period, index) => expect(period.until).toBe(seen.phaseHistory[index + 1]!.since));
      expect(seen.phaseHistory.at(-1)!.until).toBeNull();
      expect(seen.phaseHistory.map((period) => period.setById)).toEqual([lead.id, coach.id, coach.id, lead.id, coach.id, coach.id, coach.id]);
      expect(seen.closures).toHaveLength(1);
      expect(seen.closures[0]).toMatchObject({
        closedById: coach.id,
        goalsTotal: 1,
        goalsAchieved: 1,
        positiveExit: true,
        aftercareKeeperId: coach.id,
        aftercareNote: "Revisit done; the family is managing",
        reopenedAt: null,
      });
      expect(seen.closures[0]!.aftercareEndedAt).not.toBeNull();
      // The closure rests on the final evaluation, which the plan shows as final.
      const final = seen.plan!.evaluations.find((evaluation) => evaluation.id === seen.closures[0]!.finalEvaluationId);
      expect(final).toMatchObject({ final: true });
      // The process lead follows all of it (process data).
      const watched = await view(family, lead);
      expect(watched.phaseHistory).toHaveLength(7);
      expect(watched.closures[0]!.positiveExit).toBe(true);
    });

    it("refuses illegal transitions with CONFLICT naming the phases, and changes nothing", async () => {
      const family = await aFamily(groningen, "Mulder");
      const { coach } = groningen;
      const skipped = refused(await gql(CHANGE_PHASE, { familyId: family.id, to: "EXECUTING" }, coach), "CONFLICT");
      expect(skipped).toContain("SCREENED");
      expect(skipped).toContain("EXECUTING");
      await planned(family, ["OPEN"]);
      await move(family, "EXECUTING");
      const early = refused(await close(family), "CONFLICT");
      expect(early).toContain("EXECUTING");
      expect(early).toContain("CLOSING");
      expect(refused(await gql(END_AFTERCARE, { familyId: family.id, note: "Too early" }, coach), "CONFLICT")).toContain("EXECUTING");
      expect(refused(await gql(REOPEN, { familyId: family.id, reason: "It never closed at all" }, coach), "CONFLICT")).toContain("EXECUTING");
      // A final evaluation belongs to CLOSING; the plan is not changed by the attempt.
      const version = await versionOf(family);
      const outside = refused(await evaluate(family, true), "CONFLICT");
      expect(outside).toMatch(/^input\.final: /);
      expect(outside).toContain("EXECUTING");
      expect(await versionOf(family)).toBe(version);

      await move(family, "EVALUATING");
      await move(family, "CLOSING");
      // AFTERCARE is reached by closing the family, not by moving it there.
      const manual = refused(await gql(CHANGE_PHASE, { familyId: family.id, to: "AFTERCARE" }, coach), "CONFLICT");
      expect(manual).toContain("CLOSING");
      expect(manual).toContain("closeFamily");
      const seen = await view(family);
      expect(seen.phase).toBe("CLOSING");
      expect(seen.phaseHistory.map((period) => period.phase)).toEqual(["SCREENED", "PLANNING", "EXECUTING", "EVALUATING", "CLOSING"]);
      expect(seen.closures).toEqual([]);
    });
  });

  // --- closing -------------------------------------------------------------------------------------

  describe("closing", () => {
    it("refuses to close without a final evaluation since the family entered CLOSING, and changes nothing", async () => {
      const family = await aFamily(amsterdam, "Bos");
      await inClosing(family, ["ACHIEVED"], { final: false });
      data(await evaluate(family, false));
      const before = await view(family);
      refused(await close(family), "BAD_USER_INPUT", "finalEvaluation");
      expect(await view(family)).toEqual(before);

      // A final evaluation from an earlier stay in CLOSING no longer counts once the family went back.
      advance(1);
      const earlier = data(await evaluate(family, true)).recordEvaluation.evaluation;
      expect(earlier.final).toBe(true);
      advance(1);
      await move(family, "EXECUTING");
      advance(20);
      await move(family, "EVALUATING");
      await move(family, "CLOSING");
      refused(await close(family), "BAD_USER_INPUT", "finalEvaluation");
      expect((await view(family)).phase).toBe("CLOSING");

      advance(1);
      const final = data(await evaluate(family, true)).recordEvaluation.evaluation;
      data(await close(family));
      const seen = await view(family);
      expect(seen.phase).toBe("AFTERCARE");
      expect(seen.closures).toHaveLength(1);
      expect(seen.closures[0]!.finalEvaluationId).toBe(final.id);
    });

    it("counts a positive exit at exactly the region's share: 80% in Amsterdam, 75% in Groningen", async () => {
      // Four of five goals achieved (a cancelled one does not count): exactly 80%.
      const exactly = await aFamily(amsterdam, "Smit");
      await inClosing(exactly, ["ACHIEVED", "ACHIEVED", "ACHIEVED", "ACHIEVED", "NOT_ACHIEVED", "CANCELLED"]);
      data(await close(exactly));
      expect((await view(exactly)).closures[0]).toMatchObject({ goalsTotal: 5, goalsAchieved: 4, positiveExit: true });

      // Three of four: 75%, below Amsterdam's share.
      const below = await aFamily(amsterdam, "Dekker");
      await inClosing(below, ["ACHIEVED", "ACHIEVED", "ACHIEVED", "IN_PROGRESS"]);
      data(await close(below));
      expect((await view(below)).closures[0]).toMatchObject({ goalsTotal: 4, goalsAchieved: 3, positiveExit: false });

      // The same three of four is exactly Groningen's share; two of four is below it.
      const groningenExactly = await aFamily(groningen, "Meijer");
      await inClosing(groningenExactly, ["ACHIEVED", "ACHIEVED", "ACHIEVED", "NOT_ACHIEVED"]);
      data(await close(groningenExactly));
      expect((await view(groningenExactly)).closures[0]).toMatchObject({ goalsTotal: 4, goalsAchieved: 3, positiveExit: true });
      const groningenBelow = await aFamily(groningen, "Hoekstra");
      await inClosing(groningenBelow, ["ACHIEVED", "ACHIEVED", "NOT_ACHIEVED", "OPEN"]);
      data(await close(groningenBelow));
      expect((await view(groningenBelow)).closures[0]).toMatchObject({ goalsTotal: 4, goalsAchieved: 2, positiveExit: false });

      // A region without settings counts with 80%: three of four is not enough, four of five is.
      const plainBelow = await aFamily(plain, "Kramer");
      await inClosing(plainBelow, ["ACHIEVED", "ACHIEVED", "ACHIEVED", "NOT_ACHIEVED"]);
      data(await close(plainBelow));
      expect((await view(plainBelow)).closures[0]).toMatchObject({ goalsTotal: 4, goalsAchieved: 3, positiveExit: false });
      const plainExactly = await aFamily(plain, "Prins");
      await inClosing(plainExactly, ["ACHIEVED", "ACHIEVED", "ACHIEVED", "ACHIEVED", "NOT_ACHIEVED"]);
      data(await close(plainExactly));
      expect((await view(plainExactly)).closures[0]).toMatchObject({ goalsTotal: 5, goalsAchieved: 4, positiveExit: true });

      // A plan without goals achieved nothing: no positive exit.
      const empty = await aFamily(amsterdam, "Leeg");
      await inClosing(empty, []);
      data(await close(empty));
      expect((await view(empty)).closures[0]).toMatchObject({ goalsTotal: 0, goalsAchieved: 0, positiveExit: false });
    });

    it("sets aftercare by default (the regisseur, the region's months) or as asked, and refuses a revisit not after today", async () => {
      const amsterdamDefault = await aFamily(amsterdam, "Vos");
      await inClosing(amsterdamDefault, ["ACHIEVED"]);
      data(await close(amsterdamDefault));
      expect((await view(amsterdamDefault)).closures[0]).toMatchObject({ aftercareKeeperId: amsterdam.coach.id, revisitOn: "2027-05-23" });

      const groningenDefault = await aFamily(groningen, "Postma");
      await inClosing(groningenDefault, ["ACHIEVED"]);
      data(await close(groningenDefault, { aftercare: {} }));
      expect((await view(groningenDefault)).closures[0]).toMatchObject({ aftercareKeeperId: groningen.coach.id, revisitOn: "2027-02-23" });

      const plainDefault = await aFamily(plain, "Willems");
      await inClosing(plainDefault, ["ACHIEVED"]);
      data(await close(plainDefault));
      expect((await view(plainDefault)).closures[0]).toMatchObject({ revisitOn: "2027-05-23" });

      // Explicit: youth care, involved with the family, keeps a finger on the pulse until a date of our choosing.
      const explicit = await aFamily(amsterdam, "Jong");
      await involve(explicit, amsterdam.youthPro);
      await inClosing(explicit, ["ACHIEVED"]);
      const before = await view(explicit);
      refused(await close(explicit, { aftercare: { revisitOn: TODAY } }), "BAD_USER_INPUT", "input.aftercare.revisitOn");
      refused(await close(explicit, { aftercare: { revisitOn: "2026-11-01" } }), "BAD_USER_INPUT", "input.aftercare.revisitOn");
      // A keeper must be someone who may know of the family, in the caller's region.
      refused(await close(explicit, { aftercare: { keeperId: amsterdam.bystander.id } }), "BAD_USER_INPUT", "input.aftercare.keeperId");
      refused(await close(explicit, { aftercare: { keeperId: groningen.coach.id } }), "BAD_USER_INPUT", "input.aftercare.keeperId");
      refused(await close(explicit, { aftercare: { keeperId: "not-an-id" } }), "BAD_USER_INPUT", "input.aftercare.keeperId");
      expect(await view(explicit)).toEqual(before);
      data(await close(explicit, { aftercare: { keeperId: amsterdam.youthPro.id, revisitOn: "2027-03-01" } }));
      expect((await view(explicit)).closures[0]).toMatchObject({ aftercareKeeperId: amsterdam.youthPro.id, revisitOn: "2027-03-01" });
      // The process lead, who may know of every family it watches, can keep it too.
      const byLead = await aFamily(groningen, "Bakker");
      await inClosing(byLead, ["ACHIEVED"]);
      data(await close(byLead, { aftercare: { keeperId: groningen.lead.id, revisitOn: "2026-11-24" } }));
      expect((await view(byLead)).closures[0]).toMatchObject({ aftercareKeeperId: groningen.lead.id, revisitOn: "2026-11-24" });
    });

    it("records a handover to a regular partner, whose note only the regisseur reads", async () => {
      const family = await aFamily(amsterdam, "Koster");
      await involve(family, amsterdam.youthPro);
      await inClosing(family, ["ACHIEVED", "ACHIEVED"]);
      const note = "Daan goes on with youth care's regular help; mother knows whom to call.";
      const handover = { partnerId: amsterdam.youthCare.id, professionalId: amsterdam.youthPro.id, note };
      const before = await view(family);
      refused(await close(family, { handover: { ...handover, note: "Short" } }), "BAD_USER_INPUT", "input.handover.note");
      refused(await close(family, { handover: { ...handover, partnerId: groningen.youthCare.id } }), "BAD_USER_INPUT", "input.handover.partnerId");
      refused(await close(family, { handover: { ...handover, professionalId: amsterdam.housingPro.id } }), "BAD_USER_INPUT", "input.handover.professionalId");
      expect(await view(family)).toEqual(before);
      data(await close(family, { handover }));

      const regisseur = await ok<{ family: { closures: { handoverProfessionalId: string; handoverNote: string }[] } }>(HANDOVER_NOTE, { id: family.id }, amsterdam.coach);
      expect(regisseur.family.closures).toEqual([{ handoverProfessionalId: amsterdam.youthPro.id, handoverNote: note }]);
      expect((await view(family, amsterdam.lead)).closures[0]).toMatchObject({ handoverPartner: { id: amsterdam.youthCare.id }, handoverProfessionalId: amsterdam.youthPro.id });
      // The process lead sees that there was a handover, and to whom, but not the note.
      const asLead = await gql<{ family: { closures: { handoverProfessionalId: string; handoverNote: string | null }[] } }>(HANDOVER_NOTE, { id: family.id }, amsterdam.lead);
      expect(codes(asLead)).toEqual(["FORBIDDEN"]);
      expect(asLead.body.errors![0]!.path).toEqual(["family", "closures", 0, "handoverNote"]);
      expect(asLead.body.data!.family.closures).toEqual([{ handoverProfessionalId: amsterdam.youthPro.id, handoverNote: null }]);
      // Youth care, involved at DAT in Amsterdam, does not see the closure at all.
      const asPartner = await gql<{ family: { id: string; closures: unknown } }>(CLOSURES, { id: family.id }, amsterdam.youthPro);
      expect(codes(asPartner)).toEqual(["FORBIDDEN"]);
      expect(asPartner.body.data!.family).toEqual({ id: family.id, closures: null });

      // In Groningen a signatory reads the plan (SECTION), but the handover note is still the regisseur's.
      const groningenFamily = await aFamily(groningen, "Dijkstra");
      await inClosing(groningenFamily, ["ACHIEVED"]);
      data(await close(groningenFamily, { handover: { partnerId: groningen.youthCare.id, note: "Elker takes it from here, regular help." } }));
      const asSignatory = await gql<{ family: { closures: { handoverProfessionalId: string | null; handoverNote: string | null }[] } }>(
        HANDOVER_NOTE,
        { id: groningenFamily.id },
        groningen.youthPro,
      );
      expect(codes(asSignatory)).toEqual(["FORBIDDEN"]);
      expect(asSignatory.body.data!.family.closures).toEqual([{ handoverProfessionalId: null, handoverNote: null }]);
      // A partner the covenant opens the family to reads the closure's process data, not the keepers' free-text notes.
      const asSignatoryPartner = await gql<{ family: { closures: { handoverPartner: { id: string }; aftercareNote: string | null; reopenReason: string | null }[] } }>(
        `query($id: ID!) { family(id: $id) { closures { handoverPartner { id } aftercareNote reopenReason } } }`,
        { id: groningenFamily.id },
        groningen.youthPro,
      );
      expect(codes(asSignatoryPartner)).toEqual(["FORBIDDEN", "FORBIDDEN"]);
      expect(asSignatoryPartner.body.data!.family.closures).toEqual([{ handoverPartner: { id: groningen.youthCare.id }, aftercareNote: null, reopenReason: null }]);
    });

    it("reopens a family and closes it again: two closures, and every phase kept", async () => {
      const family = await aFamily(amsterdam, "Brouwer");
      const { coach, lead } = amsterdam;
      await inClosing(family, ["ACHIEVED"]);
      data(await close(family));
      advance(40);
      refused(await gql(REOPEN, { familyId: family.id, reason: "Again" }, lead), "BAD_USER_INPUT", "reason");
      expect((await view(family)).phase).toBe("AFTERCARE");
      const reason = "Eviction notice again; the school reports absence.";
      expect((await ok<{ reopenFamily: { phase: string } }>(REOPEN, { familyId: family.id, reason }, lead)).reopenFamily.phase).toBe("PLANNING");
      let seen = await view(family);
      expect(seen.closures).toHaveLength(1);
      expect(seen.closures[0]).toMatchObject({ reopenedById: lead.id, reopenReason: reason, aftercareEndedAt: null });
      expect(seen.closures[0]!.reopenedAt).not.toBeNull();
      expect(seen.phaseHistory.at(-1)).toMatchObject({ phase: "PLANNING", setById: lead.id, note: reason, until: null });

      // Round two: the old final evaluation does not count; a new one is needed.
      advance(10);
      await move(family, "EXECUTING");
      advance(60);
      await move(family, "EVALUATING");
      await move(family, "CLOSING");
      refused(await close(family), "BAD_USER_INPUT", "finalEvaluation");
      data(await evaluate(family, true));
      data(await close(family, { aftercare: { revisitOn: "2027-12-01" } }));
      advance(5);
      data(await gql(END_AFTERCARE, { familyId: family.id, note: "Stable again after the second round" }, coach));
      // A closed family can be reopened too.
      advance(5);
      data(await gql(REOPEN, { familyId: family.id, reason: "A new concern from the school nurse." }, coach));

      seen = await view(family);
      expect(seen.phaseHistory.map((period) => period.phase)).toEqual([
        "SCREENED", "PLANNING", "EXECUTING", "EVALUATING", "CLOSING", "AFTERCARE",
        "PLANNING", "EXECUTING", "EVALUATING", "CLOSING", "AFTERCARE", "CLOSED", "PLANNING",
      ]);
      expect(seen.closures).toHaveLength(2);
      expect(seen.closures[0]!.reopenReason).toBe(reason);
      expect(seen.closures[1]).toMatchObject({ revisitOn: "2027-12-01", aftercareNote: "Stable again after the second round", reopenReason: "A new concern from the school nurse.", reopenedById: coach.id });
      expect(seen.closures[0]!.finalEvaluationId).not.toBe(seen.closures[1]!.finalEvaluationId);
      expect(new Date(seen.closures[0]!.closedAt) < new Date(seen.closures[1]!.closedAt)).toBe(true);
    });
  });

  describe("a closed family", () => {
    it("takes no new or changed plan parts, advices or escalations (CONFLICT naming the phase) until it is reopened, and changes nothing", async () => {
      const family = await aFamily(amsterdam, "Visser");
      const { coach, lead } = amsterdam;
      await involve(family, amsterdam.youthPro);
      const [goalId] = await planned(family, ["ACHIEVED"]);
      for (const phase of ["EXECUTING", "EVALUATING", "CLOSING"]) await move(family, phase);
      data(await evaluate(family, true));
      data(await close(family));
      const before = await view(family);
      expect(before.phase).toBe("AFTERCARE");
      const v = before.plan!.version;
      const goal = { lifeDomain: "HOUSING", memberIds: [], ownWords: "A new goal after closing", target: "None" };
      const advice = { partnerId: amsterdam.youthCare.id, lifeDomain: "HOUSING", decisionType: "PAYMENT_PLAN", advice: "Een betalingsregeling." };
      const attempts = [
        await gql(ADD_GOAL, { familyId: family.id, v, input: goal }, coach),
        await gql(UPDATE_GOAL, { goalId, v, input: { ownWords: "Changed after closing" } }, coach),
        await gql(ISSUE_ADVICE, { familyId: family.id, input: advice }, coach),
        await gql(RAISE, { familyId: family.id, track: "PLAN_EXECUTION", subject: "A conflict raised after closing", parties: [amsterdam.youthCare.id] }, lead),
      ];
      for (const attempt of attempts) expect(refused(attempt, "CONFLICT")).toContain("AFTERCARE");
      expect(await view(family)).toEqual(before);
      // An involved care worker at DAT may not know the phase: no refusal tells them; the keepers receive the escalation.
      const byCareWorker = await gql(RAISE, { familyId: family.id, track: "PLAN_EXECUTION", subject: "A conflict the care worker raises", parties: [amsterdam.youthCare.id] }, amsterdam.youthPro);
      // (This world has no ladder: the answer is about the track, as for an open family.)
      expect(codes(byCareWorker), byCareWorker.text).toEqual(["BAD_USER_INPUT"]);
      expect(byCareWorker.text).not.toContain("AFTERCARE");
      // Reopened, the plan takes goals again.
      data(await gql(REOPEN, { familyId: family.id, reason: "The landlord called: rent arrears again." }, lead));
      expect((await ok<{ addGoal: { version: number } }>(ADD_GOAL, { familyId: family.id, v: await versionOf(family), input: goal }, coach)).addGoal.version).toBe(v + 1);
    });
  });

  // --- who may ---------------------------------------------------------------------------------------

  describe("who may", () => {
    it("closes only as the regisseur: FORBIDDEN to others who know the family, NOT_FOUND (as for any id) to the rest", async () => {
      const family = await aFamily(amsterdam, "Hendriks");
      await involve(family, amsterdam.youthPro);
      await inClosing(family, ["ACHIEVED"]);
      const missing = refused(await gql(CLOSE, { familyId: NOBODY, input: {} }, amsterdam.coach), "NOT_FOUND");
      refused(await close(family, {}, amsterdam.lead), "FORBIDDEN");
      refused(await close(family, {}, amsterdam.youthPro), "FORBIDDEN");
      for (const stranger of [amsterdam.bystander, amsterdam.otherCoach, groningen.coach]) {
        expect(refused(await close(family, {}, stranger), "NOT_FOUND")).toBe(missing);
      }
      expect(codes(await app.gql(CLOSE, { familyId: family.id, input: {} }))).toEqual(["UNAUTHENTICATED"]);
      // In Groningen every signatory knows the family: FORBIDDEN, not NOT_FOUND.
      const groningenFamily = await aFamily(groningen, "Boer");
      await inClosing(groningenFamily, ["ACHIEVED"]);
      refused(await close(groningenFamily, {}, groningen.youthPro), "FORBIDDEN");
      refused(await close(groningenFamily, {}, groningen.lead), "FORBIDDEN");
      expect((await view(family)).phase).toBe("CLOSING");
      expect((await view(groningenFamily)).phase).toBe("CLOSING");
    });

    it("ends aftercare as its keeper, the regisseur or the process lead; reopens as the regisseur or the process lead", async () => {
      const family = await aFamily(amsterdam, "Dekkers");
      await involve(family, amsterdam.youthPro);
      await involve(family, amsterdam.youthPro2);
      await inClosing(family, ["ACHIEVED"]);
      data(await close(family, { aftercare: { keeperId: amsterdam.youthPro.id } }));
      const missing = refused(await gql(END_AFTERCARE, { familyId: NOBODY, note: "Nothing" }, amsterdam.youthPro), "NOT_FOUND");
      // A colleague of the keeper knows the family, but is not its keeper.
      refused(await gql(END_AFTERCARE, { familyId: family.id, note: "Done" }, amsterdam.youthPro2), "FORBIDDEN");
      for (const stranger of [amsterdam.bystander, amsterdam.otherCoach, groningen.coach]) {
        expect(refused(await gql(END_AFTERCARE, { familyId: family.id, note: "Done" }, stranger), "NOT_FOUND")).toBe(missing);
        expect(refused(await gql(REOPEN, { familyId: family.id, reason: "Something came up again" }, stranger), "NOT_FOUND")).toBe(
          refused(await gql(REOPEN, { familyId: NOBODY, reason: "Something came up again" }, stranger), "NOT_FOUND"),
        );
      }
      // The keeper does not reopen: that is for who keeps the family.
      refused(await gql(REOPEN, { familyId: family.id, reason: "Something came up again" }, amsterdam.youthPro), "FORBIDDEN");
      expect((await view(family)).phase).toBe("AFTERCARE");
      // The keeper ends it; DAT is all it sees of the family, so it gets the family's id only.
      const ended = await gql<{ endAftercare: { id: string; phase: string | null } }>(END_AFTERCARE, { familyId: family.id, note: "Visited; all well" }, amsterdam.youthPro);
      expect(ended.body.data!.endAftercare).toEqual({ id: family.id, phase: null });
      expect(codes(ended)).toEqual(["FORBIDDEN"]);
      expect((await view(family)).closures[0]).toMatchObject({ aftercareNote: "Visited; all well" });
      expect((await view(family)).phase).toBe("CLOSED");

      // The process lead and the regisseur may do both.
      const other = await aFamily(groningen, "Smeets");
      await inClosing(other, ["ACHIEVED"]);
      data(await close(other));
      refused(await gql(END_AFTERCARE, { familyId: other.id, note: "Done" }, groningen.youthPro), "FORBIDDEN");
      expect((await ok<{ endAftercare: { phase: string } }>(END_AFTERCARE, { familyId: other.id, note: "Done" }, groningen.lead)).endAftercare.phase).toBe("CLOSED");
      refused(await gql(REOPEN, { familyId: other.id, reason: "Something came up again" }, groningen.youthPro), "FORBIDDEN");
      expect((await ok<{ reopenFamily: { phase: string } }>(REOPEN, { familyId: other.id, reason: "Something came up again" }, groningen.coach)).reopenFamily.phase).toBe(
        "PLANNING",
      );
    });
  });

  // --- deadlines -------------------------------------------------------------------------------------

  describe("evaluations due and deadline notices", () => {
    it("lists the evaluations due within the window, or overdue, for the regisseur and the process lead only", async () => {
      const { coach, lead } = dueWorld;
      const running = await aFamily(dueWorld, "Wolters");
      await involve(running, dueWorld.youthPro);
      await planned(running, ["OPEN"]);
      await move(running, "EXECUTING");
      const planId = (await ok<{ family: { plan: { id: string } } }>(`query($id: ID!) { family(id: $id) { plan { id } } }`, { id: running.id }, coach)).family.plan.id;
      // Not in the cycle: a family whose plan has not started, and one in CLOSING.
      await aFamily(dueWorld, "Nieuw");
      const closing = await aFamily(dueWorld, "Sluiting");
      await inClosing(closing, ["ACHIEVED"]);

      expect((await ok<{ dueEvaluations: { nodes: DueView[] } }>(DUE_DEFAULT, {}, coach)).dueEvaluations.nodes).toEqual([]);
      on("2027-02-13"); // ten days before the first evaluation falls due (2027-02-23)
      const soon = { familyId: running.id, planId, nextEvaluationDue: "2027-02-23", overdue: false, daysOverdue: 0 };
      expect((await ok<{ dueEvaluations: { nodes: DueView[] } }>(DUE_DEFAULT, {}, coach)).dueEvaluations.nodes).toEqual([{ ...soon, family: { name: "Gezin Wolters" } }]);
      expect((await ok<{ dueEvaluations: { nodes: DueView[] } }>(DUE_WITHIN, { within: 10 }, lead)).dueEvaluations.nodes).toEqual([soon]);
      expect((await ok<{ dueEvaluations: { nodes: DueView[] } }>(DUE_WITHIN, { within: 9 }, coach)).dueEvaluations.nodes).toEqual([]);
      // Others, even those who know the family, have no queue for it.
      expect((await ok<{ dueEvaluations: { nodes: DueView[] } }>(DUE_DEFAULT, {}, dueWorld.youthPro)).dueEvaluations.nodes).toEqual([]);
      expect((await ok<{ dueEvaluations: { nodes: DueView[] } }>(DUE_DEFAULT, {}, dueWorld.otherCoach)).dueEvaluations.nodes).toEqual([]);
      refused(await gql(DUE_WITHIN, { within: -1 }, coach), "BAD_USER_INPUT", "withinDays");

      on("2027-02-27");
      const late = { ...soon, overdue: true, daysOverdue: 4 };
      expect((await ok<{ dueEvaluations: { nodes: DueView[] } }>(DUE_WITHIN, { within: 0 }, coach)).dueEvaluations.nodes).toEqual([late]);
      // An evaluation held starts the next cycle.
      data(await evaluate(running, false, new Date("2027-02-26T12:00:00+01:00")));
      expect((await ok<{ dueEvaluations: { nodes: DueView[] } }>(DUE_DEFAULT, {}, lead)).dueEvaluations.nodes).toEqual([]);
      on("2027-05-20");
      expect((await ok<{ dueEvaluations: { nodes: DueView[] } }>(DUE_DEFAULT, {}, lead)).dueEvaluations.nodes).toEqual([{ ...soon, nextEvaluationDue: "2027-05-26", family: { name: "Gezin Wolters" } }]);
    });

    it("raises EVALUATION_DUE once to the regisseur and the process lead, and again for the next due date", async () => {
      const { coach, lead, youthPro } = dueWorld;
      const family = await aFamily(dueWorld, "Evers");
      await involve(family, youthPro);
      await planned(family, ["OPEN"]);
      await move(family, "EXECUTING");
      const planId = (await ok<{ family: { plan: { id: string } } }>(`query($id: ID!) { family(id: $id) { plan { id } } }`, { id: family.id }, coach)).family.plan.id;
      const dueNotices = async (who: Who) => (await inbox(who, family)).filter((notice) => notice.kind === "EVALUATION_DUE");

      on("2027-02-22");
      await raiseDeadlines(app.database.db, app.clock.now());
      expect(await dueNotices(coach)).toEqual([]);
      on("2027-02-23");
      const first = await raiseDeadlines(app.database.db, app.clock.now());
      expect(first["evaluation-due"]).toBeGreaterThanOrEqual(2);
      // Run again: every check raises nothing new.
      const again = await raiseDeadlines(app.database.db, app.clock.now());
      expect(Object.values(again).every((raised) => raised === 0), JSON.stringify(again)).toBe(true);
      expect(again).toHaveProperty("evaluation-due", 0);
      const notice = { kind: "EVALUATION_DUE", familyId: family.id, subjectId: planId, due: "2027-02-23T00:00:00.000Z", reason: null, actorId: null };
      expect(await dueNotices(coach)).toEqual([notice]);
      expect(await dueNotices(lead)).toEqual([notice]);
      expect(await dueNotices(youthPro)).toEqual([]);
      advance(3);
      await raiseDeadlines(app.database.db, app.clock.now());
      expect(await dueNotices(coach)).toHaveLength(1);

      data(await evaluate(family, false));
      on("2027-05-26");
      await raiseDeadlines(app.database.db, app.clock.now());
      await raiseDeadlines(app.database.db, app.clock.now());
      const next = { ...notice, due: "2027-05-26T00:00:00.000Z" };
      expect(await dueNotices(coach)).toEqual([next, notice]);
      expect(await dueNotices(lead)).toEqual([next, notice]);
    });

    it("raises TASK_OVERDUE once to the task's lead professional, or the regisseur, and again for a new due date", async () => {
      const { coach, housing, housingPro, youthCare } = dueWorld;
      const family = await aFamily(dueWorld, "Taak");
      await planned(family, ["OPEN"]);
      await move(family, "EXECUTING");
      const task = async (input: Vars) =>
        (await ok<{ addTask: { task: { id: string } } }>(ADD_TASK, { familyId: family.id, v: await versionOf(family), input: { lifeDomain: "HOUSING", memberIds: [], dueDate: "2026-12-15", ...input } }, coach))
          .addTask.task.id;
      const withLead = await task({ description: "Arrange a payment plan", leadPartnerId: housing.id, leadProfessionalId: housingPro.id });
      const withoutLead = await task({ description: "Find a school place", leadPartnerId: youthCare.id });
      const done = await task({ description: "Call the family", leadPartnerId: housing.id, leadProfessionalId: housingPro.id });
      data(await gql(UPDATE_TASK, { taskId: done, v: await versionOf(family), input: { status: "DONE" } }, coach));
      const overdue = async (who: Who) => (await inbox(who, family)).filter((notice) => notice.kind === "TASK_OVERDUE");

      on("2026-12-15"); // due today: not yet overdue
      await raiseDeadlines(app.database.db, app.clock.now());
      expect(await overdue(housingPro)).toEqual([]);
      expect(await overdue(coach)).toEqual([]);
      on("2026-12-16");
      await raiseDeadlines(app.database.db, app.clock.now());
      await raiseDeadlines(app.database.db, app.clock.now());
      const notice = (subjectId: string, due = "2026-12-15") => ({ kind: "TASK_OVERDUE", familyId: family.id, subjectId, due: `${due}T00:00:00.000Z`, reason: null, actorId: null });
      expect(await overdue(housingPro)).toEqual([notice(withLead)]);
      expect(await overdue(coach)).toEqual([notice(withoutLead)]);
      expect(await overdue(dueWorld.lead)).toEqual([]);

      // A new due date is a new deadline.
      data(await gql(UPDATE_TASK, { taskId: withLead, v: await versionOf(family), input: { dueDate: "2027-01-10" } }, coach));
      on("2027-01-10");
      await raiseDeadlines(app.database.db, app.clock.now());
      expect(await overdue(housingPro)).toHaveLength(1);
      on("2027-01-11");
      await raiseDeadlines(app.database.db, app.clock.now());
      await raiseDeadlines(app.database.db, app.clock.now());
      expect(await overdue(housingPro)).toEqual([notice(withLead, "2027-01-10"), notice(withLead)]);
      expect(await overdue(coach)).toEqual([notice(withoutLead)]);
    });

    it("raises AFTERCARE_REVISIT_DUE once to the keeper and the process lead, and again for the next closure", async () => {
      const { coach, lead, youthPro } = dueWorld;
      const family = await aFamily(dueWorld, "Nazorg");
      await involve(family, youthPro);
      await inClosing(family, ["ACHIEVED"]);
      data(await close(family, { aftercare: { keeperId: youthPro.id, revisitOn: "2027-03-01" } }));
      const closureId = () => view(family).then((seen) => seen.closures.at(-1)!.id);
      const firstClosure = await closureId();
      const revisits = async (who: Who) => (await inbox(who, family)).filter((notice) => notice.kind === "AFTERCARE_REVISIT_DUE");

      on("2027-02-28");
      await raiseDeadlines(app.database.db, app.clock.now());
      expect(await revisits(youthPro)).toEqual([]);
      on("2027-03-01");
      await raiseDeadlines(app.database.db, app.clock.now());
      await raiseDeadlines(app.database.db, app.clock.now());
      const notice = { kind: "AFTERCARE_REVISIT_DUE", familyId: family.id, subjectId: firstClosure, due: "2027-03-01T00:00:00.000Z", reason: null, actorId: null };
      expect(await revisits(youthPro)).toEqual([notice]);
      expect(await revisits(lead)).toEqual([notice]);
      expect(await revisits(coach)).toEqual([]);

      // Reopened and closed again: the new closure's revisit raises its own notice.
      data(await gql(REOPEN, { familyId: family.id, reason: "Debts are back, the landlord called." }, lead));
      await raiseDeadlines(app.database.db, app.clock.now());
      await move(family, "EXECUTING");
      await move(family, "EVALUATING");
      await move(family, "CLOSING");
      data(await evaluate(family, true));
      data(await close(family, { aftercare: { revisitOn: "2027-09-01" } }));
      const secondClosure = await closureId();
      on("2027-09-01");
      await raiseDeadlines(app.database.db, app.clock.now());
      await raiseDeadlines(app.database.db, app.clock.now());
      const next = { ...notice, subjectId: secondClosure, due: "2027-09-01T00:00:00.000Z" };
      expect(await revisits(coach)).toEqual([next]);
      expect(await revisits(lead)).toEqual([next, notice]);
      expect(await revisits(youthPro)).toEqual([notice]);
      // Once aftercare has ended, nothing more is raised for it.
      data(await gql(END_AFTERCARE, { familyId: family.id, note: "Revisited, stable." }, coach));
      on("2027-09-02");
      await raiseDeadlines(app.database.db, app.clock.now());
      expect(await revisits(lead)).toHaveLength(2);
    });
  });
});
