import { DateTimeResolver, LocalDateResolver } from "graphql-scalars";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { asEnum } from "../access/graphql-enums.js";
import { connectionOf } from "../pagination/connection.js";
import type { PartRef } from "../covenant/decisions/entitlement.js";
import { PART_KINDS, type PartKind } from "../covenant/decisions/levels.js";

export const PartKindEnum = asEnum(PART_KINDS);
registerEnumType(PartKindEnum, { name: "PlanPartKind", description: "The kinds of plan part a covenant rule can open." });

export const GOAL_STATUSES = ["OPEN", "IN_PROGRESS", "ACHIEVED", "NOT_ACHIEVED", "CANCELLED"] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];
export const GoalStatusEnum = asEnum(GOAL_STATUSES);
registerEnumType(GoalStatusEnum, { name: "GoalStatus" });

export const TASK_STATUSES = ["OPEN", "IN_PROGRESS", "DONE", "CANCELLED"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TaskStatusEnum = asEnum(TASK_STATUSES);
registerEnumType(TaskStatusEnum, { name: "TaskStatus" });

export const TASK_RESPONSES = ["PENDING", "ACCEPTED", "DECLINED"] as const;
export type TaskResponse = (typeof TASK_RESPONSES)[number];
export const TaskResponseEnum = asEnum(TASK_RESPONSES);
registerEnumType(TaskResponseEnum, { name: "TaskResponse", description: "The lead partner's answer to a task given to it." });

export const AGREEMENT_PARTIES = ["CLIENT", "COACH", "REFERRING_PARTNER"] as const;
export type AgreementParty = (typeof AGREEMENT_PARTIES)[number];
export const AgreementPartyEnum = asEnum(AGREEMENT_PARTIES);
registerEnumType(AgreementPartyEnum, { name: "AgreementParty", description: "Who signs the plan: a client, the coach, the referring partner." });

/*
 * Every object of a plan carries, unexposed, its family (the entitlement's key); a part with
 * content also carries `part`: its kind, life domain and members, from which the field rules in
 * permissions.ts decide. Process metadata (ids, dates, statuses) is visible from PROCESS and
 * sits on the part itself; what the part says — its words, life domain and members — is one
 * object, `content`, opened only where the covenant opens that part: null with one FORBIDDEN
 * error otherwise (docs/decisions/0001). Both are therefore nullable.
 */
interface OfFamily {
  familyId: string;
  part: PartRef;
}

@ObjectType({ description: "A life domain (leefgebied) of the region's list." })
export class LifeDomain {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => Boolean, { description: "Opened by emergency access when a child's safety is at stake." })
  safetyRelevant!: boolean;
}

@InputType()
export class LifeDomainInput {
  @Field(() => String, { description: "e.g. HOUSING; never removed once used." }) code!: string;
  @Field(() => String) name!: string;
  @Field(() => Boolean, { defaultValue: false }) safetyRelevant!: boolean;
}

@ObjectType({ description: "The family's one plan. Every change raises its version; the history keeps each one." })
export class Plan {
  @Field(() => ID, { nullable: true }) id!: string;
  @Field(() => Int, { nullable: true, description: "Name it when you edit: an edit made on an old version is refused." })
  version!: number;
  @Field(() => LocalDateResolver, { nullable: true }) startedOn!: string;
  @Field(() => DateTimeResolver, { nullable: true }) updatedAt!: Date;
  @Field(() => Int, { nullable: true, description: "Months between evaluations." }) evaluationMonths!: number;
  @Field(() => LocalDateResolver, { nullable: true, description: "The last evaluation (or the start) plus the cycle." })
  nextEvaluationDue!: string;
  familyId!: string;
  planId!: string;
  referringPartnerId!: string | null;
}

@ObjectType({ description: "What an analysis says: opened by the covenant, or null with FORBIDDEN." })
export class AnalysisContent {
  @Field(() => String) lifeDomain!: string;
  @Field(() => ID, { nullable: true, description: "The member it is about; null for the household." })
  memberId!: string | null;
  @Field(() => String) text!: string;
}

