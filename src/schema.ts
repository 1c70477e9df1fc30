import "reflect-metadata";
import { printSchema, type GraphQLSchema } from "graphql";
import { applyMiddleware } from "graphql-middleware";
import { buildSchema, type PubSub } from "type-graphql";
import { permissionMiddleware } from "./access/permissions.js";
import { FamilyResolver } from "./families/resolvers.js";
import { PartnerResolver, ProfessionalResolver } from "./organisations/resolvers.js";
import { CovenantResolver, FamilyCovenantResolver } from "./covenant/resolvers.js";
import { NotificationResolver } from "./notifications/resolvers.js";
import { NotificationLiveResolver } from "./notifications/live.js";
import { FamilyPlanResolver, PlanResolver, RegieAssignmentResolver, TaskResolver } from "./plan/resolvers.js";
import { ClosureResolver, DueEvaluationResolver, FamilyClosureResolver } from "./process/closure/resolvers.js";
import { CategoryRouteResolver, ConcernResolver, FamilyIntakeResolver, ProcessSettingsResolver } from "./process/intake/resolvers.js";
import { FamilyPhaseResolver } from "./process/phase-resolvers.js";
import { MandateAdviceResolver, MandateTableResolver } from "./process/mandate/resolvers.js";
import { ReferenceIndexResolver } from "./reference-index/resolvers.js";
import { FamilyOpenEscalationsResolver } from "./process/escalation/open-escalations.js";
import { EscalationResolver, EscalationStepResolver } from "./process/escalation/resolvers.js";
import { SelectionNominationResolver, SelectionRoundResolver } from "./process/selection/resolvers.js";
import { CoordinatedStepContentResolver, CoordinatedStepResolver, FamilyStepsResolver } from "./plan/steps/resolvers.js";
import { FamilyNetworkResolver, NetworkMemberResolver } from "./plan/network/resolvers.js";
import { CaseMeetingResolver, FamilyMeetingsResolver, PlanAdoptionResolver } from "./plan/meetings/resolvers.js";
import { BudgetCommitmentResolver, FamilyBudgetResolver } from "./plan/budget/resolvers.js";
import { ContactDetailResolver, FamilyContactsResolver } from "./families/contacts/resolvers.js";
import { RegionHandoverResolver } from "./families/region-handover/resolvers.js";
import { IndicatorResolver } from "./accountability/indicators/resolvers.js";
import { RetentionSettingsResolver } from "./accountability/retention/resolvers.js";
import { ClientRightsResolver, ProfessionalRightsResolver } from "./accountability/rights/resolvers.js";

export const resolvers = [
  ProfessionalResolver,
  PartnerResolver,
  FamilyResolver,
  ReferenceIndexResolver,
  FamilyPlanResolver,
  PlanResolver,
  RegieAssignmentResolver,
  TaskResolver,
  CovenantResolver,
  FamilyCovenantResolver,
  NotificationResolver,
  NotificationLiveResolver,
  FamilyPhaseResolver,
  MandateTableResolver,
  MandateAdviceResolver,
  FamilyClosureResolver,
  ClosureResolver,
  DueEvaluationResolver,
  ProcessSettingsResolver,
  CategoryRouteResolver,
  ConcernResolver,
  FamilyIntakeResolver,
  EscalationResolver,
  EscalationStepResolver,
  FamilyOpenEscalationsResolver,
  SelectionRoundResolver,
  SelectionNominationResolver,
  FamilyStepsResolver,
  CoordinatedStepResolver,
  CoordinatedStepContentResolver,
  FamilyNetworkResolver,
  NetworkMemberResolver,
  FamilyMeetingsResolver,
  PlanAdoptionResolver,
  CaseMeetingResolver,
  FamilyBudgetResolver,
  BudgetCommitmentResolver,
  FamilyContactsResolver,
  ContactDetailResolver,
  RegionHandoverResolver,
  IndicatorResolver,
  RetentionSettingsResolver,
  ClientRightsResolver,
  ProfessionalRightsResolver,
] as const;

/** The schema without enforcement: for the SDL and the permission-coverage test only. */
export function buildBareSchema(): Promise<GraphQLSchema> {
  // Inputs are validated by each service with zod, which names the failing field.
  return buildSchema({ resolvers, validate: false, pubSub: noPubSub });
}

/**
 * type-graphql asks for a pubSub once there is a subscription; ours bring their own `subscribe`,
 * since the bus is the database (docs/decisions/0018), never one process's memory.
 */
export const noPubSub: PubSub = {
  publish: () => {
    throw new Error("Nothing is published in process: notifications travel through the database.");
  },
  subscribe: () => {
    throw new Error("Every subscription brings its own subscribe.");
  },
};

/** The schema the server serves: every field behind its rule. */
export async function buildServedSchema(): Promise<GraphQLSchema> {
  return enforced(await buildBareSchema());
}

/** The permission middleware applied to a bare schema: what buildServedSchema serves. */
export function enforced(bare: GraphQLSchema): GraphQLSchema {
  return applyMiddleware(bare, permissionMiddleware);
}

export async function emitSdl(): Promise<string> {
  return `${printSchema(await buildBareSchema())}\n`;
}
