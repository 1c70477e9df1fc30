import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, data, refused, startTestApp, type TestApp } from "./support/app.js";
import { aPartner, aProfessional, aRegion, bsnNumber } from "./support/builders.js";

/*
 * A regisseur's caseload ceiling and the partners' joint selection (issue 16 §8; 000 §7, L78),
 * through HTTP: every way to become a family's regisseur stops at the region's ceiling, with a
 * clear CONFLICT, also when two assignments race for the last place; partners nominate families,
 * the project leader confirms a list, and nobody learns of a family they may not know.
 */

const NOBODY = "2b1f1f4e-9c1e-4c4e-8f57-3f1f4b7a0c11";

const SET_SETTINGS = `mutation($input: ProcessSettingsInput!) { setProcessSettings(input: $input) { caseloadCeiling } }`;
const SETTINGS = `{ processSettings { caseloadCeiling } }`;
const REGISTER = `mutation($input: RegisterFamilyInput!) { registerFamily(input: $input) { id } }`;
const HAND_OVER = `mutation($familyId: ID!, $to: ID!) { handOverRegie(familyId: $familyId, toProfessionalId: $to) }`;
const CONCERN = `mutation($input: ConcernInput!) { registerConcern(input: $input) { concern { id } } }`;
const CONCERNS = `{ concerns { nodes { id familyId } } }`;
const SCREEN = `mutation($familyId: ID!, $input: ScreeningInput!) { screenFamily(familyId: $familyId, input: $input) { id } }`;
const PUBLISH = `mutation($input: CovenantVersionInput!) { publishCovenantVersion(input: $input) { version } }`;

const ROUND_FIELDS = `id title size status confirmedAt nominations { id concernId reason selected family { id name } partner { name } nominatedBy { id } }`;
const OPEN_ROUND = `mutation($title: String!, $size: Int) { openSelectionRound(title: $title, size: $size) { ${ROUND_FIELDS} } }`;
const NOMINATE = `mutation($roundId: ID!, $input: NominationInput!) { nominateFamily(roundId: $roundId, input: $input) { ${ROUND_FIELDS} } }`;
const CONFIRM = `mutation($roundId: ID!, $familyIds: [ID!]!) { confirmSelection(roundId: $roundId, familyIds: $familyIds) { ${ROUND_FIELDS} } }`;
const ROUNDS = `{ selectionRounds { ${ROUND_FIELDS} } }`;
const INBOX = `{ notifications(first: 100) { nodes { kind familyId subjectId } } }`;

type Who = { id: string; name: string };
interface Nomination {
  id: string;
  concernId: string | null;
  reason: string;
  selected: boolean;
  family: { id: string; name: string } | null;
  partner: { name: string };
}
interface Round {
  id: string;
  title: string;
  size: number;
  status: string;
  confirmedAt: string | null;
  nominations: Nomination[];
}

