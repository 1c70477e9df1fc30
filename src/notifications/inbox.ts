import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import type { AuthenticatedContext } from "../context.js";
import { readPage, toPage, type Page, type PageArgs } from "../pagination/page.js";
import { professionalScope } from "../pagination/cursor.js";
import { myMatchNotifications, recordMatchReads } from "../reference-index/service.js";
import { fromMatch, toNotification } from "./service.js";
import { notifications } from "./tables.js";
import type { Notification } from "./types.js";

/** The seek key: created at (ISO, ms, as every inbox row is written), then id; newest first. */
export type InboxSeek = { createdAt: Date; id: string } | null;

const newestFirst = (a: Notification, b: Notification) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * The one inbox a page at a time: both tables (this one and the reference index's matches) are
 * read from the seek key with LIMIT size + 1 each, merged in the one order and cut to size + 1.
 */
export async function pageNotifications(ctx: AuthenticatedContext, args: PageArgs, unreadOnly: boolean): Promise<Page<Notification>> {
  const scope = professionalScope(ctx.caller, "notifications");
  const page = readPage(scope, args, 2);
  const seek = page.after ? { createdAt: new Date(page.after[0]!), id: page.after[1]! } : null;
  const rows = await ctx.db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.recipientId, ctx.caller.professionalId),
        unreadOnly ? isNull(notifications.readAt) : undefined,
        seek
          ? or(lt(notifications.createdAt, seek.createdAt), and(eq(notifications.createdAt, seek.createdAt), lt(notifications.id, seek.id)))
          : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(page.size + 1);
  const matches = (await myMatchNotifications(ctx, unreadOnly, undefined, { seek, limit: page.size + 1 })).map(fromMatch);
  const items = [...rows.map(toNotification), ...matches].sort(newestFirst).slice(0, page.size + 1);
  const result = toPage(page, items, (item) => [item.createdAt.toISOString(), item.id]);
  // Only the matches this page shows are read (the one past the page only says there is more).
  recordMatchReads(ctx, result.nodes.flatMap((item) => (item.match ? [item.match] : [])));
  return result;
}
