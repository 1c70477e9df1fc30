import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../../src/db/database.js";
import { families, familyCategories, familyMemberships, persons, regieAssignments } from "../../src/families/tables.js";
import { agreements, analyses, evaluations, goals, planRevisions, plans, tasks } from "../../src/plan/tables.js";
import { closures, concerns, escalations, escalationSteps, familyPhases, screenings } from "../../src/process/tables.js";
import { bsnNumber } from "./builders.js";

/*
 * A family's history written straight into the database with known dates, as the API would
 * have written it (phases, categories, regie, a plan whose every change is a revision, concerns,
 * escalations, closures), so a test can state what a period's figures must be. A day alone
 * ("2026-02-01") means noon of that day in Dutch time; a full ISO moment is taken as it is.
 */

export const moment = (when: string) => new Date(when.length === 10 ? `${when}T12:00:00+01:00` : when);

let bsnSeed = 70_000_000;
const nextBsn = () => bsnNumber(bsnSeed++);

export interface MemberSpec {
  key: string;
  relation?: "PARENT" | "CHILD" | "PARTNER" | "OTHER";
  validFrom?: string;
  validTo?: string;
}

export interface FamilySpec {
  phases: [string, string][];
  categories?: [string, string][];
  /** Default: one parent P and one child C, from 2020. */
  members?: MemberSpec[];
  /** Periods of regie; default: the coach from the first phase on. */
  regie?: { professionalId: string; since: string; until?: string }[];
  name?: string;
}

export class RegionHistory {
  readonly familyIds: string[] = [];
  constructor(
    readonly db: Db,
    readonly regionId: string,
    readonly coachId: string,
    readonly leadId: string,
  ) {}

  async family(spec: FamilySpec): Promise<FamilyHistory> {
    const first = moment(spec.phases[0]![1]);
    const [family] = await this.db
      .insert(families)
      .values({
        regionId: this.regionId,
        name: spec.name ?? `Gezin ${randomUUID().slice(0, 8)}`,
        regisseurId: this.coachId,
        processLeadId: this.leadId,
        registeredBy: this.leadId,
        registeredAt: first,
        phase: spec.phases.at(-1)![0],
      })
      .returning();
    const familyId = family!.id;
    this.familyIds.push(familyId);
    for (const [phase, since] of spec.phases) {
      await this.db.insert(familyPhases).values({ regionId: this.regionId, familyId, phase, since: moment(since), setBy: this.leadId });
    }
    for (const [category, since] of spec.categories ?? []) {
      await this.db.insert(familyCategories).values({ regionId: this.regionId, familyId, category, since: moment(since), setBy: this.leadId });
    }
    const regie = spec.regie ?? [{ professionalId: this.coachId, since: spec.phases[0]![1] }];
    for (const period of regie) {
      await this.db.insert(regieAssignments).values({
        regionId: this.regionId,
        familyId,
        professionalId: period.professionalId,
        since: moment(period.since),
        until: period.until ? moment(period.until) : null,
        assignedBy: this.leadId,
      });
    }
    const members = new Map<string, string>();
    for (const member of spec.members ?? [{ key: "P", relation: "PARENT" }, { key: "C", relation: "CHILD" }]) {
      const relation = member.relation ?? "CHILD";
      const [person] = await this.db
        .insert(persons)
        .values({ regionId: this.regionId, bsn: nextBsn(), givenName: member.key, familyName: "Test", birthDate: relation === "CHILD" ? "2015-01-01" : "1985-01-01" })
        .returning();
      await this.db.insert(familyMemberships).values({
        regionId: this.regionId,
        familyId,
        personId: person!.id,
        relation,
        legalCustody: relation === "PARENT",
        validFrom: member.validFrom ?? "2020-01-01",
        validTo: member.validTo ?? null,
      });
      members.set(member.key, person!.id);
    }
    return new FamilyHistory(this, familyId, members);
  }
}

export interface EscalationStepSpec {
  started: string;
  due: string;
  decided?: { at: string; outcome: "ESCALATED" | "RESOLVED" };
}

