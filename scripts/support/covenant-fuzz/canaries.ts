import { canaryMaker, type DemoFamily, type Writer } from "./writer.js";

/*
 * Canaries in every kind of plan part of several demo families in both regions, written through
 * the API as the professionals entitled to write them: the regisseur edits the plan, a partner
 * declines its task with a reason. The oracle later finds each canary where the database stored
 * it; nothing here tells the oracle what a canary may be seen by.
 */

const REV = `{ version analysis { id } goal { id } task { id } milestone { id } evaluation { id } }`;
type Revision = { version: number; goal: { id: string } | null; task: { id: string } | null; milestone: { id: string } | null };

/** Which partner leads a task in a life domain, per region: the sectors the covenants name. */
export const TASK_LEADS: Record<string, Record<string, { partner: string; professional: string }>> = {
  groningen: {
    HOUSING: { partner: "Lefier", professional: "lefier@groningen.demo" },
    FINANCES: { partner: "Gemeente Groningen – GKB", professional: "gkb@groningen.demo" },
    SAFETY: { partner: "Bureau Jeugdzorg Groningen", professional: "jeugdzorg@groningen.demo" },
    EDUCATION: { partner: "Gemeente Groningen – OCSW", professional: "ocsw@groningen.demo" },
  },
  amsterdam: {
    HOUSING: { partner: "Ymere", professional: "ymere@amsterdam.demo" },
    DEBTS: { partner: "Gemeente Amsterdam – Schuldhulpverlening", professional: "schuldhulp@amsterdam.demo" },
    SAFETY: { partner: "Jeugdbescherming Regio Amsterdam", professional: "jeugdbescherming@amsterdam.demo" },
    INCOME: { partner: "Gemeente Amsterdam – Werk en Inkomen", professional: "werkeninkomen@amsterdam.demo" },
  },
};
export const DOMAINS: Record<string, string[]> = {
  groningen: ["HOUSING", "WORK_INCOME", "FINANCES", "HEALTH", "PARENTING", "EDUCATION", "SAFETY", "SOCIAL"],
  amsterdam: ["HOUSING", "INCOME", "DEBTS", "HEALTH", "PARENTING", "SCHOOL", "SAFETY", "NETWORK"],
};

export interface PlanTarget {
  index: number;
  region: "groningen" | "amsterdam";
  name: string;
  regisseur: string;
  /** Aftercare and closed families refuse plan edits: their refusals are noted, not fatal. */
  lenient?: boolean;
}

export const make = canaryMaker();

