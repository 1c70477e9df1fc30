// Writes the demo process (process-scenario.ts): the regions' process configuration, every
// family's phase history, concerns, advices, escalations and closures.
import { and, desc, eq, ne } from "drizzle-orm";
import type { Db } from "../db/database.js";
import { families, familyMemberships, persons } from "../families/tables.js";
import { notifications } from "../notifications/tables.js";
import { partners, professionals, regions } from "../organisations/tables.js";
import { evaluations, goals, plans } from "../plan/tables.js";
import {
  closures,
  concernMembers,
  concerns,
  escalationLadder,
  escalations,
  escalationSteps,
  familyPhases,
  mandateAdvices,
  mandateEntries,
  processSettings,
} from "../process/tables.js";
import { demoProfessionalId } from "./identity.js";
import { DEMO_PROCESS, type DemoRegionProcess } from "./process-scenario.js";
import { seedRegionProcessConfig } from "./seed-process-config.js";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

const DAY_MS = 24 * 3600_000;
const dayAsMoment = (day: string) => new Date(`${day}T12:00:00Z`);
const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);
const isoDay = (moment: Date) => moment.toISOString().slice(0, 10);

function lookup<T>(map: Map<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Demo process: unknown ${what} "${key}"`);
  return value;
}

/** Idempotent per region: a region with process settings is left as it is. */
export async function seedDemoProcess(tx: Tx, now: Date): Promise<void> {
  for (const scenario of DEMO_PROCESS) {
    const [region] = await tx.select().from(regions).where(eq(regions.code, scenario.region));
    if (!region) continue;
    const [seeded] = await tx.select({ id: processSettings.regionId }).from(processSettings).where(eq(processSettings.regionId, region.id));
    if (seeded) continue;
    await seedRegionProcessConfig(tx, region.id, scenario.region);
    await seedRegionProcess(tx, region.id, scenario, now);
  }
}

async function seedRegionProcess(tx: Tx, regionId: string, scenario: DemoRegionProcess, now: Date): Promise<void> {
  const familyRows = await tx.select().from(families).where(eq(families.regionId, regionId));
  const familyOf = new Map(familyRows.map((row) => [row.name, row]));
  const partnerRows = await tx.select().from(partners).where(eq(partners.regionId, regionId));
  const partnerId = new Map(partnerRows.map((row) => [row.name, row.id]));
  const who = (email: string) => demoProfessionalId(email);
  const [settings] = await tx.select().from(processSettings).where(eq(processSettings.regionId, regionId));

  for (const [name, steps] of Object.entries(scenario.phases)) {
    const family = lookup(familyOf, name, "family");
    await tx.insert(familyPhases).values(
      steps.map((step) => ({ regionId, familyId: family.id, phase: step.phase, since: dayAsMoment(step.since), setBy: who(step.by), note: step.note ?? null })),
    );
    await tx.update(families).set({ phase: steps.at(-1)!.phase }).where(eq(families.id, family.id));
  }

  for (const concern of scenario.concerns) {
    const submittedAt = daysBefore(now, concern.daysAgo);
    const submitter = who(concern.submittedBy);
    const [submitterRow] = await tx.select().from(professionals).where(eq(professionals.id, submitter));
    const [family] = await tx
      .insert(families)
      .values({ regionId, name: concern.family, regisseurId: null, processLeadId: settings!.intakeCoordinatorId, registeredBy: submitter, registeredAt: submittedAt, phase: "SIGNALLED" })
      .returning();
    for (const member of concern.members) {
      const { relation, legalCustody, ...person } = member;
      const [row] = await tx.insert(persons).values({ regionId, ...person }).returning({ id: persons.id });
      await tx.insert(familyMemberships).values({ regionId, familyId: family!.id, personId: row!.id, relation, legalCustody, validFrom: isoDay(submittedAt) });
    }
    await tx.insert(familyPhases).values({ regionId, familyId: family!.id, phase: "SIGNALLED", since: submittedAt, setBy: submitter, note: null });
    const [row] = await tx
      .insert(concerns)
      .values({
        regionId,
        familyId: family!.id,
        submittedBy: submitter,
        partnerId: submitterRow!.partnerId,
        submittedAt,
        label: concern.family,
        status: "ROUTED",
        description: concern.description,
        discussedWithFamily: concern.discussedWithFamily,
        notDiscussedReason: concern.notDiscussedReason ?? null,
        crisis: concern.crisis,
        route: concern.crisis ? "CRISIS" : "SCREENING",
        routedToPartnerId: concern.crisis ? settings!.crisisPartnerId : null,
      })
      .returning();
    await tx.insert(concernMembers).values(concern.members.map((member, position) => ({ regionId, concernId: row!.id, position, ...member })));
    const notice = { regionId, familyId: family!.id, actorId: submitter, detail: { subjectId: row!.id }, createdAt: submittedAt };
    if (settings!.intakeCoordinatorId) await tx.insert(notifications).values({ ...notice, recipientId: settings!.intakeCoordinatorId, kind: "CONCERN_ROUTED" });
    if (concern.crisis && settings!.crisisPartnerId) {
      const managers = await tx.select().from(professionals).where(and(eq(professionals.partnerId, settings!.crisisPartnerId), eq(professionals.active, true)));
      for (const manager of managers.filter((row) => row.roles.includes("PARTNER_MANAGER"))) {
        // No family id for the crisis partner, as the service sends it: an id seen before would say the household was known.
        await tx.insert(notifications).values({ ...notice, familyId: null, recipientId: manager.id, kind: "CRISIS_ROUTED" });
      }
    }
  }

  const adviceIds: string[] = [];
  for (const advice of scenario.advices) {
    const family = lookup(familyOf, advice.family, "family");
    const partner = lookup(partnerId, advice.partner, "partner");
    const [entry] = await tx
      .select({ id: mandateEntries.id })
      .from(mandateEntries)
      .where(and(eq(mandateEntries.regionId, regionId), eq(mandateEntries.partnerId, partner), eq(mandateEntries.lifeDomain, advice.lifeDomain), eq(mandateEntries.decisionType, advice.decisionType)));
    const [row] = await tx
      .insert(mandateAdvices)
      .values({
        regionId,
        familyId: family.id,
        partnerId: partner,
        lifeDomain: advice.lifeDomain,
        decisionType: advice.decisionType,
        binding: Boolean(entry),
        advice: advice.advice,
        issuedBy: family.regisseurId!,
        issuedAt: daysBefore(now, advice.issuedDaysAgo),
        answerDue: isoDay(new Date(now.getTime() + advice.answerDueInDays * DAY_MS)),
        status: advice.answer?.status ?? "ISSUED",
        answeredBy: advice.answer ? who(advice.answer.by) : null,
        answeredAt: advice.answer ? daysBefore(now, advice.answer.daysAgo) : null,
        answer: advice.answer?.text ?? null,
        legalGround: advice.answer?.legalGround ?? null,
      })
      .returning({ id: mandateAdvices.id });
    adviceIds.push(row!.id);
  }

  for (const escalation of scenario.escalations) {
    const family = lookup(familyOf, escalation.family, "family");
    const ladder = await tx
      .select()
      .from(escalationLadder)
      .where(and(eq(escalationLadder.regionId, regionId), eq(escalationLadder.track, escalation.track)));
    const adviceId = escalation.advice === undefined ? null : adviceIds[escalation.advice]!;
    const [row] = await tx
      .insert(escalations)
      .values({
        regionId,
        familyId: family.id,
        track: escalation.track,
        subject: escalation.subject,
        partyPartnerIds: escalation.parties.map((name) => lookup(partnerId, name, "partner")),
        raisedBy: who(escalation.raisedBy),
        raisedAt: daysBefore(now, escalation.steps[0]!.daysAgo),
        adviceId,
        status: "OPEN",
        currentStep: escalation.steps.length,
      })
      .returning();
    for (const [index, step] of escalation.steps.entries()) {
      const rung = ladder.find((candidate) => candidate.step === index + 1);
      if (!rung) throw new Error(`Demo process: ${escalation.family}'s escalation has no ladder step ${index + 1}`);
      const startedAt = daysBefore(now, step.daysAgo);
      await tx.insert(escalationSteps).values({
        regionId,
        escalationId: row!.id,
        step: index + 1,
        startedAt,
        dueAt: new Date(startedAt.getTime() + rung.deadlineDays * DAY_MS),
        outcome: step.decided?.outcome ?? null,
        decision: step.decided?.decision ?? null,
        reasoning: step.decided?.reasoning ?? null,
        decidedBy: step.decided ? who(step.decided.by) : null,
        decidedAt: step.decided ? daysBefore(now, step.decided.daysAgo) : null,
      });
    }
    if (adviceId) await tx.update(mandateAdvices).set({ escalationId: row!.id }).where(eq(mandateAdvices.id, adviceId));
  }

  for (const closure of scenario.closures) {
    const family = lookup(familyOf, closure.family, "family");
    const [plan] = await tx.select().from(plans).where(eq(plans.familyId, family.id));
    const [final] = plan
      ? await tx.select().from(evaluations).where(and(eq(evaluations.planId, plan.id), eq(evaluations.final, true))).orderBy(desc(evaluations.heldOn)).limit(1)
      : [];
    if (!plan || !final) throw new Error(`Demo process: ${closure.family} has no final evaluation to close on`);
    const counted = await tx.select({ status: goals.status }).from(goals).where(and(eq(goals.planId, plan.id), ne(goals.status, "CANCELLED")));
    const achieved = counted.filter((goal) => goal.status === "ACHIEVED").length;
    await tx.insert(closures).values({
      regionId,
      familyId: family.id,
      closedAt: dayAsMoment(closure.closedOn),
      closedBy: family.regisseurId!,
      finalEvaluationId: final.id,
      goalsTotal: counted.length,
      goalsAchieved: achieved,
      positiveExit: achieved * 100 >= settings!.positiveExitPercent * counted.length,
      aftercareKeeperId: who(closure.keeper),
      revisitOn: closure.revisitOn,
      handoverPartnerId: closure.handover ? lookup(partnerId, closure.handover.partner, "partner") : null,
      handoverProfessionalId: closure.handover?.professional ? who(closure.handover.professional) : null,
      handoverNote: closure.handover?.note ?? null,
      aftercareEndedAt: closure.aftercareEnded ? dayAsMoment(closure.aftercareEnded.on) : null,
      aftercareNote: closure.aftercareEnded?.note ?? null,
    });
  }
}