export class FamilyHistory {
  constructor(
    readonly region: RegionHistory,
    readonly id: string,
    readonly members: Map<string, string>,
  ) {}

  private get db() {
    return this.region.db;
  }

  member(key: string): string {
    const id = this.members.get(key);
    if (!id) throw new Error(`no member ${key}`);
    return id;
  }

  async plan(startedOn: string, evaluationMonths = 3): Promise<PlanHistory> {
    const [plan] = await this.db
      .insert(plans)
      .values({ regionId: this.region.regionId, familyId: this.id, version: 0, evaluationMonths, startedOn, startedBy: this.region.coachId, updatedAt: moment(startedOn) })
      .returning();
    const history = new PlanHistory(this, plan!.id);
    await history.revise("PLAN_STARTED", "PLAN", null, startedOn);
    return history;
  }

  async concern(at: string, discussedWithFamily = true): Promise<void> {
    await this.db.insert(concerns).values({
      regionId: this.region.regionId,
      familyId: this.id,
      submittedBy: this.region.coachId,
      partnerId: await this.partnerOf(this.region.coachId),
      submittedAt: moment(at),
      description: "Zorgen over het gezin.",
      discussedWithFamily,
      notDiscussedReason: discussedWithFamily ? null : "NOT_YET_REACHED",
      crisis: false,
      route: "SCREENING",
      label: "Gezin",
    });
  }

  async screening(outcome: string, at: string): Promise<void> {
    await this.db.insert(screenings).values({ regionId: this.region.regionId, familyId: this.id, outcome, meeting: null, reasoning: "Gescreend.", screenedBy: this.region.leadId, screenedAt: moment(at) });
  }

  /** An escalation with its steps, first step first; resolved when its last step was. */
  async escalation(raised: string, steps: EscalationStepSpec[]): Promise<void> {
    const last = steps.at(-1)!;
    const resolved = last.decided?.outcome === "RESOLVED" ? moment(last.decided.at) : null;
    const [escalation] = await this.db
      .insert(escalations)
      .values({
        regionId: this.region.regionId,
        familyId: this.id,
        track: "PLAN_EXECUTION",
        subject: "Partners zijn het oneens.",
        partyPartnerIds: [],
        raisedBy: this.region.coachId,
        raisedAt: moment(raised),
        status: resolved ? "RESOLVED" : "OPEN",
        currentStep: steps.length,
        resolvedAt: resolved,
      })
      .returning();
    for (const [index, step] of steps.entries()) {
      await this.db.insert(escalationSteps).values({
        regionId: this.region.regionId,
        escalationId: escalation!.id,
        step: index + 1,
        startedAt: moment(step.started),
        dueAt: moment(step.due),
        outcome: step.decided?.outcome ?? null,
        decision: step.decided ? "Besloten." : null,
        reasoning: step.decided ? "Omdat." : null,
        decidedBy: step.decided ? this.region.leadId : null,
        decidedAt: step.decided ? moment(step.decided.at) : null,
      });
    }
  }

  async closure(spec: {
    closedAt: string;
    goalsTotal: number;
    goalsAchieved: number;
    positiveExit: boolean;
    keeperId: string;
    handoverPartnerId?: string;
    reopenedAt?: string;
  }): Promise<void> {
    await this.db.insert(closures).values({
      regionId: this.region.regionId,
      familyId: this.id,
      closedAt: moment(spec.closedAt),
      closedBy: this.region.coachId,
      finalEvaluationId: randomUUID(),
      goalsTotal: spec.goalsTotal,
      goalsAchieved: spec.goalsAchieved,
      positiveExit: spec.positiveExit,
      aftercareKeeperId: spec.keeperId,
      revisitOn: "2027-01-01",
      handoverPartnerId: spec.handoverPartnerId ?? null,
      reopenedAt: spec.reopenedAt ? moment(spec.reopenedAt) : null,
      reopenedBy: spec.reopenedAt ? this.region.leadId : null,
      reopenReason: spec.reopenedAt ? "Nieuwe zorgen." : null,
    });
  }

