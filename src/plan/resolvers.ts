import { LocalDateResolver } from "graphql-scalars";
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { authenticated, type RequestContext } from "../context.js";
import { Family } from "../families/types.js";
import { Partner, Professional } from "../organisations/types.js";
import { PageArgsInput } from "../pagination/connection.js";
import type { Page } from "../pagination/page.js";
import { myTasks } from "./my-tasks.js";
import { defineLifeDomain, listLifeDomains } from "./life-domains.js";
import { addCoachNote, agreeToPlan } from "./agreement.js";
import { startPlan } from "./edit.js";
import { addGoal, addMilestone, addTask, markMilestoneReached, recordEvaluation, setAnalysis, updateGoal, updateTask } from "./part-edits.js";
import { respondToTask, setTaskStatus } from "./partner-tasks.js";
import { assignProcessLead, handOverRegie } from "./regie.js";
import {
  Agreement,
  AgreementPartyEnum,
  Analysis,
  AnalysisInput,
  CoachNote,
  Evaluation,
  EvaluationInput,
  FamilyInvolvement,
  Goal,
  GoalInput,
  GoalUpdate,
  LifeDomain,
  LifeDomainInput,
  Milestone,
  MilestoneInput,
  Plan,
  PlanRevision,
  RegieAssignment,
  Task,
  TaskConnection,
  TaskInput,
  TaskResponseEnum,
  TaskStatusEnum,
  TaskUpdate,
  type AgreementParty,
  type TaskResponse,
  type TaskStatus,
} from "./types.js";

/** The plan, its regie and who is involved, as fields of a family. */
@Resolver(() => Family)
export class FamilyPlanResolver {
  @FieldResolver(() => Plan, { nullable: true, description: "The family's one plan; null until the regisseur starts it." })
  plan(@Root() family: Family, @Ctx() ctx: RequestContext): Promise<Plan | null> {
    return ctx.loaders.plan.load(family.familyId);
  }

  @FieldResolver(() => [FamilyInvolvement], { nullable: true, description: "Who is involved with which member (dat-information)." })
  involvements(@Root() family: Family, @Ctx() ctx: RequestContext): Promise<FamilyInvolvement[]> {
    return ctx.loaders.involvements.load(family.familyId);
  }

  @FieldResolver(() => [RegieAssignment], { nullable: true, description: "Who led the plan, period by period." })
  regieHistory(@Root() family: Family, @Ctx() ctx: RequestContext): Promise<RegieAssignment[]> {
    return ctx.loaders.regieHistory.load(family.familyId);
  }
}

@Resolver(() => Plan)
export class PlanResolver {
  @Query(() => [LifeDomain], { description: "Your region's life domains." })
  lifeDomains(@Ctx() ctx: RequestContext): Promise<LifeDomain[]> {
    return listLifeDomains(authenticated(ctx));
  }

  @Mutation(() => [LifeDomain], { description: "Adds or renames a life domain of your region (covenant administrator)." })
  defineLifeDomain(@Arg("input", () => LifeDomainInput) input: LifeDomainInput, @Ctx() ctx: RequestContext): Promise<LifeDomain[]> {
    return defineLifeDomain(authenticated(ctx), input);
  }

  @Query(() => TaskConnection, {
    description: "The tasks given to your organisation, in the families you may know of: the soonest due first (then the newest given, id), a page at a time.",
  })
  myTasks(@Args(() => PageArgsInput) page: PageArgsInput, @Ctx() ctx: RequestContext): Promise<Page<Task>> {
    return myTasks(authenticated(ctx), page);
  }