@ObjectType({ description: "The analysis of one life domain, for the household or one member." })
export class Analysis implements OfFamily {
  @Field(() => ID, { nullable: true }) id!: string;
  @Field(() => DateTimeResolver, { nullable: true }) updatedAt!: Date;
  @Field(() => AnalysisContent, { nullable: true, description: "Its domain, member and words, where the covenant opens them." })
  content!: AnalysisContent;
  familyId!: string;
  part!: PartRef;
}

@ObjectType({ description: "What a goal says: opened by the covenant, or null with FORBIDDEN." })
export class GoalContent {
  @Field(() => String) lifeDomain!: string;
  @Field(() => [ID]) memberIds!: string[];
  @Field(() => String, { description: "The family's own words." }) ownWords!: string;
  @Field(() => String, { description: "The measurable target." }) target!: string;
  @Field(() => Int, { nullable: true, description: "How far it is achieved, 0–100." }) achievement!: number | null;
  @Field(() => ID, { nullable: true, description: "The family member who leads it, if one does." }) leadMemberId!: string | null;
  @Field(() => ID, { nullable: true, description: "The member of the family's network who leads it, if one does (Family.network)." })
  leadNetworkMemberId!: string | null;
}

@ObjectType({ description: "A goal, in the family's own words first, with a measurable target." })
export class Goal implements OfFamily {
  @Field(() => ID, { nullable: true }) id!: string;
  @Field(() => GoalStatusEnum, { nullable: true }) status!: GoalStatus;
  @Field(() => DateTimeResolver, { nullable: true }) createdAt!: Date;
  @Field(() => GoalContent, { nullable: true, description: "Its domain, members, words, target and achievement, where the covenant opens them." })
  content!: GoalContent;
  familyId!: string;
  part!: PartRef;
  goalId!: string;
}

@ObjectType({ description: "What a task says: opened by the covenant, or null with FORBIDDEN." })
export class TaskContent {
  @Field(() => String) lifeDomain!: string;
  @Field(() => [ID]) memberIds!: string[];
  @Field(() => String) description!: string;
  @Field(() => String, { nullable: true }) followUp!: string | null;
  @Field(() => String, { nullable: true, description: "Why the lead partner declined it." }) responseReason!: string | null;
  @Field(() => ID, { nullable: true, description: "The goal it serves." }) goalId!: string | null;
  @Field(() => ID, { nullable: true, description: "The family member who does it, when no partner leads it." }) leadMemberId!: string | null;
  @Field(() => ID, { nullable: true, description: "The member of the family's network who does it, when no partner leads it (Family.network)." })
  leadNetworkMemberId!: string | null;
}

@ObjectType({ description: "A task of the division of labour: what, who leads, when, how it is followed up." })
export class Task implements OfFamily {
  @Field(() => ID, { nullable: true }) id!: string;
  @Field(() => TaskStatusEnum, { nullable: true }) status!: TaskStatus;
  @Field(() => LocalDateResolver, { nullable: true }) dueDate!: string;
  @Field(() => Boolean, { nullable: true, description: "Past its due date and not done or cancelled (derived)." })
  overdue!: boolean;
  @Field(() => TaskResponseEnum, { nullable: true }) response!: TaskResponse;
  @Field(() => LocalDateResolver, { nullable: true, description: "When the family asked for this help." }) askedOn!: string | null;
  @Field(() => LocalDateResolver, { nullable: true, description: "When the help started: the lead partner's first report of progress." }) startedOn!: string | null;
  @Field(() => Int, { nullable: true, description: "Days from asking to the start, or to today while it has not started." }) waitingDays!: number | null;
  @Field(() => TaskContent, { nullable: true, description: "What is to be done, for whom and why, where the covenant opens it." })
  content!: TaskContent;
  familyId!: string;
  part!: PartRef;
  leadPartnerId?: string;
  leadProfessionalId!: string | null;
}

@ObjectType({ description: "What a milestone says: opened by the covenant, or null with FORBIDDEN." })
export class MilestoneContent {
  @Field(() => String) title!: string;
}

