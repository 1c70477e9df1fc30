import { and, eq } from "drizzle-orm";
import { Resolver, Root, Subscription } from "type-graphql";
import { authenticated, type AuthenticatedContext, type RequestContext } from "../context.js";
import { myMatchNotifications, recordMatchReads } from "../reference-index/service.js";
import { notifications } from "./tables.js";
import { fromMatch, toNotification } from "./service.js";
import { Notification } from "./types.js";

/**
 * The live inbox (docs/decisions/0018). The server (server/subscriptions.ts) gives a socket's
 * operations a feed of the caller's new notifications, each loaded as the caller in a short
 * transaction of its own; this capability only says what one notification is and who owns it.
 */
export interface LiveInbox {
  follow(ctx: AuthenticatedContext): AsyncIterable<Notification>;
}

/** A request over a socket carries the feed; one over HTTP does not. */
export type LiveContext = RequestContext & { liveInbox?: LiveInbox };

/**
 * The caller's own notification with this id, of either table of the one inbox, or null: another's
 * is not theirs to know of. A match records its read of the signals as the inbox query does.
 */
export async function findOwnNotification(ctx: AuthenticatedContext, id: string): Promise<Notification | null> {
  const [row] = await ctx.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.recipientId, ctx.caller.professionalId)));
  if (row) return toNotification(row);
  const [match] = await myMatchNotifications(ctx, false, id);
  if (!match) return null;
  recordMatchReads(ctx, [match]);
  return fromMatch(match);
}

@Resolver()
export class NotificationLiveResolver {
  @Subscription(() => Notification, {
    description: "Each new notification in your inbox, as it arrives (over graphql-ws at /graphql).",
    subscribe: ({ context }) => {
      const ctx = authenticated(context as LiveContext);
      const inbox = (context as LiveContext).liveInbox;
      if (!inbox) throw new Error("A subscription reached without a socket's live inbox.");
      return inbox.follow(ctx);
    },
  })
  notificationAdded(@Root() notification: Notification): Notification {
    return notification;
  }
}