  @FieldResolver(() => Partner, { nullable: true }) referringPartner(@Root() plan: Plan, @Ctx() ctx: RequestContext) {
    return plan.referringPartnerId ? ctx.loaders.partner.load(plan.referringPartnerId) : null;
  }
  @FieldResolver(() => [Analysis], { nullable: true }) analyses(@Root() plan: Plan, @Ctx() ctx: RequestContext) {
    return ctx.loaders.analyses.load(plan.familyId);
  }
  @FieldResolver(() => [Goal], { nullable: true }) goals(@Root() plan: Plan, @Ctx() ctx: RequestContext) {
    return ctx.loaders.goals.load(plan.familyId);
  }
  @FieldResolver(() => [Task], { nullable: true }) tasks(@Root() plan: Plan, @Ctx() ctx: RequestContext) {
    return ctx.loaders.tasks.load(plan.familyId);
  }
  @FieldResolver(() => [Milestone], { nullable: true }) milestones(@Root() plan: Plan, @Ctx() ctx: RequestContext) {
    return ctx.loaders.milestones.load(plan.familyId);
  }
  @FieldResolver(() => [Evaluation], { nullable: true }) evaluations(@Root() plan: Plan, @Ctx() ctx: RequestContext) {
    return ctx.loaders.evaluations.load(plan.familyId);
  }
  @FieldResolver(() => [Agreement], { nullable: true }) agreements(@Root() plan: Plan, @Ctx() ctx: RequestContext) {
    return ctx.loaders.agreements.load(plan.familyId);
  }
  @FieldResolver(() => [CoachNote], { nullable: true, description: "Your own working notes as this family's regisseur: nobody else reads them." })
  async coachNotes(@Root() plan: Plan, @Ctx() ctx: RequestContext) {
    // "The coach's own working notes" (domain brief §5): a later regisseur does not inherit them.
    const notes = await ctx.loaders.coachNotes.load(plan.familyId);
    return notes.filter((note) => note.ownerId === ctx.caller?.professionalId);
  }
  @FieldResolver(() => [PlanRevision], { nullable: true, description: "Every change, oldest first." })
  history(@Root() plan: Plan, @Ctx() ctx: RequestContext) {
    return ctx.loaders.revisions.load(plan.familyId);
  }

  @Mutation(() => PlanRevision, { description: "Starts the family's one plan (regisseur)." })
  startPlan(
    @Arg("familyId", () => ID) familyId: string,
    @Arg("referringPartnerId", () => ID, { nullable: true }) referringPartnerId: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return startPlan(authenticated(ctx), familyId, referringPartnerId);
  }

  @Mutation(() => PlanRevision, { description: "Writes the analysis of a life domain (regisseur)." })
  setAnalysis(
    @Arg("familyId", () => ID) familyId: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("input", () => AnalysisInput) input: AnalysisInput,
    @Ctx() ctx: RequestContext,
  ) {
    return setAnalysis(authenticated(ctx), familyId, expectedVersion, input);
  }

  @Mutation(() => PlanRevision, { description: "Adds a goal (regisseur)." })
  addGoal(
    @Arg("familyId", () => ID) familyId: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("input", () => GoalInput) input: GoalInput,
    @Ctx() ctx: RequestContext,
  ) {
    return addGoal(authenticated(ctx), familyId, expectedVersion, input);
  }

  @Mutation(() => PlanRevision, { description: "Changes a goal: words, target, status, achievement (regisseur)." })
  updateGoal(
    @Arg("goalId", () => ID) goalId: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("input", () => GoalUpdate) input: GoalUpdate,
    @Ctx() ctx: RequestContext,
  ) {
    return updateGoal(authenticated(ctx), goalId, expectedVersion, input);
  }

  @Mutation(() => PlanRevision, { description: "Gives a task to a partner (regisseur)." })
  addTask(
    @Arg("familyId", () => ID) familyId: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("input", () => TaskInput) input: TaskInput,
    @Ctx() ctx: RequestContext,
  ) {
    return addTask(authenticated(ctx), familyId, expectedVersion, input);
  }

  @Mutation(() => PlanRevision, { description: "Changes a task, or cancels it (regisseur)." })
  updateTask(
    @Arg("taskId", () => ID) taskId: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("input", () => TaskUpdate) input: TaskUpdate,
    @Ctx() ctx: RequestContext,
  ) {
    return updateTask(authenticated(ctx), taskId, expectedVersion, input);
  }

  @Mutation(() => PlanRevision, { description: "Adds a milestone to the time schedule (regisseur)." })
  addMilestone(
    @Arg("familyId", () => ID) familyId: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("input", () => MilestoneInput) input: MilestoneInput,
    @Ctx() ctx: RequestContext,
  ) {
    return addMilestone(authenticated(ctx), familyId, expectedVersion, input);
  }

