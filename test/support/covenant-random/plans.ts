import { fam, mark, partner, pro, world, type Part } from "./ledger.js";

/*
 * The random covenant test's plans, built through the API as the regisseurs, process leads and
 * partners would: every text a marker, and every part recorded in the oracle's world.
 */

/** A setup call as a professional of the world, that must succeed. */
export type Must = <T>(as: string, query: string, variables?: Record<string, unknown>) => Promise<T>;

interface Revision {
  version: number;
  analysis: { id: string } | null;
  goal: { id: string } | null;
  task: { id: string } | null;
  milestone: { id: string } | null;
  evaluation: { id: string } | null;
}
const REV = `{ version analysis { id } goal { id } task { id } milestone { id } evaluation { id } }`;

/** The plan builders, each an edit (or an answer, a consent, ...) that must succeed, recorded in the oracle's world. */
export function planBuilder(must: Must) {
  const memberId = (famKey: string, personKey: string) => fam(famKey).members.find((m) => m.person === personKey)!.personId;

  async function planVersion(famKey: string): Promise<number> {
    const f = fam(famKey);
    const read = await must<{ family: { plan: { version: number } } }>(f.regisseur, `query($id: ID!) { family(id: $id) { plan { version } } }`, { id: f.id });
    return read.family.plan.version;
  }

  /** One edit of the regisseur, on the plan's current version. */
  async function edit(famKey: string, mutation: string, variables: Record<string, unknown>): Promise<Revision> {
    const v = await planVersion(famKey);
    const data = await must<Record<string, Revision>>(fam(famKey).regisseur, mutation, { ...variables, v });
    return Object.values(data)[0]!;
  }

  async function startPlan(famKey: string, referrer: string | null = null) {
    const f = fam(famKey);
    await must(f.regisseur, `mutation($id: ID!, $ref: ID) { startPlan(familyId: $id, referringPartnerId: $ref) { version } }`, {
      id: f.id,
      ref: referrer ? partner(referrer).id : null,
    });
  }

  const label = (famKey: string, what: string, part: Part) => `${famKey} ${what} ${part.domain ?? "-"} [${part.members.join(",")}]`;

  async function analysis(famKey: string, domain: string, about: string | null) {
    const part: Part = { kind: "ANALYSIS", domain, members: about ? [about] : [] };
    const text = mark({ t: "part", fam: famKey, part }, label(famKey, "analysis", part));
    const revision = await edit(famKey, `mutation($id: ID!, $v: Int!, $input: AnalysisInput!) { r: setAnalysis(familyId: $id, expectedVersion: $v, input: $input) ${REV} }`, {
      id: fam(famKey).id,
      input: { lifeDomain: domain, memberId: about ? memberId(famKey, about) : null, text },
    });
    world.parts.set(revision.analysis!.id, { fam: famKey, part });
  }

  async function goal(famKey: string, goalKey: string, domain: string, members: string[]): Promise<string> {
    const part: Part = { kind: "GOAL", domain, members, goal: goalKey };
    const revision = await edit(famKey, `mutation($id: ID!, $v: Int!, $input: GoalInput!) { r: addGoal(familyId: $id, expectedVersion: $v, input: $input) ${REV} }`, {
      id: fam(famKey).id,
      input: {
        lifeDomain: domain,
        memberIds: members.map((m) => memberId(famKey, m)),
        ownWords: mark({ t: "part", fam: famKey, part }, label(famKey, `goal ${goalKey} own words`, part)),
        target: mark({ t: "part", fam: famKey, part }, label(famKey, `goal ${goalKey} target`, part)),
      },
    });
    world.parts.set(revision.goal!.id, { fam: famKey, part });
    return revision.goal!.id;
  }

  async function updateGoal(famKey: string, goalId: string) {
    const { part } = world.parts.get(goalId)!;
    await edit(famKey, `mutation($gid: ID!, $v: Int!, $input: GoalUpdate!) { r: updateGoal(goalId: $gid, expectedVersion: $v, input: $input) ${REV} }`, {
      gid: goalId,
      input: { ownWords: mark({ t: "part", fam: famKey, part }, label(famKey, `goal ${part.goal} own words, changed`, part)), status: "IN_PROGRESS", achievement: 40 },
    });
  }

  async function task(famKey: string, taskKey: string, lead: string, leadPro: string | null, goalId: string | null, domain: string, members: string[]): Promise<string> {
    const goalKey = goalId ? world.parts.get(goalId)!.part.goal! : null;
    const part: Part = { kind: "TASK", domain, members, task: taskKey };
    const revision = await edit(famKey, `mutation($id: ID!, $v: Int!, $input: TaskInput!) { r: addTask(familyId: $id, expectedVersion: $v, input: $input) ${REV} }`, {
      id: fam(famKey).id,
      input: {
        goalId,
        lifeDomain: domain,
        memberIds: members.map((m) => memberId(famKey, m)),
        description: mark({ t: "part", fam: famKey, part }, label(famKey, `task ${taskKey} for ${lead}`, part)),
        followUp: mark({ t: "part", fam: famKey, part }, label(famKey, `task ${taskKey} follow-up`, part)),
        leadPartnerId: partner(lead).id,
        leadProfessionalId: leadPro ? pro(leadPro).id : null,
        dueDate: "2027-02-15",
      },
    });
    const id = revision.task!.id;
    world.tasks.set(taskKey, { key: taskKey, id, fam: famKey, lead, goal: goalKey, status: "OPEN", response: "PENDING", part });
    world.parts.set(id, { fam: famKey, part });
    return id;
  }

  async function milestone(famKey: string) {
    const part: Part = { kind: "SCHEDULE", domain: null, members: [] };
    const revision = await edit(famKey, `mutation($id: ID!, $v: Int!, $input: MilestoneInput!) { r: addMilestone(familyId: $id, expectedVersion: $v, input: $input) ${REV} }`, {
      id: fam(famKey).id,
      input: { title: mark({ t: "part", fam: famKey, part }, `${famKey} milestone`), dueDate: "2027-03-01" },
    });
    const id = revision.milestone!.id;
    world.parts.set(id, { fam: famKey, part });
    await edit(famKey, `mutation($mid: ID!, $v: Int!) { r: markMilestoneReached(milestoneId: $mid, expectedVersion: $v, reachedOn: "2026-11-22") ${REV} }`, { mid: id });
  }

  async function evaluation(famKey: string, goalIds: string[]) {
    const overall: Part = { kind: "EVALUATION", domain: null, members: [] };
    const results = goalIds.map((goalId) => {
      const goalPart = world.parts.get(goalId)!.part;
      const part: Part = { kind: "EVALUATION", domain: goalPart.domain, members: goalPart.members };
      return { goalId, result: mark({ t: "part", fam: famKey, part }, label(famKey, `result of goal ${goalPart.goal}`, part)), achievement: 30 };
    });
    const revision = await edit(famKey, `mutation($id: ID!, $v: Int!, $input: EvaluationInput!) { r: recordEvaluation(familyId: $id, expectedVersion: $v, input: $input) ${REV} }`, {
      id: fam(famKey).id,
      input: { heldOn: "2026-11-22", overall: mark({ t: "part", fam: famKey, part: overall }, `${famKey} evaluation overall`), results },
    });
    world.parts.set(revision.evaluation!.id, { fam: famKey, part: overall });
  }

  async function coachNote(famKey: string) {
    const f = fam(famKey);
    await must(f.regisseur, `mutation($id: ID!, $text: String!) { addCoachNote(familyId: $id, text: $text) { id } }`, {
      id: f.id,
      text: mark({ t: "note", fam: famKey, author: f.regisseur }, `${famKey} coach note by ${f.regisseur}`),
    });
  }

  async function respond(taskKey: string, who: string, response: "ACCEPTED" | "DECLINED") {
    const t = world.tasks.get(taskKey)!;
    const reason = response === "DECLINED" ? mark({ t: "part", fam: t.fam, part: t.part }, `${t.fam} task ${taskKey} declined`) : null;
    await must(who, `mutation($id: ID!, $response: TaskResponse!, $reason: String) { respondToTask(taskId: $id, response: $response, reason: $reason) { id } }`, {
      id: t.id,
      response,
      reason,
    });
    t.response = response;
  }

  async function consent(famKey: string, partnerKey: string, about: string, domains: string[], givenBy: string[]): Promise<string> {
    const f = fam(famKey);
    const recorded = await must<{ recordConsent: { id: string } }>(f.regisseur, `mutation($input: ConsentInput!) { recordConsent(input: $input) { id } }`, {
      input: { familyId: f.id, personId: memberId(famKey, about), partnerId: partner(partnerKey).id, lifeDomains: domains, givenBy: givenBy.map((m) => memberId(famKey, m)) },
    });
    world.covers.push({ id: recorded.recordConsent.id, fam: famKey, person: about, partner: partnerKey, domains, active: true });
    return recorded.recordConsent.id;
  }

  async function legalGround(famKey: string, partnerKey: string, about: string, domains: string[], kind: string): Promise<string> {
    const f = fam(famKey);
    const basis = mark({ t: "basis", fam: famKey, partner: partnerKey }, `${famKey} ${kind} for ${about}`);
    const recorded = await must<{ recordLegalGround: { id: string } }>(f.processLead, `mutation($input: LegalGroundInput!) { recordLegalGround(input: $input) { id } }`, {
      input: { familyId: f.id, personId: memberId(famKey, about), partnerId: partner(partnerKey).id, lifeDomains: domains, kind, basis },
    });
    world.covers.push({ id: recorded.recordLegalGround.id, fam: famKey, person: about, partner: partnerKey, domains, active: true });
    return recorded.recordLegalGround.id;
  }

  async function openEmergency(famKey: string, who: string, text: string) {
    const f = fam(famKey);
    const recipients = [f.regisseur, f.processLead].filter((key) => key !== who);
    const reason = mark({ t: "emergency", fam: famKey, opener: who, recipients }, `${famKey} ${text}`);
    const opened = await must<{ openEmergencyAccess: { expiresAt: string } }>(who, `mutation($id: ID!, $reason: String!) { openEmergencyAccess(familyId: $id, reason: $reason) { expiresAt } }`, {
      id: f.id,
      reason,
    });
    world.emergencies.push({ fam: famKey, pro: who, expires: new Date(opened.openEmergencyAccess.expiresAt), recipients });
  }

  async function buildPlansA() {
    // FA1: the open covenant shows the plan to every involved signatory, coach notes excepted.
    await startPlan("FA1", "aPolice");
    await analysis("FA1", "A_HOUSING", null);
    await analysis("FA1", "A_SAFETY", "a1c");
    await analysis("FA1", "A_DEBTS", "a1p");
    const g1 = await goal("FA1", "FA1-G1", "A_HOUSING", ["a1p"]);
    const g2 = await goal("FA1", "FA1-G2", "A_SAFETY", ["a1t", "a1c"]);
    await task("FA1", "FA1-T1", "aHousing", "housingA", g1, "A_HOUSING", ["a1p"]);
    await task("FA1", "FA1-T2", "aYouth", null, g2, "A_SAFETY", ["a1c"]);
    await respond("FA1-T1", "housingA", "ACCEPTED");
    await updateGoal("FA1", g1);
    await milestone("FA1");
    await evaluation("FA1", [g1, g2]);
    await coachNote("FA1");
    const version = await planVersion("FA1");
    await must("coachA1", `mutation($id: ID!, $v: Int!) { agreeToPlan(familyId: $id, version: $v, party: COACH) { version } }`, { id: fam("FA1").id, v: version });

    // FA2: regie passes from coachA1 to coachA2, with a hand-over note.
    await startPlan("FA2");
    await analysis("FA2", "A_PARENTING", null);
    const g3 = await goal("FA2", "FA2-G1", "A_PARENTING", ["a2c"]);
    await task("FA2", "FA2-T1", "aYouth", "youthA", g3, "A_PARENTING", ["a2c"]);
    await coachNote("FA2");
    await must("coachA1", `mutation($id: ID!, $to: ID!, $note: String) { handOverRegie(familyId: $id, toProfessionalId: $to, note: $note) }`, {
      id: fam("FA2").id,
      to: pro("coachA2").id,
      note: mark({ t: "handover", fam: "FA2" }, "FA2 warm hand-over note"),
    });
    fam("FA2").regisseur = "coachA2";
    await coachNote("FA2");

    // FA3: nobody but the regisseur and the project leader, and youth care at DAT.
    await startPlan("FA3");
    await analysis("FA3", "A_DEBTS", null);
    await coachNote("FA3");
  }

  async function buildPlansB() {
    // FB1, under the strict covenant: consent per member, a legal ground, emergencies, a member who leaves.
    await startPlan("FB1", "bHousing");
    await analysis("FB1", "B_HOUSING", null);
    await analysis("FB1", "B_HOUSING", "b1x");
    await analysis("FB1", "B_HOUSING", "b1m");
    await analysis("FB1", "B_SAFETY", "b1c");
    await analysis("FB1", "B_SAFETY", "b1t");
    await analysis("FB1", "B_DEBTS", null);
    await analysis("FB1", "B_HEALTH", "b1m");
    const g1 = await goal("FB1", "FB1-G1", "B_HOUSING", ["b1m"]);
    const g2 = await goal("FB1", "FB1-G2", "B_DEBTS", ["b1m"]);
    const g3 = await goal("FB1", "FB1-G3", "B_DEBTS", ["b1m", "b1t"]);
    const g4 = await goal("FB1", "FB1-G4", "B_SAFETY", ["b1t", "b1c"]);
    const g5 = await goal("FB1", "FB1-G5", "B_HEALTH", []);
    const g6 = await goal("FB1", "FB1-G6", "B_HEALTH", ["b1m"]);
    await goal("FB1", "FB1-G7", "B_HOUSING", ["b1x"]);
    await task("FB1", "FB1-T1", "bHousing", "housingB", g3, "B_DEBTS", ["b1m"]);
    await task("FB1", "FB1-T2", "bYouth", null, g4, "B_SAFETY", ["b1c"]);
    await task("FB1", "FB1-T3", "bPolice", "policeB", g6, "B_HEALTH", ["b1m"]);
    const t4 = await task("FB1", "FB1-T4", "bHousing", null, g5, "B_HEALTH", []);
    await respond("FB1-T1", "housingB", "ACCEPTED");
    await must("housingB", `mutation($id: ID!) { setTaskStatus(taskId: $id, status: IN_PROGRESS) { id } }`, { id: world.tasks.get("FB1-T1")!.id });
    world.tasks.get("FB1-T1")!.status = "IN_PROGRESS";
    await respond("FB1-T3", "policeB", "DECLINED");
    await edit("FB1", `mutation($tid: ID!, $v: Int!) { r: updateTask(taskId: $tid, expectedVersion: $v, input: { status: CANCELLED }) ${REV} }`, { tid: t4 });
    world.tasks.get("FB1-T4")!.status = "CANCELLED";
    await updateGoal("FB1", g2);
    await milestone("FB1");
    await evaluation("FB1", [g1, g4, g5]);
    await coachNote("FB1");
    await coachNote("FB1");
    const version = await planVersion("FB1");
    await must("coachB1", `mutation($id: ID!, $v: Int!, $p: ID) { agreeToPlan(familyId: $id, version: $v, party: CLIENT, personId: $p) { version } }`, {
      id: fam("FB1").id,
      v: version,
      p: memberId("FB1", "b1m"),
    });

    // Consent for the housing corporation, by the age rule: Mila herself, Jens (14) with her, Fleur (7) through her.
    await consent("FB1", "bHousing", "b1m", ["B_HOUSING", "B_DEBTS"], ["b1m"]);
    await consent("FB1", "bHousing", "b1t", ["B_HOUSING"], ["b1t", "b1m"]);
    const debts = await consent("FB1", "bHousing", "b1t", ["B_DEBTS"], ["b1t", "b1m"]);
    await consent("FB1", "bHousing", "b1c", ["B_HOUSING"], ["b1m"]);
    await must("coachB1", `mutation($id: ID!, $by: [ID!]!) { withdrawConsent(id: $id, withdrawnBy: $by) { id } }`, { id: debts, by: [memberId("FB1", "b1t")] });
    world.covers.find((c) => c.id === debts)!.active = false;
    // Youth protection: a measure for Fleur; Jens's probation has ended.
    await legalGround("FB1", "bYouth", "b1c", ["B_SAFETY"], "CHILD_PROTECTION_MEASURE");
    const probation = await legalGround("FB1", "bYouth", "b1t", ["B_SAFETY"], "YOUTH_PROBATION");
    await must("plB", `mutation($id: ID!) { endLegalGround(id: $id) { id } }`, { id: probation });
    world.covers.find((c) => c.id === probation)!.active = false;
    // Ruud leaves the household today: from tomorrow he is no longer a member.
    const ruud = fam("FB1").members.find((m) => m.person === "b1x")!;
    await must("coachB1", `mutation($id: ID!) { endFamilyMembership(membershipId: $id, validTo: "2026-11-22") { id } }`, { id: ruud.membershipId });
    ruud.current = false;
    // An emergency access that has ended by the time of the queries (region B: 8 hours).
    await openEmergency("FB1", "housingB", "Acute zorg: dreigende huisuitzetting met kinderen in huis.");

    // FB2: the police know of it (DAT); nobody else but the regisseur and the process lead.
    await startPlan("FB2");
    await analysis("FB2", "B_HOUSING", null);
    const g8 = await goal("FB2", "FB2-G1", "B_SAFETY", ["b2c"]);
    await task("FB2", "FB2-T1", "bSocial", "coachB2", g8, "B_SAFETY", ["b2c"]);
    await coachNote("FB2");

    // FB3: Mila's other household.
    await startPlan("FB3");
    await analysis("FB3", "B_HEALTH", null);
  }

  return { buildPlansA, buildPlansB, openEmergency };
}
