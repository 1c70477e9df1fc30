import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ne } from "drizzle-orm";
import { escalationLadder } from "../src/process/tables.js";
import { raiseDeadlines } from "../src/process/deadlines.js";
import { AMSTERDAM_LADDER, GRONINGEN_LADDER, type LadderStepDefinition } from "../src/process/escalation/ladders.js";
import { codes, startTestApp, type GraphQLResponse, type TestApp, data, refused } from "./support/app.js";
import { aPartner, aProfessional, aRegion, bsnNumber } from "./support/builders.js";

/*
 * The escalation ladder (domain brief §8), through HTTP against the real server and database, in
 * an Amsterdam-like and a Groningen-like region: every step of both ladders with its deciders and
 * deadline, decisions and reasoning recorded, resolution at any step, the last step binding, who
 * sees an escalation (its parties, at process level, and nothing of the family's plan), the
 * deadline job, and the covenant administrator's ladder.
 */

const START = "2026-11-23T10:00:00+01:00";
const DAY = 24 * 3600_000;
// An id nobody has: whoever is no party gets exactly the answer this one gets.
const NOBODY = "2b1f1f4e-9c1e-4c4e-8f57-3f1f4b7a0c11";

// --- documents ---------------------------------------------------------------------------------

const REGISTER = `mutation($input: RegisterFamilyInput!) { registerFamily(input: $input) { id } }`;
const SIGNAL = `mutation($input: SignalInput!) { signal(input: $input) { id } }`;
const PUBLISH = `mutation($input: CovenantVersionInput!) { publishCovenantVersion(input: $input) { version inForce } }`;
const LADDER = `query($track: EscalationTrack!) { escalationLadder(track: $track) { step title deciders informed deadlineDays binding } }`;
const SET_LADDER = `mutation($track: EscalationTrack!, $steps: [EscalationLadderStepInput!]!) {
  setEscalationLadder(track: $track, steps: $steps) { step title deciders informed deadlineDays binding } }`;

const ESCALATION = `id familyId track subject status currentStep binding raisedAt raisedById resolvedAt
  partyPartners { id name }
  steps { step title startedAt dueAt overdue outcome decision reasoning decidedById decidedAt }`;
const RAISE = `mutation($familyId: ID!, $track: EscalationTrack!, $subject: String!, $parties: [ID!]!) {
  raiseEscalation(familyId: $familyId, track: $track, subject: $subject, partyPartnerIds: $parties) { ${ESCALATION} } }`;
const ESCALATE = `mutation($id: ID!, $decision: String!, $reasoning: String!, $step: Int) {
  escalateFurther(escalationId: $id, decision: $decision, reasoning: $reasoning, expectedStep: $step) { ${ESCALATION} } }`;
const OPEN_ESCALATIONS = `query($id: ID!) { family(id: $id) { openEscalations { track currentStep raisedAt dueAt overdue } } }`;
const RESOLVE = `mutation($id: ID!, $decision: String!, $reasoning: String!, $step: Int) {
  resolveEscalation(escalationId: $id, decision: $decision, reasoning: $reasoning, expectedStep: $step) { ${ESCALATION} } }`;
const ONE = `query($id: ID!) { escalation(id: $id) { ${ESCALATION} } }`;
const PAGE_INFO = "pageInfo { hasNextPage endCursor }";
// Pages of two, so the tests that read the lists also walk their cursors.
const LIST = `query($openOnly: Boolean, $after: String) { escalations(openOnly: $openOnly, first: 2, after: $after) { nodes { id status } ${PAGE_INFO} } }`;
const TO_ACT = `query($overdueOnly: Boolean, $after: String) { escalationsToAct(overdueOnly: $overdueOnly, first: 2, after: $after) { nodes { id currentStep steps { step overdue } } ${PAGE_INFO} } }`;
const INBOX = `{ notifications { nodes { kind familyId subjectId due } } }`;
const OF_FAMILY = `query($familyId: ID!) { escalations(familyId: $familyId, openOnly: false) { nodes { id status } } }`;
const FAMILY_PLAN = `query($id: ID!) { family(id: $id) { id plan { id } members { id } } }`;
const FAMILIES = `{ families { nodes { id } } }`;
const START_PLAN = `mutation($familyId: ID!) { startPlan(familyId: $familyId) { version } }`;

// --- the shapes a client reads -----------------------------------------------------------------

interface StepView {
  step: number;
  title: string;
  startedAt: string;
  dueAt: string;
  overdue: boolean;
  outcome: string | null;
  decision: string | null;
  reasoning: string | null;
  decidedById: string | null;
  decidedAt: string | null;
}
interface EscalationView {
  id: string;
  familyId: string;
  track: string;
  subject: string;
  status: string;
  currentStep: number;
  binding: boolean;
  raisedAt: string;
  raisedById: string;
  resolvedAt: string | null;
  partyPartners: { id: string; name: string }[];
  steps: StepView[];
}
interface NotificationView {
  kind: string;
  familyId: string | null;
  subjectId: string | null;
  due: string | null;
}
interface LadderStepView {
  step: number;
  title: string;
  deciders: string[];
  informed: string[];
  deadlineDays: number;
  binding: boolean;
}
type Vars = Record<string, unknown>;
type Who = { id: string };
type PartnerRef = { id: string; regionId: string };

const ms = (moment: string | Date | null) => (moment === null ? null : new Date(moment).getTime());

/** The ladder as `escalationLadder` answers it, from the definitions in ladders.ts. */
const asLadder = (steps: readonly LadderStepDefinition[]): LadderStepView[] =>
  steps.map((step, index) => ({ ...step, step: index + 1, binding: index === steps.length - 1 }));