  @Mutation(() => PlanRevision, { description: "Marks a milestone reached (regisseur)." })
  markMilestoneReached(
    @Arg("milestoneId", () => ID) milestoneId: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("reachedOn", () => LocalDateResolver, { nullable: true }) reachedOn: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return markMilestoneReached(authenticated(ctx), milestoneId, expectedVersion, reachedOn);
  }

  @Mutation(() => PlanRevision, { description: "Records an evaluation; the next one falls due a cycle later (regisseur)." })
  recordEvaluation(
    @Arg("familyId", () => ID) familyId: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("input", () => EvaluationInput) input: EvaluationInput,
    @Ctx() ctx: RequestContext,
  ) {
    return recordEvaluation(authenticated(ctx), familyId, expectedVersion, input);
  }

  @Mutation(() => CoachNote, { description: "Adds a working note only the regisseur reads." })
  addCoachNote(@Arg("familyId", () => ID) familyId: string, @Arg("text", () => String) text: string, @Ctx() ctx: RequestContext) {
    return addCoachNote(authenticated(ctx), familyId, text);
  }

  @Mutation(() => Agreement, { description: "Records that a party agreed to the plan's current version." })
  agreeToPlan(
    @Arg("familyId", () => ID) familyId: string,
    @Arg("version", () => Int) version: number,
    @Arg("party", () => AgreementPartyEnum) party: AgreementParty,
    @Arg("personId", () => ID, { nullable: true, description: "For a client: the member who agreed." }) personId: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return agreeToPlan(authenticated(ctx), familyId, version, party, personId);
  }

  @Mutation(() => Task, { description: "Your organisation accepts or declines a task given to it." })
  respondToTask(
    @Arg("taskId", () => ID) taskId: string,
    @Arg("response", () => TaskResponseEnum) response: TaskResponse,
    @Arg("reason", () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return respondToTask(authenticated(ctx), taskId, response, reason);
  }

  @Mutation(() => Task, { description: "Your organisation reports progress on its own task." })
  setTaskStatus(@Arg("taskId", () => ID) taskId: string, @Arg("status", () => TaskStatusEnum) status: TaskStatus, @Ctx() ctx: RequestContext) {
    return setTaskStatus(authenticated(ctx), taskId, status);
  }

  @Mutation(() => Boolean, { description: "Hands regie to another coach; the history is kept (regisseur or process lead)." })
  handOverRegie(
    @Arg("familyId", () => ID) familyId: string,
    @Arg("toProfessionalId", () => ID) toProfessionalId: string,
    @Arg("note", () => String, { nullable: true, description: "The hand-over note for the new regisseur." }) note: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return handOverRegie(authenticated(ctx), familyId, toProfessionalId, note);
  }

  @Mutation(() => Boolean, { description: "Hands the family's process to another process lead (process lead)." })
  assignProcessLead(@Arg("familyId", () => ID) familyId: string, @Arg("toProfessionalId", () => ID) toProfessionalId: string, @Ctx() ctx: RequestContext) {
    return assignProcessLead(authenticated(ctx), familyId, toProfessionalId);
  }
}

@Resolver(() => Task)
export class TaskResolver {
  @FieldResolver(() => Partner, { nullable: true }) leadPartner(@Root() task: Task, @Ctx() ctx: RequestContext) {
    return task.leadPartnerId ? ctx.loaders.partner.load(task.leadPartnerId) : null;
  }
  @FieldResolver(() => Professional, { nullable: true }) leadProfessional(@Root() task: Task, @Ctx() ctx: RequestContext) {
    return task.leadProfessionalId ? ctx.loaders.professional.load(task.leadProfessionalId) : null;
  }
}

/** A regie period names its people: who had regie, and who gave it to them. */
@Resolver(() => RegieAssignment)
export class RegieAssignmentResolver {
  @FieldResolver(() => Professional, { nullable: true, description: "Who had regie in this period." })
  professional(@Root() period: RegieAssignment, @Ctx() ctx: RequestContext) {
    return ctx.loaders.professional.load(period.professionalId);
  }

  @FieldResolver(() => Professional, { nullable: true, description: "Who gave them regie: the one handing over, or the process lead at screening." })
  assignedBy(@Root() period: RegieAssignment, @Ctx() ctx: RequestContext) {
    return ctx.loaders.professional.load(period.assignedById);
  }
}
