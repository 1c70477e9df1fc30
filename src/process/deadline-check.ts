import type { Db } from "../db/database.js";

/**
 * One check of the deadline job (deadlines.ts): it finds what is due or overdue at `now` in
 * every region and puts a notice in the inbox of whoever must act.
 */
export interface DeadlineCheck {
  name: string;
  /** Returns how many notices it raised. */
  run(db: Db, now: Date): Promise<number>;
}
