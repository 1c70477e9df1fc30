import { and, eq } from "drizzle-orm";
import { Resolver, Root, Subscription } from "type-graphql";
import { authenticated, type AuthenticatedContext, type RequestContext } from "../context.js";
import type { Db } from "../db/database.js";
import { notifications } from "./tables.js";
import { toNotification } from "./service.js";
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

/** The caller's own notification with this id, or null: another's is not theirs to know of. */
export async function findOwnNotification(db: Db, recipientId: string, id: string): Promise<Notification | null> {
  const [row] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.recipientId, recipientId)));
  return row ? toNotification(row) : null;
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
