import type { Logger } from "pino";
import { retentionLogEntry } from "../accountability/retention/log.js";
import { runRetention } from "../accountability/retention/run.js";
import { startSequencer } from "../accountability/access-log/seal.js";
import { isoDate } from "../dates.js";
import type { Db } from "../db/database.js";
import { startScheduler, type Job } from "../jobs/scheduler.js";
import { raiseDeadlines } from "../process/deadlines.js";
import { errorSummary } from "../error-summary.js";

export interface Background {
  /** Stops the jobs and seals the access log's last entries: before the pool closes. */
  stop(): Promise<void>;
}

/**
 * What the server does besides answering, in whichever replica claims it (only PostgreSQL is
 * shared): the retention rules every six hours and the deadlines every hour (each run in one
 * replica), and the access log's sequencer (one replica at a time seals).
 */
export function startBackground(db: Db, log: Logger, options: { now?: () => Date; sealEveryMs?: number; tickMs?: number } = {}): Background {
  const now = options.now ?? (() => new Date());
  const jobs: Job[] = [
    {
      name: "retention",
      everyMs: 6 * 3600 * 1000,
      run: async (at) => {
        const report = await runRetention(db, isoDate(at));
        if (report.closedFamilies.failed.length > 0) log.error(retentionLogEntry(report), "retention done, some families not removed");
        else log.info(retentionLogEntry(report), "retention done");
      },
    },
    {
      name: "deadlines",
      everyMs: 3600 * 1000,
      run: async (at) => {
        log.info({ raised: await raiseDeadlines(db, at) }, "deadlines done");
      },
    },
  ];
  const scheduler = startScheduler(db, jobs, {
    tickMs: options.tickMs ?? 60_000,
    now,
    onError: (job, error) => log.error({ job, err: errorSummary(error) }, `${job} failed`),
  });
  const sequencer = startSequencer(db, {
    everyMs: options.sealEveryMs ?? 250,
    onError: (error) => log.warn({ err: errorSummary(error) }, "access log not sealed yet: trying again every tick"),
    onRecovery: () => log.info("access log sealing again"),
  });
  return {
    async stop() {
      await scheduler.stop();
      await sequencer.stop();
    },
  };
}
