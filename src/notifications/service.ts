import { and, desc, eq, isNull } from "drizzle-orm";
import type { AuthenticatedContext } from "../context.js";
import { notFound } from "../errors.js";
import { normalizeId } from "../ids.js";
import { notifications } from "./tables.js";
import type { Notification, NotificationKind } from "./types.js";

type Row = typeof notifications.$inferSelect;

const toNotification = (row: Row): Notification => ({
  id: row.id,
  kind: row.kind as NotificationKind,
  familyId: row.familyId,
  actorId: row.actorId,
  reason: row.detail.reason ?? null,
  until: row.detail.until ? new Date(row.detail.until) : null,
  createdAt: row.createdAt,
  readAt: row.readAt,
  ownerId: row.recipientId,
});

/** Puts a notification in each recipient's inbox, inside the caller's transaction. */
export async function notify(
  tx: AuthenticatedContext,
  recipientIds: (string | null)[],
  event: { kind: NotificationKind; familyId: string; detail: Record<string, string | null> },
): Promise<void> {
  const recipients = [...new Set(recipientIds.filter((id): id is string => id !== null && id !== tx.caller.professionalId))];
  if (recipients.length === 0) return;
  await tx.db.insert(notifications).values(
    recipients.map((recipientId) => ({
      regionId: tx.caller.regionId,
      recipientId,
      familyId: event.familyId,
      kind: event.kind,
      actorId: tx.caller.professionalId,
      detail: event.detail,
      createdAt: tx.now(),
    })),
  );
}

export async function listNotifications(ctx: AuthenticatedContext, unreadOnly: boolean): Promise<Notification[]> {
  const rows = await ctx.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.recipientId, ctx.caller.professionalId), unreadOnly ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.createdAt))
    .limit(500);
  return rows.map(toNotification);
}

/** Someone else's notification is NOT_FOUND, exactly like one that does not exist. */
export async function markNotificationRead(ctx: AuthenticatedContext, rawId: string): Promise<Notification> {
  const id = normalizeId(rawId);
  const [row] = id
    ? await ctx.db
        .update(notifications)
        .set({ readAt: ctx.now() })
        .where(and(eq(notifications.id, id), eq(notifications.recipientId, ctx.caller.professionalId), isNull(notifications.readAt)))
        .returning()
    : [];
  if (row) return toNotification(row);
  const [already] = id
    ? await ctx.db.select().from(notifications).where(and(eq(notifications.id, id), eq(notifications.recipientId, ctx.caller.professionalId)))
    : [];
  if (!already) throw notFound("Notification");
  return toNotification(already);
}
