import { desc, sql } from "drizzle-orm";
import type { Db } from "../../db/database.js";
import { chain, type EntryContent } from "./chain.js";
import { accessLog } from "./tables.js";

// One lock for the whole log: entries are chained one writer at a time, in commit order.
const CHAIN_LOCK = 7513;

/**
 * Appends entries to the chain inside the caller's transaction (`tx` must be one): the lock is
 * held until it commits, so the next writer chains after these, and a rollback takes them along
 * with the write they record.
 */
export async function appendEntries(tx: Db, entries: EntryContent[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
  const [head] = await tx.select({ seq: accessLog.seq, hash: accessLog.hash }).from(accessLog).orderBy(desc(accessLog.seq)).limit(1);
  await tx.insert(accessLog).values(chain(head ?? null, entries));
}
