import type { RequestContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { errorSummary } from "../../error-summary.js";
import { serviceUnavailable } from "../../errors.js";
import { writeEntries } from "./flush.js";
import { WriteLog } from "./recorder.js";
import { WITHOUT_PERSONAL_DATA } from "./writes.js";

/**
 * Runs a mutation as one transaction: a failure leaves nothing half-written. Checks made inside
 * read through the transaction too, so they see the rows it locked and wrote. The access-log
 * entries for its writes are appended inside it, last: they commit or roll back together, and
 * a mutation that records no write (unless it writes no personal data) is refused. A professional's
 * mutation and a client's (a person exercising their rights) run through it alike.
 */
export function inTransaction<C extends RequestContext, T>(ctx: C, work: (tx: C) => Promise<T>): Promise<T> {
  return ctx.db.transaction(async (db) => {
    const tx = db as unknown as Db;
    const operation = ctx.access.operation;
    const writes = new WriteLog(operation);
    const txCtx: C = { ...ctx, db: tx, entitlements: ctx.entitlementsOn(tx), writes };
    const result = await work(txCtx);
    if (writes.size === 0 && !(operation && WITHOUT_PERSONAL_DATA.has(operation.name))) {
      throw new Error(`${operation?.name ?? "A transaction"} recorded no write for the access log.`);
    }
    try {
      await writeEntries(txCtx, tx, txCtx.entitlements, writes.take());
    } catch (error) {
      ctx.log.error({ err: errorSummary(error) }, "access log not written: write refused");
      throw serviceUnavailable();
    }
    return result;
  });
}