  private async partnerOf(professionalId: string): Promise<string> {
    const row = await this.db.query.professionals.findFirst({ where: (table, { eq }) => eq(table.id, professionalId) });
    return row!.partnerId;
  }
}

type Item = { id: string } & Record<string, unknown>;

export class PlanHistory {
  private version = 0;
  constructor(
    readonly family: FamilyHistory,
    readonly id: string,
  ) {}

  private get db() {
    return this.family.region.db;
  }
  private get base() {
    return { regionId: this.family.region.regionId, familyId: this.family.id, planId: this.id };
  }

  /** One change of the plan: a revision holding the part as it is afterwards. */
  async revise(action: string, partKind: string, snapshot: Item | null, at: string): Promise<number> {
    this.version += 1;
    await this.db.insert(planRevisions).values({
      ...this.base,
      version: this.version,
      action,
      partKind,
      itemId: snapshot?.id ?? null,
      snapshot,
      changedBy: this.family.region.coachId,
      changedAt: moment(at),
    });
    await this.db.update(plans).set({ version: this.version }).where(eq(plans.id, this.id));
    return this.version;
  }

  async analysis(lifeDomain: string, at: string, memberKey?: string): Promise<Item> {
    const [row] = await this.db
      .insert(analyses)
      .values({ ...this.base, lifeDomain, personId: memberKey ? this.family.member(memberKey) : null, text: "Analyse.", updatedAt: moment(at) })
      .returning();
    await this.revise("ANALYSIS_ADDED", "ANALYSIS", row!, at);
    return row!;
  }

  async goal(lifeDomain: string, at: string, memberKeys: string[] = []): Promise<Item> {
    const [row] = await this.db
      .insert(goals)
      .values({
        ...this.base,
        lifeDomain,
        memberIds: memberKeys.map((key) => this.family.member(key)),
        ownWords: "Eigen woorden.",
        target: "Doel.",
        status: "OPEN",
        createdAt: moment(at),
        updatedAt: moment(at),
      })
      .returning();
    await this.revise("GOAL_ADDED", "GOAL", row!, at);
    return row!;
  }

  async task(dueDate: string, at: string, status = "OPEN"): Promise<Item> {
    const partnerId = (await this.db.query.professionals.findFirst({ where: (table, { eq }) => eq(table.id, this.family.region.coachId) }))!.partnerId;
    const [row] = await this.db
      .insert(tasks)
      .values({
        ...this.base,
        lifeDomain: "HOUSING",
        memberIds: [],
        description: "Taak.",
        leadPartnerId: partnerId,
        dueDate,
        status,
        response: "ACCEPTED",
        createdAt: moment(at),
        updatedAt: moment(at),
      })
      .returning();
    await this.revise("TASK_ADDED", "TASK", row!, at);
    return row!;
  }

  /** A later change of a goal or task (its status), kept as a revision and on the current row. */
  async change(kind: "GOAL" | "TASK", item: Item, changes: Record<string, unknown>, at: string): Promise<Item> {
    const table = kind === "GOAL" ? goals : tasks;
    const [row] = await this.db
      .update(table)
      .set({ ...changes, updatedAt: moment(at) })
      .where(eq(table.id, item.id))
      .returning();
    await this.revise(`${kind}_CHANGED`, kind, row! as Item, at);
    return row! as Item;
  }

  async evaluation(heldOn: string): Promise<void> {
    const [row] = await this.db.insert(evaluations).values({ ...this.base, heldOn, overall: "Evaluatie.", results: [], recordedBy: this.family.region.coachId }).returning();
    await this.revise("EVALUATION_RECORDED", "EVALUATION", row!, heldOn);
  }

  async agreement(party: "CLIENT" | "COACH" | "REFERRING_PARTNER", version: number, at: string): Promise<void> {
    await this.db.insert(agreements).values({
      ...this.base,
      version,
      party,
      personId: party === "CLIENT" ? this.family.member("P") : null,
      partnerId: null,
      recordedBy: this.family.region.coachId,
      agreedAt: moment(at),
    });
  }
}
