import { DateTimeResolver } from "graphql-scalars";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { asEnum } from "../access/graphql-enums.js";

export const NOTIFICATION_KINDS = ["EMERGENCY_ACCESS_OPENED"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NotificationKindEnum = asEnum(NOTIFICATION_KINDS);
registerEnumType(NotificationKindEnum, { name: "NotificationKind", description: "What happened that the recipient must know." });

@ObjectType({ description: "A message in your inbox about a family you lead or watch." })
export class Notification {
  @Field(() => ID) id!: string;
  @Field(() => NotificationKindEnum) kind!: NotificationKind;
  @Field(() => ID, { nullable: true }) familyId!: string | null;
  @Field(() => ID, { nullable: true, description: "The professional who acted." }) actorId!: string | null;
  @Field(() => String, { nullable: true, description: "The reason the actor wrote down." }) reason!: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: "Until when what happened lasts." }) until!: Date | null;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) readAt!: Date | null;
  ownerId!: string;
}
