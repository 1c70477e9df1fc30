import { and, eq, isNull } from "drizzle-orm";
import type { AuthenticatedContext } from "../context.js";
import type { Db } from "../db/database.js";
import { affectedRows } from "../db/rows.js";
import { normalizeId } from "../ids.js";
import { markMatchNotificationRead } from "../reference-index/service.js";
import type { MatchNotification } from "../reference-index/types.js";
import { notifications } from "./tables.js";
import type { Notification, NotificationKind } from "./types.js";

type Row = typeof notifications.$inferSelect;

/** Exported for the live inbox (live.ts), which loads one notification per event. */

export const toNotification = (row: Row): Notification => ({
  id: row.id,
  kind: row.kind as NotificationKind,
  familyId: row.familyId,
  actorId: row.actorId,
  subjectId: row.detail.subjectId ?? null,
  reason: row.detail.reason ?? null,
  until: row.detail.until ? new Date(row.detail.until) : null,
  due: row.detail.due ? new Date(row.detail.due) : null,
  match: null,
  createdAt: row.createdAt,
  readAt: row.readAt,
  ownerId: row.recipientId,
});

export interface NotificationEvent {
  kind: NotificationKind;
  familyId: string | null;
  /** The concern, escalation, advice, task or plan it is about. */
  subjectId?: string | null;
  /** Ids and the actor's own reason only: never plan content. */
  detail?: { reason?: string | null; until?: string | null; due?: string | null };
  /** A deadline notice: raised once per recipient and key, however often the job runs. */
  dedupeKey?: string;
}

/**
 * Puts a notification in each recipient's inbox, inside the caller's transaction. The actor is
 * not told of their own act. Returns how many were put (a repeated deadline notice is not).
 */
export async function notify(
  tx: AuthenticatedContext,
  recipientIds: readonly (string | null)[],
  event: NotificationEvent,
): Promise<number> {
  return deliver(tx.db, tx.caller.regionId, tx.caller.professionalId, tx.now(), recipientIds, event);
}

/** The same, for a job without a caller (the deadline job): `actorId` null. */
export async function deliver(
  db: Db,
  regionId: string,
  actorId: string | null,
  now: Date,
  recipientIds: readonly (string | null)[],
  event: NotificationEvent,
): Promise<number> {
  const recipients = [...new Set(recipientIds.filter((id): id is string => id !== null && id !== actorId))];
  if (recipients.length === 0) return 0;
  const detail: Record<string, string | null> = { ...event.detail, subjectId: event.subjectId ?? null };
  // No RETURNING: a client's request may notify of something outside their household (a signal),
  // which its row-level fence lets it write but not read back (drizzle/0011).
  const result = await db
    .insert(notifications)
    .values(
      recipients.map((recipientId) => ({
        regionId,
        recipientId,
        familyId: event.familyId,
        kind: event.kind,
        actorId,
        detail,
        createdAt: now,
        dedupeKey: event.dedupeKey ?? null,
      })),
    )
    .onConflictDoNothing();
  return affectedRows(result);
}

/** Exported for the live inbox (live.ts) and the paged inbox (inbox.ts), as toNotification. */
export const fromMatch = (match: MatchNotification): Notification => ({
  id: match.id,
  kind: "MATCH",
  familyId: null,
  actorId: null,
  subjectId: match.id,
  reason: null,
  until: null,
  due: null,
  match,
  createdAt: match.createdAt,
  readAt: match.readAt,
  ownerId: match.ownerId,
});

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
  if (already) return toNotification(already);
  // Not one of ours: a match in the same inbox, or nothing (NOT_FOUND either way).
  return fromMatch(await markMatchNotificationRead(ctx, rawId));
}
