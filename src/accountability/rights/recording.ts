import { writeEntries } from "../access-log/flush.js";
import { WriteLog } from "../access-log/recorder.js";
import { recordWriteAbout } from "../access-log/writes.js";
import type { EntryContent } from "../access-log/chain.js";
import type { RequestContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { serviceUnavailable } from "../../errors.js";
import { errorSummary } from "../../error-summary.js";
import type { Subject } from "./subject.js";

/*
 * The access log of the rights' reads and writes. They are about one person, so they are
 * entries on that person (by the keyed digest of their BSN, as the reference index's are): they
 * appear in that person's log, not in every household member's. The basis names why the actor
 * could ask: the client for themselves, a parent with custody for a child, a professional on the
 * client's behalf (and which of the region's allowances), a decider of a request.
 */
export type RightsBasis =
  | "rights:client-self"
  | "rights:client-legal-custody"
  | `rights:on-behalf:${string}`
  | "rights:decider";

const about = (subject: Pick<Subject, "regionId" | "bsn">) => ({ regionId: subject.regionId, bsn: subject.bsn });

/** A read of the person's data in this request: written with the request's other reads, before the answer is sent. */
export function recordRightsRead(ctx: RequestContext, subject: Pick<Subject, "regionId" | "bsn">, data: string[], basis: RightsBasis): void {
  ctx.access.readAbout(about(subject), "READ", data, basis);
}

/** A write about the person, inside the transaction that makes it. */
export function recordRightsWrite(tx: RequestContext, subject: Pick<Subject, "regionId" | "bsn" | "personId">, data: string[], action: EntryContent["action"] = "WRITE"): void {
  recordWriteAbout(tx, about(subject), { data, personIds: [subject.personId] }, action);
}

/**
 * A client's write as one transaction, as `inTransaction` runs a professional's: its access-log
 * entries are appended inside it, last, and a write that recorded nothing is refused.
 */
export function clientTransaction<T>(ctx: RequestContext, work: (tx: RequestContext) => Promise<T>): Promise<T> {
  return ctx.db.transaction(async (db) => {
    const tx = db as unknown as Db;
    const writes = new WriteLog(ctx.access.operation);
    const txCtx: RequestContext = { ...ctx, db: tx, writes };
    const result = await work(txCtx);
    if (writes.size === 0) throw new Error(`${ctx.access.operation?.name ?? "A client's transaction"} recorded no write for the access log.`);
    try {
      await writeEntries(txCtx, tx, ctx.entitlementsOn(tx), writes.take());
    } catch (error) {
      ctx.log.error({ err: errorSummary(error) }, "access log not written: write refused");
      throw serviceUnavailable();
    }
    return result;
  });
}
