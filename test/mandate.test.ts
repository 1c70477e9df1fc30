import "reflect-metadata";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PLANS } from "../src/demo/plan-scenario.js";
import { DEMO_REGIONS } from "../src/demo/scenario.js";
import { raiseDeadlines } from "../src/process/deadlines.js";
import { GRONINGEN_MANDATE_TABLE } from "../src/process/mandate/groningen.js";
import { writeMandateTable } from "../src/process/mandate/table.js";
import { escalationLadder, escalations } from "../src/process/tables.js";
import { codes, startTestApp, type TestApp, data, refused } from "./support/app.js";
import { aLifeDomain, aPartner, aProfessional, aRegion, bsnNumber } from "./support/builders.js";

/*
 * The functional mandate (domain brief §5; Groningen's covenant 000 §9), through HTTP: the
 * region's table of what the coach may decide, the regisseur's advice (binding inside the table,
 * advice only outside it), the addressed institution's one answer — a deviation only on a legal
 * ground, and then an escalation — who sees what of an advice, and the overdue notice. A
 * Groningen-like region carries the covenant's table; an Amsterdam-like one starts without.
 */

const START = "2026-11-23T10:00:00+01:00";
const TODAY = "2026-11-23";
const NOBODY = "2b1f1f4e-9c1e-4c4e-8f57-3f1f4b7a0c11";

// --- documents ---------------------------------------------------------------------------------

const REGISTER = `mutation($input: RegisterFamilyInput!) { registerFamily(input: $input) { id } }`;
const SIGNAL = `mutation($input: SignalInput!) { signal(input: $input) { id } }`;
const PUBLISH = `mutation($input: CovenantVersionInput!) { publishCovenantVersion(input: $input) { version inForce } }`;
const START_PLAN = `mutation($familyId: ID!) { startPlan(familyId: $familyId) { version } }`;
const ADD_TASK = `mutation($familyId: ID!, $v: Int!, $input: TaskInput!) { addTask(familyId: $familyId, expectedVersion: $v, input: $input) { version } }`;

const ENTRY = `id lifeDomain partner { id name } decisionType description`;
const TABLE = `query($partnerId: ID, $lifeDomain: String) { mandateTable(partnerId: $partnerId, lifeDomain: $lifeDomain) { ${ENTRY} } }`;
const DEFINE = `mutation($input: MandateEntryInput!) { defineMandate(input: $input) { ${ENTRY} } }`;
const REMOVE = `mutation($id: ID!) { removeMandate(id: $id) }`;

const PROCESS_FIELDS = `id familyId partner { id name } binding standing status issuedAt issuedById answerDue overdue answeredAt answeredById escalationId`;
const CONTENT_FIELDS = `lifeDomain decisionType advice answer legalGround`;
const ADVICE = `${PROCESS_FIELDS} ${CONTENT_FIELDS}`;
const ISSUE = `mutation($familyId: ID!, $input: AdviceInput!) { issueAdvice(familyId: $familyId, input: $input) { ${ADVICE} } }`;
const ANSWER = `mutation($id: ID!, $input: AdviceAnswerInput!) { answerAdvice(adviceId: $id, input: $input) { ${ADVICE} } }`;
const ONE = `query($id: ID!) { advice(id: $id) { ${ADVICE} } }`;
const OF_FAMILY = `query($familyId: ID!) { advices(familyId: $familyId) { nodes { ${ADVICE} } } }`;
const TO_ANSWER = `query($openOnly: Boolean) { advicesToAnswer(openOnly: $openOnly) { nodes { ${ADVICE} } } }`;
const INBOX = `{ notifications { nodes { kind familyId subjectId due } } }`;

// --- shapes ----------------------------------------------------------------------------------

interface Entry {
  id: string;
  lifeDomain: string;
  partner: { id: string; name: string };
  decisionType: string;
  description: string;
}
interface Advice {
  id: string;
  familyId: string;
  partner: { id: string; name: string };
  binding: boolean;
  standing: string;
  status: string;
  issuedAt: string;
  issuedById: string;
  answerDue: string;
  overdue: boolean;
  answeredAt: string | null;
  answeredById: string | null;
  escalationId: string | null;
  lifeDomain: string | null;
  decisionType: string | null;
  advice: string | null;
  answer: string | null;
  legalGround: string | null;
}
interface Notice {
  kind: string;
  familyId: string | null;
  subjectId: string | null;
  due: string | null;
}
type Vars = Record<string, unknown>;
type Who = { id: string };
type PartnerRef = { id: string; regionId: string; name: string };