@ObjectType({ description: "A milestone of the time schedule." })
export class Milestone implements OfFamily {
  @Field(() => ID, { nullable: true }) id!: string;
  @Field(() => LocalDateResolver, { nullable: true }) dueDate!: string;
  @Field(() => LocalDateResolver, { nullable: true }) reachedOn!: string | null;
  @Field(() => MilestoneContent, { nullable: true, description: "Its title, where the covenant opens the schedule." })
  content!: MilestoneContent;
  familyId!: string;
  part!: PartRef;
}

@ObjectType({ description: "What an evaluation says of one goal: opened as the goal is, or null with FORBIDDEN." })
export class GoalResultContent {
  @Field(() => String) result!: string;
  @Field(() => Int, { nullable: true }) achievement!: number | null;
}

@ObjectType({ description: "An evaluation's result for one goal." })
export class GoalResult implements OfFamily {
  @Field(() => ID, { nullable: true }) goalId!: string;
  @Field(() => GoalResultContent, { nullable: true, description: "The result and achievement, where the covenant opens the goal's domain and members." })
  content!: GoalResultContent;
  familyId!: string;
  part!: PartRef;
}

@ObjectType({ description: "What an evaluation says overall: opened by the covenant, or null with FORBIDDEN." })
export class EvaluationContent {
  @Field(() => String) overall!: string;
}

@ObjectType({ description: "An evaluation of the plan: the result per goal and overall." })
export class Evaluation implements OfFamily {
  @Field(() => ID, { nullable: true }) id!: string;
  @Field(() => LocalDateResolver, { nullable: true }) heldOn!: string;
  @Field(() => [GoalResult], { nullable: true }) results!: GoalResult[];
  @Field(() => Boolean, { nullable: true, description: "The final evaluation before closure (process data)." }) final!: boolean;
  @Field(() => EvaluationContent, { nullable: true, description: "The overall verdict, where the covenant opens evaluations." })
  content!: EvaluationContent;
  familyId!: string;
  part!: PartRef;
}

@ObjectType({ description: "Who agreed to which version of the plan." })
export class Agreement {
  @Field(() => Int, { nullable: true }) version!: number;
  @Field(() => AgreementPartyEnum, { nullable: true }) party!: AgreementParty;
  @Field(() => ID, { nullable: true, description: "The client (a member) who agreed." }) personId!: string | null;
  @Field(() => ID, { nullable: true, description: "The partner that agreed." }) partnerId!: string | null;
  @Field(() => ID, { nullable: true }) recordedById!: string;
  @Field(() => DateTimeResolver, { nullable: true }) agreedAt!: Date;
  familyId!: string;
}

@ObjectType({ description: "A working note of the regisseur: nobody else reads it, not even a later regisseur." })
export class CoachNote {
  @Field(() => ID, { nullable: true }) id!: string;
  @Field(() => String, { nullable: true }) text!: string;
  @Field(() => DateTimeResolver, { nullable: true }) createdAt!: Date;
  familyId!: string;
  /** The coach who wrote it. */
  ownerId!: string;
}

@ObjectType({ description: "One change to the plan, with the part as it was right after it." })
export class PlanRevision {
  @Field(() => Int, { nullable: true }) version!: number;
  @Field(() => String, { nullable: true, description: "e.g. GOAL_ADDED, TASK_STATUS_CHANGED." }) action!: string;
  @Field(() => PartKindEnum, { nullable: true }) partKind!: PartKind | null;
  @Field(() => ID, { nullable: true }) changedById!: string;
  @Field(() => DateTimeResolver, { nullable: true }) changedAt!: Date;
  @Field(() => Analysis, { nullable: true }) analysis!: Analysis | null;
  @Field(() => Goal, { nullable: true }) goal!: Goal | null;
  @Field(() => Task, { nullable: true }) task!: Task | null;
  @Field(() => Milestone, { nullable: true }) milestone!: Milestone | null;
  @Field(() => Evaluation, { nullable: true }) evaluation!: Evaluation | null;
  familyId!: string;
}

