import { DateTimeResolver } from "graphql-scalars";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { asEnum } from "../access/graphql-enums.js";
import { connectionOf } from "../pagination/connection.js";
import { MatchNotification } from "../reference-index/types.js";

/** Everything that lands in a professional's one inbox (issue: from signal to closure, §5). */
export const NOTIFICATION_KINDS = [
  // The reference index found another organisation involved with a person you signalled.
  "MATCH",
  "EMERGENCY_ACCESS_OPENED",
  // Intake: a concern routed to you (the coordinator), a crisis routed to your organisation.
  "CONCERN_ROUTED",
  "CRISIS_ROUTED",
  // Screening made you the family's regisseur or process lead.
  "FAMILY_ASSIGNED",
  // Regie was handed over: to you, or away from you (by the process lead).
  "REGIE_HANDED_OVER",
  // Escalations: raised, moved up to a step where you decide, past its deadline, resolved.
  "ESCALATION_RAISED",
  "ESCALATION_STEP",
  "ESCALATION_OVERDUE",
  "ESCALATION_RESOLVED",
  // Functional mandate: an advice addressed to your institution, its answer, an overdue answer.
  "MANDATE_ADDRESSED",
  "MANDATE_ANSWERED",
  "MANDATE_OVERDUE",
  // Deadlines of the plan and aftercare.
  "EVALUATION_DUE",
  "TASK_OVERDUE",
  "AFTERCARE_REVISIT_DUE",
  // Steps coordinated with the regisseur: announced, reported afterwards, a report awaited from your organisation, a report overdue.
  "STEP_ANNOUNCED",
  "STEP_REPORTED",
  "STEP_REPORT_AWAITED",
  "STEP_REPORT_OVERDUE",
  // Help asked for has not started within the region's waiting norm: to the regisseur and the lead partner's managers.
  "HELP_WAITING_TOO_LONG",
  // A project leader approved or refused a budget commitment you proposed.
  "BUDGET_DECIDED",
  // A client corrected their own contact details (you are their regisseur).
  "CONTACT_CORRECTED",
  // A household handed over to your region awaits you; one you handed over was accepted.
  "REGION_HANDOVER_OFFERED",
  "REGION_HANDOVER_ACCEPTED",
  // The project leader confirmed a selection round you nominated in.
  "SELECTION_CONFIRMED",
  // Rights of the people in the files: a request for you to decide; your request on a client's behalf decided, carried out.
  "RIGHTS_REQUEST_FILED",
  "RIGHTS_REQUEST_DECIDED",
  "RIGHTS_REQUEST_APPLIED",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NotificationKindEnum = asEnum(NOTIFICATION_KINDS);
registerEnumType(NotificationKindEnum, { name: "NotificationKind", description: "What happened that the recipient must know." });

@ObjectType({ description: "A message in your inbox about a family you lead or watch, or work addressed to you." })
export class Notification {
  @Field(() => ID) id!: string;
  @Field(() => NotificationKindEnum) kind!: NotificationKind;
  @Field(() => ID, { nullable: true }) familyId!: string | null;
  @Field(() => ID, { nullable: true, description: "The professional who acted." }) actorId!: string | null;
  @Field(() => ID, { nullable: true, description: "What it is about: the concern, escalation, advice, task, plan or rights request's id." })
  subjectId!: string | null;
  @Field(() => String, { nullable: true, description: "The reason the actor wrote down." }) reason!: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: "Until when what happened lasts." }) until!: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: "The deadline it is about." }) due!: Date | null;
  @Field(() => MatchNotification, { nullable: true, description: "A MATCH: whom to contact (the same as in matchNotifications)." })
  match!: MatchNotification | null;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) readAt!: Date | null;
  ownerId!: string;
}

export const NotificationConnection = connectionOf(Notification, "Notification");
