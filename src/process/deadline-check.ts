import type { Db } from "../db/database.js";
import { deliver } from "../notifications/service.js";
import type { NotificationKind } from "../notifications/types.js";

/**
 * One check of the deadline job (deadlines.ts): it finds what is due or overdue at `now` in
 * every region and puts a notice in the inbox of whoever must act.
 */
export interface DeadlineCheck {
  name: string;
  /** Returns how many notices it raised. */
  run(db: Db, now: Date): Promise<number>;
}

/** A deadline that has come: who must act, and the notice they get. */
export interface DeadlineNotice {
  regionId: string;
  recipients: readonly (string | null)[];
  kind: NotificationKind;
  familyId: string;
  /** The record whose deadline it is. */
  subjectId: string;
  /** The deadline, as an ISO moment (a date-only deadline at midnight UTC of that date). */
  due: string;
  /** Names the deadline (the record and its date): a rerun raises nothing, a new date raises anew. */
  dedupeKey: string;
}

/**
 * Delivers one notice per deadline that has come, from no actor (the job itself), and counts the
 * notices raised. Notices name ids and the date only, never plan content.
 */
export async function raiseNotices<Item>(
  db: Db,
  now: Date,
  items: Iterable<Item>,
  noticeOf: (item: Item) => DeadlineNotice | Promise<DeadlineNotice | null> | null,
): Promise<number> {
  let raised = 0;
  for (const item of items) {
    const notice = await noticeOf(item);
    if (!notice) continue;
    const { regionId, recipients, kind, familyId, subjectId, due, dedupeKey } = notice;
    raised += await deliver(db, regionId, null, now, recipients, { kind, familyId, subjectId, detail: { due }, dedupeKey });
  }
  return raised;
}