@ObjectType({ description: "One period of regie: who led the family's plan, from when, until when." })
export class RegieAssignment {
  @Field(() => ID, { nullable: true }) professionalId!: string;
  @Field(() => DateTimeResolver, { nullable: true }) since!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) until!: Date | null;
  @Field(() => ID, { nullable: true }) assignedById!: string;
  @Field(() => String, { nullable: true, description: "The hand-over note (warme overdracht): regisseur only." })
  note!: string | null;
  familyId!: string;
}

@ObjectType({ description: "That an organisation is involved with a member: who, since when, how to reach them. Never why." })
export class FamilyInvolvement {
  @Field(() => String) organisation!: string;
  @Field(() => String) sector!: string;
  @Field(() => String) professional!: string;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { description: "The member's name." }) member!: string;
  @Field(() => LocalDateResolver) since!: string;
  familyId!: string;
}

@InputType()
export class AnalysisInput {
  @Field(() => String) lifeDomain!: string;
  @Field(() => ID, { nullable: true, description: "Null: the household as a whole." }) memberId?: string | null;
  @Field(() => String) text!: string;
}

@InputType()
export class GoalInput {
  @Field(() => String) lifeDomain!: string;
  @Field(() => [ID], { description: "The members it concerns; empty for the household." }) memberIds!: string[];
  @Field(() => String) ownWords!: string;
  @Field(() => String) target!: string;
  @Field(() => ID, { nullable: true, description: "A current member who leads it." }) leadMemberId?: string | null;
  @Field(() => ID, { nullable: true, description: "A member of the family's network who leads it." }) leadNetworkMemberId?: string | null;
}

@InputType({ description: "Only the fields given change." })
export class GoalUpdate {
  @Field(() => String, { nullable: true }) ownWords?: string | null;
  @Field(() => String, { nullable: true }) target?: string | null;
  @Field(() => GoalStatusEnum, { nullable: true }) status?: GoalStatus | null;
  @Field(() => Int, { nullable: true }) achievement?: number | null;
}

@InputType()
export class TaskInput {
  @Field(() => ID, { nullable: true }) goalId?: string | null;
  @Field(() => String) lifeDomain!: string;
  @Field(() => [ID], { defaultValue: [] }) memberIds!: string[];
  @Field(() => String) description!: string;
  @Field(() => ID, { nullable: true, description: "The partner organisation that leads it; or name a member or network member instead: exactly one lead." })
  leadPartnerId?: string | null;
  @Field(() => ID, { nullable: true }) leadProfessionalId?: string | null;
  @Field(() => ID, { nullable: true, description: "A current family member who does it." }) leadMemberId?: string | null;
  @Field(() => ID, { nullable: true, description: "A member of the family's network who does it." }) leadNetworkMemberId?: string | null;
  @Field(() => LocalDateResolver) dueDate!: string;
  @Field(() => String, { nullable: true }) followUp?: string | null;
  @Field(() => LocalDateResolver, { nullable: true, description: "When the family asked for this help (a referral made earlier); default today, never in the future." })
  askedOn?: string | null;
}

@InputType({ description: "Only the fields given change." })
export class TaskUpdate {
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) dueDate?: string | null;
  @Field(() => String, { nullable: true }) followUp?: string | null;
  @Field(() => ID, { nullable: true }) leadProfessionalId?: string | null;
  @Field(() => TaskStatusEnum, { nullable: true }) status?: TaskStatus | null;
}

@InputType()
export class MilestoneInput {
  @Field(() => String) title!: string;
  @Field(() => LocalDateResolver) dueDate!: string;
}

@InputType()
export class GoalResultInput {
  @Field(() => ID) goalId!: string;
  @Field(() => String) result!: string;
  @Field(() => Int, { nullable: true }) achievement?: number | null;
}

@InputType()
export class EvaluationInput {
  @Field(() => LocalDateResolver) heldOn!: string;
  @Field(() => String) overall!: string;
  @Field(() => [GoalResultInput], { defaultValue: [] }) results!: GoalResultInput[];
  @Field(() => Boolean, { defaultValue: false, description: "The final evaluation, which closing needs: only while the family is in CLOSING." })
  final!: boolean;
}

export const TaskConnection = connectionOf(Task, "Task");