describe("caseload ceiling and joint selection", () => {
  let app: TestApp;
  let admin: Who;
  let projectLeader: Who;
  let coachA: Who;
  let coachB: Who;
  let coachC: Who;
  let coachD: Who;
  let housingWorker: Who;
  let policeWorker: Who;
  let outsider: Who;
  let seed = 70_000_000;

  const gql = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, who: Who) => app.gql<T>(query, variables, who.id);
  const ok = async <T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, who: Who) => data(await gql<T>(query, variables, who));
  const household = (name: string) => {
    const base = (seed += 1_000);
    return [
      { bsn: bsnNumber(base), givenName: "Ans", familyName: name, birthDate: "1984-01-01", relation: "PARENT", legalCustody: true },
      { bsn: bsnNumber(base + 100), givenName: "Tim", familyName: name, birthDate: "2015-01-01", relation: "CHILD", legalCustody: false },
    ];
  };
  const registerInput = (name: string, regisseur: Who) => ({ name: `Gezin ${name}`, category: "MPG2", regisseurId: regisseur.id, members: household(name) });
  const register = async (name: string, regisseur: Who) => (await ok<{ registerFamily: { id: string } }>(REGISTER, { input: registerInput(name, regisseur) }, projectLeader)).registerFamily.id;

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.database.db;
    const region = await aRegion(db, { code: "caseload-town" });
    const municipality = await aPartner(db, region.id, { name: "Gemeente Plafond", sector: "MUNICIPALITY" });
    const socialWork = await aPartner(db, region.id, { name: "Wijkteam Plafond", sector: "SOCIAL_WORK" });
    const youthCare = await aPartner(db, region.id, { name: "Jeugdzorg Plafond", sector: "YOUTH_CARE" });
    const housing = await aPartner(db, region.id, { name: "Woonstichting Plafond", sector: "HOUSING" });
    const police = await aPartner(db, region.id, { name: "Politie Plafond", sector: "POLICE_JUSTICE" });
    admin = await aProfessional(db, municipality, ["COVENANT_ADMIN"], { name: "Anke Admin" });
    projectLeader = await aProfessional(db, municipality, ["PROJECT_LEAD"], { name: "Petra Projectleider" });
    coachA = await aProfessional(db, socialWork, ["COACH"], { name: "Coach Aart" });
    coachB = await aProfessional(db, socialWork, ["COACH"], { name: "Coach Bep" });
    coachC = await aProfessional(db, youthCare, ["COACH"], { name: "Coach Cor" });
    coachD = await aProfessional(db, youthCare, ["COACH"], { name: "Coach Dirk" });
    housingWorker = await aProfessional(db, housing, ["PARTNER_PROFESSIONAL"], { name: "Hans Huis" });
    policeWorker = await aProfessional(db, police, ["PARTNER_PROFESSIONAL"], { name: "Paula Politie" });
    outsider = await aProfessional(db, await aPartner(db, (await aRegion(db, { code: "elders" })).id), ["PROJECT_LEAD"], { name: "Otto Elders" });
    const settings = { meldpuntName: "Meldpunt Plafond", meldpuntContact: "14 000", crisisPartnerId: youthCare.id, intakeCoordinatorId: projectLeader.id };
    refused(await gql(SET_SETTINGS, { input: { ...settings, caseloadCeiling: 0 } }, admin), "BAD_USER_INPUT", "input.caseloadCeiling");
    expect(await ok(SET_SETTINGS, { input: { ...settings, caseloadCeiling: 2 } }, admin)).toEqual({ setProcessSettings: { caseloadCeiling: 2 } });
    expect(await ok(SETTINGS, {}, housingWorker)).toEqual({ processSettings: { caseloadCeiling: 2 } });
    // Groningen-like: every signatory reads the families (000 §8 VII), so the partners know whom they nominate.
    const covenant = {
      title: "Convenant Plafond",
      signatoryPartnerIds: [municipality.id, socialWork.id, youthCare.id, housing.id],
      rules: [{ level: "PROCESS", requiresInvolvement: false, requiresConsentOrLegalGround: false, description: "The process is open to every signatory." }],
    };
    await ok(PUBLISH, { input: covenant }, admin);
    await ok(`mutation { definePlanMeeting(code: "MDO_PLUS", name: "MDO+") { code } }`, {}, admin);
  });
  afterAll(() => app?.close());

  describe("the caseload ceiling", () => {
    it("stops registering, screening and handing over at the ceiling, and frees a place when a family goes elsewhere", async () => {
      const first = await register("Een", coachA);
      await register("Twee", coachA);
      const full = refused(await gql(REGISTER, { input: registerInput("Drie", coachA) }, projectLeader), "CONFLICT");
      expect(full).toContain("Coach Aart already leads 2 open families");
      // Nothing was written: the household is not registered, and can be, with another coach.
      const drie = await register("Drie", coachB);

      // A hand-over to a full coach is refused the same way; the family keeps its regisseur.
      refused(await gql(HAND_OVER, { familyId: drie, to: coachA.id }, coachB), "CONFLICT");
      // Screening names the regisseur: the same ceiling.
      await ok(CONCERN, { input: { label: "Gezin Vier", members: household("Vier"), description: "Rent arrears", discussedWithFamily: true, crisis: false } }, housingWorker);
      const signalled = (await ok<{ concerns: { nodes: { id: string; familyId: string }[] } }>(CONCERNS, {}, projectLeader)).concerns.nodes[0]!.familyId;
      refused(await gql(SCREEN, { familyId: signalled, input: { outcome: "MPG2", reasoning: "Several problems", meeting: "MDO_PLUS", regisseurId: coachA.id } }, projectLeader), "CONFLICT");

      // Aart hands one family to Bep: Bep now leads two, Aart one, and Aart can take the screened family.
      expect(await ok(HAND_OVER, { familyId: first, to: coachB.id }, coachA)).toEqual({ handOverRegie: true });
      await ok(SCREEN, { familyId: signalled, input: { outcome: "MPG2", reasoning: "Several problems", meeting: "MDO_PLUS", regisseurId: coachA.id } }, projectLeader);
      refused(await gql(REGISTER, { input: registerInput("Vijf", coachB) }, projectLeader), "CONFLICT");
    });

    it("lets only one of two assignments at once take a coach's last place", async () => {
      await register("Zes", coachC);
      const both = await Promise.all([
        gql(REGISTER, { input: registerInput("Zeven", coachC) }, projectLeader),
        gql(REGISTER, { input: registerInput("Acht", coachC) }, projectLeader),
      ]);
      expect(both.map((response) => codes(response)).sort()).toEqual([[], ["CONFLICT"]]);
    });
  });

  describe("the joint selection", () => {
    it("collects the partners' nominations, shows each organisation its own, and lets the project leader confirm a list once", async () => {
      const known = await register("Negen", coachD);
      refused(await gql(OPEN_ROUND, { title: "Top 10" }, housingWorker), "FORBIDDEN");
      const round = (await ok<{ openSelectionRound: Round }>(OPEN_ROUND, { title: "Top 10, voorjaar" }, projectLeader)).openSelectionRound;
      // Without a size the region's caseload ceiling.
      expect(round).toMatchObject({ title: "Top 10, voorjaar", size: 2, status: "OPEN", nominations: [] });
      refused(await gql(OPEN_ROUND, { title: "Another" }, projectLeader), "CONFLICT");

      // The housing worker nominates a family they know; the police officer (not a signatory) the household of their own concern.
      const housingView = (await ok<{ nominateFamily: Round }>(NOMINATE, { roundId: round.id, input: { familyId: known, reason: "Eviction threatens" } }, housingWorker)).nominateFamily;
      expect(housingView.nominations).toEqual([expect.objectContaining({ reason: "Eviction threatens", family: { id: known, name: "Gezin Negen" }, partner: { name: "Woonstichting Plafond" } })]);
      refused(await gql(NOMINATE, { roundId: round.id, input: { familyId: known, reason: "Again" } }, housingWorker), "CONFLICT");
      const none = refused(await gql(NOMINATE, { roundId: round.id, input: { familyId: NOBODY, reason: "x" } }, policeWorker), "NOT_FOUND");
      // The police are no signatory: a family they do not know is answered as none.
      expect(refused(await gql(NOMINATE, { roundId: round.id, input: { familyId: known, reason: "x" } }, policeWorker), "NOT_FOUND")).toBe(none);
      refused(await gql(NOMINATE, { roundId: round.id, input: { familyId: known, concernId: NOBODY, reason: "x" } }, policeWorker), "BAD_USER_INPUT", "input.familyId");
      refused(await gql(NOMINATE, { roundId: round.id, input: { familyId: known, reason: "  " } }, housingWorker), "BAD_USER_INPUT", "input.reason");
      refused(await gql(NOMINATE, { roundId: NOBODY, input: { familyId: known, reason: "x" } }, housingWorker), "NOT_FOUND");

      const members = household("Tien");
      const concernId = (await ok<{ registerConcern: { concern: { id: string } } }>(CONCERN, { input: { label: "Tien", members, description: "Violence at home", discussedWithFamily: true, crisis: false } }, policeWorker))
        .registerConcern.concern.id;
      refused(await gql(NOMINATE, { roundId: round.id, input: { concernId: (await ok<{ concerns: { nodes: { id: string }[] } }>(CONCERNS, {}, housingWorker)).concerns.nodes[0]!.id, reason: "x" } }, policeWorker), "NOT_FOUND");
      const policeView = (await ok<{ nominateFamily: Round }>(NOMINATE, { roundId: round.id, input: { concernId, reason: "Police called four times" } }, policeWorker)).nominateFamily;
      // The police read their own nomination, without the family their concern went to, and nobody else's.
      expect(policeView.nominations).toEqual([expect.objectContaining({ concernId, reason: "Police called four times", family: null, partner: { name: "Politie Plafond" } })]);

      // The project leader reads every nomination, with the families (they keep the signalled one).
      const leaderView = (await ok<{ selectionRounds: Round[] }>(ROUNDS, {}, projectLeader)).selectionRounds.find((each) => each.id === round.id)!;
      const byReason = (round: Round) => [...round.nominations].sort((a, b) => a.reason.localeCompare(b.reason));
      expect(byReason(leaderView).map((nomination) => nomination.reason)).toEqual(["Eviction threatens", "Police called four times"]);
      const tien = byReason(leaderView)[1]!.family!.id;
      // Which concern it came through stays the police's.
      expect(byReason(leaderView)[1]!.concernId).toBeNull();
      // Another region sees no round at all.
      expect((await ok<{ selectionRounds: Round[] }>(ROUNDS, {}, outsider)).selectionRounds).toEqual([]);

      refused(await gql(CONFIRM, { roundId: round.id, familyIds: [known] }, housingWorker), "FORBIDDEN");
      refused(await gql(CONFIRM, { roundId: round.id, familyIds: [] }, projectLeader), "BAD_USER_INPUT", "familyIds");
      refused(await gql(CONFIRM, { roundId: round.id, familyIds: [known, known] }, projectLeader), "BAD_USER_INPUT", "familyIds[1]");
      refused(await gql(CONFIRM, { roundId: round.id, familyIds: [known, NOBODY] }, projectLeader), "BAD_USER_INPUT", "familyIds[1]");
      const confirmed = (await ok<{ confirmSelection: Round }>(CONFIRM, { roundId: round.id, familyIds: [tien] }, projectLeader)).confirmSelection;
      expect(confirmed).toMatchObject({ status: "CONFIRMED", confirmedAt: expect.any(String) });
      expect(byReason(confirmed).map((nomination) => [nomination.reason, nomination.selected])).toEqual([
        ["Eviction threatens", false],
        ["Police called four times", true],
      ]);
      refused(await gql(CONFIRM, { roundId: round.id, familyIds: [known] }, projectLeader), "CONFLICT");
      refused(await gql(NOMINATE, { roundId: round.id, input: { familyId: known, reason: "late" } }, coachD), "CONFLICT");

      // The nominators are told, by the round's id; each reads whether their own nomination was chosen.
      for (const nominator of [housingWorker, policeWorker]) {
        expect((await ok<{ notifications: { nodes: { kind: string; subjectId: string }[] } }>(INBOX, {}, nominator)).notifications.nodes).toContainEqual({ kind: "SELECTION_CONFIRMED", familyId: null, subjectId: round.id });
      }
      const policeAfter = (await ok<{ selectionRounds: Round[] }>(ROUNDS, {}, policeWorker)).selectionRounds[0]!;
      expect(policeAfter.nominations).toEqual([expect.objectContaining({ selected: true, family: null })]);
    });
  });
});