describe("the escalation ladder", () => {
  let app: TestApp;

  // Amsterdam-like: line managers, then the process lead with the directors, then the alderman.
  let gemeente: PartnerRef;
  let jeugdbescherming: PartnerRef;
  let ymere: PartnerRef;
  let politie: PartnerRef;
  let amsCoach: Who;
  let coordinator: Who;
  let processManager: Who;
  let ymerePro: Who;
  let ymereColleague: Who;
  let ymereManager: Who;
  let jbManager: Who;
  let politiePro: Who;
  let politieManager: Who;
  let amsProjectLead: Who;
  let alderman: Who;
  let amsAdmin: Who;

  // Groningen-like: the coach's voice, then project leader and management, then the executive.
  let lefier: PartnerRef;
  let groCoach: Who;
  let projectLeader: Who;
  let lefierPro: Who;
  let lefierManager: Who;
  let mjdManager: Who;
  let elkerPro: Who;
  let elkerManager: Who;
  let executive: Who;
  let groAdmin: Who;

  let foreignPartner: PartnerRef;
  let foreignCoach: Who;

  const gql = <T = Record<string, unknown>>(query: string, variables: Vars, as: Who) => app.gql<T>(query, variables, as.id);


  const subject = "Housing refuses the payment plan the coach agreed with the family.";

  async function raise(as: Who, familyId: string, track: string, parties: PartnerRef[]): Promise<EscalationView> {
    return data(await gql<{ raiseEscalation: EscalationView }>(RAISE, { familyId, track, subject, parties: parties.map((p) => p.id) }, as)).raiseEscalation;
  }
  async function escalate(as: Who, id: string, decision: string, reasoning: string, step?: number): Promise<EscalationView> {
    return data(await gql<{ escalateFurther: EscalationView }>(ESCALATE, { id, decision, reasoning, step }, as)).escalateFurther;
  }
  async function resolve(as: Who, id: string, decision: string, reasoning: string): Promise<EscalationView> {
    return data(await gql<{ resolveEscalation: EscalationView }>(RESOLVE, { id, decision, reasoning }, as)).resolveEscalation;
  }
  async function read(as: Who, id: string): Promise<EscalationView | null> {
    return data(await gql<{ escalation: EscalationView | null }>(ONE, { id }, as)).escalation;
  }
  async function listed(as: Who, openOnly = false): Promise<string[]> {
    return (await allPages<{ id: string }>(LIST, "escalations", { openOnly }, as)).map((escalation) => escalation.id);
  }
  async function toAct(as: Who, overdueOnly = false) {
    return allPages<{ id: string; currentStep: number; steps: { step: number; overdue: boolean }[] }>(TO_ACT, "escalationsToAct", { overdueOnly }, as);
  }
  /** Every page of a list, following endCursor. */
  async function allPages<Node>(query: string, field: string, variables: Record<string, unknown>, as: Who): Promise<Node[]> {
    type Page = { nodes: Node[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    const all: Node[] = [];
    let after: string | null = null;
    do {
      const page: Page = data(await gql<Record<string, Page>>(query, { ...variables, after }, as))[field]!;
      all.push(...page.nodes);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return all;
  }
  /** The caller's notices about one escalation, as [kind, due] pairs. */
  async function noticesAbout(as: Who, escalationId: string): Promise<NotificationView[]> {
    const inbox = data(await gql<{ notifications: { nodes: NotificationView[] } }>(INBOX, {}, as)).notifications.nodes;
    return inbox.filter((notice) => notice.subjectId === escalationId);
  }
  const kindsOf = (notices: NotificationView[]) => notices.map((notice) => notice.kind).sort();

  let seed = 40_000_000;
  /**
   * A household (a parent and a child) led by `coach`, registered by `registrar` as its process
   * lead (or naming another); each of `signallers` signals the child, so its partner is involved.
   */
  async function aFamily(registrar: Who, coach: Who, signallers: Who[], options: { category?: string; processLead?: Who } = {}): Promise<string> {
    const base = (seed += 1_000);
    const parent = { bsn: bsnNumber(base), givenName: "Mirjam", familyName: "Kok", birthDate: "1985-02-14", relation: "PARENT", legalCustody: true };
    const child = { bsn: bsnNumber(base + 100), givenName: "Finn", familyName: "Kok", birthDate: "2016-06-01", relation: "CHILD" };
    const input = {
      name: `Gezin ${base}`,
      category: options.category ?? "MPG2",
      regisseurId: coach.id,
      processLeadId: options.processLead?.id ?? null,
      members: [parent, child],
    };
    const familyId = data(await gql<{ registerFamily: { id: string } }>(REGISTER, { input }, registrar)).registerFamily.id;
    for (const who of signallers) data(await gql(SIGNAL, { input: { bsn: child.bsn, birthDate: child.birthDate, discussedWithFamily: true } }, who));
    return familyId;
  }
  const amsFamily = (options: { category?: string; processLead?: Who } = {}) => aFamily(processManager, amsCoach, [ymerePro, politiePro], options);
  const groFamily = () => aFamily(projectLeader, groCoach, [lefierPro]);

  beforeAll(async () => {
    app = await startTestApp();
    app.clock.set(START);
    const db = app.database.db;

    const ams = await aRegion(db, { code: "amsterdam-like" });
    gemeente = await aPartner(db, ams.id, { name: "Gemeente Amsterdam", sector: "MUNICIPALITY" });
    jeugdbescherming = await aPartner(db, ams.id, { name: "Jeugdbescherming", sector: "YOUTH_CARE" });
    ymere = await aPartner(db, ams.id, { name: "Ymere", sector: "HOUSING" });
    politie = await aPartner(db, ams.id, { name: "Politie Amsterdam", sector: "POLICE_JUSTICE" });
    amsCoach = await aProfessional(db, jeugdbescherming, ["COACH"]);
    jbManager = await aProfessional(db, jeugdbescherming, ["PARTNER_MANAGER"]);
    coordinator = await aProfessional(db, gemeente, ["PROCESS_LEAD"]);
    processManager = await aProfessional(db, gemeente, ["PROCESS_LEAD"]);
    amsProjectLead = await aProfessional(db, gemeente, ["PROJECT_LEAD"]);
    alderman = await aProfessional(db, gemeente, ["ADMINISTRATOR"]);
    amsAdmin = await aProfessional(db, gemeente, ["COVENANT_ADMIN"]);
    ymerePro = await aProfessional(db, ymere);
    ymereColleague = await aProfessional(db, ymere);
    ymereManager = await aProfessional(db, ymere, ["PARTNER_MANAGER"]);
    politiePro = await aProfessional(db, politie);
    politieManager = await aProfessional(db, politie, ["PARTNER_MANAGER"]);
    // Amsterdam shares only *that* a partner is involved.
    data(
      await gql(
        PUBLISH,
        {
          input: {
            title: "Convenant Amsterdam",
            signatoryPartnerIds: [gemeente.id, jeugdbescherming.id, ymere.id, politie.id],
            rules: [{ level: "DAT", requiresInvolvement: true, requiresConsentOrLegalGround: false, description: "Involved partners know who else is." }],
          },
        },
        amsAdmin,
      ),
    );

    const gro = await aRegion(db, { code: "groningen-like" });
    const gemeenteGroningen = await aPartner(db, gro.id, { name: "Gemeente Groningen", sector: "MUNICIPALITY" });
    const mjd = await aPartner(db, gro.id, { name: "MJD", sector: "SOCIAL_WORK" });
    lefier = await aPartner(db, gro.id, { name: "Lefier", sector: "HOUSING" });
    const elker = await aPartner(db, gro.id, { name: "Elker", sector: "YOUTH_CARE" });
    groCoach = await aProfessional(db, mjd, ["COACH"]);
    mjdManager = await aProfessional(db, mjd, ["PARTNER_MANAGER"]);
    projectLeader = await aProfessional(db, gemeenteGroningen, ["PROJECT_LEAD"]);
    executive = await aProfessional(db, gemeenteGroningen, ["ADMINISTRATOR"]);
    groAdmin = await aProfessional(db, gemeenteGroningen, ["COVENANT_ADMIN"]);
    lefierPro = await aProfessional(db, lefier);
    lefierManager = await aProfessional(db, lefier, ["PARTNER_MANAGER"]);
    elkerPro = await aProfessional(db, elker);
    elkerManager = await aProfessional(db, elker, ["PARTNER_MANAGER"]);
    // Groningen opens the plans of its families to every signatory.
    data(
      await gql(
        PUBLISH,
        {
          input: {
            title: "Convenant Groningen",
            signatoryPartnerIds: [gemeenteGroningen.id, mjd.id, lefier.id, elker.id],
            rules: [{ level: "SECTION", requiresInvolvement: false, requiresConsentOrLegalGround: false, description: "The plans are open to all partners." }],
          },
        },
        groAdmin,
      ),
    );

    // Each region's administrator sets its default ladder on both tracks.
    for (const track of ["PLAN_DRAFTING", "PLAN_EXECUTION"]) {
      const amsLadder = data(await gql<{ setEscalationLadder: LadderStepView[] }>(SET_LADDER, { track, steps: AMSTERDAM_LADDER }, amsAdmin));
      expect(amsLadder.setEscalationLadder).toEqual(asLadder(AMSTERDAM_LADDER));
      const groLadder = data(await gql<{ setEscalationLadder: LadderStepView[] }>(SET_LADDER, { track, steps: GRONINGEN_LADDER }, groAdmin));
      expect(groLadder.setEscalationLadder).toEqual(asLadder(GRONINGEN_LADDER));
    }

    const elsewhere = await aRegion(db, { code: "elsewhere" });
    foreignPartner = await aPartner(db, elsewhere.id, { name: "Elders" });
    foreignCoach = await aProfessional(db, foreignPartner, ["COACH"]);
  });
  afterEach(() => app.clock.set(START));
  afterAll(() => app?.close());

  const at = (days: number, minutes = 0) => new Date(new Date(START).getTime() + days * DAY + minutes * 60_000);

  describe("Amsterdam", () => {
    it("carries a conflict over the plan's execution up every step: line managers, process lead with the directors, the alderman whose decision binds", async () => {
      const familyId = await amsFamily();
      const raised = await raise(amsCoach, familyId, "PLAN_EXECUTION", [ymere]);
      expect(raised).toMatchObject({
        familyId,
        track: "PLAN_EXECUTION",
        subject,
        status: "OPEN",
        currentStep: 1,
        binding: false,
        raisedById: amsCoach.id,
        resolvedAt: null,
        partyPartners: [{ id: ymere.id, name: "Ymere" }],
      });
      expect(raised.steps).toHaveLength(1);
      expect(raised.steps[0]).toMatchObject({ step: 1, title: AMSTERDAM_LADDER[0]!.title, overdue: false, outcome: null, decision: null, decidedById: null });
      expect(ms(raised.steps[0]!.dueAt)).toBe(at(10).getTime());
      const id = raised.id;

      // Step 1: the professionals' line managers decide (Ymere's and the coach's own), the process lead is informed.
      expect(kindsOf(await noticesAbout(ymereManager, id))).toEqual(["ESCALATION_RAISED"]);
      expect(kindsOf(await noticesAbout(jbManager, id))).toEqual(["ESCALATION_RAISED"]);
      expect(kindsOf(await noticesAbout(processManager, id))).toEqual(["ESCALATION_RAISED"]);
      expect(await noticesAbout(alderman, id)).toEqual([]);
      expect(await noticesAbout(politieManager, id)).toEqual([]);
      expect((await toAct(ymereManager)).map((escalation) => escalation.id)).toContain(id);
      expect((await toAct(jbManager)).map((escalation) => escalation.id)).toContain(id);
      expect((await toAct(processManager)).map((escalation) => escalation.id)).not.toContain(id);

      app.clock.set(at(2));
      const second = await escalate(ymereManager, id, "No agreement between the line managers", "Ymere holds to its rent policy; the coach's plan needs an exception.", 1);
      expect(second).toMatchObject({ status: "OPEN", currentStep: 2, binding: false });
      expect(second.steps[0]).toMatchObject({
        step: 1,
        outcome: "ESCALATED",
        decision: "No agreement between the line managers",
        reasoning: "Ymere holds to its rent policy; the coach's plan needs an exception.",
        decidedById: ymereManager.id,
        overdue: false,
      });
      expect(ms(second.steps[0]!.decidedAt)).toBe(at(2).getTime());
      expect(second.steps[1]).toMatchObject({ step: 2, title: AMSTERDAM_LADDER[1]!.title, outcome: null });
      expect(ms(second.steps[1]!.startedAt)).toBe(at(2).getTime());
      expect(ms(second.steps[1]!.dueAt)).toBe(at(12).getTime());

      // Step 2: the process manager (MPG2) with the institutions' directors.
      expect(kindsOf(await noticesAbout(processManager, id))).toEqual(["ESCALATION_RAISED", "ESCALATION_STEP"]);
      expect(kindsOf(await noticesAbout(jbManager, id))).toEqual(["ESCALATION_RAISED", "ESCALATION_STEP"]);
      expect(kindsOf(await noticesAbout(ymereManager, id))).toEqual(["ESCALATION_RAISED"]);
      for (const decider of [processManager, ymereManager, jbManager]) {
        expect((await toAct(decider)).find((escalation) => escalation.id === id)?.currentStep).toBe(2);
      }

      app.clock.set(at(5));
      const third = await escalate(processManager, id, "The directors disagree", "Both directors stand by their organisation's position.");
      expect(third).toMatchObject({ currentStep: 3, binding: true });
      expect(third.steps[1]).toMatchObject({ outcome: "ESCALATED", decision: "The directors disagree", decidedById: processManager.id });
      expect(third.steps[2]).toMatchObject({ step: 3, title: AMSTERDAM_LADDER[2]!.title, outcome: null });
      expect(ms(third.steps[2]!.dueAt)).toBe(at(19).getTime());
      expect(kindsOf(await noticesAbout(alderman, id))).toEqual(["ESCALATION_STEP"]);
      expect((await toAct(alderman)).map((escalation) => escalation.id)).toContain(id);
      expect((await toAct(processManager)).map((escalation) => escalation.id)).not.toContain(id);

      // Step 3 is the last: its decision binds, there is no step above it.
      refused(await gql(ESCALATE, { id, decision: "Up again", reasoning: "There is no one above the alderman." }, alderman), "CONFLICT");
      expect(await read(alderman, id)).toEqual(third);

      app.clock.set(at(6));
      const resolved = await resolve(alderman, id, "Ymere applies the payment plan", "Keeping the family housed weighs heavier than the policy.");
      expect(resolved).toMatchObject({ status: "RESOLVED", currentStep: 3, binding: true });
      expect(ms(resolved.resolvedAt)).toBe(at(6).getTime());
      expect(resolved.steps.map((step) => [step.step, step.outcome, step.decidedById])).toEqual([
        [1, "ESCALATED", ymereManager.id],
        [2, "ESCALATED", processManager.id],
        [3, "RESOLVED", alderman.id],
      ]);
      expect(resolved.steps[2]).toMatchObject({ decision: "Ymere applies the payment plan", reasoning: "Keeping the family housed weighs heavier than the policy." });

      // Told: the raiser and regisseur, the process lead, every decider of the steps it reached.
      for (const told of [amsCoach, processManager, ymereManager, jbManager]) {
        expect(kindsOf(await noticesAbout(told, id))).toContain("ESCALATION_RESOLVED");
      }
      expect(kindsOf(await noticesAbout(alderman, id))).toEqual(["ESCALATION_STEP"]);
      expect(await listed(amsCoach, true)).not.toContain(id);
      expect(await listed(amsCoach, false)).toContain(id);
      expect((await toAct(alderman)).map((escalation) => escalation.id)).not.toContain(id);

      // A resolved escalation moves no more, either way, and nothing changes.
      refused(await gql(ESCALATE, { id, decision: "Again", reasoning: "The family still disagrees." }, alderman), "CONFLICT");
      refused(await gql(RESOLVE, { id, decision: "Otherwise", reasoning: "A second thought on the matter." }, alderman), "CONFLICT");
      expect(await read(alderman, id)).toEqual(resolved);
    });

    it("resolves a conflict over the draft plan at step 1, by a line manager, and tells every party that decided or leads", async () => {
      const familyId = await amsFamily();
      const raised = await raise(ymerePro, familyId, "PLAN_DRAFTING", [ymere]);
      expect(raised).toMatchObject({ track: "PLAN_DRAFTING", raisedById: ymerePro.id, currentStep: 1 });
      const resolved = await resolve(jbManager, raised.id, "The coach's draft stands", "The line managers agreed after a meeting with both professionals.");
      expect(resolved).toMatchObject({ status: "RESOLVED", currentStep: 1, binding: false });
      expect(resolved.steps).toEqual([
        expect.objectContaining({ step: 1, outcome: "RESOLVED", decision: "The coach's draft stands", decidedById: jbManager.id }),
      ]);
      for (const told of [ymerePro, amsCoach, processManager, ymereManager]) {
        expect(kindsOf(await noticesAbout(told, raised.id))).toContain("ESCALATION_RESOLVED");
      }
      expect(kindsOf(await noticesAbout(jbManager, raised.id))).toEqual(["ESCALATION_RAISED"]);
    });

    it("takes a risk family's conflict at step 2 to its coordinator, who resolves it there", async () => {
      const familyId = await amsFamily({ category: "RISK", processLead: coordinator });
      const raised = await raise(amsCoach, familyId, "PLAN_DRAFTING", [ymere]);
      expect(kindsOf(await noticesAbout(coordinator, raised.id))).toEqual(["ESCALATION_RAISED"]);
      expect(await noticesAbout(processManager, raised.id)).toEqual([]);
      await escalate(jbManager, raised.id, "No agreement", "The line managers could not agree on the draft.");
      expect(kindsOf(await noticesAbout(coordinator, raised.id))).toEqual(["ESCALATION_RAISED", "ESCALATION_STEP"]);
      // The process manager leads other families, not this one: no party here.
      refused(await gql(RESOLVE, { id: raised.id, decision: "Mine", reasoning: "I lead other families." }, processManager), "NOT_FOUND");
      const resolved = await resolve(coordinator, raised.id, "The draft takes Ymere's conditions in", "A compromise both directors accept.");
      expect(resolved).toMatchObject({ status: "RESOLVED", currentStep: 2 });
      expect(resolved.steps.map((step) => [step.outcome, step.decidedById])).toEqual([
        ["ESCALATED", jbManager.id],
        ["RESOLVED", coordinator.id],
      ]);
      expect(kindsOf(await noticesAbout(ymereManager, raised.id))).toContain("ESCALATION_RESOLVED");
    });
  });

  describe("Groningen", () => {
    it("carries a conflict over the draft plan up every step: the coach's voice, project leader with management, the executive who settles within a week", async () => {
      const familyId = await groFamily();
      const raised = await raise(lefierPro, familyId, "PLAN_DRAFTING", [lefier]);
      const id = raised.id;
      expect(raised).toMatchObject({ currentStep: 1, binding: false, partyPartners: [{ id: lefier.id, name: "Lefier" }] });
      expect(raised.steps[0]).toMatchObject({ title: GRONINGEN_LADDER[0]!.title });
      expect(ms(raised.steps[0]!.dueAt)).toBe(at(5).getTime());
      // Step 1: the coach's voice leads.
      expect(kindsOf(await noticesAbout(groCoach, id))).toEqual(["ESCALATION_RAISED"]);
      expect((await toAct(groCoach)).map((escalation) => escalation.id)).toContain(id);
      expect(await noticesAbout(projectLeader, id)).toEqual([]);

      app.clock.set(at(1));
      const second = await escalate(groCoach, id, "The coach keeps the draft", "Lefier does not accept; the coach's voice cannot settle it.");
      expect(second).toMatchObject({ currentStep: 2, binding: false });
      expect(second.steps[0]).toMatchObject({ outcome: "ESCALATED", decision: "The coach keeps the draft", decidedById: groCoach.id });
      expect(ms(second.steps[1]!.dueAt)).toBe(at(8).getTime());
      // Step 2: the project leader and the partner's management representative, at once.
      for (const decider of [projectLeader, lefierManager, mjdManager]) {
        expect(kindsOf(await noticesAbout(decider, id))).toEqual(["ESCALATION_STEP"]);
        expect((await toAct(decider)).map((escalation) => escalation.id)).toContain(id);
      }
      expect(await noticesAbout(elkerManager, id)).toEqual([]);

      app.clock.set(at(3));
      const third = await escalate(lefierManager, id, "Still no agreement", "Lefier's management cannot accept the rent exception.");
      expect(third).toMatchObject({ currentStep: 3, binding: true });
      expect(third.steps[2]).toMatchObject({ title: GRONINGEN_LADDER[2]!.title });
      // The executive settles it within one week.
      expect(ms(third.steps[2]!.dueAt)).toBe(at(10).getTime());
      expect(kindsOf(await noticesAbout(executive, id))).toEqual(["ESCALATION_STEP"]);
      refused(await gql(ESCALATE, { id, decision: "Further", reasoning: "There is nothing above the executive." }, executive), "CONFLICT");

      const resolved = await resolve(executive, id, "Lefier grants the exception", "The executive weighs the family's stability first.");
      expect(resolved.steps.map((step) => [step.step, step.outcome, step.decidedById])).toEqual([
        [1, "ESCALATED", groCoach.id],
        [2, "ESCALATED", lefierManager.id],
        [3, "RESOLVED", executive.id],
      ]);
      for (const told of [lefierPro, groCoach, projectLeader, lefierManager, mjdManager]) {
        expect(kindsOf(await noticesAbout(told, id))).toContain("ESCALATION_RESOLVED");
      }
      refused(await gql(RESOLVE, { id, decision: "Again", reasoning: "Once more with feeling." }, executive), "CONFLICT");
      expect(await read(executive, id)).toEqual(resolved);
    });

    it("resolves conflicts over the plan's execution at step 1 (the coach) and at step 2 (the partner's management)", async () => {
      const familyId = await groFamily();
      const first = await raise(lefierPro, familyId, "PLAN_EXECUTION", [lefier]);
      const settled = await resolve(groCoach, first.id, "The coach's plan is carried out", "Lefier agreed once the coach explained the plan.");
      expect(settled).toMatchObject({ status: "RESOLVED", currentStep: 1, track: "PLAN_EXECUTION" });
      expect(settled.steps).toEqual([expect.objectContaining({ outcome: "RESOLVED", decidedById: groCoach.id, reasoning: "Lefier agreed once the coach explained the plan." })]);
      expect(kindsOf(await noticesAbout(lefierPro, first.id))).toEqual(["ESCALATION_RESOLVED"]);
      expect(kindsOf(await noticesAbout(projectLeader, first.id))).toEqual(["ESCALATION_RESOLVED"]);

      // Raised by the project leader, as the family's process lead.
      const second = await raise(projectLeader, familyId, "PLAN_EXECUTION", [lefier]);
      await escalate(groCoach, second.id, "No agreement", "Lefier will not stop the eviction procedure.");
      const done = await resolve(lefierManager, second.id, "Lefier suspends the eviction", "The management representative agreed with the project leader.");
      expect(done).toMatchObject({ status: "RESOLVED", currentStep: 2 });
      expect(done.steps.map((step) => [step.outcome, step.decidedById])).toEqual([
        ["ESCALATED", groCoach.id],
        ["RESOLVED", lefierManager.id],
      ]);
    });
  });

  describe("who sees and who decides", () => {
    it("refuses a party who does not decide the current step with FORBIDDEN, and changes nothing", async () => {
      const familyId = await amsFamily();
      const { id } = await raise(amsCoach, familyId, "PLAN_EXECUTION", [ymere]);
      const before = await read(amsCoach, id);
      // The raiser (the regisseur), a care worker of the party, the informed process lead: parties, not deciders.
      for (const who of [amsCoach, ymerePro, ymereColleague, processManager]) {
        refused(await gql(ESCALATE, { id, decision: "Up", reasoning: "I would like this to move on." }, who), "FORBIDDEN");
        refused(await gql(RESOLVE, { id, decision: "Done", reasoning: "I consider this settled now." }, who), "FORBIDDEN");
      }
      expect(await read(amsCoach, id)).toEqual(before);

      await escalate(ymereManager, id, "No agreement", "The line managers could not agree.");
      await escalate(jbManager, id, "No agreement", "The directors could not agree either.");
      // At step 3 the line managers of step 1 and 2 are parties still, no longer deciders.
      refused(await gql(RESOLVE, { id, decision: "Ours", reasoning: "We settle this ourselves." }, ymereManager), "FORBIDDEN");
      expect((await read(ymereManager, id))?.currentStep).toBe(3);

      const groFamilyId = await groFamily();
      const gro = await raise(lefierPro, groFamilyId, "PLAN_DRAFTING", [lefier]);
      refused(await gql(ESCALATE, { id: gro.id, decision: "Up", reasoning: "The coach will not budge." }, lefierPro), "FORBIDDEN");
      // The project leader decides step 2, not step 1.
      refused(await gql(RESOLVE, { id: gro.id, decision: "Settled", reasoning: "I settle it before it reaches me." }, projectLeader), "FORBIDDEN");
      expect((await read(lefierPro, gro.id))?.steps.map((step) => step.outcome)).toEqual([null]);
    });

    it("hides an escalation from whoever is no party, exactly as one that does not exist", async () => {
      const familyId = await amsFamily();
      const { id } = await raise(amsCoach, familyId, "PLAN_EXECUTION", [ymere]);
      const outsiders = [politiePro, politieManager, amsProjectLead, coordinator, amsAdmin, foreignCoach, alderman];
      const noSuch = async (who: Who, escalationId: string) => {
        expect(await read(who, escalationId)).toBeNull();
        refused(await gql(ESCALATE, { id: escalationId, decision: "Up", reasoning: "Let us move this on." }, who), "NOT_FOUND");
        refused(await gql(RESOLVE, { id: escalationId, decision: "Done", reasoning: "Let us settle this." }, who), "NOT_FOUND");
      };
      for (const who of outsiders) {
        await noSuch(who, id);
        expect(await listed(who)).not.toContain(id);
        expect((await toAct(who)).map((escalation) => escalation.id)).not.toContain(id);
        const messages = (response: GraphQLResponse) => response.body.errors?.map((error) => error.message);
        expect(messages(await gql(ESCALATE, { id, decision: "Up", reasoning: "Let us move this on." }, who))).toEqual(
          messages(await gql(ESCALATE, { id: NOBODY, decision: "Up", reasoning: "Let us move this on." }, who)),
        );
      }
      await noSuch(amsCoach, NOBODY);
      await noSuch(amsCoach, "not-an-id");
      // The police professional knows the family (DAT), and still not its escalation.
      expect((await gql<{ family: { id: string } | null }>(FAMILY_PLAN, { id: familyId }, politiePro)).body.data?.family?.id).toBe(familyId);

      // The parties: the raiser and regisseur, the process lead, the deciders reached, the party's care workers.
      for (const party of [amsCoach, processManager, ymereManager, jbManager, ymerePro, ymereColleague]) {
        expect((await read(party, id))?.id).toBe(id);
        expect(await listed(party)).toContain(id);
      }

      // The alderman becomes a party when the escalation reaches the step where they decide.
      await escalate(ymereManager, id, "No agreement", "The line managers could not agree.");
      expect(await read(alderman, id)).toBeNull();
      await escalate(processManager, id, "No agreement", "The directors could not agree.");
      expect((await read(alderman, id))?.currentStep).toBe(3);
      expect(await listed(alderman)).toContain(id);

      // Groningen: a partner reading the whole plan by the covenant is no party to its escalations.
      const groFamilyId = await groFamily();
      const gro = await raise(lefierPro, groFamilyId, "PLAN_DRAFTING", [lefier]);
      for (const who of [elkerPro, elkerManager, executive, groAdmin]) await noSuch(who, gro.id);
      const seen = async (who: Who) => data(await gql<{ escalations: { nodes: { id: string }[] } }>(OF_FAMILY, { familyId: groFamilyId }, who)).escalations.nodes;
      expect(await seen(elkerPro)).toEqual([]);
      expect(data(await gql<{ escalations: { nodes: unknown[] } }>(OF_FAMILY, { familyId: "not-an-id" }, groCoach)).escalations.nodes).toEqual([]);
      expect(await seen(groCoach)).toEqual([{ id: gro.id, status: "OPEN" }]);
      expect(await seen(projectLeader)).toEqual([{ id: gro.id, status: "OPEN" }]);
    });

    it("shows that an escalation is open (track, step, deadline, never its dossier) to whoever sees the family's process, until it is resolved", async () => {
      const familyId = await amsFamily();
      const { id } = await raise(amsCoach, familyId, "PLAN_EXECUTION", [ymere]);
      type Open = { track: string; currentStep: number; raisedAt: string; dueAt: string; overdue: boolean };
      const openOf = (who: Who) => gql<{ family: { openEscalations: Open[] | null } | null }>(OPEN_ESCALATIONS, { id: familyId }, who);
      // The process manager leads the family's process; the coach keeps it: both see it open, at step 1, with its deadline.
      for (const keeper of [processManager, amsCoach]) {
        const [open, ...more] = data(await openOf(keeper)).family!.openEscalations!;
        expect(more).toEqual([]);
        expect(open).toMatchObject({ track: "PLAN_EXECUTION", currentStep: 1, overdue: false });
        expect(new Date(open!.dueAt).getTime()).toBeGreaterThan(new Date(open!.raisedAt).getTime());
      }
      // The police, who know only that the family exists (DAT), are refused the process data.
      const atDat = await openOf(politiePro);
      expect(atDat.body.data?.family).not.toBeNull();
      expect(atDat.body.data!.family!.openEscalations).toBeNull();
      expect(codes(atDat)).toEqual(["FORBIDDEN"]);
      // Resolved at step 1 by the line manager, it is open no more.
      await resolve(ymereManager, id, "The coach's plan is carried out", "Ymere agreed.");
      expect(data(await openOf(processManager)).family!.openEscalations).toEqual([]);
    });

    it("shows a party the escalation dossier and nothing of the family it did not already see", async () => {
      const familyId = await amsFamily();
      data(await gql(START_PLAN, { familyId }, amsCoach));
      const { id } = await raise(amsCoach, familyId, "PLAN_EXECUTION", [ymere]);
      await escalate(ymereManager, id, "No agreement", "The line managers could not agree.");
      await escalate(processManager, id, "No agreement", "The directors could not agree.");

      // The alderman and the line managers read the dossier …
      for (const party of [alderman, ymereManager, jbManager]) {
        const seen = await read(party, id);
        expect(seen).toMatchObject({ id, familyId, subject, currentStep: 3 });
        // … but the family is not there for them: no plan, no members, not in their list.
        expect(data(await gql(FAMILY_PLAN, { id: familyId }, party))).toEqual({ family: null });
        expect(data(await gql<{ families: { nodes: { id: string }[] } }>(FAMILIES, {}, party)).families.nodes.map((family) => family.id)).not.toContain(familyId);
      }
      // A care worker of the party knows the family at DAT: the plan and the family's escalations stay closed.
      const response = await gql<{ family: { id: string; plan: unknown; members: unknown } }>(FAMILY_PLAN, { id: familyId }, ymerePro);
      expect(response.body.data?.family).toEqual({ id: familyId, plan: null, members: null });
      expect(response.body.errors?.map((error) => [error.path?.join("."), error.extensions?.code]).sort()).toEqual([
        ["family.members", "FORBIDDEN"],
        ["family.plan", "FORBIDDEN"],
      ]);
      expect((await read(ymerePro, id))?.subject).toBe(subject);
      // Every party finds it by the family's id, whether or not they may know of the family.
      for (const party of [amsCoach, processManager, ymerePro, alderman]) {
        const seen = data(await gql<{ escalations: { nodes: { id: string }[] } }>(OF_FAMILY, { familyId }, party)).escalations.nodes;
        expect(seen.map((escalation) => escalation.id)).toEqual([id]);
      }
      expect(data(await gql<{ escalations: { nodes: { id: string }[] } }>(OF_FAMILY, { familyId }, politiePro)).escalations.nodes).toEqual([]);
    });

    it("lets the regisseur, the process lead and involved care workers raise one, and refuses the rest and bad input with nothing written", async () => {
      const familyId = await amsFamily();
      const groFamilyId = await groFamily();
      const raiseAs = (who: Who, variables: Vars) =>
        gql<{ raiseEscalation: EscalationView }>(RAISE, { familyId, track: "PLAN_DRAFTING", subject, parties: [ymere.id], ...variables }, who);
      const before = await listed(amsCoach);

      // Who may not know of the family: NOT_FOUND, exactly as for no family.
      for (const who of [alderman, ymereManager, amsProjectLead, foreignCoach]) refused(await raiseAs(who, {}), "NOT_FOUND");
      refused(await raiseAs(amsCoach, { familyId: NOBODY }), "NOT_FOUND");
      // Who knows of it but has no part in it: FORBIDDEN.
      refused(await gql(RAISE, { familyId: groFamilyId, track: "PLAN_DRAFTING", subject, parties: [lefier.id] }, elkerPro), "FORBIDDEN");
      refused(await gql(RAISE, { familyId: groFamilyId, track: "PLAN_DRAFTING", subject, parties: [lefier.id] }, elkerManager), "NOT_FOUND");

      refused(await raiseAs(amsCoach, { subject: "Too short" }), "BAD_USER_INPUT", "subject");
      refused(await raiseAs(amsCoach, { subject: "x".repeat(2001) }), "BAD_USER_INPUT", "subject");
      refused(await raiseAs(amsCoach, { parties: [] }), "BAD_USER_INPUT", "partyPartnerIds");
      refused(await raiseAs(amsCoach, { parties: [ymere.id, foreignPartner.id] }), "BAD_USER_INPUT", "partyPartnerIds[1]");
      refused(await raiseAs(amsCoach, { parties: ["no-partner"] }), "BAD_USER_INPUT", "partyPartnerIds[0]");
      refused(await raiseAs(amsCoach, { parties: [lefier.id] }), "BAD_USER_INPUT", "partyPartnerIds[0]");
      // A partner of the region not involved with the family: naming it would make its care workers parties.
      const uninvolved = await aPartner(app.database.db, ymere.regionId, { name: "Cordaan", sector: "HEALTH" });
      const uninvolvedPro = await aProfessional(app.database.db, uninvolved);
      refused(await raiseAs(amsCoach, { parties: [ymere.id, uninvolved.id] }), "BAD_USER_INPUT", "partyPartnerIds[1]");
      expect(data(await gql<{ escalations: { nodes: unknown[] } }>(OF_FAMILY, { familyId }, uninvolvedPro)).escalations.nodes).toEqual([]);
      expect(await listed(amsCoach)).toEqual(before);
      expect(data(await gql<{ escalations: { nodes: unknown[] } }>(OF_FAMILY, { familyId }, amsCoach)).escalations.nodes).toEqual([]);

      // Allowed: the regisseur, the process lead, a care worker of an involved partner.
      for (const who of [amsCoach, processManager, politiePro]) {
        const raised = data(await raiseAs(who, { parties: [ymere.id, politie.id] }));
        expect(raised.raiseEscalation).toMatchObject({ raisedById: who.id, status: "OPEN", currentStep: 1 });
        expect(raised.raiseEscalation.partyPartners.map((partner) => partner.id).sort()).toEqual([ymere.id, politie.id].sort());
      }
      const afterwards = data(await gql<{ escalations: { nodes: unknown[] } }>(OF_FAMILY, { familyId }, amsCoach)).escalations.nodes;
      expect(afterwards).toHaveLength(3);
      // Police is a party now: its line manager decides step 1.
      expect((await toAct(politieManager)).length).toBeGreaterThanOrEqual(3);
    });

    it("asks for a decision and its reasoning, and does not decide twice on one step", async () => {
      const familyId = await amsFamily();
      const { id } = await raise(amsCoach, familyId, "PLAN_EXECUTION", [ymere]);
      const before = await read(amsCoach, id);
      refused(await gql(ESCALATE, { id, decision: "", reasoning: "The line managers could not agree." }, ymereManager), "BAD_USER_INPUT", "decision");
      refused(await gql(ESCALATE, { id, decision: "No agreement", reasoning: "No." }, ymereManager), "BAD_USER_INPUT", "reasoning");
      refused(await gql(RESOLVE, { id, decision: "Settled", reasoning: "" }, ymereManager), "BAD_USER_INPUT", "reasoning");
      refused(await gql(ESCALATE, { id, decision: "No agreement", reasoning: "The line managers could not agree.", step: 0 }, ymereManager), "BAD_USER_INPUT", "expectedStep");
      expect(await read(amsCoach, id)).toEqual(before);

      // Two line managers decide at the same moment on step 1: one of them moves it.
      const answers = await Promise.all(
        [ymereManager, jbManager].map((who) => gql(ESCALATE, { id, decision: "No agreement", reasoning: "The line managers could not agree.", step: 1 }, who)),
      );
      expect(answers.map(codes).sort()).toEqual([[], ["CONFLICT"]]);
      const after = await read(amsCoach, id);
      expect(after?.currentStep).toBe(2);
      expect(after?.steps).toHaveLength(2);
      // The process manager read step 1 and decides now: refused, the escalation has moved on.
      refused(await gql(RESOLVE, { id, decision: "Settled", reasoning: "I read it at step one.", step: 1 }, processManager), "CONFLICT");
      expect(await read(amsCoach, id)).toEqual(after);
    });
  });

  describe("deadlines", () => {
    it("shows an overdue step to whoever must act and raises its notice once, then again for the next step's deadline", async () => {
      const familyId = await amsFamily();
      const { id } = await raise(amsCoach, familyId, "PLAN_EXECUTION", [ymere]);
      app.clock.set(at(1));
      const later = await raise(amsCoach, familyId, "PLAN_DRAFTING", [ymere]);
      const overdueNotices = async (who: Who) => (await noticesAbout(who, id)).filter((notice) => notice.kind === "ESCALATION_OVERDUE");

      // A minute before the deadline: nothing is overdue.
      app.clock.set(at(10, -1));
      await raiseDeadlines(app.database.db, app.clock.now());
      expect(await overdueNotices(ymereManager)).toEqual([]);
      expect((await toAct(ymereManager, true)).map((escalation) => escalation.id)).not.toContain(id);
      expect((await read(amsCoach, id))?.steps[0]?.overdue).toBe(false);

      // At the deadline: the deciders and the process lead are told, once however often the job runs.
      app.clock.set(at(10));
      await raiseDeadlines(app.database.db, app.clock.now());
      await raiseDeadlines(app.database.db, app.clock.now());
      for (const told of [ymereManager, jbManager, processManager]) {
        const notices = await overdueNotices(told);
        expect(notices).toHaveLength(1);
        expect(ms(notices[0]!.due)).toBe(at(10).getTime());
        expect(notices[0]!.familyId).toBe(familyId);
      }
      expect(await overdueNotices(amsCoach)).toEqual([]);
      expect(await overdueNotices(alderman)).toEqual([]);
      expect((await read(amsCoach, id))?.steps[0]?.overdue).toBe(true);
      const overdue = await toAct(ymereManager, true);
      expect(overdue.map((escalation) => escalation.id)).toContain(id);
      expect(overdue.find((escalation) => escalation.id === id)?.steps).toEqual([{ step: 1, overdue: true }]);
      expect(overdue.map((escalation) => escalation.id)).not.toContain(later.id);

      // The overdue one comes before the one raised after it (due a day later), which is not in the overdue list yet.
      app.clock.set(at(10, 1));
      const all = (await toAct(ymereManager)).map((escalation) => escalation.id);
      expect(all.indexOf(id)).toBeGreaterThanOrEqual(0);
      expect(all.indexOf(id)).toBeLessThan(all.indexOf(later.id));

      // The next step has its own deadline and its own notice.
      app.clock.set(at(11));
      const moved = await escalate(ymereManager, id, "No agreement", "The line managers could not agree in time.");
      expect(moved.steps.map((step) => step.overdue)).toEqual([false, false]);
      expect(ms(moved.steps[1]!.dueAt)).toBe(at(21).getTime());
      await raiseDeadlines(app.database.db, app.clock.now());
      expect(await overdueNotices(processManager)).toHaveLength(1);
      expect((await toAct(processManager, true)).map((escalation) => escalation.id)).not.toContain(id);

      app.clock.set(at(21));
      await raiseDeadlines(app.database.db, app.clock.now());
      await raiseDeadlines(app.database.db, app.clock.now());
      for (const told of [processManager, ymereManager, jbManager]) {
        expect((await overdueNotices(told)).map((notice) => ms(notice.due))).toEqual([at(21).getTime(), at(10).getTime()]);
      }
      expect((await toAct(processManager, true)).map((escalation) => escalation.id)).toContain(id);

      // Resolved: no deadline left.
      await resolve(processManager, id, "Ymere applies the plan", "The directors agreed in the end.");
      app.clock.set(at(60));
      await raiseDeadlines(app.database.db, app.clock.now());
      expect(await overdueNotices(processManager)).toHaveLength(2);
      expect((await toAct(processManager, true)).map((escalation) => escalation.id)).not.toContain(id);
    });

    it("tells the Groningen coach and project leader when the coach's step runs past its five days", async () => {
      const familyId = await groFamily();
      const { id } = await raise(lefierPro, familyId, "PLAN_DRAFTING", [lefier]);
      app.clock.set(at(5));
      await raiseDeadlines(app.database.db, app.clock.now());
      await raiseDeadlines(app.database.db, app.clock.now());
      for (const told of [groCoach, projectLeader]) {
        expect((await noticesAbout(told, id)).filter((notice) => notice.kind === "ESCALATION_OVERDUE")).toHaveLength(1);
      }
      expect((await noticesAbout(lefierPro, id)).filter((notice) => notice.kind === "ESCALATION_OVERDUE")).toEqual([]);
      expect((await toAct(groCoach, true)).map((escalation) => escalation.id)).toContain(id);
      expect((await toAct(projectLeader, true)).map((escalation) => escalation.id)).not.toContain(id);
    });
  });

  describe("the ladder by who commissions the care", () => {
    const RAISE_FOR = `mutation($familyId: ID!, $parties: [ID!]!, $commissioner: EscalationCommissioner) {
      raiseEscalation(familyId: $familyId, track: PLAN_EXECUTION, subject: "The care region's provider stops the home help.", partyPartnerIds: $parties, commissioner: $commissioner) {
        id ladderVariant currentStep steps { title } } }`;
    const SET_VARIANT = `mutation($steps: [EscalationLadderStepInput!]!, $variant: EscalationLadderVariant!) {
      setEscalationLadder(track: PLAN_EXECUTION, steps: $steps, variant: $variant) { step title binding } }`;
    const VARIANT = `query($variant: EscalationLadderVariant!) { escalationLadder(track: PLAN_EXECUTION, variant: $variant) { title } }`;
    type Raised = { id: string; ladderVariant: string; steps: { title: string }[] };

    it("climbs the region's ladder for the commissioner, and ends at the mayor where nuisance dominates", async () => {
      const mayor = await aProfessional(app.database.db, gemeente, ["MAYOR"]);
      const regional = [
        { title: "Line managers (care region)", deciders: ["LINE_MANAGERS"], informed: [], deadlineDays: 10 },
        { title: "Regional portfolio holder", deciders: ["ADMINISTRATORS"], informed: [], deadlineDays: 14 },
      ];
      const regionalNuisance = [regional[0]!, { title: "Mayor", deciders: ["MAYOR"], informed: ["ADMINISTRATORS"], deadlineDays: 14 }];
      refused(await gql(SET_VARIANT, { steps: regional, variant: "REGIONAL" }, amsCoach), "FORBIDDEN");
      data(await gql(SET_VARIANT, { steps: regional, variant: "REGIONAL" }, amsAdmin));
      data(await gql(SET_VARIANT, { steps: regionalNuisance, variant: "REGIONAL_NUISANCE" }, amsAdmin));
      try {
        // Asked for a variant it did not set, the region answers the nearest: LOCAL falls back to its default ladder.
        expect(data(await gql<{ escalationLadder: { title: string }[] }>(VARIANT, { variant: "LOCAL" }, amsCoach)).escalationLadder).toEqual(AMSTERDAM_LADDER.map(({ title }) => ({ title })));
        expect(data(await gql<{ escalationLadder: { title: string }[] }>(VARIANT, { variant: "REGIONAL_NUISANCE" }, amsCoach)).escalationLadder.at(-1)).toEqual({ title: "Mayor" });

        const plain = await amsFamily();
        const ordinary = data(await gql<{ raiseEscalation: Raised }>(RAISE_FOR, { familyId: plain, parties: [ymere.id], commissioner: "REGIONAL" }, amsCoach)).raiseEscalation;
        expect(ordinary).toMatchObject({ ladderVariant: "REGIONAL", steps: [{ title: "Line managers (care region)" }] });
        const local = data(await gql<{ raiseEscalation: Raised }>(RAISE_FOR, { familyId: plain, parties: [ymere.id], commissioner: "LOCAL" }, amsCoach)).raiseEscalation;
        expect(local).toMatchObject({ ladderVariant: "LOCAL", steps: [{ title: AMSTERDAM_LADDER[0]!.title }] });

        // Nuisance in public space (MPG4) dominates: the last step is the mayor's, and the alderman is only told.
        const nuisance = await amsFamily({ category: "MPG4" });
        const raised = data(await gql<{ raiseEscalation: Raised }>(RAISE_FOR, { familyId: nuisance, parties: [ymere.id], commissioner: "REGIONAL" }, amsCoach)).raiseEscalation;
        expect(raised.ladderVariant).toBe("REGIONAL_NUISANCE");
        await escalate(ymereManager, raised.id, "No agreement", "The line managers could not agree.");
        refused(await gql(RESOLVE, { id: raised.id, decision: "Settled", reasoning: "The alderman is not the one here." }, alderman), "FORBIDDEN");
        const settled = await resolve(mayor, raised.id, "The home help goes on", "Public order and the children's safety weigh heaviest.");
        expect(settled.steps.map((step) => [step.title, step.outcome, step.decidedById])).toEqual([
          ["Line managers (care region)", "ESCALATED", ymereManager.id],
          ["Mayor", "RESOLVED", mayor.id],
        ]);
        for (const id of [ordinary.id, local.id]) await resolve(ymereManager, id, "Settled", "Agreed between the line managers.");
      } finally {
        await app.database.db.delete(escalationLadder).where(ne(escalationLadder.variant, "DEFAULT"));
      }
    });
  });

  describe("the ladder", () => {
    it("is the region's own, readable by every professional of the region", async () => {
      for (const track of ["PLAN_DRAFTING", "PLAN_EXECUTION"]) {
        for (const who of [amsCoach, ymerePro, alderman]) {
          expect(data(await gql<{ escalationLadder: LadderStepView[] }>(LADDER, { track }, who)).escalationLadder).toEqual(asLadder(AMSTERDAM_LADDER));
        }
        for (const who of [groCoach, executive]) {
          expect(data(await gql<{ escalationLadder: LadderStepView[] }>(LADDER, { track }, who)).escalationLadder).toEqual(asLadder(GRONINGEN_LADDER));
        }
        expect(data(await gql<{ escalationLadder: LadderStepView[] }>(LADDER, { track }, foreignCoach)).escalationLadder).toEqual([]);
      }
      expect(codes(await app.gql(LADDER, { track: "PLAN_DRAFTING" }, null))).toEqual(["UNAUTHENTICATED"]);
    });

    it("is set by the covenant administrator alone, and a bad ladder is refused with nothing changed", async () => {
      const track = "PLAN_DRAFTING";
      const step = (overrides: Vars = {}) => ({ title: "Line managers", deciders: ["LINE_MANAGERS"], informed: [], deadlineDays: 10, ...overrides });
      for (const who of [amsCoach, processManager, alderman, groAdmin]) {
        const response = await gql(SET_LADDER, { track, steps: [step()] }, who);
        if (who === groAdmin) data(response);
        else refused(response, "FORBIDDEN");
      }
      // The Groningen administrator changed Groningen's ladder only; put it back.
      data(await gql(SET_LADDER, { track, steps: GRONINGEN_LADDER }, groAdmin));

      const bad: [Vars[], string][] = [
        [[], "steps"],
        [[step(), step(), step(), step(), step(), step()], "steps"],
        [[step({ deciders: [] })], "steps[0].deciders"],
        [[step(), step({ deadlineDays: 0 })], "steps[1].deadlineDays"],
        [[step({ deadlineDays: 91 })], "steps[0].deadlineDays"],
        [[step({ title: "  " })], "steps[0].title"],
        [[step({ deciders: ["LINE_MANAGERS", "LINE_MANAGERS"] })], "steps[0].deciders"],
        [[step({ informed: ["LINE_MANAGERS"] })], "steps[0].informed"],
      ];
      for (const [steps, field] of bad) refused(await gql(SET_LADDER, { track, steps }, amsAdmin), "BAD_USER_INPUT", field);
      // An actor kind the API does not know never reaches the service, and is no server error.
      const unknown = await gql(SET_LADDER, { track, steps: [step({ deciders: ["PRESIDENT"] })] }, amsAdmin);
      expect(unknown.status).toBeLessThan(500);
      expect(codes(unknown)).toEqual(["BAD_USER_INPUT"]);
      expect(data(await gql<{ escalationLadder: LadderStepView[] }>(LADDER, { track }, amsCoach)).escalationLadder).toEqual(asLadder(AMSTERDAM_LADDER));
      expect(data(await gql<{ escalationLadder: LadderStepView[] }>(LADDER, { track }, groCoach)).escalationLadder).toEqual(asLadder(GRONINGEN_LADDER));
    });

    it("is replaced per track in one go; an open escalation keeps the steps it reached and goes on on the new ladder", async () => {
      const familyId = await amsFamily();
      const { id } = await raise(amsCoach, familyId, "PLAN_DRAFTING", [ymere]);
      const atStep2 = await escalate(ymereManager, id, "No agreement", "The line managers could not agree.");
      try {
        const shorter = [
          { title: "Regisseur and line managers", deciders: ["REGISSEUR", "LINE_MANAGERS"], informed: ["PROCESS_LEAD"], deadlineDays: 3 },
          { title: "Mayor", deciders: ["ADMINISTRATORS"], informed: [], deadlineDays: 5 },
        ];
        const saved = data(await gql<{ setEscalationLadder: LadderStepView[] }>(SET_LADDER, { track: "PLAN_DRAFTING", steps: shorter }, amsAdmin));
        expect(saved.setEscalationLadder.map((step) => [step.step, step.title, step.binding])).toEqual([
          [1, "Regisseur and line managers", false],
          [2, "Mayor", true],
        ]);
        // The other track keeps its ladder.
        expect(data(await gql<{ escalationLadder: LadderStepView[] }>(LADDER, { track: "PLAN_EXECUTION" }, amsCoach)).escalationLadder).toEqual(
          asLadder(AMSTERDAM_LADDER),
        );

        // The steps reached stay as they were decided and dated; step 2 is now the binding one.
        const now = await read(amsCoach, id);
        expect(now).toMatchObject({ currentStep: 2, binding: true, status: "OPEN" });
        expect(now!.steps.map((step) => [step.step, step.outcome, step.decision, step.decidedById, step.dueAt])).toEqual(
          atStep2.steps.map((step) => [step.step, step.outcome, step.decision, step.decidedById, step.dueAt]),
        );
        // Its deciders are the new step 2's: the administrator, no longer the process manager.
        refused(await gql(RESOLVE, { id, decision: "Settled", reasoning: "As the old step two would have it." }, processManager), "FORBIDDEN");
        refused(await gql(ESCALATE, { id, decision: "Higher", reasoning: "The mayor's decision binds." }, alderman), "CONFLICT");
        const resolved = await resolve(alderman, id, "The draft stands", "The mayor settles it under the new ladder.");
        expect(resolved.steps.map((step) => [step.outcome, step.decidedById])).toEqual([
          ["ESCALATED", ymereManager.id],
          ["RESOLVED", alderman.id],
        ]);

        // A new escalation starts on the new ladder.
        const fresh = await raise(ymerePro, familyId, "PLAN_DRAFTING", [ymere]);
        expect(ms(fresh.steps[0]!.dueAt)).toBe(at(3).getTime());
        expect(kindsOf(await noticesAbout(amsCoach, fresh.id))).toEqual(["ESCALATION_RAISED"]);
        await resolve(amsCoach, fresh.id, "The coach's voice", "Decided on the first step of the new ladder.");
      } finally {
        data(await gql(SET_LADDER, { track: "PLAN_DRAFTING", steps: AMSTERDAM_LADDER }, amsAdmin));
      }
    });
  });
});
