import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/*
 * The background jobs' schedule, shared by every replica of the server: a replica runs a job
 * only after claiming its run (scheduler.ts), so each run happens in one process, whichever.
 */
export const scheduledJobs = pgTable("scheduled_jobs", {
  name: text("name").primaryKey(),
  // When the next run is due; a claim moves it one interval on.
  nextRunAt: timestamp("next_run_at", { withTimezone: true }).notNull(),
  lastClaimedAt: timestamp("last_claimed_at", { withTimezone: true }),
  // Which replica claimed the last run (host and pid): for an operator reading the table.
  lastClaimedBy: text("last_claimed_by"),
});
