import { eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { demoProfessionalId } from "../src/demo/identity.js";
import { seedDemo } from "../src/demo/seed.js";
import { persons } from "../src/families/tables.js";
import { regions } from "../src/organisations/tables.js";
import { DEMO_PROCESS_DEFAULTS, installProcessDefaults } from "../src/process/intake/defaults.js";
import { concerns } from "../src/process/tables.js";
import { codes, startTestApp, type GraphQLResponse, type TestApp, data, refused, unfolded } from "./support/app.js";
import { aPartner, aProfessional, aRegion, bsnNumber } from "./support/builders.js";

/*
 * From the first concern to a screened family (domain brief §4, §8; Amsterdam's route, 002 §3),
 * through HTTP, in an Amsterdam-like region (coordinator, process manager, three meetings, a
 * strict covenant: none here) and a Groningen-like one (the project leader leads everything, one
 * meeting, a covenant that opens its families to every signatory): a household without children
 * goes to the Meldpunt and leaves no trace, a crisis goes to youth care at once, everything else
 * to the coordinator; a household concerned about twice stays one family and the second
 * submitter cannot tell; the coordinator screens once, with the region's defaults.
 */

const START = "2026-11-23T10:00:00+01:00";
const NOBODY = "2b1f1f4e-9c1e-4c4e-8f57-3f1f4b7a0c11";

// --- documents ---------------------------------------------------------------------------------

const SETTINGS_FIELDS = `meldpunt { name contact } crisisPartner { id name } intakeCoordinator { id } positiveExitPercent aftercareMonths
  meetings { code name } categoryRoutes { category processLead { id email } meeting { code name } }`;
const SETTINGS = `{ processSettings { ${SETTINGS_FIELDS} } }`;
const SET_SETTINGS = `mutation($input: ProcessSettingsInput!) { setProcessSettings(input: $input) { ${SETTINGS_FIELDS} } }`;
const DEFINE_MEETING = `mutation($code: String!, $name: String!) { definePlanMeeting(code: $code, name: $name) { code name } }`;
const SET_ROUTE = `mutation($category: FamilyCategory!, $lead: ID, $meeting: String!) {
  setCategoryRoute(category: $category, processLeadId: $lead, meeting: $meeting) { category processLead { id } meeting { code name } } }`;

/** What a submitter reads of their own concern: no BSN, no birth date, no family. */
const OWN_CONCERN = `id route crisis status submittedAt submittedById submittedBy { id } partner { id } label description
  discussedWithFamily notDiscussedReason members { givenName familyName relation legalCustody }`;
const REGISTER_CONCERN = `mutation($input: ConcernInput!) { registerConcern(input: $input) { route meldpunt { name contact } concern { ${OWN_CONCERN} } } }`;
/** The same, asking for the BSNs and the family too: the submitter gets FORBIDDEN at each. */
const REGISTER_CONCERN_PROBING = `mutation($input: ConcernInput!) { registerConcern(input: $input) {
  route meldpunt { name } concern { ${OWN_CONCERN} members { bsn birthDate } familyId } } }`;
const RECEIPT_WITH_FAMILY = `mutation($input: ConcernInput!) { registerConcern(input: $input) { route concern { id familyId } } }`;
const CONCERNS = `query($open: Boolean!) { concerns(openOnly: $open) { nodes { id route crisis status label description members { bsn givenName } familyId } } }`;
const OWN_CONCERNS = `query($open: Boolean!) { concerns(openOnly: $open) { nodes { ${OWN_CONCERN} } } }`;
const FAMILIES = `{ families { nodes { id name phase } } }`;
const FAMILY = `query($id: ID!) { family(id: $id) {
  id name phase category categoryHistory { category } regisseur { id } processLead { id }
  regieHistory { professionalId until }
  phaseHistory { phase days setById }
  screening { outcome meeting { code name } reasoning screenedAt screenedById }
  concerns { id status crisis description members { givenName relation } }
  members { relation person { givenName } }
} }`;
/** A concern's BSNs: for the coordinator while the family waits for screening, for the regisseur always. */
const CONCERN_BSNS = `query($id: ID!) { family(id: $id) { concerns { members { bsn birthDate } } } }`;
const FAMILY_PROCESS = `query($id: ID!) { family(id: $id) { id phase category regisseur { id } processLead { id } screening { outcome meeting { code } } } }`;
const FAMILY_CONCERNS = `query($id: ID!) { family(id: $id) { id concerns { id } } }`;
const NOTIFICATIONS = `{ notifications { nodes { kind familyId subjectId } } }`;
const SCREEN = `mutation($familyId: ID!, $input: ScreeningInput!) { screenFamily(familyId: $familyId, input: $input) { id phase category } }`;
const ACKNOWLEDGE = `mutation($id: ID!, $how: ConcernAcknowledgement!) { acknowledgeConcern(concernId: $id, acknowledgement: $how) { id status } }`;
const CHANGE_PHASE = `mutation($familyId: ID!, $to: FamilyPhase!) { changePhase(familyId: $familyId, to: $to) { id phase } }`;
const REGISTER_FAMILY = `mutation($input: RegisterFamilyInput!) { registerFamily(input: $input) { id } }`;
const PUBLISH = `mutation($input: CovenantVersionInput!) { publishCovenantVersion(input: $input) { version inForce } }`;

// --- shapes --------------------------------------------------------------------------------------

interface ConcernView {
  id: string;
  route: string;
  crisis: boolean;
  status: string;
  label: string;
  description: string;
  members: { bsn: string | null; givenName: string }[];
  familyId: string | null;
}
interface FamilyView {
  id: string;
  name: string;
  phase: string;
  category: string | null;
  categoryHistory: { category: string }[];
  regisseur: { id: string } | null;
  processLead: { id: string } | null;
  regieHistory: { professionalId: string; until: string | null }[];
  phaseHistory: { phase: string; days: number; setById: string }[];
  screening: { outcome: string; meeting: { code: string; name: string } | null; reasoning: string; screenedAt: string; screenedById: string } | null;
  concerns: { id: string; status: string; crisis: boolean; description: string; members: { bsn: string; givenName: string; relation: string }[] }[];
  members: { relation: string; person: { givenName: string } }[];
}
interface Receipt {
  route: string;
  meldpunt: { name: string; contact: string } | null;
  concern: { id: string; route: string; crisis: boolean; status: string; submittedById: string; label: string } | null;
}
interface Notice {
  kind: string;
  familyId: string | null;
  subjectId: string | null;
}
type Vars = Record<string, unknown>;
type Who = { id: string };
type PartnerRef = { id: string; regionId: string };

interface Person {
  bsn: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  relation: string;
  legalCustody: boolean;
}

describe("intake, routing and screening", () => {
  let app: TestApp;

  // Amsterdam-like: a coordinator for risk families, a process manager, the MDO+ and the analysis team.
  let amsYouthCare: PartnerRef;
  let amsSocialWork: PartnerRef;
  let amsHealth: PartnerRef;
  let amsPolice: PartnerRef;
  let coordinator: Who;
  let processManager: Who;
  let amsAdmin: Who;
  let amsCoach: Who;
  let amsCoach2: Who;
  let youthCoach: Who;
  let youthWorker: Who;
  let housingWorker: Who;
  let policeWorker: Who;
  let healthWorker: Who;

  // Groningen-like: the project leader leads every family; the covenant opens families to all signatories.
  let groYouthCare: PartnerRef;
  let projectLeader: Who;
  let groAdmin: Who;
  let groCoach: Who;
  let bjzManager: Who;
  let bjzWorker: Who;
  let groPolice: Who;
  let groHousing: Who;

  // A third region, configured only in the settings test.
  let fresh: { admin: Who; lead: Who; coach: Who; worker: Who; youthCare: PartnerRef; housing: PartnerRef };

  const gql = <T = Record<string, unknown>>(query: string, variables: Vars, as: Who) => app.gql<T>(query, variables, as.id);


  let seed = 40_000_000;
  /** A parent and a child of 10 (more members on request), with BSNs nobody used yet. */
  function aHousehold(familyName: string, extra: Partial<Person>[] = []): { parent: Person; child: Person; members: Person[] } {
    const base = (seed += 1_000);
    const parent = { bsn: bsnNumber(base), givenName: "Mirjam", familyName, birthDate: "1985-02-14", relation: "PARENT", legalCustody: true };
    const child = { bsn: bsnNumber(base + 100), givenName: "Finn", familyName, birthDate: "2016-06-01", relation: "CHILD", legalCustody: false };
    const more = extra.map((member, index) => ({
      bsn: bsnNumber(base + 200 + index * 100),
      givenName: "Sem",
      familyName,
      birthDate: "2012-01-01",
      relation: "CHILD",
      legalCustody: false,
      ...member,
    }));
    return { parent, child, members: [parent, child, ...more] };
  }

  const concernInput = (members: Person[], overrides: Vars = {}) => ({
    label: `Gezin ${members[0]?.familyName ?? "Leeg"}`,
    members,
    description: "Rent arrears, and the children have missed school for weeks.",
    discussedWithFamily: true,
    crisis: false,
    ...overrides,
  });

  async function submit(as: Who, members: Person[], overrides: Vars = {}): Promise<Receipt> {
    return data(await gql<{ registerConcern: Receipt }>(REGISTER_CONCERN, { input: concernInput(members, overrides) }, as)).registerConcern;
  }

  const familiesOf = async (as: Who) => data(await gql<{ families: { nodes: { id: string; name: string; phase: string }[] } }>(FAMILIES, {}, as)).families.nodes;
  /** The concerns the caller may see; the fields they may not read (BSNs, the family) come back null with FORBIDDEN. */
  async function concernsOf(as: Who, open = false): Promise<ConcernView[]> {
    const response = await gql<{ concerns: { nodes: ConcernView[] } }>(CONCERNS, { open }, as);
    expect(response.status).toBe(200);
    expect(new Set(codes(response)), response.text).toEqual(new Set(response.body.errors ? ["FORBIDDEN"] : []));
    return response.body.data!.concerns.nodes;
  }
  const inbox = async (as: Who) => data(await gql<{ notifications: { nodes: Notice[] } }>(NOTIFICATIONS, {}, as)).notifications.nodes;
  async function familyOf(id: string, as: Who): Promise<FamilyView> {
    const family = data(await gql<{ family: FamilyView | null }>(FAMILY, { id }, as)).family;
    expect(family, "the caller knows the family").toBeTruthy();
    return family!;
  }
  /** The family a concern went to, as its keeper (the coordinator) finds it. */
  async function familyOfConcern(concernId: string, keeper: Who): Promise<string> {
    const concern = (await concernsOf(keeper)).find((candidate) => candidate.id === concernId);
    expect(concern, "the keeper sees the concern").toBeTruthy();
    return concern!.familyId!;
  }
  /** A new household, concerned about by `as`, in the region of `keeper`: its family's id. */
  async function aSignalledFamily(name: string, as: Who, keeper: Who, overrides: Vars = {}): Promise<{ familyId: string; concernId: string; parent: Person; child: Person }> {
    const household = aHousehold(name);
    const receipt = await submit(as, household.members, overrides);
    const familyId = await familyOfConcern(receipt.concern!.id, keeper);
    return { familyId, concernId: receipt.concern!.id, parent: household.parent, child: household.child };
  }

  async function configure(admin: Who, input: Vars, meetings: { code: string; name: string }[], routes: { category: string; lead: string | null; meeting: string }[]) {
    data(await gql(SET_SETTINGS, { input }, admin));
    for (const meeting of meetings) data(await gql(DEFINE_MEETING, meeting, admin));
    for (const route of routes) data(await gql(SET_ROUTE, route, admin));
  }

  beforeAll(async () => {
    app = await startTestApp();
    app.clock.set(START);
    const db = app.database.db;

    const ams = await aRegion(db, { code: "amsterdam-like" });
    const amsMunicipality = await aPartner(db, ams.id, { name: "Gemeente Amsterdam", sector: "MUNICIPALITY" });
    amsYouthCare = await aPartner(db, ams.id, { name: "Jeugdbescherming", sector: "YOUTH_CARE" });
    amsSocialWork = await aPartner(db, ams.id, { name: "Combiwel", sector: "SOCIAL_WORK" });
    const amsHousing = await aPartner(db, ams.id, { name: "Ymere", sector: "HOUSING" });
    amsPolice = await aPartner(db, ams.id, { name: "Politie Amsterdam", sector: "POLICE_JUSTICE" });
    amsHealth = await aPartner(db, ams.id, { name: "GGD Amsterdam", sector: "HEALTH" });
    coordinator = await aProfessional(db, amsMunicipality, ["PROCESS_LEAD"]);
    processManager = await aProfessional(db, amsMunicipality, ["PROCESS_LEAD"]);
    amsAdmin = await aProfessional(db, amsMunicipality, ["COVENANT_ADMIN"]);
    amsCoach = await aProfessional(db, amsSocialWork, ["COACH"], { name: "Coach Aafke" });
    amsCoach2 = await aProfessional(db, amsSocialWork, ["COACH"], { name: "Coach Bram" });
    youthCoach = await aProfessional(db, amsYouthCare, ["COACH"]);
    youthWorker = await aProfessional(db, amsYouthCare, ["PARTNER_PROFESSIONAL"]);
    housingWorker = await aProfessional(db, amsHousing, ["PARTNER_PROFESSIONAL"]);
    policeWorker = await aProfessional(db, amsPolice, ["PARTNER_PROFESSIONAL"]);
    healthWorker = await aProfessional(db, amsHealth, ["PARTNER_PROFESSIONAL"]);
    await configure(
      amsAdmin,
      {
        meldpuntName: "Meldpunt Zorg en Overlast Amsterdam",
        meldpuntContact: "020-0000000, meldpunt@example.org",
        crisisPartnerId: amsYouthCare.id,
        intakeCoordinatorId: coordinator.id,
      },
      [
        { code: "LOCAL_FAMILY_MEETING", name: "Lokaal gezinsoverleg" },
        { code: "MDO_PLUS", name: "MDO+" },
        { code: "ANALYSIS_TEAM", name: "Stedelijk analyseteam" },
      ],
      [
        { category: "RISK", lead: coordinator.id, meeting: "LOCAL_FAMILY_MEETING" },
        { category: "MPG1", lead: coordinator.id, meeting: "LOCAL_FAMILY_MEETING" },
        { category: "MPG2", lead: processManager.id, meeting: "MDO_PLUS" },
        { category: "MPG3", lead: processManager.id, meeting: "MDO_PLUS" },
        { category: "MPG4", lead: processManager.id, meeting: "ANALYSIS_TEAM" },
      ],
    );

    const gro = await aRegion(db, { code: "groningen-like" });
    const sozawe = await aPartner(db, gro.id, { name: "Gemeente Groningen", sector: "MUNICIPALITY" });
    const mjd = await aPartner(db, gro.id, { name: "MJD", sector: "SOCIAL_WORK" });
    groYouthCare = await aPartner(db, gro.id, { name: "Bureau Jeugdzorg", sector: "YOUTH_CARE" });
    const groPolicePartner = await aPartner(db, gro.id, { name: "Regiopolitie", sector: "POLICE_JUSTICE" });
    const lefier = await aPartner(db, gro.id, { name: "Lefier", sector: "HOUSING" });
    projectLeader = await aProfessional(db, sozawe, ["PROJECT_LEAD"]);
    groAdmin = await aProfessional(db, sozawe, ["COVENANT_ADMIN"]);
    groCoach = await aProfessional(db, mjd, ["COACH"]);
    bjzManager = await aProfessional(db, groYouthCare, ["PARTNER_MANAGER"]);
    bjzWorker = await aProfessional(db, groYouthCare, ["PARTNER_PROFESSIONAL"]);
    groPolice = await aProfessional(db, groPolicePartner, ["PARTNER_PROFESSIONAL"]);
    groHousing = await aProfessional(db, lefier, ["PARTNER_PROFESSIONAL"]);
    await configure(
      groAdmin,
      {
        meldpuntName: "Meldpunt Zorg en Overlast Groningen",
        meldpuntContact: "meldpunt@example.org",
        crisisPartnerId: groYouthCare.id,
        intakeCoordinatorId: projectLeader.id,
        positiveExitPercent: 75,
        aftercareMonths: 12,
      },
      [{ code: "TOP10_PARTNER_MEETING", name: "Casusoverleg kernpartners (top 10)" }],
      ["RISK", "MPG1", "MPG2", "MPG3", "MPG4"].map((category) => ({ category, lead: projectLeader.id, meeting: "TOP10_PARTNER_MEETING" })),
    );
    // Groningen's covenant: the family recovery plans are open to every signatory (000 §8 VII).
    const covenant = {
      title: "Mandaatconvenant",
      signatoryPartnerIds: [sozawe.id, mjd.id, groYouthCare.id, groPolicePartner.id, lefier.id],
      rules: [{ level: "SECTION", requiresInvolvement: false, requiresConsentOrLegalGround: false, description: "All information may be exchanged freely." }],
    };
    expect(data(await gql(PUBLISH, { input: covenant }, groAdmin))).toEqual({ publishCovenantVersion: { version: 1, inForce: true } });

    const other = await aRegion(db, { code: "fresh-region" });
    const otherMunicipality = await aPartner(db, other.id, { name: "Gemeente Fris", sector: "MUNICIPALITY" });
    const otherYouth = await aPartner(db, other.id, { name: "Jeugdzorg Fris", sector: "YOUTH_CARE" });
    const otherHousing = await aPartner(db, other.id, { name: "Woningstichting Fris", sector: "HOUSING" });
    fresh = {
      admin: await aProfessional(db, otherMunicipality, ["COVENANT_ADMIN"]),
      lead: await aProfessional(db, otherMunicipality, ["PROCESS_LEAD"]),
      coach: await aProfessional(db, otherHousing, ["COACH"]),
      worker: await aProfessional(db, otherHousing, ["PARTNER_PROFESSIONAL"]),
      youthCare: otherYouth,
      housing: otherHousing,
    };
  });
  afterEach(() => app.clock.set(START));
  afterAll(() => app?.close());

  describe("the region's process settings", () => {
    it("are read by every professional of the region and set by the covenant administrator only, validated", async () => {
      const { admin, lead, coach, worker, youthCare, housing } = fresh;
      expect(data(await gql(SETTINGS, {}, worker))).toEqual({ processSettings: null });
      // Without settings a concern has nowhere to go: CONFLICT, and nothing is stored.
      const household = aHousehold("Fris");
      refused(await gql(REGISTER_CONCERN, { input: concernInput(household.members) }, worker), "CONFLICT");
      expect(await familiesOf(lead)).toEqual([]);
      expect(await concernsOf(worker)).toEqual([]);

      const valid = { meldpuntName: "Meldpunt Fris", meldpuntContact: "meldpunt@example.org", crisisPartnerId: youthCare.id, intakeCoordinatorId: lead.id };
      for (const notAdmin of [lead, coach, worker]) refused(await gql(SET_SETTINGS, { input: valid }, notAdmin), "FORBIDDEN");
      refused(await gql(DEFINE_MEETING, { code: "MDO_PLUS", name: "MDO+" }, lead), "FORBIDDEN");
      refused(await gql(SET_ROUTE, { category: "RISK", lead: lead.id, meeting: "MDO_PLUS" }, lead), "FORBIDDEN");

      refused(await gql(SET_SETTINGS, { input: { ...valid, crisisPartnerId: housing.id } }, admin), "BAD_USER_INPUT", "input.crisisPartnerId");
      refused(await gql(SET_SETTINGS, { input: { ...valid, crisisPartnerId: amsYouthCare.id } }, admin), "BAD_USER_INPUT", "input.crisisPartnerId");
      refused(await gql(SET_SETTINGS, { input: { ...valid, intakeCoordinatorId: coach.id } }, admin), "BAD_USER_INPUT", "input.intakeCoordinatorId");
      refused(await gql(SET_SETTINGS, { input: { ...valid, intakeCoordinatorId: processManager.id } }, admin), "BAD_USER_INPUT", "input.intakeCoordinatorId");
      refused(await gql(SET_SETTINGS, { input: { ...valid, intakeCoordinatorId: "nobody" } }, admin), "BAD_USER_INPUT", "input.intakeCoordinatorId");
      for (const positiveExitPercent of [0, 101]) {
        refused(await gql(SET_SETTINGS, { input: { ...valid, positiveExitPercent } }, admin), "BAD_USER_INPUT", "input.positiveExitPercent");
      }
      for (const aftercareMonths of [0, 25]) {
        refused(await gql(SET_SETTINGS, { input: { ...valid, aftercareMonths } }, admin), "BAD_USER_INPUT", "input.aftercareMonths");
      }
      refused(await gql(SET_SETTINGS, { input: { ...valid, meldpuntName: "  " } }, admin), "BAD_USER_INPUT", "input.meldpuntName");
      expect(data(await gql(SETTINGS, {}, worker))).toEqual({ processSettings: null });

      const set = data(await gql<{ setProcessSettings: Vars }>(SET_SETTINGS, { input: valid }, admin)).setProcessSettings;
      expect(set).toMatchObject({ meldpunt: { name: "Meldpunt Fris" }, positiveExitPercent: 80, aftercareMonths: 6, meetings: [], categoryRoutes: [] });

      refused(await gql(DEFINE_MEETING, { code: "mdo plus", name: "MDO+" }, admin), "BAD_USER_INPUT", "code");
      refused(await gql(DEFINE_MEETING, { code: "MDO_PLUS", name: "" }, admin), "BAD_USER_INPUT", "name");
      refused(await gql(SET_ROUTE, { category: "RISK", lead: lead.id, meeting: "MDO_PLUS" }, admin), "BAD_USER_INPUT", "meeting");
      expect(data(await gql(DEFINE_MEETING, { code: "MDO_PLUS", name: "MDO" }, admin))).toEqual({ definePlanMeeting: { code: "MDO_PLUS", name: "MDO" } });
      expect(data(await gql(DEFINE_MEETING, { code: "MDO_PLUS", name: "MDO+" }, admin))).toEqual({ definePlanMeeting: { code: "MDO_PLUS", name: "MDO+" } });
      refused(await gql(SET_ROUTE, { category: "RISK", lead: coach.id, meeting: "MDO_PLUS" }, admin), "BAD_USER_INPUT", "processLeadId");
      refused(await gql(SET_ROUTE, { category: "RISK", lead: processManager.id, meeting: "MDO_PLUS" }, admin), "BAD_USER_INPUT", "processLeadId");
      expect(data(await gql(SET_ROUTE, { category: "RISK", lead: lead.id, meeting: "MDO_PLUS" }, admin))).toEqual({
        setCategoryRoute: { category: "RISK", processLead: { id: lead.id }, meeting: { code: "MDO_PLUS", name: "MDO+" } },
      });

      // Every professional of the region reads them; another region's are not theirs.
      const read = data(await gql<{ processSettings: Vars }>(SETTINGS, {}, worker)).processSettings;
      expect(read).toEqual({
        meldpunt: { name: "Meldpunt Fris", contact: "meldpunt@example.org" },
        crisisPartner: { id: youthCare.id, name: "Jeugdzorg Fris" },
        intakeCoordinator: { id: lead.id },
        positiveExitPercent: 80,
        aftercareMonths: 6,
        meetings: [{ code: "MDO_PLUS", name: "MDO+" }],
        categoryRoutes: [{ category: "RISK", processLead: { id: lead.id, email: expect.any(String) }, meeting: { code: "MDO_PLUS", name: "MDO+" } }],
      });
      const groningen = data(await gql<{ processSettings: { meldpunt: { name: string }; positiveExitPercent: number; aftercareMonths: number } }>(SETTINGS, {}, groPolice)).processSettings;
      expect(groningen).toMatchObject({ meldpunt: { name: "Meldpunt Zorg en Overlast Groningen" }, positiveExitPercent: 75, aftercareMonths: 12 });

      // Now the concern is taken in; a category without a route needs its meeting named.
      const receipt = await submit(worker, household.members);
      expect(receipt.route).toBe("SCREENING");
      const familyId = await familyOfConcern(receipt.concern!.id, lead);
      refused(await gql(SCREEN, { familyId, input: { outcome: "MPG4", reasoning: "Nuisance", regisseurId: coach.id } }, lead), "BAD_USER_INPUT", "input.meeting");
      const screened = data(await gql<{ screenFamily: { phase: string } }>(SCREEN, { familyId, input: { outcome: "MPG4", reasoning: "Nuisance", regisseurId: coach.id, meeting: "MDO_PLUS" } }, lead));
      expect(screened.screenFamily.phase).toBe("SCREENED");
    });
  });

  describe("routing a concern", () => {
    it("does not take in a household without children under 18: it names the Meldpunt and stores nothing", async () => {
      const familiesBefore = await familiesOf(coordinator);
      const concernsBefore = await concernsOf(coordinator);
      const inboxBefore = await inbox(coordinator);
      const storedBefore = (await app.database.db.select({ id: concerns.id }).from(concerns)).length;
      const adults = aHousehold("Oud", [{ relation: "CHILD", birthDate: "2007-11-22", givenName: "Jesse" }]).members.map((member, index) =>
        // Parent, a partner, and a "child" who turned 19 yesterday.
        index === 1 ? { ...member, relation: "PARTNER", birthDate: "1984-01-01", legalCustody: false } : member,
      );
      const answer = data(await gql<{ registerConcern: Receipt }>(REGISTER_CONCERN, { input: concernInput(adults) }, housingWorker)).registerConcern;
      expect(answer).toEqual({
        route: "NOT_TAKEN_IN",
        meldpunt: { name: "Meldpunt Zorg en Overlast Amsterdam", contact: "020-0000000, meldpunt@example.org" },
        concern: null,
      });
      // Nothing of it anywhere: not for the coordinator, not for the submitter, not in the register.
      expect(await familiesOf(coordinator)).toEqual(familiesBefore);
      expect(await concernsOf(coordinator)).toEqual(concernsBefore);
      expect(await inbox(coordinator)).toEqual(inboxBefore);
      expect((await concernsOf(housingWorker)).map((concern) => concern.label)).not.toContain("Gezin Oud");
      const stored = await app.database.db.select().from(persons).where(inArray(persons.bsn, adults.map((member) => member.bsn)));
      expect(stored).toEqual([]);
      expect((await app.database.db.select({ id: concerns.id }).from(concerns)).length).toBe(storedBefore);
      expect(app.logs.join("\n")).not.toContain(adults[0]!.bsn);

      // The same in Groningen, with its own Meldpunt; a single adult is a household too.
      const alone = [{ ...aHousehold("Alleen").parent, relation: "OTHER" }];
      const groningen = data(await gql<{ registerConcern: Receipt }>(REGISTER_CONCERN, { input: concernInput(alone) }, groHousing)).registerConcern;
      expect(groningen).toEqual({ route: "NOT_TAKEN_IN", meldpunt: { name: "Meldpunt Zorg en Overlast Groningen", contact: "meldpunt@example.org" }, concern: null });
    });

    it("sends every other concern to the coordinator for screening: a signalled family, the coordinator its process lead", async () => {
      const household = aHousehold("Visser", [{ givenName: "Lotte", birthDate: "2010-03-03" }]);
      const receipt = await submit(housingWorker, household.members, { discussedWithFamily: false, notDiscussedReason: "The mother could not be reached yet." });
      expect(receipt).toMatchObject({
        route: "SCREENING",
        meldpunt: null,
        concern: { route: "SCREENING", crisis: false, status: "ROUTED", submittedById: housingWorker.id, label: "Gezin Visser" },
      });
      const concernId = receipt.concern!.id;

      const notice = (await inbox(coordinator)).find((candidate) => candidate.subjectId === concernId);
      expect(notice).toMatchObject({ kind: "CONCERN_ROUTED", familyId: expect.any(String) });
      const family = await familyOf(notice!.familyId!, coordinator);
      expect(family).toMatchObject({
        name: "Gezin Visser",
        phase: "SIGNALLED",
        category: null,
        regisseur: null,
        processLead: { id: coordinator.id },
        screening: null,
        phaseHistory: [{ phase: "SIGNALLED", days: 0, setById: housingWorker.id }],
      });
      expect(family.members.map((member) => [member.relation, member.person.givenName])).toEqual([
        ["PARENT", "Mirjam"],
        ["CHILD", "Lotte"],
        ["CHILD", "Finn"],
      ]);
      // The keeper reads the concern whole; the coordinator the BSNs too, to screen.
      expect(family.concerns).toEqual([
        {
          id: concernId,
          status: "ROUTED",
          crisis: false,
          description: "Rent arrears, and the children have missed school for weeks.",
          members: household.members.map((member) => ({ givenName: member.givenName, relation: member.relation })),
        },
      ]);
      const identities = data(await gql<{ family: { concerns: { members: { bsn: string; birthDate: string }[] }[] } }>(CONCERN_BSNS, { id: family.id }, coordinator));
      expect(identities.family.concerns[0]!.members).toEqual(household.members.map((member) => ({ bsn: member.bsn, birthDate: member.birthDate })));
      expect((await concernsOf(coordinator, true)).map((concern) => concern.id)).toContain(concernId);

      // The crisis partner has no business with an ordinary concern; an uninvolved partner learns nothing.
      for (const outsider of [youthWorker, youthCoach, policeWorker]) {
        expect((await concernsOf(outsider)).map((concern) => concern.id)).not.toContain(concernId);
        expect(data(await gql(FAMILY_PROCESS, { id: family.id }, outsider))).toEqual({ family: null });
        expect((await inbox(outsider)).map((candidate) => candidate.subjectId)).not.toContain(concernId);
      }
    });

    it("sends a crisis at once to youth care — its managers, else its care workers — and tells the process lead", async () => {
      // Groningen: Bureau Jeugdzorg has a manager, who is told; its care worker reads it too.
      const groningen = aHousehold("Mulder");
      const receipt = await submit(groHousing, groningen.members, { crisis: true, description: "The father threatened the children with a knife tonight." });
      expect(receipt).toMatchObject({ route: "CRISIS", meldpunt: null, concern: { route: "CRISIS", crisis: true, status: "ROUTED" } });
      const concernId = receipt.concern!.id;
      // No family id for the crisis partner: the concern is what it acts on.
      expect((await inbox(bjzManager)).filter((notice) => notice.subjectId === concernId)).toEqual([{ kind: "CRISIS_ROUTED", familyId: null, subjectId: concernId }]);
      expect((await inbox(bjzWorker)).filter((notice) => notice.subjectId === concernId)).toEqual([]);
      const leadNotice = (await inbox(projectLeader)).filter((notice) => notice.subjectId === concernId);
      expect(leadNotice).toEqual([{ kind: "CONCERN_ROUTED", familyId: expect.any(String), subjectId: concernId }]);
      const family = await familyOf(leadNotice[0]!.familyId!, projectLeader);
      expect(family).toMatchObject({ phase: "SIGNALLED", processLead: { id: projectLeader.id }, regisseur: null });

      for (const atYouthCare of [bjzManager, bjzWorker]) {
        const seen = (await concernsOf(atYouthCare)).find((concern) => concern.id === concernId);
        expect(seen).toMatchObject({ crisis: true, description: "The father threatened the children with a knife tonight." });
        expect(seen!.members.map((member) => member.bsn)).toEqual(groningen.members.map((member) => member.bsn));
      }

      // Amsterdam: youth care has no manager in this region, so its care workers are told.
      const amsterdam = aHousehold("Jansen");
      const crisis = await submit(policeWorker, amsterdam.members, { crisis: true });
      expect(crisis.route).toBe("CRISIS");
      for (const careWorker of [youthCoach, youthWorker]) {
        expect((await inbox(careWorker)).filter((notice) => notice.subjectId === crisis.concern!.id)).toEqual([
          { kind: "CRISIS_ROUTED", familyId: null, subjectId: crisis.concern!.id },
        ]);
      }
      expect((await inbox(coordinator)).filter((notice) => notice.subjectId === crisis.concern!.id)).toMatchObject([{ kind: "CONCERN_ROUTED" }]);
    });

    it("asks why a concern was not discussed with the family, and refuses what is not a household", async () => {
      const household = aHousehold("Kok");
      const before = await concernsOf(housingWorker);
      const attempt = (overrides: Vars, members = household.members) => gql(REGISTER_CONCERN, { input: concernInput(members, overrides) }, housingWorker);
      refused(await attempt({ discussedWithFamily: false }), "BAD_USER_INPUT", "input.notDiscussedReason");
      refused(await attempt({ discussedWithFamily: false, notDiscussedReason: "   " }), "BAD_USER_INPUT", "input.notDiscussedReason");
      refused(await attempt({ discussedWithFamily: true, notDiscussedReason: "Not needed" }), "BAD_USER_INPUT", "input.notDiscussedReason");
      refused(await attempt({ description: "" }), "BAD_USER_INPUT", "input.description");
      refused(await attempt({}, [household.parent, { ...household.child, bsn: "123456789" }]), "BAD_USER_INPUT", "input.members[1].bsn");
      refused(await attempt({}, [household.parent, { ...household.child, bsn: household.parent.bsn }]), "BAD_USER_INPUT", "input.members[1].bsn");
      refused(await attempt({}, [household.parent, { ...household.child, birthDate: "2027-01-01" }]), "BAD_USER_INPUT", "input.members[1].birthDate");
      refused(await attempt({}, [household.child]), "BAD_USER_INPUT", "input.members");
      refused(await attempt({}, []), "BAD_USER_INPUT", "input.members");
      // Intake is for care workers: a coordinator or administrator does not register concerns.
      for (const notCareWorker of [coordinator, amsAdmin]) refused(await gql(REGISTER_CONCERN, { input: concernInput(household.members) }, notCareWorker), "FORBIDDEN");
      expect(await concernsOf(housingWorker)).toEqual(before);

      const discussed = await submit(housingWorker, household.members);
      expect(discussed.route).toBe("SCREENING");
      const own = data(await gql<{ concerns: { nodes: { id: string; discussedWithFamily: boolean; notDiscussedReason: string | null }[] } }>(OWN_CONCERNS, { open: true }, housingWorker)).concerns.nodes;
      expect(own.find((concern) => concern.id === discussed.concern!.id)).toMatchObject({ discussedWithFamily: true, notDiscussedReason: null });
    });
  });

  describe("the same household again", () => {
    it("attaches the concern to the family it already has, and answers the submitter exactly as for a new household", async () => {
      const known = aHousehold("Smit");
      const first = await submit(housingWorker, known.members);
      const familyId = await familyOfConcern(first.concern!.id, coordinator);
      const familiesBefore = (await familiesOf(coordinator)).length;

      // The police officer knows the mother and the son, and a baby the register does not have yet.
      const again = [known.parent, known.child, { ...aHousehold("Smit").child, givenName: "Bo", birthDate: "2026-09-01" }];
      const unknown = aHousehold("Smit", [{ givenName: "Bo", birthDate: "2026-09-01" }]);
      const asked = (members: Person[]) =>
        gql(REGISTER_CONCERN_PROBING, { input: concernInput(members, { label: "Gezin Smit (politie)", description: "Domestic violence reported twice." }) }, policeWorker);
      const attachedAnswer = await asked(again);
      const newAnswer = await asked(unknown.members);
      // Byte for byte the same, but for the concern's own id and time.
      const normalised = (response: GraphQLResponse) =>
        JSON.parse(response.text.replace(/"id":"[0-9a-f-]{36}"/g, '"id":"…"').replace(/"submittedAt":"[^"]+"/g, '"submittedAt":"…"').replaceAll(policeWorker.id, "me").replaceAll(amsPolice.id, "my-partner"));
      expect(normalised(attachedAnswer)).toEqual(normalised(newAnswer));
      // Three members' BSN and birth date, and the family id: the submitter gets none of them; the
      // BSNs and the birth dates are refused (one error each, folded), the family withheld without an error.
      expect(codes(attachedAnswer)).toEqual(["FORBIDDEN", "FORBIDDEN"]);
      expect(unfolded(attachedAnswer).map((error) => error.path!.slice(2).join(".")).sort()).toEqual(
        ["members.0.birthDate", "members.0.bsn", "members.1.birthDate", "members.1.bsn", "members.2.birthDate", "members.2.bsn"].sort(),
      );
      expect((attachedAnswer.body.data as { registerConcern: { concern: { familyId: unknown } } }).registerConcern.concern.familyId).toBeNull();
      const ownList = data(await gql<{ concerns: { nodes: { label: string; status: string; route: string }[] } }>(OWN_CONCERNS, { open: false }, policeWorker)).concerns.nodes;
      expect(ownList.filter((concern) => concern.label === "Gezin Smit (politie)").map(({ status, route }) => ({ status, route }))).toEqual([
        { status: "ROUTED", route: "SCREENING" },
        { status: "ROUTED", route: "SCREENING" },
      ]);

      // One family for the known household, with both concerns; the unknown one got its own.
      expect((await familiesOf(coordinator)).length).toBe(familiesBefore + 1);
      const family = await familyOf(familyId, coordinator);
      expect(family.name).toBe("Gezin Smit");
      const attachedId = (attachedAnswer.body.data as { registerConcern: Receipt }).registerConcern.concern!.id;
      expect(family.concerns.map((concern) => concern.id).sort()).toEqual([first.concern!.id, attachedId].sort());
      // The register keeps its members: the keepers compare them with what the concern listed.
      expect(family.members.map((member) => member.person.givenName)).toEqual(["Mirjam", "Finn"]);
      expect(family.concerns.find((concern) => concern.id === attachedId)!.members.map((member) => member.givenName)).toEqual(["Mirjam", "Finn", "Bo"]);
      expect((await inbox(coordinator)).filter((notice) => notice.subjectId === attachedId)).toEqual([{ kind: "CONCERN_ROUTED", familyId, subjectId: attachedId }]);

      // Once screened, a new concern reaches the regisseur and the process lead.
      data(await gql(SCREEN, { familyId, input: { outcome: "RISK", reasoning: "Several problems at once", regisseurId: amsCoach.id } }, coordinator));
      const third = await submit(youthWorker, [known.child, known.parent]);
      expect(third.route).toBe("SCREENING");
      for (const keeper of [amsCoach, coordinator]) {
        expect((await inbox(keeper)).filter((notice) => notice.subjectId === third.concern!.id)).toEqual([
          { kind: "CONCERN_ROUTED", familyId, subjectId: third.concern!.id },
        ]);
      }
      const statuses = new Map((await familyOf(familyId, amsCoach)).concerns.map((concern) => [concern.id, concern.status]));
      expect(statuses).toEqual(new Map([[first.concern!.id, "SCREENED"], [attachedId, "SCREENED"], [third.concern!.id, "ROUTED"]]));
      expect((await familiesOf(coordinator)).length).toBe(familiesBefore + 1);

      // A care worker's receipt for the known household, asking its family: null, and no error at all.
      const receipt = await gql<{ registerConcern: { route: string; concern: { id: string; familyId: string | null } } }>(RECEIPT_WITH_FAMILY, { input: concernInput([known.parent, known.child]) }, housingWorker);
      expect(receipt.body.errors).toBeUndefined();
      expect(receipt.body.data!.registerConcern).toEqual({ route: "SCREENING", concern: { id: expect.any(String), familyId: null } });
      expect((await familyOf(familyId, amsCoach)).concerns.map((concern) => concern.id)).toContain(receipt.body.data!.registerConcern.concern.id);
    });

    it("lets the keepers settle a concern about a household already in the approach, so its submitter reads what a new household's screening gives", async () => {
      const waiting = await aSignalledFamily("Wachter", housingWorker, coordinator);
      // Screening settles a waiting family's concerns: not acknowledged one by one.
      refused(await gql(ACKNOWLEDGE, { id: waiting.concernId, how: "TAKEN_INTO_PLAN" }, coordinator), "CONFLICT");

      const known = await aSignalledFamily("Visser", housingWorker, coordinator);
      data(await gql(SCREEN, { familyId: known.familyId, input: { outcome: "RISK", reasoning: "Several problems at once", regisseurId: amsCoach.id } }, coordinator));
      const attached = (await submit(policeWorker, [known.parent, known.child], { label: "Visser (politie)" })).concern!.id;
      const later = (await submit(youthWorker, [known.parent, known.child], { label: "Visser (jeugd)" })).concern!.id;
      // A new household's concern, screened: what the submitter should see of the attached one too.
      const fresh = await aSignalledFamily("Nieuw", policeWorker, coordinator);
      data(await gql(SCREEN, { familyId: fresh.familyId, input: { outcome: "RISK", reasoning: "New in the approach", regisseurId: amsCoach.id } }, coordinator));

      // Nobody but the keepers can: the submitters and other workers get what no concern gives.
      const none = refused(await gql(ACKNOWLEDGE, { id: NOBODY, how: "TAKEN_INTO_PLAN" }, policeWorker), "NOT_FOUND");
      for (const who of [policeWorker, youthWorker, housingWorker, amsCoach2, projectLeader]) {
        expect(refused(await gql(ACKNOWLEDGE, { id: attached, how: "TAKEN_INTO_PLAN" }, who), "NOT_FOUND")).toBe(none);
      }
      const settled = data(await gql<{ acknowledgeConcern: { id: string; status: string } }>(ACKNOWLEDGE, { id: attached, how: "TAKEN_INTO_PLAN" }, amsCoach)).acknowledgeConcern;
      expect(settled).toEqual({ id: attached, status: "SCREENED" });
      refused(await gql(ACKNOWLEDGE, { id: attached, how: "REGULAR_CARE" }, coordinator), "CONFLICT");
      expect(data(await gql<{ acknowledgeConcern: { status: string } }>(ACKNOWLEDGE, { id: later, how: "REGULAR_CARE" }, coordinator)).acknowledgeConcern.status).toBe("CLOSED_REGULAR");

      // The police officer's two concerns read alike: one attached to a known family, one that made a new one.
      const own = data(await gql<{ concerns: { nodes: { id: string; status: string; route: string }[] } }>(OWN_CONCERNS, { open: false }, policeWorker)).concerns.nodes;
      const statusOf = (id: string) => own.find((concern) => concern.id === id)!.status;
      expect([statusOf(attached), statusOf(fresh.concernId)]).toEqual(["SCREENED", "SCREENED"]);
      expect((await familyOf(known.familyId, amsCoach)).concerns.filter((concern) => concern.status === "ROUTED")).toEqual([]);
    });

    it("takes a closed family's household in as a new family", async () => {
      const household = aHousehold("Dekker");
      const receipt = await submit(housingWorker, household.members);
      const familyId = await familyOfConcern(receipt.concern!.id, coordinator);
      data(await gql(SCREEN, { familyId, input: { outcome: "REGULAR", reasoning: "Regular care suffices" } }, coordinator));
      const again = await submit(policeWorker, household.members);
      const next = await familyOfConcern(again.concern!.id, coordinator);
      expect(next).not.toBe(familyId);
      expect((await familyOf(next, coordinator)).phase).toBe("SIGNALLED");
      expect((await familyOf(familyId, coordinator)).phase).toBe("CLOSED");
    });
  });

  describe("screening", () => {
    it("is the process lead's: others who know the family are FORBIDDEN, everyone else NOT_FOUND as for no family", async () => {
      const { familyId } = await aSignalledFamily("Bos", housingWorker, coordinator);
      const input = { outcome: "RISK", reasoning: "Three problems at once", regisseurId: amsCoach.id };
      const missing = await gql(SCREEN, { familyId: NOBODY, input }, policeWorker);
      refused(missing, "NOT_FOUND");
      // The submitter, an uninvolved partner, another process lead, another region: as for no family.
      for (const stranger of [housingWorker, policeWorker, processManager, amsCoach, projectLeader]) {
        const response = await gql(SCREEN, { familyId, input }, stranger);
        refused(response, "NOT_FOUND");
        expect(response.body.errors![0]!.message).toBe(missing.body.errors![0]!.message);
      }
      expect((await familyOf(familyId, coordinator)).phase).toBe("SIGNALLED");

      // Groningen's covenant opens the family to a coach of a signatory: known, but not theirs to screen.
      const groningen = await aSignalledFamily("Hoving", groHousing, projectLeader);
      expect(data(await gql(FAMILY_PROCESS, { id: groningen.familyId }, groCoach))).toMatchObject({ family: { phase: "SIGNALLED" } });
      refused(await gql(SCREEN, { familyId: groningen.familyId, input: { outcome: "MPG1", reasoning: "x", regisseurId: groCoach.id } }, groCoach), "FORBIDDEN");
      expect((await familyOf(groningen.familyId, projectLeader)).phase).toBe("SIGNALLED");
    });

    it("REGULAR — regular care suffices — closes the family and its concerns", async () => {
      const { familyId, concernId } = await aSignalledFamily("Prins", housingWorker, coordinator);
      refused(await gql(SCREEN, { familyId, input: { outcome: "REGULAR", reasoning: "x", meeting: "MDO_PLUS" } }, coordinator), "BAD_USER_INPUT", "input.meeting");
      refused(await gql(SCREEN, { familyId, input: { outcome: "REGULAR", reasoning: "x", regisseurId: amsCoach.id } }, coordinator), "BAD_USER_INPUT", "input.regisseurId");
      app.clock.set("2026-11-27T10:00:00+01:00");
      const screened = data(await gql<{ screenFamily: { phase: string; category: string | null } }>(SCREEN, { familyId, input: { outcome: "REGULAR", reasoning: "The housing corporation's own coach suffices." } }, coordinator));
      expect(screened.screenFamily).toMatchObject({ phase: "CLOSED", category: null });
      // Screened: the coordinator keeps the process, not the identities.
      const after = await gql(CONCERN_BSNS, { id: familyId }, coordinator);
      expect(codes(after).length).toBeGreaterThan(0);
      expect(codes(after).every((code) => code === "FORBIDDEN")).toBe(true);
      const family = await familyOf(familyId, coordinator);
      expect(family).toMatchObject({
        phase: "CLOSED",
        regisseur: null,
        screening: { outcome: "REGULAR", meeting: null, reasoning: "The housing corporation's own coach suffices.", screenedById: coordinator.id },
        phaseHistory: [
          { phase: "SIGNALLED", days: 4 },
          { phase: "CLOSED", days: 0 },
        ],
      });
      // The submitter learns it from their concern's status (no inbox message names the family).
      const own = data(await gql<{ concerns: { nodes: { id: string; status: string }[] } }>(OWN_CONCERNS, { open: false }, housingWorker)).concerns.nodes;
      expect(own.find((concern) => concern.id === concernId)!.status).toBe("CLOSED_REGULAR");
      expect((await concernsOf(housingWorker, true)).map((concern) => concern.id)).not.toContain(concernId);
      expect((await inbox(housingWorker)).filter((notice) => notice.familyId === familyId)).toEqual([]);
      refused(await gql(CHANGE_PHASE, { familyId, to: "PLANNING" }, coordinator), "CONFLICT");
    });

    it("takes each category in with the region's meeting and process lead (Amsterdam)", async () => {
      const expected = {
        RISK: { meeting: "LOCAL_FAMILY_MEETING", lead: coordinator },
        MPG1: { meeting: "LOCAL_FAMILY_MEETING", lead: coordinator },
        MPG2: { meeting: "MDO_PLUS", lead: processManager },
        MPG3: { meeting: "MDO_PLUS", lead: processManager },
        MPG4: { meeting: "ANALYSIS_TEAM", lead: processManager },
      } as const;
      for (const [category, { meeting, lead }] of Object.entries(expected)) {
        const { familyId, concernId } = await aSignalledFamily(`Cat${category}`, housingWorker, coordinator);
        const response = await gql<{ screenFamily: { phase: string; category: string } | null }>(
          SCREEN,
          { familyId, input: { outcome: category, reasoning: `Screened as ${category}`, regisseurId: amsCoach2.id } },
          coordinator,
        );
        const answer = data(response).screenFamily;
        const family = await familyOf(familyId, lead);
        expect(family, category).toMatchObject({
          phase: "SCREENED",
          category,
          categoryHistory: [{ category }],
          regisseur: { id: amsCoach2.id },
          processLead: { id: lead.id },
          regieHistory: [{ professionalId: amsCoach2.id, until: null }],
          screening: { outcome: category, meeting: { code: meeting }, reasoning: `Screened as ${category}`, screenedById: coordinator.id },
        });
        expect(family.concerns.map((concern) => [concern.id, concern.status])).toEqual([[concernId, "SCREENED"]]);
        // The regisseur and a new process lead are told; the screener is not told of their own act.
        expect((await inbox(amsCoach2)).filter((notice) => notice.familyId === familyId)).toEqual([{ kind: "FAMILY_ASSIGNED", familyId, subjectId: familyId }]);
        const leadNotices = (await inbox(lead)).filter((notice) => notice.kind === "FAMILY_ASSIGNED" && notice.familyId === familyId);
        expect(leadNotices).toHaveLength(lead === coordinator ? 0 : 1);
        if (lead === coordinator) {
          expect(answer).toEqual({ id: familyId, phase: "SCREENED", category });
        } else {
          // The coordinator handed the process on: the family is no longer theirs to see.
          expect(answer).toBeNull();
          expect(data(await gql(FAMILY_PROCESS, { id: familyId }, coordinator))).toEqual({ family: null });
        }
      }
    });

    it("takes a family in with the Groningen default: one partners' meeting, the project leader leading", async () => {
      const { familyId } = await aSignalledFamily("Postma", groHousing, projectLeader);
      const answer = data(await gql<{ screenFamily: { phase: string } }>(SCREEN, { familyId, input: { outcome: "MPG1", reasoning: "Top 10", regisseurId: groCoach.id } }, projectLeader));
      expect(answer.screenFamily.phase).toBe("SCREENED");
      expect(await familyOf(familyId, projectLeader)).toMatchObject({
        category: "MPG1",
        regisseur: { id: groCoach.id },
        processLead: { id: projectLeader.id },
        screening: { meeting: { code: "TOP10_PARTNER_MEETING", name: "Casusoverleg kernpartners (top 10)" } },
      });
      expect((await inbox(groCoach)).filter((notice) => notice.familyId === familyId)).toEqual([{ kind: "FAMILY_ASSIGNED", familyId, subjectId: familyId }]);
    });

    it("names the meeting and the process lead when asked, and refuses a meeting the region does not have", async () => {
      const { familyId } = await aSignalledFamily("Veenstra", housingWorker, coordinator);
      const base = { outcome: "MPG3", reasoning: "A supervision order, and nuisance", regisseurId: youthCoach.id };
      refused(await gql(SCREEN, { familyId, input: { ...base, meeting: "TOP10_PARTNER_MEETING" } }, coordinator), "BAD_USER_INPUT", "input.meeting");
      refused(await gql(SCREEN, { familyId, input: { ...base, processLeadId: amsCoach.id } }, coordinator), "BAD_USER_INPUT", "input.processLeadId");
      refused(await gql(SCREEN, { familyId, input: { ...base, regisseurId: youthWorker.id } }, coordinator), "BAD_USER_INPUT", "input.regisseurId");
      refused(await gql(SCREEN, { familyId, input: { ...base, regisseurId: groCoach.id } }, coordinator), "BAD_USER_INPUT", "input.regisseurId");
      refused(await gql(SCREEN, { familyId, input: { outcome: "MPG3", reasoning: "x" } }, coordinator), "BAD_USER_INPUT", "input.regisseurId");
      refused(await gql(SCREEN, { familyId, input: { outcome: "MPG3", reasoning: "x", dominantPartnerId: amsHealth.id } }, coordinator), "BAD_USER_INPUT", "input.dominantPartnerId");
      refused(await gql(SCREEN, { familyId, input: { outcome: "MPG3", reasoning: "x", dominantPartnerId: groYouthCare.id } }, coordinator), "BAD_USER_INPUT", "input.dominantPartnerId");
      refused(await gql(SCREEN, { familyId, input: { ...base, reasoning: "" } }, coordinator), "BAD_USER_INPUT", "input.reasoning");
      // Nothing of those attempts stuck.
      expect(await familyOf(familyId, coordinator)).toMatchObject({ phase: "SIGNALLED", category: null, regisseur: null, screening: null, categoryHistory: [], regieHistory: [] });
      expect((await inbox(youthCoach)).filter((notice) => notice.familyId === familyId)).toEqual([]);

      data(await gql(SCREEN, { familyId, input: { ...base, meeting: "ANALYSIS_TEAM", processLeadId: coordinator.id } }, coordinator));
      expect(await familyOf(familyId, coordinator)).toMatchObject({
        category: "MPG3",
        processLead: { id: coordinator.id },
        regisseur: { id: youthCoach.id },
        screening: { meeting: { code: "ANALYSIS_TEAM", name: "Stedelijk analyseteam" } },
      });
    });

    it("makes the dominant partner's coach with the fewest families the regisseur", async () => {
      const db = app.database.db;
      const [ams] = await db.select().from(regions).where(eq(regions.code, "amsterdam-like"));
      const homeCare = await aPartner(db, ams!.id, { name: "Cordaan", sector: "HOME_CARE" });
      const busy = await aProfessional(db, homeCare, ["COACH"], { name: "Anna Busy" });
      const free = await aProfessional(db, homeCare, ["COACH"], { name: "Zora Free" });
      await aProfessional(db, homeCare, ["COACH"], { name: "Aaron Gone", active: false });
      const busyFamily = aHousehold("Druk");
      data(await gql(REGISTER_FAMILY, { input: { name: "Gezin Druk", category: "MPG1", regisseurId: busy.id, members: busyFamily.members } }, coordinator));

      const { familyId } = await aSignalledFamily("Wolters", housingWorker, coordinator);
      data(await gql(SCREEN, { familyId, input: { outcome: "MPG1", reasoning: "Home care carries the dominant problem", dominantPartnerId: homeCare.id } }, coordinator));
      const family = await familyOf(familyId, coordinator);
      expect(family).toMatchObject({ regisseur: { id: free.id }, screening: { meeting: { code: "LOCAL_FAMILY_MEETING" } } });
      expect((await inbox(free)).filter((notice) => notice.familyId === familyId)).toEqual([{ kind: "FAMILY_ASSIGNED", familyId, subjectId: familyId }]);
      // A named regisseur goes before the dominant partner's choice.
      const second = await aSignalledFamily("Kramer", housingWorker, coordinator);
      data(await gql(SCREEN, { familyId: second.familyId, input: { outcome: "RISK", reasoning: "x", dominantPartnerId: homeCare.id, regisseurId: busy.id } }, coordinator));
      expect((await familyOf(second.familyId, coordinator)).regisseur).toEqual({ id: busy.id });
    });

    it("happens once: screening again is a CONFLICT and changes nothing", async () => {
      const { familyId } = await aSignalledFamily("Meijer", housingWorker, coordinator);
      data(await gql(SCREEN, { familyId, input: { outcome: "RISK", reasoning: "First look", regisseurId: amsCoach.id } }, coordinator));
      const before = await familyOf(familyId, coordinator);
      const again = await gql(SCREEN, { familyId, input: { outcome: "MPG2", reasoning: "Second look", regisseurId: youthCoach.id } }, coordinator);
      refused(again, "CONFLICT");
      expect(again.body.errors![0]!.message).toMatch(/^familyId: /);
      expect(await familyOf(familyId, coordinator)).toEqual(before);
      expect((await inbox(youthCoach)).filter((notice) => notice.familyId === familyId)).toEqual([]);
      // A family registered by a process lead starts screened: nothing to screen.
      const registered = data(
        await gql<{ registerFamily: { id: string } }>(REGISTER_FAMILY, { input: { name: "Gezin Brouwer", category: "MPG1", regisseurId: amsCoach.id, members: aHousehold("Brouwer").members } }, coordinator),
      ).registerFamily.id;
      refused(await gql(SCREEN, { familyId: registered, input: { outcome: "RISK", reasoning: "x", regisseurId: amsCoach.id } }, coordinator), "CONFLICT");
    });

    it("records the phases with the days spent in each, and the screened family follows the phase table", async () => {
      const { familyId } = await aSignalledFamily("Koster", housingWorker, coordinator);
      refused(await gql(CHANGE_PHASE, { familyId, to: "SCREENED" }, coordinator), "CONFLICT");
      app.clock.set("2026-11-26T10:00:00+01:00");
      data(await gql(SCREEN, { familyId, input: { outcome: "MPG1", reasoning: "x", regisseurId: amsCoach.id } }, coordinator));
      app.clock.set("2026-11-28T11:00:00+01:00");
      expect((await familyOf(familyId, amsCoach)).phaseHistory).toEqual([
        { phase: "SIGNALLED", days: 3, setById: housingWorker.id },
        { phase: "SCREENED", days: 2, setById: coordinator.id },
      ]);
      expect(data(await gql(CHANGE_PHASE, { familyId, to: "PLANNING" }, amsCoach))).toEqual({ changePhase: { id: familyId, phase: "PLANNING" } });
    });
  });

  describe("who sees a concern", () => {
    it("its submitter (without BSNs or family), the family's keepers, and for a crisis the crisis partner; nobody else", async () => {
      const household = aHousehold("Bakker");
      const receipt = await submit(housingWorker, household.members, { crisis: true, description: "The child was found alone at night." });
      const concernId = receipt.concern!.id;
      const familyId = await familyOfConcern(concernId, coordinator);

      // The submitter: their words back, not the BSNs, not the family.
      const asSubmitter = await gql<{ concerns: { nodes: ConcernView[] } }>(CONCERNS, { open: true }, housingWorker);
      const own = asSubmitter.body.data!.concerns.nodes.find((concern) => concern.id === concernId)!;
      expect(own).toMatchObject({ crisis: true, description: "The child was found alone at night.", familyId: null });
      expect(own.members).toEqual(household.members.map((member) => ({ bsn: null, givenName: member.givenName })));
      const index = asSubmitter.body.data!.concerns.nodes.indexOf(own);
      const denied = unfolded(asSubmitter).filter((error) => error.path?.[2] === index).map((error) => `${error.path!.slice(3).join(".")} ${error.extensions?.code}`);
      // The family: null, and no refusal either (it would say there was one to refuse).
      expect(denied.sort()).toEqual(["members.0.bsn FORBIDDEN", "members.1.bsn FORBIDDEN"]);
      expect(data(await gql(FAMILY_PROCESS, { id: familyId }, housingWorker))).toEqual({ family: null });

      // The keeper: everything; the crisis partner: the concern with its BSNs, not the family.
      const asKeeper = (await concernsOf(coordinator)).find((concern) => concern.id === concernId)!;
      expect(asKeeper).toMatchObject({ familyId, members: household.members.map((member) => ({ bsn: member.bsn })) });
      for (const atYouthCare of [youthWorker, youthCoach]) {
        const response = await gql<{ concerns: { nodes: ConcernView[] } }>(CONCERNS, { open: false }, atYouthCare);
        const seen = response.body.data!.concerns.nodes.find((concern) => concern.id === concernId)!;
        expect(seen).toMatchObject({ crisis: true, familyId: null, members: household.members.map((member) => ({ bsn: member.bsn })) });
        expect(data(await gql(FAMILY_PROCESS, { id: familyId }, atYouthCare))).toEqual({ family: null });
      }

      // An uninvolved partner, and another region's crisis partner, see nothing of it.
      for (const outsider of [policeWorker, healthWorker, bjzManager, bjzWorker]) {
        expect((await concernsOf(outsider)).map((concern) => concern.id)).not.toContain(concernId);
        expect(data(await gql(FAMILY_CONCERNS, { id: familyId }, outsider))).toEqual({ family: null });
      }

      // Screened, the regisseur keeps the family and reads its concerns; the open list is empty of it.
      data(await gql(SCREEN, { familyId, input: { outcome: "MPG3", reasoning: "Child protection", regisseurId: youthCoach.id, processLeadId: coordinator.id } }, coordinator));
      expect((await familyOf(familyId, youthCoach)).concerns.map((concern) => concern.id)).toEqual([concernId]);
      expect((await concernsOf(coordinator, true)).map((concern) => concern.id)).not.toContain(concernId);
      expect((await concernsOf(coordinator, false)).find((concern) => concern.id === concernId)).toMatchObject({ status: "SCREENED" });
    });

    it("stays with the keepers even where the covenant opens the family to every partner (Groningen)", async () => {
      const { familyId, concernId } = await aSignalledFamily("Huizinga", groHousing, projectLeader);
      // The police may know the family under Groningen's covenant, but not the concern about it.
      expect(data(await gql(FAMILY_PROCESS, { id: familyId }, groPolice))).toMatchObject({ family: { id: familyId } });
      const response = await gql(FAMILY_CONCERNS, { id: familyId }, groPolice);
      expect(response.body.data).toEqual({ family: { id: familyId, concerns: null } });
      expect(codes(response)).toEqual(["FORBIDDEN"]);
      expect((await concernsOf(groPolice)).map((concern) => concern.id)).not.toContain(concernId);
      // A non-crisis concern is not Bureau Jeugdzorg's either.
      expect((await concernsOf(bjzWorker)).map((concern) => concern.id)).not.toContain(concernId);
      expect((await familyOf(familyId, projectLeader)).concerns.map((concern) => concern.id)).toEqual([concernId]);
    });
  });
});

describe("the demo regions' process defaults", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await seedDemo(app.database.db, app.clock.now());
    const db = app.database.db;
    // Twice: installing is idempotent.
    for (let round = 0; round < 2; round++) {
      for (const defaults of DEMO_PROCESS_DEFAULTS) {
        const [region] = await db.select().from(regions).where(eq(regions.code, defaults.regionCode));
        await installProcessDefaults(db, region!.id, defaults);
      }
    }
  });
  afterAll(() => app?.close());

  interface Settings {
    meldpunt: { name: string };
    crisisPartner: { name: string };
    intakeCoordinator: { id: string };
    meetings: { code: string }[];
    categoryRoutes: { category: string; processLead: { email: string }; meeting: { code: string } }[];
  }
  const settingsAs = async (email: string) => {
    const response = await app.gql<{ processSettings: Settings }>(SETTINGS, {}, demoProfessionalId(email));
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.processSettings;
  };

  it("routes Amsterdam's categories to the local family meeting, the MDO+ and the analysis team", async () => {
    const settings = await settingsAs("politie@amsterdam.demo");
    expect(settings.meldpunt.name).toBe("Meldpunt Zorg en Overlast Amsterdam");
    expect(settings.crisisPartner.name).toBe("Jeugdbescherming Regio Amsterdam");
    expect(settings.intakeCoordinator.id).toBe(demoProfessionalId("coordinator@amsterdam.demo"));
    expect(settings.meetings.map((meeting) => meeting.code)).toEqual(["ANALYSIS_TEAM", "LOCAL_FAMILY_MEETING", "MDO_PLUS"]);
    expect(settings.categoryRoutes.map((route) => [route.category, route.processLead.email, route.meeting.code])).toEqual([
      ["RISK", "coordinator@amsterdam.demo", "LOCAL_FAMILY_MEETING"],
      ["MPG1", "coordinator@amsterdam.demo", "LOCAL_FAMILY_MEETING"],
      ["MPG2", "procesmanager@amsterdam.demo", "MDO_PLUS"],
      ["MPG3", "procesmanager@amsterdam.demo", "MDO_PLUS"],
      ["MPG4", "procesmanager@amsterdam.demo", "ANALYSIS_TEAM"],
    ]);
  });

  it("lets Groningen's project leader lead every category from the partners' top-10 meeting", async () => {
    const settings = await settingsAs("coach1@groningen.demo");
    expect(settings.crisisPartner.name).toBe("Bureau Jeugdzorg Groningen");
    expect(settings.intakeCoordinator.id).toBe(demoProfessionalId("projectleider@groningen.demo"));
    expect(settings.meetings.map((meeting) => meeting.code)).toEqual(["TOP10_PARTNER_MEETING"]);
    expect(new Set(settings.categoryRoutes.map((route) => `${route.processLead.email} ${route.meeting.code}`))).toEqual(
      new Set(["projectleider@groningen.demo TOP10_PARTNER_MEETING"]),
    );
    expect(settings.categoryRoutes).toHaveLength(5);

    // A concern in the demo region reaches the project leader.
    const members = [
      { bsn: bsnNumber(77_000_001), givenName: "Els", familyName: "Dijk", birthDate: "1990-01-01", relation: "PARENT", legalCustody: true },
      { bsn: bsnNumber(77_000_101), givenName: "Tim", familyName: "Dijk", birthDate: "2015-01-01", relation: "CHILD", legalCustody: false },
    ];
    const response = await app.gql<{ registerConcern: Receipt }>(
      REGISTER_CONCERN,
      { input: { label: "Gezin Dijk", members, description: "Debts and truancy", discussedWithFamily: true } },
      demoProfessionalId("lefier@groningen.demo"),
    );
    expect(response.body.errors).toBeUndefined();
    const concernId = response.body.data!.registerConcern.concern!.id;
    const notices = await app.gql<{ notifications: { nodes: Notice[] } }>(NOTIFICATIONS, {}, demoProfessionalId("projectleider@groningen.demo"));
    expect(notices.body.data!.notifications.nodes.filter((notice) => notice.subjectId === concernId)).toMatchObject([{ kind: "CONCERN_ROUTED" }]);
  });
});
