// Writes the demo covenants, life domains, plans, consents and legal grounds (plan-scenario.ts).
import { and, eq } from "drizzle-orm";
import { consents, covenantRules, covenantSignatories, covenantVersions, legalGrounds } from "../covenant/tables.js";
import type { Db } from "../db/database.js";
import { contactDetails, families, familyMemberships, persons, regieAssignments } from "../families/tables.js";
import { partners, professionals, regions } from "../organisations/tables.js";
import {
  agreements,
  analyses,
  coachNotes,
  evaluations,
  goals,
  lifeDomains,
  milestones,
  planRevisions,
  plans,
  tasks,
  budgetCommitments,
  caseMeetings,
  coordinatedSteps,
  networkMembers,
} from "../plan/tables.js";
import { selectionNominations, selectionRounds } from "../process/tables.js";
import { demoProfessionalId } from "./identity.js";
import { DEMO_PLANS, type DemoPlan, type DemoRegionPlans } from "./plan-scenario.js";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

const dayAsMoment = (day: string) => new Date(`${day}T12:00:00Z`);

function lookup<T>(map: Map<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Demo plans: unknown ${what} "${key}"`);
  return value;
}

/** Idempotent per region: a region that has its life domains is left as it is. */
export async function seedDemoPlans(tx: Tx, now: Date): Promise<void> {
  for (const scenario of DEMO_PLANS) {
    const [region] = await tx.select().from(regions).where(eq(regions.code, scenario.region));
    if (!region) continue;
    const [seeded] = await tx.select({ code: lifeDomains.code }).from(lifeDomains).where(eq(lifeDomains.regionId, region.id)).limit(1);
    if (seeded) continue;
    await seedRegionPlans(tx, region.id, scenario, now);
  }
}

async function seedRegionPlans(tx: Tx, regionId: string, scenario: DemoRegionPlans, now: Date): Promise<void> {
  await tx.insert(lifeDomains).values(
    scenario.lifeDomains.map((domain, position) => ({ regionId, code: domain.code, name: domain.name, safetyRelevant: domain.safetyRelevant ?? false, position })),
  );
  const partnerRows = await tx.select().from(partners).where(eq(partners.regionId, regionId));
  const partnerIds = new Map(partnerRows.map((row) => [row.name, row.id]));

  const [version] = await tx
    .insert(covenantVersions)
    .values({ regionId, version: 1, title: scenario.covenant.title, inForceFrom: scenario.covenant.inForceFrom, publishedAt: now })
    .returning();
  await tx.insert(covenantSignatories).values(partnerRows.filter((row) => row.covenantSignatory).map((row) => ({ versionId: version!.id, partnerId: row.id })));
  await tx.insert(covenantRules).values(
    scenario.covenant.rules.map((rule, position) => ({
      versionId: version!.id,
      position,
      granteeSector: rule.sector ?? null,
      level: rule.level,
      partKind: rule.partKind ?? null,
      lifeDomain: rule.lifeDomain ?? null,
      requiresInvolvement: rule.requiresInvolvement,
      requiresConsentOrLegalGround: rule.requiresConsentOrLegalGround,
      description: rule.description,
    })),
  );

  // Every family's first regisseur, from its registration on.
  const familyRows = await tx.select().from(families).where(eq(families.regionId, regionId));
  for (const family of familyRows) {
    if (!family.regisseurId) continue;
    await tx.insert(regieAssignments).values({ regionId, familyId: family.id, professionalId: family.regisseurId, since: family.registeredAt, assignedBy: family.registeredBy });
  }
  for (const plan of scenario.plans) {
    const family = familyRows.find((row) => row.name === plan.family);
    if (!family) throw new Error(`Demo plans: unknown family "${plan.family}"`);
    await seedPlan(tx, regionId, family, plan, partnerIds, now);
  }
}

async function seedPlan(
  tx: Tx,
  regionId: string,
  family: typeof families.$inferSelect,
  scenario: DemoPlan,
  partnerIds: Map<string, string>,
  now: Date,
): Promise<void> {
  const coach = family.regisseurId!;
  const memberRows = await tx
    .select({ personId: persons.id, bsn: persons.bsn })
    .from(familyMemberships)
    .innerJoin(persons, eq(persons.id, familyMemberships.personId))
    .where(eq(familyMemberships.familyId, family.id));
  const personIds = new Map(memberRows.map((row) => [row.bsn, row.personId]));
  const person = (bsn: string) => lookup(personIds, bsn, "member");

  const [plan] = await tx
    .insert(plans)
    .values({
      regionId,
      familyId: family.id,
      version: 0,
      referringPartnerId: scenario.referringPartner ? lookup(partnerIds, scenario.referringPartner, "partner") : null,
      startedOn: scenario.startedOn,
      startedBy: coach,
      updatedAt: now,
    })
    .returning();
  const base = { regionId, familyId: family.id, planId: plan!.id };
  let version = 0;
  // Each part is one change of the plan, so the demo history reads as it was built.
  const revise = async (action: string, partKind: string, row: { id: string } | null, at: Date) => {
    version += 1;
    await tx.insert(planRevisions).values({ ...base, version, action, partKind, itemId: row?.id ?? null, snapshot: row, changedBy: coach, changedAt: at });
  };
  const started = dayAsMoment(scenario.startedOn);
  await revise("PLAN_STARTED", "PLAN", null, started);

  for (const analysis of scenario.analyses) {
    const [row] = await tx
      .insert(analyses)
      .values({ ...base, lifeDomain: analysis.lifeDomain, personId: analysis.member ? person(analysis.member) : null, text: analysis.text, updatedAt: started })
      .returning();
    await revise("ANALYSIS_ADDED", "ANALYSIS", row!, started);
  }
  const goalRows: (typeof goals.$inferSelect)[] = [];
  for (const goal of scenario.goals) {
    const [row] = await tx
      .insert(goals)
      .values({
        ...base,
        lifeDomain: goal.lifeDomain,
        memberIds: (goal.members ?? []).map(person),
        ownWords: goal.ownWords,
        target: goal.target,
        status: goal.status ?? "OPEN",
        achievement: goal.achievement ?? null,
        createdAt: started,
        updatedAt: started,
      })
      .returning();
    goalRows.push(row!);
    await revise("GOAL_ADDED", "GOAL", row!, started);
  }
  const networkIds: string[] = [];
  for (const member of scenario.network ?? []) {
    const [row] = await tx
      .insert(networkMembers)
      .values({
        regionId,
        familyId: family.id,
        name: member.name,
        relation: member.relation,
        relatedPersonId: member.member ? person(member.member) : null,
        contact: member.contact ?? null,
        support: member.support ?? null,
        addedBy: coach,
        addedAt: started,
      })
      .returning({ id: networkMembers.id });
    networkIds.push(row!.id);
  }
  const taskRows: (typeof tasks.$inferSelect)[] = [];
  for (const task of scenario.tasks) {
    // What the family's network takes on was agreed with them: no partner's answer awaited.
    const response = task.response ?? (task.partner ? "PENDING" : "ACCEPTED");
    const professional = task.professional ? demoProfessionalId(task.professional) : null;
    if (professional) {
      const [known] = await tx.select({ id: professionals.id }).from(professionals).where(and(eq(professionals.id, professional), eq(professionals.regionId, regionId)));
      if (!known) throw new Error(`Demo plans: unknown professional "${task.professional}"`);
    }
    const [row] = await tx
      .insert(tasks)
      .values({
        ...base,
        goalId: task.goal === undefined ? null : goalRows[task.goal]!.id,
        lifeDomain: task.lifeDomain,
        memberIds: [],
        description: task.description,
        leadPartnerId: task.partner ? lookup(partnerIds, task.partner, "partner") : null,
        leadProfessionalId: professional,
        leadNetworkMemberId: task.network === undefined ? null : networkIds[task.network]!,
        dueDate: task.dueDate,
        followUp: task.followUp ?? null,
        // Asked for when the plan started; under way since the partner accepted it.
        askedOn: scenario.startedOn,
        startedOn: task.status === "IN_PROGRESS" || task.status === "DONE" ? scenario.startedOn : null,
        status: task.status ?? "OPEN",
        response,
        respondedBy: response === "PENDING" ? null : professional,
        respondedAt: response === "PENDING" ? null : started,
        createdAt: started,
        updatedAt: started,
      })
      .returning();
    taskRows.push(row!);
    await revise("TASK_ADDED", "TASK", row!, started);
  }
  for (const milestone of scenario.milestones) {
    const [row] = await tx.insert(milestones).values({ ...base, title: milestone.title, dueDate: milestone.dueDate, reachedOn: milestone.reachedOn ?? null }).returning();
    await revise("MILESTONE_ADDED", "SCHEDULE", row!, started);
  }
  for (const evaluation of scenario.evaluations) {
    const results = evaluation.results.map((result) => {
      const goal = goalRows[result.goal]!;
      return { goalId: goal.id, result: result.result, achievement: result.achievement ?? null, lifeDomain: goal.lifeDomain, memberIds: goal.memberIds };
    });
    const [row] = await tx.insert(evaluations).values({ ...base, heldOn: evaluation.heldOn, overall: evaluation.overall, final: evaluation.final ?? false, results, recordedBy: coach }).returning();
    await revise("EVALUATION_RECORDED", "EVALUATION", row!, dayAsMoment(evaluation.heldOn));
  }
  await tx.update(plans).set({ version }).where(eq(plans.id, plan!.id));
  await tx.insert(agreements).values({ ...base, version, party: "COACH", recordedBy: coach, agreedAt: now });
  for (const text of scenario.coachNotes) await tx.insert(coachNotes).values({ ...base, authorId: coach, text, createdAt: now });
  for (const consent of scenario.consents) {
    await tx.insert(consents).values({
      regionId,
      familyId: family.id,
      personId: person(consent.member),
      partnerId: lookup(partnerIds, consent.partner, "partner"),
      lifeDomains: consent.lifeDomains,
      givenBy: consent.givenBy.map(person),
      givenOn: consent.givenOn,
      recordedBy: coach,
    });
  }
  for (const nomination of scenario.nominations ?? []) {
    const leader = demoProfessionalId(nomination.projectLeader);
    const [existing] = await tx.select({ id: selectionRounds.id }).from(selectionRounds).where(and(eq(selectionRounds.regionId, regionId), eq(selectionRounds.title, nomination.round)));
    const roundId =
      existing?.id ??
      (await tx
        .insert(selectionRounds)
        .values({ regionId, title: nomination.round, size: 10, openedBy: leader, openedAt: started, status: "CONFIRMED", confirmedBy: leader, confirmedAt: started })
        .returning({ id: selectionRounds.id }))[0]!.id;
    await tx.insert(selectionNominations).values({
      regionId,
      roundId,
      familyId: family.id,
      partnerId: lookup(partnerIds, nomination.partner, "partner"),
      nominatedBy: demoProfessionalId(nomination.professional),
      nominatedAt: started,
      reason: nomination.reason,
      selected: nomination.selected,
    });
  }
  for (const contact of scenario.contacts ?? []) {
    await tx.insert(contactDetails).values({ regionId, familyId: family.id, personId: contact.member ? person(contact.member) : null, kind: contact.kind, value: contact.value, validFrom: started, recordedBy: coach });
  }
  for (const commitment of scenario.budget ?? []) {
    await tx.insert(budgetCommitments).values({
      regionId,
      familyId: family.id,
      taskId: commitment.task === undefined ? null : taskRows[commitment.task]!.id,
      goalId: commitment.goal === undefined ? null : goalRows[commitment.goal]!.id,
      service: commitment.service,
      amountCents: commitment.amountCents,
      spentCents: commitment.spentCents ?? 0,
      status: commitment.status,
      proposedBy: coach,
      proposedAt: started,
      decidedBy: commitment.decidedBy ? demoProfessionalId(commitment.decidedBy) : null,
      decidedAt: commitment.decidedBy ? started : null,
      reason: commitment.reason ?? null,
    });
  }
  for (const meeting of scenario.meetings ?? []) {
    await tx.insert(caseMeetings).values({
      regionId,
      familyId: family.id,
      meeting: meeting.meeting,
      heldOn: meeting.heldOn,
      professionalIds: meeting.professionals.map(demoProfessionalId),
      memberIds: (meeting.members ?? []).map(person),
      networkMemberIds: (meeting.network ?? []).map((index) => networkIds[index]!),
      minutes: meeting.minutes,
      decisions: meeting.decisions,
      adoptedPlanVersion: meeting.adopts ? version : null,
      recordedBy: coach,
      recordedAt: dayAsMoment(meeting.heldOn),
    });
  }
  const reportDays = 2;
  for (const step of scenario.steps ?? []) {
    const at = new Date(step.at);
    const afterwards = step.status !== "ANNOUNCED";
    const reporter = step.professional ? demoProfessionalId(step.professional) : null;
    await tx.insert(coordinatedSteps).values({
      regionId,
      familyId: family.id,
      partnerId: lookup(partnerIds, step.partner, "partner"),
      kind: afterwards ? "AFTERWARDS" : "ANNOUNCED",
      status: step.status,
      lifeDomain: step.lifeDomain,
      legalDuty: step.legalDuty ?? null,
      stepAt: at,
      description: step.description ?? null,
      reportedBy: reporter,
      recordedAt: step.reportedAt ? new Date(step.reportedAt) : step.status === "ANNOUNCED" ? now : at,
      reportDueAt: afterwards ? new Date(at.getTime() + reportDays * 86_400_000) : null,
      reportedAt: step.reportedAt ? new Date(step.reportedAt) : null,
      expectedBy: step.status === "AWAITING_REPORT" ? coach : null,
    });
  }
  for (const ground of scenario.legalGrounds) {
    await tx.insert(legalGrounds).values({
      regionId,
      familyId: family.id,
      personId: person(ground.member),
      partnerId: lookup(partnerIds, ground.partner, "partner"),
      lifeDomains: ground.lifeDomains,
      kind: ground.kind,
      basis: ground.basis,
      validFrom: ground.validFrom,
      recordedBy: family.processLeadId ?? coach,
    });
  }
}
