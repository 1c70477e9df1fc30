import { hostname } from "node:os";
import { sql } from "drizzle-orm";
import type { Db } from "../db/database.js";
import { rowsOf } from "../db/rows.js";

export interface Job {
  name: string;
  /** How long after one run's claim the next is due. */
  everyMs: number;
  run(now: Date): Promise<void>;
}

export interface Scheduler {
  /** Stops claiming, and waits for a run under way to end. */
  stop(): Promise<void>;
}

/** This process among the replicas, as the schedule names it. */
const instance = `${hostname()}:${process.pid}`;

/**
 * Claims a job's run when it is due: one statement that moves the job's next run on, and answers
 * only to the replica whose update went through. Two replicas claiming at once are serialised on
 * the job's row; the second finds the run no longer due. A run that fails (or whose process dies)
 * is tried again at the next interval: every job is idempotent.
 */
export async function claimRun(db: Db, job: Pick<Job, "name" | "everyMs">, now: Date): Promise<boolean> {
  const next = new Date(now.getTime() + job.everyMs);
  const result = await db.execute(sql`
    insert into scheduled_jobs (name, next_run_at, last_claimed_at, last_claimed_by)
    values (${job.name}, ${next.toISOString()}, ${now.toISOString()}, ${instance})
    on conflict (name) do update
      set next_run_at = excluded.next_run_at, last_claimed_at = excluded.last_claimed_at, last_claimed_by = excluded.last_claimed_by
      where scheduled_jobs.next_run_at <= ${now.toISOString()}
    returning name`);
  return rowsOf(result).length === 1;
}

/**
 * Runs the jobs in whichever replica claims each run: at start and every `tickMs` this process
 * claims the runs that are due and runs them one after another. A failure is reported and the
 * job waits for its next interval.
 */
export function startScheduler(
  db: Db,
  jobs: readonly Job[],
  options: { tickMs: number; now: () => Date; onError: (job: string, error: unknown) => void },
): Scheduler {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = (async () => {
      for (const job of jobs) {
        if (stopped) break;
        try {
          const now = options.now();
          if (await claimRun(db, job, now)) await job.run(now);
        } catch (error) {
          options.onError(job.name, error);
        }
      }
    })().finally(() => {
      running = null;
    });
  };
  tick();
  const timer = setInterval(tick, options.tickMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