/** Canaries in every part kind of one family's plan. Returns the family. */
export async function plantPlan(w: Writer, target: PlanTarget): Promise<DemoFamily> {
  const f = await w.family(target.region, target.name);
  const write = target.lenient ? w.may : w.must;
  const fam = { index: target.index, name: target.name.replace("Gezin ", "") };
  const version = async () => {
    const read = await w.may<{ family: { plan: { version: number } | null } | null }>(target.regisseur, `query($id: ID!) { family(id: $id) { plan { version } } }`, { id: f.id });
    return read?.family?.plan?.version ?? null;
  };
  if ((await version()) === null) await write(target.regisseur, `mutation($id: ID!) { startPlan(familyId: $id) { version } }`, { id: f.id });
  const edit = async (mutation: string, variables: Record<string, unknown>): Promise<Revision | null> => {
    const v = await version();
    if (v === null) return null;
    const data = await write<Record<string, Revision>>(target.regisseur, mutation, { ...variables, v });
    return data ? Object.values(data)[0]! : null;
  };
  const domains = DOMAINS[target.region]!;
  const members = f.members.map((m, index) => ({ ...m, index, name: m.givenName }));
  const goals: { id: string; domain: string }[] = [];
  for (const [domainIndex, code] of domains.entries()) {
    const domain = { index: domainIndex, code };
    const member = members[domainIndex % members.length]!;
    await edit(`mutation($id: ID!, $v: Int!, $input: AnalysisInput!) { r: setAnalysis(familyId: $id, expectedVersion: $v, input: $input) ${REV} }`, {
      id: f.id, input: { lifeDomain: code, memberId: null, text: make(fam, "ANALYSIS", domain, null) },
    });
    await edit(`mutation($id: ID!, $v: Int!, $input: AnalysisInput!) { r: setAnalysis(familyId: $id, expectedVersion: $v, input: $input) ${REV} }`, {
      id: f.id, input: { lifeDomain: code, memberId: member.personId, text: make(fam, "ANALYSIS", domain, member) },
    });
    // Goals about the household, one member, or two: consent must cover every member a part is about.
    const about = domainIndex % 3 === 0 ? [] : domainIndex % 3 === 1 ? [member] : [member, members[(domainIndex + 1) % members.length]!];
    const label = about[0] ?? null;
    const goal = await edit(`mutation($id: ID!, $v: Int!, $input: GoalInput!) { r: addGoal(familyId: $id, expectedVersion: $v, input: $input) ${REV} }`, {
      id: f.id,
      input: { lifeDomain: code, memberIds: about.map((m) => m.personId), ownWords: make(fam, "GOAL", domain, label), target: make(fam, "GOAL", domain, label) },
    });
    if (!goal?.goal) continue;
    goals.push({ id: goal.goal.id, domain: code });
    const lead = TASK_LEADS[target.region]![code];
    if (lead) {
      const task = await edit(`mutation($id: ID!, $v: Int!, $input: TaskInput!) { r: addTask(familyId: $id, expectedVersion: $v, input: $input) ${REV} }`, {
        id: f.id,
        input: {
          goalId: goal.goal.id, lifeDomain: code, memberIds: about.map((m) => m.personId), description: make(fam, "TASK", domain, label),
          followUp: make(fam, "FOLLOW_UP", domain, label), leadPartnerId: await w.partner(target.region, lead.partner), dueDate: "2027-02-15",
        },
      });
      // Education and income tasks are declined, with a reason: a declined task no longer makes its partner involved.
      if (task?.task && (code === "EDUCATION" || code === "INCOME")) {
        await w.may(lead.professional, `mutation($id: ID!, $reason: String) { respondToTask(taskId: $id, response: DECLINED, reason: $reason) { id } }`, {
          id: task.task.id, reason: make(fam, "DECLINE", domain, label),
        });
      } else if (task?.task) {
        await w.may(lead.professional, `mutation($id: ID!) { respondToTask(taskId: $id, response: ACCEPTED) { id } }`, { id: task.task.id });
      }
    }
  }
  // A changed goal: its earlier words stay in the plan's revisions.
  if (goals[0]) {
    await edit(`mutation($gid: ID!, $v: Int!, $input: GoalUpdate!) { r: updateGoal(goalId: $gid, expectedVersion: $v, input: $input) ${REV} }`, {
      gid: goals[0].id, input: { ownWords: make(fam, "REVISION", { index: 0, code: goals[0].domain }, null), status: "IN_PROGRESS", achievement: 20 },
    });
  }
  await edit(`mutation($id: ID!, $v: Int!, $input: MilestoneInput!) { r: addMilestone(familyId: $id, expectedVersion: $v, input: $input) ${REV} }`, {
    id: f.id, input: { title: make(fam, "MILESTONE", null, null), dueDate: "2027-03-01" },
  });
  await edit(`mutation($id: ID!, $v: Int!, $input: EvaluationInput!) { r: recordEvaluation(familyId: $id, expectedVersion: $v, input: $input) ${REV} }`, {
    id: f.id,
    input: {
      heldOn: "2026-11-20", overall: make(fam, "EVALUATION", null, null),
      results: goals.slice(0, 4).map((goal) => ({ goalId: goal.id, result: make(fam, "RESULT", { index: domains.indexOf(goal.domain), code: goal.domain }, null), achievement: 30 })),
    },
  });
  await write(target.regisseur, `mutation($id: ID!, $text: String!) { addCoachNote(familyId: $id, text: $text) { id } }`, { id: f.id, text: make(fam, "NOTE", null, null) });
  return f;
}
