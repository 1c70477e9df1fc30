import { asc, gt, isNull, min, count } from "drizzle-orm";
import type { Db } from "../../db/database.js";
import { entryHash, GENESIS, type EntryContent } from "./chain.js";
import { accessLog } from "./tables.js";

export interface Verification {
  /** Entries checked and found whole, up to the first bad one. */
  verified: number;
  /** The first entry that is not what the chain says, and why; null when all hold. */
  firstBad: { seq: number; problem: string } | null;
  /** The last entry: publish it elsewhere, and a removed tail shows too. */
  head: { seq: number; hash: string } | null;
  /** Entries written but not yet sealed into the chain (the sequencer seals them within a second). */
  pending: { entries: number; oldest: Date | null };
}

const BATCH = 2000;

/**
 * Walks the whole chain in order: each entry must carry the next seq, the previous entry's
 * hash, and its own hash over what it says. A changed entry breaks its own hash; a removed one
 * leaves a gap in seq; entries swapped break seq or the previous hash. Entries not yet sealed
 * are counted apart: they have no place in the chain yet (the triggers alone guard them).
 */
export async function verifyAccessLog(db: Db): Promise<Verification> {
  const chainResult = await verifyChain(db);
  const [waiting] = await db.select({ entries: count(), oldest: min(accessLog.occurredAt) }).from(accessLog).where(isNull(accessLog.seq));
  return { ...chainResult, pending: { entries: Number(waiting?.entries ?? 0), oldest: waiting?.oldest ? new Date(waiting.oldest) : null } };
}

async function verifyChain(db: Db): Promise<Omit<Verification, "pending">> {
  let expectedSeq = 1;
  let prevHash = GENESIS;
  let verified = 0;
  let head: Verification["head"] = null;
  for (;;) {
    const rows = await db
      .select()
      .from(accessLog)
      .where(gt(accessLog.seq, expectedSeq - 1))
      .orderBy(asc(accessLog.seq))
      .limit(BATCH);
    for (const row of rows) {
      const problem = problemOf(row, expectedSeq, prevHash);
      if (problem) return { verified, firstBad: { seq: row.seq!, problem }, head };
      verified += 1;
      expectedSeq += 1;
      prevHash = row.hash!;
      head = { seq: row.seq!, hash: row.hash! };
    }
    if (rows.length < BATCH) return { verified, firstBad: null, head };
  }
}

function problemOf(row: typeof accessLog.$inferSelect, expectedSeq: number, prevHash: string): string | null {
  const seq = row.seq!;
  if (seq !== expectedSeq) return `expected entry ${expectedSeq} here: ${seq - expectedSeq} entr${seq - expectedSeq === 1 ? "y is" : "ies are"} missing`;
  if (row.prevHash !== prevHash) return "it does not follow the entry before it (removed, inserted or reordered)";
  const content = row as unknown as EntryContent;
  if (entryHash(seq, row.prevHash, content) !== row.hash) return "its content does not match its hash (changed)";
  return null;
}
