import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { authenticated, type RequestContext } from "../context.js";
import type { Page } from "../pagination/page.js";
import { pageNotifications } from "./inbox.js";
import { markNotificationRead } from "./service.js";
import { Notification, NotificationConnection } from "./types.js";

@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => NotificationConnection, { description: "Your inbox, newest first, a page at a time." })
  notifications(
    @Arg("unreadOnly", () => Boolean, { defaultValue: false }) unreadOnly: boolean,
    @Arg("first", () => Int, { nullable: true, description: "Page size: 50 unless given, at most 100." }) first: number | null,
    @Arg("after", () => String, { nullable: true, description: "The endCursor of the page before." }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<Notification>> {
    return pageNotifications(authenticated(ctx), { first, after }, unreadOnly);
  }

  @Mutation(() => Notification)
  markNotificationRead(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Notification> {
    return markNotificationRead(authenticated(ctx), id);
  }
}