describe("the functional mandate", () => {
  let app: TestApp;

  // Groningen-like: the demo's directory and life domains, and the covenant's mandate table.
  const g = {} as {
    partner: (name: string) => PartnerRef;
    coach: Who;
    projectLead: Who;
    mjdManager: Who;
    sozawePro: Who;
    sozaweManager: Who;
    lefierPro: Who;
    lefierTaskLead: Who;
    lefierManager: Who;
    lefierEvaluator: Who;
    sozaweCoach: Who;
    nijesteePro: Who;
    policePro: Who;
    admin: Who;
    familyId: string;
  };
  // Amsterdam-like: a smaller world, and a table the administrator fills.
  const a = {} as {
    debtHelp: PartnerRef;
    ymere: PartnerRef;
    police: PartnerRef;
    coach: Who;
    coordinator: Who;
    debtPro: Who;
    debtManager: Who;
    ymerePro: Who;
    policePro: Who;
    admin: Who;
    familyId: string;
    regionId: string;
  };

  const gql = <T = Record<string, unknown>>(query: string, variables: Vars, as: Who) => app.gql<T>(query, variables, as.id);


  const issue = async (familyId: string, input: Vars, as: Who) => data(await gql<{ issueAdvice: Advice }>(ISSUE, { familyId, input }, as)).issueAdvice;
  const answer = async (id: string, input: Vars, as: Who) => data(await gql<{ answerAdvice: Advice }>(ANSWER, { id, input }, as)).answerAdvice;
  const adviceAs = async (id: string, as: Who) => data(await gql<{ advice: Advice | null }>(ONE, { id }, as)).advice;
  const inbox = async (as: Who) => data(await gql<{ notifications: { nodes: Notice[] } }>(INBOX, {}, as)).notifications.nodes;
  const noticesAbout = async (as: Who, subjectId: string, kind: string) =>
    (await inbox(as)).filter((notice) => notice.subjectId === subjectId && notice.kind === kind);

  let seed = 40_000_000;
  /** A household of a parent and a child, registered by the process lead with `coach` as regisseur. */
  async function aFamily(name: string, coach: Who, processLead: Who): Promise<{ familyId: string; childBsn: string; childBirthDate: string }> {
    const base = (seed += 1_000);
    const parent = { bsn: bsnNumber(base), givenName: "Sanne", familyName: name, birthDate: "1988-04-02", relation: "PARENT", legalCustody: true };
    const child = { bsn: bsnNumber(base + 100), givenName: "Daan", familyName: name, birthDate: "2014-09-12", relation: "CHILD", legalCustody: false };
    const registered = await gql<{ registerFamily: { id: string } }>(
      REGISTER,
      { input: { name: `Gezin ${name}`, category: "MPG2", regisseurId: coach.id, members: [parent, child] } },
      processLead,
    );
    return { familyId: data(registered).registerFamily.id, childBsn: child.bsn, childBirthDate: child.birthDate };
  }

  beforeAll(async () => {
    app = await startTestApp();
    app.clock.set(START);
    const db = app.database.db;

    // --- Groningen-like ---------------------------------------------------------------------
    const groningen = DEMO_REGIONS.find((region) => region.code === "groningen")!;
    const gRegion = await aRegion(db, { code: "mandate-groningen" });
    for (const domain of DEMO_PLANS.find((plans) => plans.region === "groningen")!.lifeDomains) {
      await aLifeDomain(db, gRegion.id, domain.code, domain.safetyRelevant ?? false);
    }
    const gPartners = new Map<string, PartnerRef>();
    for (const partner of groningen.partners) {
      gPartners.set(partner.name, await aPartner(db, gRegion.id, { name: partner.name, sector: partner.sector, covenantSignatory: partner.covenantSignatory }));
    }
    g.partner = (name) => gPartners.get(name)!;
    // The table as data, written the way a region's set-up (or the demo seed) writes it.
    expect(await writeMandateTable(db, gRegion.id, GRONINGEN_MANDATE_TABLE)).toBe(GRONINGEN_MANDATE_TABLE.length);

    const sozawe = g.partner("Gemeente Groningen – Sozawe");
    const mjd = g.partner("MJD");
    const lefier = g.partner("Lefier");
    g.coach = await aProfessional(db, mjd, ["COACH"]);
    g.mjdManager = await aProfessional(db, mjd, ["PARTNER_MANAGER"]);
    g.projectLead = await aProfessional(db, sozawe, ["PROJECT_LEAD"]);
    g.sozawePro = await aProfessional(db, sozawe);
    g.sozaweManager = await aProfessional(db, sozawe, ["PARTNER_MANAGER"]);
    g.sozaweCoach = await aProfessional(db, sozawe, ["COACH"]);
    g.lefierPro = await aProfessional(db, lefier);
    g.lefierTaskLead = await aProfessional(db, lefier);
    g.lefierManager = await aProfessional(db, lefier, ["PARTNER_MANAGER"]);
    g.lefierEvaluator = await aProfessional(db, lefier, ["EVALUATOR"]);
    g.nijesteePro = await aProfessional(db, g.partner("Nijestee"));
    g.policePro = await aProfessional(db, g.partner("Regiopolitie Groningen"));
    g.admin = await aProfessional(db, sozawe, ["COVENANT_ADMIN"]);
    await aProfessional(db, sozawe, ["ADMINISTRATOR"]);

    // "The family recovery plans are accessible to all partners" (000 §8 VII).
    const gCovenant = {
      title: "Convenant Gezinscoaching Groningen",
      signatoryPartnerIds: [...gPartners.values()].map((partner) => partner.id),
      rules: [{ level: "SECTION", requiresInvolvement: false, requiresConsentOrLegalGround: false, description: "All partners read the plans." }],
    };
    expect(data(await gql<{ publishCovenantVersion: { inForce: boolean } }>(PUBLISH, { input: gCovenant }, g.admin)).publishCovenantVersion.inForce).toBe(true);
    // Groningen (000 §8): no agreement → project leader and the partner's management at once; then the executive.
    await db.insert(escalationLadder).values([
      { regionId: gRegion.id, track: "PLAN_EXECUTION", step: 1, title: "Project leader and management representative", deciders: ["PROJECT_LEADERS", "LINE_MANAGERS"], informed: ["REGISSEUR"], deadlineDays: 5 },
      { regionId: gRegion.id, track: "PLAN_EXECUTION", step: 2, title: "Representative of the municipal executive", deciders: ["ADMINISTRATORS"], deadlineDays: 7, binding: true },
    ]);

    g.familyId = (await aFamily("Bakker", g.coach, g.projectLead)).familyId;
    data(await gql(START_PLAN, { familyId: g.familyId }, g.coach));
    const task = { lifeDomain: "HOUSING", description: "Payment plan for the rent", leadPartnerId: lefier.id, leadProfessionalId: g.lefierTaskLead.id, dueDate: "2026-12-15" };
    data(await gql(ADD_TASK, { familyId: g.familyId, v: 1, input: task }, g.coach));

    // --- Amsterdam-like ---------------------------------------------------------------------
    const aRegionRow = await aRegion(db, { code: "mandate-amsterdam" });
    a.regionId = aRegionRow.id;
    for (const domain of DEMO_PLANS.find((plans) => plans.region === "amsterdam")!.lifeDomains) {
      await aLifeDomain(db, aRegionRow.id, domain.code, domain.safetyRelevant ?? false);
    }
    const municipality = await aPartner(db, aRegionRow.id, { name: "Gemeente Amsterdam – Jeugd", sector: "MUNICIPALITY" });
    const combiwel = await aPartner(db, aRegionRow.id, { name: "Combiwel", sector: "SOCIAL_WORK" });
    a.debtHelp = await aPartner(db, aRegionRow.id, { name: "Gemeente Amsterdam – Schuldhulpverlening", sector: "DEBT_HELP" });
    a.ymere = await aPartner(db, aRegionRow.id, { name: "Ymere", sector: "HOUSING" });
    a.police = await aPartner(db, aRegionRow.id, { name: "Politie Amsterdam", sector: "POLICE_JUSTICE" });
    a.coach = await aProfessional(db, combiwel, ["COACH"]);
    a.coordinator = await aProfessional(db, municipality, ["PROCESS_LEAD"]);
    a.debtPro = await aProfessional(db, a.debtHelp);
    a.debtManager = await aProfessional(db, a.debtHelp, ["PARTNER_MANAGER"]);
    a.ymerePro = await aProfessional(db, a.ymere);
    a.policePro = await aProfessional(db, a.police);
    a.admin = await aProfessional(db, municipality, ["COVENANT_ADMIN"]);

    // Others learn only *that* an involved signatory is there.
    const aCovenant = {
      title: "Convenant Aanpak Multiprobleemgezinnen Amsterdam",
      signatoryPartnerIds: [municipality.id, combiwel.id, a.debtHelp.id, a.ymere.id, a.police.id],
      rules: [{ level: "DAT", requiresInvolvement: true, requiresConsentOrLegalGround: false, description: "Involved signatories know who else is involved." }],
    };
    data(await gql(PUBLISH, { input: aCovenant }, a.admin));
    // Amsterdam (002 §3.4): the line managers first, the coordinator informed.
    await db.insert(escalationLadder).values([
      { regionId: aRegionRow.id, track: "PLAN_EXECUTION", step: 1, title: "Line managers", deciders: ["LINE_MANAGERS"], informed: ["PROCESS_LEAD"], deadlineDays: 10 },
      { regionId: aRegionRow.id, track: "PLAN_EXECUTION", step: 2, title: "Coordinator with the directors", deciders: ["PROCESS_LEAD"], deadlineDays: 10 },
    ]);
    const household = await aFamily("Jansen", a.coach, a.coordinator);
    a.familyId = household.familyId;
    // Ymere is involved (its own signal), the police is not.
    data(await gql(SIGNAL, { input: { bsn: household.childBsn, birthDate: household.childBirthDate, discussedWithFamily: true } }, a.ymerePro));
  });
  afterEach(() => app.clock.set(START));
  afterAll(() => app?.close());

  const table = async (as: Who, variables: Vars = {}) => data(await gql<{ mandateTable: Entry[] }>(TABLE, variables, as)).mandateTable;
  const keysOf = (entries: Entry[]) => entries.map((entry) => `${entry.lifeDomain}|${entry.partner.name}|${entry.decisionType}`);

  describe("the mandate table", () => {
    it("holds Groningen's covenant table, for every professional of the region and no other", async () => {
      const entries = await table(g.policePro);
      expect(entries).toHaveLength(GRONINGEN_MANDATE_TABLE.length);
      const keys = keysOf(entries);
      for (const key of [
        "WORK_INCOME|Gemeente Groningen – Sozawe|SPECIAL_ASSISTANCE_GRANT",
        "FINANCES|Gemeente Groningen – GKB|DEBT_HELP",
        "FINANCES|Gemeente Groningen – GKB|BUDGET_MANAGEMENT",
        "HOUSING|Huismeesters|STOP_BAILIFF_OR_EVICTION",
        "HOUSING|Lefier|STOP_BAILIFF_OR_EVICTION",
        "HOUSING|Nijestee|STOP_BAILIFF_OR_EVICTION",
        "PARENTING|Bureau Jeugdzorg Groningen|INDICATION_DECISION",
        "HEALTH|Thuiszorg Groningen|INTENSIVE_HOME_HELP",
        "EDUCATION|Gemeente Groningen – OCSW|SCHOOL_ATTENDANCE_CHECK",
        "PARENTING|Elker|VIDEO_FAMILY_TREATMENT",
      ]) {
        expect(keys).toContain(key);
      }
      // "No functional mandate, only agreements on cooperation": nothing for the police.
      expect(entries.filter((entry) => entry.partner.name === "Regiopolitie Groningen")).toEqual([]);
      expect(entries.find((entry) => entry.decisionType === "SPECIAL_ASSISTANCE_GRANT")!.description).toContain("bijzondere bijstand");

      // Narrowed to one institution, or one life domain.
      const lefier = await table(g.coach, { partnerId: g.partner("Lefier").id });
      expect(lefier.map((entry) => entry.decisionType).sort()).toEqual(
        ["HOME_ADAPTATION", "HOUSING_ALLOCATION", "RELOCATION", "REVERSE_ALLOCATION_OR_RELOCATION", "STOP_BAILIFF_OR_EVICTION"],
      );
      const finances = await table(g.coach, { lifeDomain: "FINANCES" });
      expect(keysOf(finances).sort()).toEqual([
        "FINANCES|Gemeente Groningen – GKB|BUDGET_MANAGEMENT",
        "FINANCES|Gemeente Groningen – GKB|DEBT_HELP",
        "FINANCES|MJD|ADMINISTRATIVE_SUPPORT_REFERRAL",
      ]);
      // Another region's professional sees none of it; a partner id of another region narrows to nothing.
      expect(await table(a.policePro)).toEqual([]);
      expect(await table(a.policePro, { partnerId: g.partner("Lefier").id })).toEqual([]);
    });

    it("is kept by the covenant administrator: added, refused twice or with bad input, removed", async () => {
      expect(await table(a.coach)).toEqual([]);
      const line = { lifeDomain: "DEBTS", partnerId: a.debtHelp.id, decisionType: "BUDGET_MANAGEMENT", description: "Start budget management" };
      refused(await gql(DEFINE, { input: line }, a.coach), "FORBIDDEN");
      refused(await gql(DEFINE, { input: line }, a.coordinator), "FORBIDDEN");
      const added = data(await gql<{ defineMandate: Entry }>(DEFINE, { input: line }, a.admin)).defineMandate;
      expect(added).toMatchObject({ lifeDomain: "DEBTS", partner: { id: a.debtHelp.id, name: a.debtHelp.name }, decisionType: "BUDGET_MANAGEMENT" });
      refused(await gql(DEFINE, { input: line }, a.admin), "CONFLICT");

      refused(await gql(DEFINE, { input: { ...line, partnerId: g.partner("Lefier").id } }, a.admin), "BAD_USER_INPUT", "input.partnerId");
      refused(await gql(DEFINE, { input: { ...line, partnerId: "not-an-id" } }, a.admin), "BAD_USER_INPUT", "input.partnerId");
      refused(await gql(DEFINE, { input: { ...line, lifeDomain: "WORK_INCOME" } }, a.admin), "BAD_USER_INPUT", "input.lifeDomain");
      refused(await gql(DEFINE, { input: { ...line, decisionType: "budget management" } }, a.admin), "BAD_USER_INPUT", "input.decisionType");
      refused(await gql(DEFINE, { input: { ...line, decisionType: "DEBT_HELP", description: "  " } }, a.admin), "BAD_USER_INPUT", "input.description");
      expect(keysOf(await table(a.coach))).toEqual(["DEBTS|Gemeente Amsterdam – Schuldhulpverlening|BUDGET_MANAGEMENT"]);

      const extra = data(await gql<{ defineMandate: Entry }>(DEFINE, { input: { ...line, decisionType: "DEBT_HELP", description: "Start debt help" } }, a.admin)).defineMandate;
      refused(await gql(REMOVE, { id: extra.id }, a.coach), "FORBIDDEN");
      // Another region's line is not there for this administrator, and stays where it is.
      const groningenLine = (await table(g.coach))[0]!;
      refused(await gql(REMOVE, { id: groningenLine.id }, a.admin), "NOT_FOUND");
      expect((await table(g.coach)).map((entry) => entry.id)).toContain(groningenLine.id);
      expect(data(await gql<{ removeMandate: boolean }>(REMOVE, { id: extra.id }, a.admin)).removeMandate).toBe(true);
      refused(await gql(REMOVE, { id: extra.id }, a.admin), "NOT_FOUND");
      expect(keysOf(await table(a.ymerePro))).toEqual(["DEBTS|Gemeente Amsterdam – Schuldhulpverlening|BUDGET_MANAGEMENT"]);
    });
  });

  describe("issuing an advice", () => {
    it("binds within the table, and tells the institution's managers and the professionals leading its tasks for the family", async () => {
      const advice = await issue(g.familyId, { partnerId: g.partner("Lefier").id, lifeDomain: "HOUSING", decisionType: "STOP_BAILIFF_OR_EVICTION", advice: "Stop the bailiff: a payment plan is agreed." }, g.coach);
      expect(advice).toMatchObject({
        familyId: g.familyId,
        partner: { id: g.partner("Lefier").id, name: "Lefier" },
        binding: true,
        status: "ISSUED",
        issuedById: g.coach.id,
        // Ten days by default.
        answerDue: "2026-12-03",
        overdue: false,
        answeredAt: null,
        answeredById: null,
        escalationId: null,
        lifeDomain: "HOUSING",
        decisionType: "STOP_BAILIFF_OR_EVICTION",
        advice: "Stop the bailiff: a payment plan is agreed.",
      });
      expect(advice.standing).toMatch(/^Binding advice/);

      for (const told of [g.lefierManager, g.lefierTaskLead]) {
        const notices = await noticesAbout(told, advice.id, "MANDATE_ADDRESSED");
        expect(notices).toEqual([{ kind: "MANDATE_ADDRESSED", familyId: g.familyId, subjectId: advice.id, due: "2026-12-03T00:00:00.000Z" }]);
      }
      // Not every employee, not another institution, not the regisseur who issued it.
      for (const untold of [g.lefierPro, g.sozaweManager, g.nijesteePro, g.coach, g.projectLead]) {
        expect(await noticesAbout(untold, advice.id, "MANDATE_ADDRESSED")).toEqual([]);
      }
    });

    it("is advice only outside the table, and says so", async () => {
      // The police has no functional mandate in Groningen.
      const police = await issue(g.familyId, { partnerId: g.partner("Regiopolitie Groningen").id, lifeDomain: "SAFETY", decisionType: "TEMPORARY_RESTRAINING_ORDER", advice: "Consider a restraining order." }, g.coach);
      expect(police).toMatchObject({ binding: false, status: "ISSUED" });
      expect(police.standing).toMatch(/^Advice only/);
      // The table is life domain × institution × decision: the same decision in another domain is advice only.
      const elsewhere = await issue(g.familyId, { partnerId: g.partner("Lefier").id, lifeDomain: "FINANCES", decisionType: "STOP_BAILIFF_OR_EVICTION", advice: "Hold the bailiff." }, g.coach);
      expect(elsewhere.binding).toBe(false);
      // Groningen's table is not Amsterdam's.
      const amsterdam = await issue(a.familyId, { partnerId: a.ymere.id, lifeDomain: "HOUSING", decisionType: "STOP_BAILIFF_OR_EVICTION", advice: "Hold the eviction." }, a.coach);
      expect(amsterdam).toMatchObject({ binding: false, partner: { name: "Ymere" } });
      expect(amsterdam.standing).toMatch(/^Advice only/);
      // Amsterdam's own line binds.
      const budget = await issue(a.familyId, { partnerId: a.debtHelp.id, lifeDomain: "DEBTS", decisionType: "BUDGET_MANAGEMENT", advice: "Start budget management now.", answerDue: "2026-11-30" }, a.coach);
      expect(budget).toMatchObject({ binding: true, answerDue: "2026-11-30" });
      expect(await noticesAbout(a.debtManager, budget.id, "MANDATE_ADDRESSED")).toHaveLength(1);
    });

    it("is the regisseur's alone, with an answer date not in the past, and bad input names its field", async () => {
      const input = { partnerId: g.partner("Gemeente Groningen – GKB").id, lifeDomain: "FINANCES", decisionType: "DEBT_HELP", advice: "Start debt help." };
      const before = data(await gql<{ advices: { nodes: Advice[] } }>(OF_FAMILY, { familyId: g.familyId }, g.coach)).advices.nodes.length;
      refused(await gql(ISSUE, { familyId: g.familyId, input }, g.projectLead), "FORBIDDEN");
      refused(await gql(ISSUE, { familyId: g.familyId, input }, g.policePro), "FORBIDDEN");
      // Who may not know the family is told it does not exist.
      refused(await gql(ISSUE, { familyId: a.familyId, input }, g.coach), "NOT_FOUND");
      refused(await gql(ISSUE, { familyId: a.familyId, input: { ...input, partnerId: a.police.id, lifeDomain: "SAFETY" } }, a.policePro), "NOT_FOUND");
      refused(await gql(ISSUE, { familyId: NOBODY, input }, g.coach), "NOT_FOUND");

      refused(await gql(ISSUE, { familyId: g.familyId, input: { ...input, answerDue: "2026-11-22" } }, g.coach), "BAD_USER_INPUT", "input.answerDue");
      refused(await gql(ISSUE, { familyId: g.familyId, input: { ...input, partnerId: a.debtHelp.id } }, g.coach), "BAD_USER_INPUT", "input.partnerId");
      refused(await gql(ISSUE, { familyId: g.familyId, input: { ...input, lifeDomain: "DEBTS" } }, g.coach), "BAD_USER_INPUT", "input.lifeDomain");
      refused(await gql(ISSUE, { familyId: g.familyId, input: { ...input, decisionType: "debt-help" } }, g.coach), "BAD_USER_INPUT", "input.decisionType");
      refused(await gql(ISSUE, { familyId: g.familyId, input: { ...input, advice: "" } }, g.coach), "BAD_USER_INPUT", "input.advice");
      expect(data(await gql<{ advices: { nodes: Advice[] } }>(OF_FAMILY, { familyId: g.familyId }, g.coach)).advices.nodes).toHaveLength(before);

      // Today is not in the past.
      const dueToday = await issue(g.familyId, { ...input, answerDue: TODAY }, g.coach);
      expect(dueToday).toMatchObject({ answerDue: TODAY, binding: true, overdue: false });
    });
  });

  describe("answering an advice", () => {
    const lefierAdvice = (text: string) => ({ partnerId: g.partner("Lefier").id, lifeDomain: "HOUSING", decisionType: "STOP_BAILIFF_OR_EVICTION", advice: text });

    it("EXECUTED: the binding advice is carried out, and the regisseur and the process lead are told", async () => {
      const advice = await issue(g.familyId, lefierAdvice("Stop the bailiff for the January arrears."), g.coach);
      // Any professional of the institution answers, not only those who were told.
      const executed = await answer(advice.id, { outcome: "EXECUTED", answer: "Bailiff called off." }, g.lefierPro);
      expect(executed).toMatchObject({ status: "EXECUTED", answer: "Bailiff called off.", legalGround: null, answeredById: g.lefierPro.id, escalationId: null, overdue: false });
      expect(executed.answeredAt).not.toBeNull();
      for (const told of [g.coach, g.projectLead]) {
        expect(await noticesAbout(told, advice.id, "MANDATE_ANSWERED")).toEqual([{ kind: "MANDATE_ANSWERED", familyId: g.familyId, subjectId: advice.id, due: null }]);
      }
      expect(await noticesAbout(g.lefierPro, advice.id, "MANDATE_ANSWERED")).toEqual([]);
    });

    it("DEVIATED: only with a legal ground, and then an escalation opens by itself", async () => {
      const advice = await issue(g.familyId, lefierAdvice("Allocate a larger home before the summer."), g.coach);
      refused(await gql(ANSWER, { id: advice.id, input: { outcome: "DEVIATED", answer: "We will not." } }, g.lefierManager), "BAD_USER_INPUT", "input.legalGround");
      refused(await gql(ANSWER, { id: advice.id, input: { outcome: "FOLLOWED" } }, g.lefierManager), "BAD_USER_INPUT", "input.outcome");
      refused(await gql(ANSWER, { id: advice.id, input: { outcome: "NOT_FOLLOWED", answer: "No." } }, g.lefierManager), "BAD_USER_INPUT", "input.outcome");
      refused(await gql(ANSWER, { id: advice.id, input: { outcome: "EXECUTED", legalGround: "Huisvestingswet" } }, g.lefierManager), "BAD_USER_INPUT", "input.legalGround");
      expect(await adviceAs(advice.id, g.coach)).toMatchObject({ status: "ISSUED", answer: null, escalationId: null });

      const legalGround = "Huisvestingswet 2014 art. 12: allocation follows the municipal ordinance's ranking.";
      const deviated = await answer(advice.id, { outcome: "DEVIATED", answer: "Allocation by ranking only.", legalGround }, g.lefierManager);
      expect(deviated).toMatchObject({ status: "DEVIATED", legalGround, answeredById: g.lefierManager.id });
      expect(deviated.escalationId).toEqual(expect.any(String));
      const escalationId = deviated.escalationId!;

      // Groningen's first step: the project leader and the management of both sides at once; the coach informed.
      for (const decider of [g.projectLead, g.mjdManager]) {
        const raised = await noticesAbout(decider, escalationId, "ESCALATION_RAISED");
        expect(raised).toHaveLength(1);
        expect(raised[0]!.familyId).toBe(g.familyId);
        expect(raised[0]!.due).toBe("2026-11-28T09:00:00.000Z");
      }
      expect(await noticesAbout(g.coach, escalationId, "ESCALATION_RAISED")).toHaveLength(1);
      // Who deviated does not notify themselves; the regisseur and process lead hear of the answer.
      expect(await noticesAbout(g.lefierManager, escalationId, "ESCALATION_RAISED")).toEqual([]);
      for (const told of [g.coach, g.projectLead]) expect(await noticesAbout(told, advice.id, "MANDATE_ANSWERED")).toHaveLength(1);

      // The escalation's dossier is the process, not the advice's words (the escalation API is another
      // module's; its row is read here only to check what the subject holds).
      const [row] = await app.database.db.select().from(escalations).where(eq(escalations.id, escalationId));
      expect(row).toMatchObject({ familyId: g.familyId, track: "PLAN_EXECUTION", adviceId: advice.id, partyPartnerIds: [g.partner("Lefier").id], status: "OPEN", currentStep: 1 });
      expect(row!.subject).toContain(advice.id);
      expect(row!.subject).not.toContain("larger home");
      expect(row!.subject).not.toContain("Huisvestingswet");
    });

    it("DEVIATED in Amsterdam: the line managers decide, the coordinator is informed; without a ladder nothing is recorded", async () => {
      const input = { partnerId: a.debtHelp.id, lifeDomain: "DEBTS", decisionType: "BUDGET_MANAGEMENT", advice: "Budget management from next month." };
      const advice = await issue(a.familyId, input, a.coach);
      const deviation = { outcome: "DEVIATED", legalGround: "Wgs art. 4a: an application is refused after a fraud conviction." };

      // A region without an execution ladder cannot escalate: the deviation is refused and nothing changes.
      const ladder = await app.database.db.select().from(escalationLadder).where(eq(escalationLadder.regionId, a.regionId));
      await app.database.db.delete(escalationLadder).where(and(eq(escalationLadder.regionId, a.regionId), eq(escalationLadder.track, "PLAN_EXECUTION")));
      try {
        refused(await gql(ANSWER, { id: advice.id, input: deviation }, a.debtPro), "CONFLICT");
        expect(await adviceAs(advice.id, a.coach)).toMatchObject({ status: "ISSUED", legalGround: null, escalationId: null });
        expect(await noticesAbout(a.coach, advice.id, "MANDATE_ANSWERED")).toEqual([]);
      } finally {
        await app.database.db.insert(escalationLadder).values(ladder);
      }

      const deviated = await answer(advice.id, deviation, a.debtPro);
      expect(deviated).toMatchObject({ status: "DEVIATED", binding: true });
      for (const who of [a.debtManager, a.coordinator]) expect(await noticesAbout(who, deviated.escalationId!, "ESCALATION_RAISED")).toHaveLength(1);
      expect(await noticesAbout(a.coach, advice.id, "MANDATE_ANSWERED")).toHaveLength(1);
      expect(await noticesAbout(a.coordinator, advice.id, "MANDATE_ANSWERED")).toHaveLength(1);
    });

    it("FOLLOWED or NOT_FOLLOWED for advice only, NOT_FOLLOWED with the reason why; no escalation", async () => {
      const police = await issue(g.familyId, { partnerId: g.partner("Regiopolitie Groningen").id, lifeDomain: "SAFETY", decisionType: "AREA_BAN", advice: "Ask for an area ban." }, g.coach);
      refused(await gql(ANSWER, { id: police.id, input: { outcome: "EXECUTED" } }, g.policePro), "BAD_USER_INPUT", "input.outcome");
      refused(await gql(ANSWER, { id: police.id, input: { outcome: "DEVIATED", legalGround: "Gemeentewet" } }, g.policePro), "BAD_USER_INPUT", "input.outcome");
      refused(await gql(ANSWER, { id: police.id, input: { outcome: "NOT_FOLLOWED" } }, g.policePro), "BAD_USER_INPUT", "input.answer");
      const notFollowed = await answer(police.id, { outcome: "NOT_FOLLOWED", answer: "The public prosecutor decides on area bans." }, g.policePro);
      expect(notFollowed).toMatchObject({ status: "NOT_FOLLOWED", binding: false, escalationId: null, answer: "The public prosecutor decides on area bans." });
      expect(await noticesAbout(g.coach, police.id, "MANDATE_ANSWERED")).toHaveLength(1);

      const ymere = await issue(a.familyId, { partnerId: a.ymere.id, lifeDomain: "HOUSING", decisionType: "PAYMENT_PLAN", advice: "Offer a payment plan." }, a.coach);
      const followed = await answer(ymere.id, { outcome: "FOLLOWED" }, a.ymerePro);
      expect(followed).toMatchObject({ status: "FOLLOWED", binding: false, escalationId: null, answer: null, answeredById: a.ymerePro.id });
      expect(await noticesAbout(a.coordinator, ymere.id, "MANDATE_ANSWERED")).toHaveLength(1);
    });

    it("is answered once: a second answer is a CONFLICT and changes nothing", async () => {
      const advice = await issue(g.familyId, lefierAdvice("Defer the bailiff until March."), g.coach);
      const first = await answer(advice.id, { outcome: "EXECUTED" }, g.lefierTaskLead);
      refused(await gql(ANSWER, { id: advice.id, input: { outcome: "DEVIATED", legalGround: "Burgerlijk Wetboek 7:231" } }, g.lefierManager), "CONFLICT");
      refused(await gql(ANSWER, { id: advice.id, input: { outcome: "EXECUTED", answer: "Again." } }, g.lefierTaskLead), "CONFLICT");
      expect(await adviceAs(advice.id, g.coach)).toEqual(first);
      expect(await noticesAbout(g.coach, advice.id, "MANDATE_ANSWERED")).toHaveLength(1);

      // Two answers at the same moment: one wins, the other is a CONFLICT.
      const race = await issue(g.familyId, lefierAdvice("Adapt the home's stairs."), g.coach);
      const answers = await Promise.all([
        gql(ANSWER, { id: race.id, input: { outcome: "EXECUTED" } }, g.lefierPro),
        gql(ANSWER, { id: race.id, input: { outcome: "DEVIATED", legalGround: "Woningwet art. 45" } }, g.lefierManager),
      ]);
      expect(answers.map(codes).sort()).toEqual([[], ["CONFLICT"]]);
      expect(await noticesAbout(g.coach, race.id, "MANDATE_ANSWERED")).toHaveLength(1);
    });

    it("is the addressed institution's alone: FORBIDDEN for who may see the advice, NOT_FOUND for everyone else", async () => {
      const advice = await issue(g.familyId, lefierAdvice("Reverse the move to the smaller home."), g.coach);
      const executed = { outcome: "EXECUTED" };
      // The family's keepers see the advice: not theirs to answer.
      for (const other of [g.coach, g.projectLead]) {
        refused(await gql(ANSWER, { id: advice.id, input: executed }, other), "FORBIDDEN");
      }
      // Other partners know the family (Groningen's covenant opens it to all) but not the advice:
      // the same answer as for an advice that does not exist.
      for (const other of [g.nijesteePro, g.policePro, g.sozawePro]) {
        refused(await gql(ANSWER, { id: advice.id, input: executed }, other), "NOT_FOUND");
      }
      // The institution's evaluator does not speak for it and knows nothing of the family; another region; no advice.
      refused(await gql(ANSWER, { id: advice.id, input: executed }, g.lefierEvaluator), "NOT_FOUND");
      refused(await gql(ANSWER, { id: advice.id, input: executed }, a.ymerePro), "NOT_FOUND");
      refused(await gql(ANSWER, { id: NOBODY, input: executed }, g.lefierPro), "NOT_FOUND");
      refused(await gql(ANSWER, { id: "not-an-id", input: executed }, g.lefierPro), "NOT_FOUND");
      expect(await adviceAs(advice.id, g.coach)).toMatchObject({ status: "ISSUED", answeredById: null });

      // Amsterdam: Ymere is involved (DAT) but not addressed, the police is not involved: neither hears of the advice.
      const budget = await issue(a.familyId, { partnerId: a.debtHelp.id, lifeDomain: "DEBTS", decisionType: "BUDGET_MANAGEMENT", advice: "Budget management, again." }, a.coach);
      refused(await gql(ANSWER, { id: budget.id, input: executed }, a.ymerePro), "NOT_FOUND");
      refused(await gql(ANSWER, { id: budget.id, input: executed }, a.policePro), "NOT_FOUND");
      refused(await gql(ANSWER, { id: budget.id, input: executed }, g.lefierPro), "NOT_FOUND");
      expect(await adviceAs(budget.id, a.debtPro)).toMatchObject({ status: "ISSUED" });
    });

    it("is not answered by the regisseur, even when the regisseur works for the institution", async () => {
      const { familyId } = await aFamily("Hoving", g.sozaweCoach, g.projectLead);
      const grant = { partnerId: g.partner("Gemeente Groningen – Sozawe").id, lifeDomain: "WORK_INCOME", decisionType: "SPECIAL_ASSISTANCE_GRANT", advice: "Grant a bed for the youngest." };
      const advice = await issue(familyId, grant, g.sozaweCoach);
      expect(advice.binding).toBe(true);
      refused(await gql(ANSWER, { id: advice.id, input: { outcome: "EXECUTED" } }, g.sozaweCoach), "FORBIDDEN");
      expect(await adviceAs(advice.id, g.sozaweCoach)).toMatchObject({ status: "ISSUED", answeredById: null });
      expect(await answer(advice.id, { outcome: "EXECUTED" }, g.sozawePro)).toMatchObject({ status: "EXECUTED", answeredById: g.sozawePro.id });
      // The regisseur hears of the answer.
      expect(await noticesAbout(g.sozaweCoach, advice.id, "MANDATE_ANSWERED")).toHaveLength(1);
    });
  });

  describe("who sees an advice", () => {
    it("the regisseur and the institution see all of it; the process lead the process, not what it says", async () => {
      const issued = await issue(g.familyId, { partnerId: g.partner("Lefier").id, lifeDomain: "HOUSING", decisionType: "RELOCATION", advice: "Move the family near the school." }, g.coach);
      const answered = await answer(issued.id, { outcome: "DEVIATED", answer: "No home of that size.", legalGround: "Huisvestingsverordening art. 2.3" }, g.lefierPro);
      expect(await adviceAs(issued.id, g.coach)).toEqual(answered);
      expect(await adviceAs(issued.id, g.lefierManager)).toEqual(answered);

      const response = await gql<{ advice: Advice }>(ONE, { id: issued.id }, g.projectLead);
      const seen = response.body.data!.advice;
      expect(seen).toMatchObject({
        id: issued.id,
        familyId: g.familyId,
        partner: { id: g.partner("Lefier").id, name: "Lefier" },
        binding: true,
        status: "DEVIATED",
        issuedById: g.coach.id,
        answerDue: answered.answerDue,
        overdue: false,
        answeredById: g.lefierPro.id,
        escalationId: answered.escalationId,
        lifeDomain: null,
        decisionType: null,
        advice: null,
        answer: null,
        legalGround: null,
      });
      expect(seen.answeredAt).toBe(answered.answeredAt);
      const forbidden = (response.body.errors ?? []).map((error) => [error.path?.join("."), error.extensions?.code]);
      expect(forbidden.sort()).toEqual(
        ["advice.advice", "advice.answer", "advice.decisionType", "advice.legalGround", "advice.lifeDomain"].map((path) => [path, "FORBIDDEN"]),
      );

      // The family's list: the process lead sees every advice, each without its words.
      const listed = await gql<{ advices: { nodes: Advice[] } }>(OF_FAMILY, { familyId: g.familyId }, g.projectLead);
      const advices = listed.body.data!.advices.nodes;
      expect(advices.map((advice) => advice.id)).toContain(issued.id);
      expect(advices.every((advice) => advice.advice === null && advice.status !== null)).toBe(true);
      expect(new Set((listed.body.errors ?? []).map((error) => error.extensions?.code))).toEqual(new Set(["FORBIDDEN"]));
    });

    it("is absent for everyone else, and an institution lists only its own", async () => {
      const lefier = await issue(g.familyId, { partnerId: g.partner("Lefier").id, lifeDomain: "HOUSING", decisionType: "HOUSING_ALLOCATION", advice: "Allocate the ground-floor flat." }, g.coach);
      const sozawe = await issue(g.familyId, { partnerId: g.partner("Gemeente Groningen – Sozawe").id, lifeDomain: "WORK_INCOME", decisionType: "SPECIAL_ASSISTANCE_GRANT", advice: "Grant the washing machine." }, g.coach);
      const all = data(await gql<{ advices: { nodes: Advice[] } }>(OF_FAMILY, { familyId: g.familyId }, g.coach)).advices.nodes.map((advice) => advice.id);
      expect(all).toEqual(expect.arrayContaining([lefier.id, sozawe.id]));

      // A partner that knows the family (even its whole plan) does not see advices to others.
      for (const outsider of [g.nijesteePro, g.policePro, g.lefierEvaluator, a.ymerePro]) {
        expect(await adviceAs(lefier.id, outsider)).toBeNull();
        expect(await adviceAs(sozawe.id, outsider)).toBeNull();
      }
      expect(data(await gql<{ advices: { nodes: Advice[] } }>(OF_FAMILY, { familyId: g.familyId }, g.nijesteePro)).advices.nodes).toEqual([]);
      expect(data(await gql<{ advices: { nodes: Advice[] } }>(OF_FAMILY, { familyId: g.familyId }, a.coach)).advices.nodes).toEqual([]);
      expect(data(await gql<{ advices: { nodes: Advice[] } }>(OF_FAMILY, { familyId: NOBODY }, g.coach)).advices.nodes).toEqual([]);
      expect(await adviceAs(NOBODY, g.coach)).toBeNull();

      // An institution sees its own advices in the family, and nothing else.
      const lefierView = data(await gql<{ advices: { nodes: Advice[] } }>(OF_FAMILY, { familyId: g.familyId }, g.lefierPro)).advices.nodes;
      expect(lefierView.map((advice) => advice.id)).toContain(lefier.id);
      expect(lefierView.every((advice) => advice.partner.name === "Lefier")).toBe(true);
      const sozaweView = data(await gql<{ advices: { nodes: Advice[] } }>(OF_FAMILY, { familyId: g.familyId }, g.sozawePro)).advices.nodes;
      expect(sozaweView.map((advice) => advice.id)).toEqual([sozawe.id]);
      expect(sozaweView[0]).toMatchObject({ advice: "Grant the washing machine.", decisionType: "SPECIAL_ASSISTANCE_GRANT" });
      // Amsterdam's police, not involved, knows of no advice in its region either.
      expect(data(await gql<{ advices: { nodes: Advice[] } }>(OF_FAMILY, { familyId: a.familyId }, a.policePro)).advices.nodes).toEqual([]);
    });

    it("advicesToAnswer lists the institution's open advices, earliest answer date first; answered ones on request", async () => {
      const later = await issue(g.familyId, { partnerId: g.partner("Lefier").id, lifeDomain: "HOUSING", decisionType: "HOME_ADAPTATION", advice: "Fit a stair lift.", answerDue: "2027-01-20" }, g.coach);
      const sooner = await issue(g.familyId, { partnerId: g.partner("Lefier").id, lifeDomain: "HOUSING", decisionType: "HOME_ADAPTATION", advice: "Fix the damp.", answerDue: "2026-11-25" }, g.coach);
      const open = data(await gql<{ advicesToAnswer: { nodes: Advice[] } }>(TO_ANSWER, {}, g.lefierPro)).advicesToAnswer.nodes;
      expect(open.every((advice) => advice.status === "ISSUED" && advice.partner.name === "Lefier")).toBe(true);
      const ids = open.map((advice) => advice.id);
      expect(ids.indexOf(sooner.id)).toBeGreaterThanOrEqual(0);
      expect(ids.indexOf(sooner.id)).toBeLessThan(ids.indexOf(later.id));
      expect(open.map((advice) => advice.answerDue)).toEqual([...open.map((advice) => advice.answerDue)].sort());

      const everything = data(await gql<{ advicesToAnswer: { nodes: Advice[] } }>(TO_ANSWER, { openOnly: false }, g.lefierManager)).advicesToAnswer.nodes;
      expect(everything.some((advice) => advice.status === "EXECUTED")).toBe(true);
      expect(everything.length).toBeGreaterThan(open.length);
      // Not for another institution, not for who does not speak for this one.
      expect(data(await gql<{ advicesToAnswer: { nodes: Advice[] } }>(TO_ANSWER, {}, g.nijesteePro)).advicesToAnswer.nodes).toEqual([]);
      expect(data(await gql<{ advicesToAnswer: { nodes: Advice[] } }>(TO_ANSWER, {}, g.lefierEvaluator)).advicesToAnswer.nodes).toEqual([]);
      expect(data(await gql<{ advicesToAnswer: { nodes: Advice[] } }>(TO_ANSWER, {}, g.coach)).advicesToAnswer.nodes.some((advice) => advice.partner.name === "Lefier")).toBe(false);
    });
  });

  describe("an advice nobody answers", () => {
    it("turns overdue after its date and raises MANDATE_OVERDUE once, to the institution's managers and the regisseur", async () => {
      const sozawe = await issue(g.familyId, { partnerId: g.partner("Gemeente Groningen – Sozawe").id, lifeDomain: "WORK_INCOME", decisionType: "SUBSISTENCE_ADVANCE", advice: "Pay an advance this week.", answerDue: "2026-11-27" }, g.coach);
      const amsterdam = await issue(a.familyId, { partnerId: a.debtHelp.id, lifeDomain: "DEBTS", decisionType: "BUDGET_MANAGEMENT", advice: "Budget management, before the new year.", answerDue: "2026-11-27" }, a.coach);
      const answeredInTime = await issue(g.familyId, { partnerId: g.partner("Lefier").id, lifeDomain: "HOUSING", decisionType: "STOP_BAILIFF_OR_EVICTION", advice: "Stop the bailiff.", answerDue: "2026-11-27" }, g.coach);
      await answer(answeredInTime.id, { outcome: "EXECUTED" }, g.lefierPro);

      // On its answer date it is not overdue yet.
      app.clock.set("2026-11-27T22:30:00+01:00");
      await raiseDeadlines(app.database.db, app.clock.now());
      expect(await adviceAs(sozawe.id, g.coach)).toMatchObject({ overdue: false });
      expect(await noticesAbout(g.sozaweManager, sozawe.id, "MANDATE_OVERDUE")).toEqual([]);

      // Past midnight in Amsterdam (still the 27th in UTC) it is.
      app.clock.set("2026-11-28T00:30:00+01:00");
      const raised = await raiseDeadlines(app.database.db, app.clock.now());
      expect(raised["mandate-overdue"]).toBeGreaterThanOrEqual(4);
      expect(await adviceAs(sozawe.id, g.sozawePro)).toMatchObject({ overdue: true, status: "ISSUED" });
      const notice = { kind: "MANDATE_OVERDUE", due: "2026-11-27T00:00:00.000Z" };
      for (const told of [g.sozaweManager, g.coach]) {
        expect(await noticesAbout(told, sozawe.id, "MANDATE_OVERDUE")).toEqual([{ ...notice, familyId: g.familyId, subjectId: sozawe.id }]);
      }
      for (const told of [a.debtManager, a.coach]) {
        expect(await noticesAbout(told, amsterdam.id, "MANDATE_OVERDUE")).toEqual([{ ...notice, familyId: a.familyId, subjectId: amsterdam.id }]);
      }
      // Not the institution's other professionals, not the process lead; nothing for an answered advice.
      for (const untold of [g.sozawePro, g.projectLead]) expect(await noticesAbout(untold, sozawe.id, "MANDATE_OVERDUE")).toEqual([]);
      for (const who of [g.lefierManager, g.coach]) expect(await noticesAbout(who, answeredInTime.id, "MANDATE_OVERDUE")).toEqual([]);

      // Once: the job again, a day later, raises nothing new about it.
      app.clock.set("2026-11-29T09:00:00+01:00");
      await raiseDeadlines(app.database.db, app.clock.now());
      expect(await noticesAbout(g.sozaweManager, sozawe.id, "MANDATE_OVERDUE")).toHaveLength(1);
      expect(await noticesAbout(g.coach, sozawe.id, "MANDATE_OVERDUE")).toHaveLength(1);

      // Answered late, it is no longer overdue.
      const late = await answer(sozawe.id, { outcome: "EXECUTED", answer: "Advance paid." }, g.sozaweManager);
      expect(late).toMatchObject({ status: "EXECUTED", overdue: false });
    });
  });
});
