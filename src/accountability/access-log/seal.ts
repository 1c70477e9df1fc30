import { asc, desc, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/database.js";
import { rowsOf } from "../../db/rows.js";
import { chain, type EntryContent } from "./chain.js";
import { accessLog } from "./tables.js";

// The sequencer's lock: one process at a time seals, whichever of the server's replicas it is.
// Only the sequencer takes it; no request waits for it.
const SEQUENCER_LOCK = 7513;
const BATCH = 1000;

/**
 * Gives entries written since the last seal their place in the chain, oldest first: the next
 * seq, the hash of the entry before, and a hash of their own over what they say as stored (the
 * same form audit:verify reads back). One transaction per batch of up to 1000 entries, under the
 * sequencer's lock: with `wait`, it waits for a replica sealing now; without, it leaves the work
 * to that one. Returns how many entries it sealed.
 */
export async function sealAccessLog(db: Db, options: { wait?: boolean } = {}): Promise<number> {
  let sealed = 0;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      if (options.wait) {
        await tx.execute(sql`select pg_advisory_xact_lock(${SEQUENCER_LOCK})`);
      } else {
        const [lock] = rowsOf<{ locked: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(${SEQUENCER_LOCK}) as locked`));
        if (!lock?.locked) return 0;
      }
      const [head] = await tx
        .select({ seq: accessLog.seq, hash: accessLog.hash })
        .from(accessLog)
        .where(isNotNull(accessLog.seq))
        .orderBy(desc(accessLog.seq))
        .limit(1);
      const waiting = await tx.select().from(accessLog).where(isNull(accessLog.seq)).orderBy(asc(accessLog.id)).limit(BATCH);
      if (waiting.length === 0) return 0;
      const places = chain(head ? { seq: head.seq!, hash: head.hash! } : null, waiting as unknown as EntryContent[]).map((entry, index) => ({
        id: waiting[index]!.id,
        seq: entry.seq,
        prev_hash: entry.prevHash,
        hash: entry.hash,
      }));
      await tx.execute(sql`
        update access_log l set seq = p.seq, prev_hash = p.prev_hash, hash = p.hash
        from jsonb_to_recordset(${JSON.stringify(places)}::jsonb) as p(id bigint, seq bigint, prev_hash text, hash text)
        where l.id = p.id`);
      return waiting.length;
    });
    sealed += batch;
    if (batch < BATCH) return sealed;
  }
}

/** Whether anything waits to be sealed: one index probe (the partial index on unsealed entries). */
async function anythingToSeal(db: Db): Promise<boolean> {
  const rows = await db.select({ id: accessLog.id }).from(accessLog).where(isNull(accessLog.seq)).limit(1);
  return rows.length > 0;
}

export interface Sequencer {
  /** Stops the timer and seals what is left, waiting for another replica if it is sealing. */
  stop(): Promise<void>;
}

/**
 * Runs the sequencer in this process: every `everyMs` it looks for unsealed entries and seals
 * them if no other replica is. Off the request path: a failure (the database away) is logged and
 * tried again on the next tick; the entries are safe in the meantime, only not yet chained.
 */
export function startSequencer(
  db: Db,
  options: { everyMs: number; onError: (error: unknown) => void; onRecovery?: () => void },
): Sequencer {
  let running: Promise<void> | null = null;
  let stopped = false;
  // During an outage every tick fails: report the first failure and the recovery, not each tick.
  let failing = false;
  const tick = () => {
    if (running || stopped) return;
    running = (async () => {
      try {
        if (await anythingToSeal(db)) await sealAccessLog(db);
        if (failing) options.onRecovery?.();
        failing = false;
      } catch (error) {
        if (!failing) options.onError(error);
        failing = true;
      } finally {
        running = null;
      }
    })();
  };
  const timer = setInterval(tick, options.everyMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      try {
        await sealAccessLog(db, { wait: true });
      } catch (error) {
        options.onError(error);
      }
    },
  };
}
