import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { authenticated, type RequestContext } from "../context.js";
import { listNotifications, markNotificationRead } from "./service.js";
import { Notification } from "./types.js";

@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => [Notification], { description: "Your inbox, newest first." })
  notifications(@Arg("unreadOnly", () => Boolean, { defaultValue: false }) unreadOnly: boolean, @Ctx() ctx: RequestContext): Promise<Notification[]> {
    return listNotifications(authenticated(ctx), unreadOnly);
  }

  @Mutation(() => Notification)
  markNotificationRead(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Notification> {
    return markNotificationRead(authenticated(ctx), id);
  }
}
